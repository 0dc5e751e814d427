package auth

import (
	"regexp"
	"strings"
	"testing"
)

func TestNewRecoveryCodes(t *testing.T) {
	format := regexp.MustCompile(`^[` + recoveryAlphabet + `]{5}-[` + recoveryAlphabet + `]{5}$`)
	codes, err := NewRecoveryCodes(10)
	if err != nil {
		t.Fatal(err)
	}
	if len(codes) != 10 {
		t.Fatalf("got %d codes, want 10", len(codes))
	}
	seen := map[string]bool{}
	for _, c := range codes {
		if !format.MatchString(c) {
			t.Errorf("code %q is not xxxxx-xxxxx from the alphabet", c)
		}
		if strings.ContainsAny(c, "0o1li") {
			t.Errorf("code %q contains an ambiguous character", c)
		}
		if seen[c] {
			t.Errorf("duplicate code %q", c)
		}
		seen[c] = true
	}
	for _, n := range []int{0, -1, 101} {
		if _, err := NewRecoveryCodes(n); err == nil {
			t.Errorf("NewRecoveryCodes(%d) succeeded", n)
		}
	}
}

func TestRecoveryAlphabet(t *testing.T) {
	if len(recoveryAlphabet) != 31 {
		t.Errorf("alphabet has %d symbols, want 31", len(recoveryAlphabet))
	}
	seen := map[rune]bool{}
	for _, r := range recoveryAlphabet {
		if seen[r] {
			t.Errorf("duplicate symbol %q", r)
		}
		seen[r] = true
	}
}

func TestNormaliseRecoveryCode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"abcde-fghjk", "abcdefghjk"},
		{"ABCDE-FGHJK", "abcdefghjk"},
		{" abcde fghjk ", "abcdefghjk"},
		{"abc-de-fg hjk\t", "abcdefghjk"},
		{"abcdefghjk", "abcdefghjk"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := NormaliseRecoveryCode(tt.in); got != tt.want {
			t.Errorf("NormaliseRecoveryCode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// What the user is shown, normalised, is what gets hashed and matched.
	codes, _ := NewRecoveryCodes(1)
	typed := strings.ToUpper(strings.ReplaceAll(codes[0], "-", " "))
	if HashSecret(NormaliseRecoveryCode(typed)) != HashSecret(NormaliseRecoveryCode(codes[0])) {
		t.Error("typed code does not normalise to the issued one")
	}
}

// Rejection sampling should give every symbol a fair share; a modulo bias
// or an off-by-one in the alphabet would show up as a missing or lopsided
// symbol.
func TestRandomStringCoversAlphabet(t *testing.T) {
	s, err := randomString(recoveryAlphabet, 31*200)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[rune]int{}
	for _, r := range s {
		counts[r]++
	}
	for _, r := range recoveryAlphabet {
		if c := counts[r]; c < 100 || c > 320 {
			t.Errorf("symbol %q drawn %d times out of %d, expected about 200", r, c, len(s))
		}
	}
	if len(counts) != len(recoveryAlphabet) {
		t.Errorf("drew %d distinct symbols, want %d", len(counts), len(recoveryAlphabet))
	}
}
