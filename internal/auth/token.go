package auth

import (
	"crypto/rand"
	"encoding/base32"
	"encoding/base64"
	"fmt"
	"strings"
)

const (
	sessionTokenBytes = 32 // 256 bits

	// API tokens look like "ward_" + 40 base32 characters. The fixed prefix
	// lets people, log scrubbers and secret scanners recognise a leaked
	// token at a glance. 25 random bytes encode to exactly 40 characters
	// (200 bits) with no padding or leftover bits.
	apiTokenPrefix   = "ward_"
	apiTokenBytes    = 25
	apiTokenBodyLen  = 40
	apiTokenLen      = len(apiTokenPrefix) + apiTokenBodyLen
	apiTokenShownLen = 12 // "ward_" plus 7 random characters
	apiTokenAlphabet = "abcdefghijklmnopqrstuvwxyz234567"
)

// Lower-case base32: unambiguous in most fonts, safe in URLs, headers and
// shells, and easy to double-click-select as one word.
var apiTokenEncoding = base32.NewEncoding(apiTokenAlphabet).WithPadding(base32.NoPadding)

// NewSessionToken returns a fresh session cookie value: 32 random bytes as
// unpadded base64url. Store HashSecret(token), never the token itself.
func NewSessionToken() (string, error) {
	b := make([]byte, sessionTokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("auth: reading random bytes: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// NewAPIToken returns a new API token, shown to the user once, and its
// prefix (the first 12 characters), which is safe to store and display in
// token listings so people can tell their tokens apart. Store
// HashSecret(token) for authentication; the prefix reveals only 35 of the
// 200 random bits.
func NewAPIToken() (token string, prefix string, err error) {
	b := make([]byte, apiTokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", "", fmt.Errorf("auth: reading random bytes: %w", err)
	}
	token = apiTokenPrefix + apiTokenEncoding.EncodeToString(b)
	return token, token[:apiTokenShownLen], nil
}

// LooksLikeAPIToken reports whether s has the shape of a token from
// NewAPIToken. It is a cheap pre-check (for example to tell an API token
// from a session cookie in an Authorization header, or to skip a database
// lookup for garbage), not authentication.
func LooksLikeAPIToken(s string) bool {
	body, ok := strings.CutPrefix(s, apiTokenPrefix)
	if !ok || len(body) != apiTokenBodyLen {
		return false
	}
	for i := 0; i < len(body); i++ {
		if strings.IndexByte(apiTokenAlphabet, body[i]) < 0 {
			return false
		}
	}
	return true
}
