package auth

import (
	"encoding/base64"
	"strings"
	"testing"
)

func TestNewSessionToken(t *testing.T) {
	a, err := NewSessionToken()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := base64.RawURLEncoding.DecodeString(a)
	if err != nil || len(raw) != 32 {
		t.Fatalf("token %q decodes to %d bytes (%v), want 32", a, len(raw), err)
	}
	if len(a) != 43 || strings.ContainsAny(a, "=+/") {
		t.Errorf("token %q is not unpadded base64url", a)
	}
	if b, _ := NewSessionToken(); a == b {
		t.Error("two session tokens are identical")
	}
}

func TestNewAPIToken(t *testing.T) {
	token, prefix, err := NewAPIToken()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(token, "ward_") || len(token) != 45 {
		t.Errorf("token %q: want ward_ + 40 characters", token)
	}
	if prefix != token[:12] {
		t.Errorf("prefix %q is not the first 12 characters of %q", prefix, token)
	}
	if !LooksLikeAPIToken(token) {
		t.Errorf("LooksLikeAPIToken(%q) = false", token)
	}
	if raw, err := apiTokenEncoding.DecodeString(token[5:]); err != nil || len(raw)*8 < 200 {
		t.Errorf("token body carries %d bits (%v), want at least 200", len(raw)*8, err)
	}
	if other, _, _ := NewAPIToken(); other == token {
		t.Error("two API tokens are identical")
	}
}

func TestLooksLikeAPIToken(t *testing.T) {
	good := "ward_" + strings.Repeat("a2", 20)
	tests := []struct {
		in   string
		want bool
	}{
		{good, true},
		{"ward_" + strings.Repeat("z7", 20), true},
		{"", false},
		{"ward_", false},
		{good[:44], false},
		{good + "a", false},
		{"WARD_" + good[5:], false},
		{"ward-" + good[5:], false},
		{"ward_" + strings.Repeat("A2", 20), false}, // upper case
		{"ward_" + strings.Repeat("a1", 20), false}, // 1 is not base32
		{"ward_" + strings.Repeat("a0", 20), false},
		{"ward_" + strings.Repeat("a8", 20), false},
		{"ward_" + strings.Repeat("a=", 20), false},
		{"bearer " + good, false},
	}
	for _, tt := range tests {
		if got := LooksLikeAPIToken(tt.in); got != tt.want {
			t.Errorf("LooksLikeAPIToken(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	// A session token never looks like an API token.
	s, _ := NewSessionToken()
	if LooksLikeAPIToken(s) {
		t.Errorf("session token %q looks like an API token", s)
	}
}
