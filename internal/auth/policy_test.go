package auth

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCheckPasswordPolicy(t *testing.T) {
	tests := []struct {
		name     string
		password string
		wantErr  string // "" means accepted
	}{
		{"empty", "", "Password must be at least 12 characters"},
		{"11 chars", "abcdefghjk1", "Password must be at least 12 characters"},
		{"12 chars", "plum tractor", ""},
		// 6 runes but 12 bytes: length is counted in characters.
		{"short multibyte", "éééééé", "Password must be at least 12 characters"},
		{"12 multibyte", "ŵyŵyŵyŵyŵyŵy", ""},
		{"256 chars", strings.Repeat("ab", 128), ""},
		{"257 chars", strings.Repeat("ab", 128) + "c", "Password must be no more than 256 characters"},
		{"one char repeated", "aaaaaaaaaaaa", "Password must not be the same character repeated"},
		{"spaces repeated", strings.Repeat(" ", 20), "Password must not be the same character repeated"},
		{"multibyte repeated", strings.Repeat("ŵ", 12), "Password must not be the same character repeated"},
		{"common", "password1234", "Password is too common; please choose something harder to guess"},
		{"common any case", "QwertyUIOP12", "Password is too common; please choose something harder to guess"},
		{"common keyboard walk", "1qaz2wsx3edc", "Password is too common; please choose something harder to guess"},
		{"invalid utf8", "abcdefghijk\xff", "Password contains characters that could not be read; please type it again"},
		{"passphrase", "council bins wednesday", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckPasswordPolicy(tt.password)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("rejected: %v", err)
			case tt.wantErr != "" && err == nil:
				t.Errorf("accepted, want %q", tt.wantErr)
			case tt.wantErr != "" && err.Error() != tt.wantErr:
				t.Errorf("error %q, want %q", err, tt.wantErr)
			}
		})
	}
}

// Every listed password must be one the length rule alone would let through,
// stored in the lower case the lookup uses; otherwise the entry is dead weight.
func TestCommonPasswordsListIsUseful(t *testing.T) {
	if len(commonPasswords) < 30 {
		t.Errorf("only %d common passwords listed", len(commonPasswords))
	}
	for pw := range commonPasswords {
		if n := utf8.RuneCountInString(pw); n < minPasswordRunes || n > maxPasswordRunes {
			t.Errorf("%q (%d chars) is already rejected by length", pw, n)
		}
		if pw != strings.ToLower(pw) {
			t.Errorf("%q is not lower case, so it can never match", pw)
		}
		if err := CheckPasswordPolicy(pw); err != errPasswordTooCommon {
			t.Errorf("CheckPasswordPolicy(%q) = %v, want the too-common error", pw, err)
		}
	}
}
