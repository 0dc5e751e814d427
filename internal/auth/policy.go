package auth

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// Password rules follow NIST SP 800-63B rather than composition rules: a
// decent minimum length, a generous maximum, and a block on passwords that
// attackers try first. Requiring digits or symbols mostly produces
// "Password1!" and sticky notes.
const (
	minPasswordRunes = 12
	// The maximum only stops silly inputs; argon2 copes with any length.
	maxPasswordRunes = 256
)

// Error texts are shown to users as they are, so they are whole sentences.
var (
	errPasswordTooShort  = errors.New("Password must be at least 12 characters")
	errPasswordTooLong   = errors.New("Password must be no more than 256 characters")
	errPasswordBadUTF8   = errors.New("Password contains characters that could not be read; please type it again")
	errPasswordRepeated  = errors.New("Password must not be the same character repeated")
	errPasswordTooCommon = errors.New("Password is too common; please choose something harder to guess")
)

// commonPasswords holds passwords of 12 or more characters that appear near
// the top of public breach lists, plus a few local flavours. Shorter ones are
// already caught by the length rule. Entries are lower case; the check
// ignores case, since "Password1234" is no better than "password1234".
var commonPasswords = map[string]struct{}{
	"password1234":     {},
	"password12345":    {},
	"password123456":   {},
	"passwordpassword": {},
	"p@ssw0rd1234":     {},
	"passw0rd1234":     {},
	"qwertyuiop12":     {},
	"qwertyuiop123":    {},
	"qwertyuiopasdf":   {},
	"qwerty123456":     {},
	"1q2w3e4r5t6y":     {},
	"1qaz2wsx3edc":     {},
	"qazwsxedcrfv":     {},
	"zaq12wsxcde3":     {},
	"123456789012":     {},
	"1234567890123":    {},
	"12345678901234":   {},
	"123456123456":     {},
	"123123123123":     {},
	"abcdefghijkl":     {},
	"abc123abc123":     {},
	"iloveyou1234":     {},
	"letmein12345":     {},
	"welcome12345":     {},
	"changeme1234":     {},
	"administrator":    {},
	"administrator1":   {},
	"admin1234567":     {},
	"football1234":     {},
	"sunshine1234":     {},
	"monkey123456":     {},
	"princess1234":     {},
	"trustno11234":     {},
	"council12345":     {},
}

// CheckPasswordPolicy returns nil if password is acceptable as a new
// password, or an error whose message can be shown to the user as is.
// Length is counted in characters (runes), not bytes, so accented letters
// and other scripts count once each.
func CheckPasswordPolicy(password string) error {
	if !utf8.ValidString(password) {
		return errPasswordBadUTF8
	}
	n := utf8.RuneCountInString(password)
	if n < minPasswordRunes {
		return errPasswordTooShort
	}
	if n > maxPasswordRunes {
		return errPasswordTooLong
	}
	if isOneRepeatedRune(password) {
		return errPasswordRepeated
	}
	if _, found := commonPasswords[strings.ToLower(password)]; found {
		return errPasswordTooCommon
	}
	return nil
}

func isOneRepeatedRune(s string) bool {
	first, _ := utf8.DecodeRuneInString(s)
	for _, r := range s {
		if r != first {
			return false
		}
	}
	return true
}
