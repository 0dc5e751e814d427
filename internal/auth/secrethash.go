package auth

import (
	"crypto/sha256"
	"encoding/hex"
)

// HashSecret returns the hex SHA-256 of s, for storing secrets we generated
// ourselves: session tokens, API tokens and recovery codes. The database then
// holds nothing that can be replayed if it leaks, and lookups by hash stay a
// simple indexed equality.
//
// A fast, unsalted hash is the right tool here, unlike for passwords, because
// these secrets are uniformly random rather than chosen by people: session
// tokens carry 256 bits and API tokens 200, far beyond any brute force, so
// argon2's slowness would buy nothing and cost on every request. Recovery
// codes are the weakest at about 50 bits each; that is ample against online
// guessing, which sign-in rate limits and lockout cap, and each code only
// replaces the second factor, so someone holding a stolen database would
// still need to crack the argon2 password hash as well.
//
// Normalise recovery codes with NormaliseRecoveryCode before hashing.
func HashSecret(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
