package auth

import (
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// recoveryAlphabet is lower-case letters and digits minus the ones people
// misread when copying from paper or a screen: 0/o, 1/l/i. 31 symbols, so a
// 10-character code carries about 49.5 bits.
const recoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789"

const (
	recoveryCodeLen  = 10
	maxRecoveryCodes = 100
)

// NewRecoveryCodes returns n distinct single-use recovery codes formatted
// for display as "xxxxx-xxxxx". Store only HashSecret(NormaliseRecoveryCode(c))
// for each.
func NewRecoveryCodes(n int) ([]string, error) {
	if n < 1 || n > maxRecoveryCodes {
		return nil, fmt.Errorf("auth: number of recovery codes must be between 1 and %d", maxRecoveryCodes)
	}
	codes := make([]string, 0, n)
	seen := make(map[string]bool, n)
	for len(codes) < n {
		raw, err := randomString(recoveryAlphabet, recoveryCodeLen)
		if err != nil {
			return nil, err
		}
		// A repeat is astronomically unlikely, but two identical codes would
		// be one code shown twice, so make sure.
		if seen[raw] {
			continue
		}
		seen[raw] = true
		codes = append(codes, raw[:5]+"-"+raw[5:])
	}
	return codes, nil
}

// NormaliseRecoveryCode turns whatever the user typed into the form that was
// hashed: lower case, without spaces or hyphens. "ABCDE-FGHJK" and
// "abcde fghjk" both become "abcdefghjk".
func NormaliseRecoveryCode(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
}

// randomString returns n symbols drawn uniformly from alphabet (at most 256
// symbols). It uses rejection sampling: bytes that would make some symbols
// more likely than others (the top 256 mod len(alphabet) values) are drawn
// again rather than folded in with a modulo.
func randomString(alphabet string, n int) (string, error) {
	if len(alphabet) == 0 || len(alphabet) > 256 {
		return "", errors.New("auth: alphabet must have 1 to 256 symbols")
	}
	limit := 256 - 256%len(alphabet)
	out := make([]byte, 0, n)
	buf := make([]byte, n+n/4+8)
	for len(out) < n {
		if _, err := rand.Read(buf); err != nil {
			return "", fmt.Errorf("auth: reading random bytes: %w", err)
		}
		for _, b := range buf {
			if int(b) < limit && len(out) < n {
				out = append(out, alphabet[int(b)%len(alphabet)])
			}
		}
	}
	return string(out), nil
}
