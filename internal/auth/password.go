package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"fmt"

	"golang.org/x/crypto/argon2"
)

// Params are the argon2id cost settings. They are written into every hash
// (see phc.go), so changing the defaults never breaks existing hashes; it
// only makes NeedsRehash report true for them.
type Params struct {
	Memory      uint32 // KiB
	Iterations  uint32
	Parallelism uint8
	SaltLen     uint32 // bytes
	KeyLen      uint32 // bytes
}

// DefaultParams follow the second recommended option of RFC 9106 §4
// (64 MiB, 3 passes), with two lanes rather than four to suit the small
// shared VMs Ward runs on. Roughly tens of milliseconds per hash.
var DefaultParams = Params{Memory: 64 * 1024, Iterations: 3, Parallelism: 2, SaltLen: 16, KeyLen: 32}

// FastParams are deliberately weak. They exist so tests and demo-scale
// seeding of many accounts finish quickly. Never use them for real users'
// passwords.
var FastParams = Params{Memory: 8 * 1024, Iterations: 1, Parallelism: 1, SaltLen: 16, KeyLen: 32}

// HashPassword derives an argon2id hash of password with a fresh random salt
// and returns it as a PHC string, e.g.
// $argon2id$v=19$m=65536,t=3,p=2$<salt>$<hash>.
// Password policy is not checked here; see CheckPasswordPolicy.
func HashPassword(password string, p Params) (string, error) {
	if err := p.validate(); err != nil {
		return "", fmt.Errorf("auth: invalid argon2 parameters: %w", err)
	}
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("auth: reading random salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, p.Iterations, p.Memory, p.Parallelism, p.KeyLen)
	return encodeHash(p, salt, key), nil
}

// VerifyPassword reports whether password matches the PHC-encoded hash.
// The cost parameters come from the encoded string itself, so hashes made
// under older defaults keep working. A non-nil error means only that the
// encoding is malformed or its parameters are out of bounds (which is how a
// tampered hash trying to make us burn memory or CPU shows up); a wrong
// password is (false, nil).
func VerifyPassword(password, encoded string) (ok bool, err error) {
	h, err := decodeHash(encoded)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(password), h.salt, h.params.Iterations, h.params.Memory, h.params.Parallelism, h.params.KeyLen)
	// Constant time so the comparison leaks nothing about how close a guess
	// came to the stored key.
	return subtle.ConstantTimeCompare(got, h.key) == 1, nil
}

// NeedsRehash reports whether encoded was made with anything other than p
// (including salt and key length), or cannot be parsed. Callers rehash on a
// successful sign-in, the only time the plaintext is available, so raising
// the defaults upgrades accounts gradually.
func NeedsRehash(encoded string, p Params) bool {
	h, err := decodeHash(encoded)
	if err != nil {
		return true
	}
	return h.params != p
}

// DummyVerify does the work of one VerifyPassword against a DefaultParams
// hash and throws the result away. Call it when the email address is unknown
// (or the account has no password) so the response takes as long as a real
// check and its timing doesn't reveal which accounts exist.
//
// It matches the cost of DefaultParams, so accounts still carrying hashes
// made under older parameters will differ in timing until they are rehashed.
func DummyVerify() {
	p := DefaultParams
	// The salt and key are all zeros: nothing will match, which is the point.
	// Going through the full encode/decode path keeps the cost identical to a
	// real verification, parsing included.
	encoded := encodeHash(p, make([]byte, p.SaltLen), make([]byte, p.KeyLen))
	_, _ = VerifyPassword("ward-dummy-password", encoded)
}
