package web

import (
	"strings"
	"testing"
)

// FuzzSafeNext: whatever a link says, a post-sign-in redirect stays on ward.
func FuzzSafeNext(f *testing.F) {
	for _, seed := range []string{"/", "/orgs", "//evil.example", "/\\evil.example", "https://evil.example", "", "/admin/users?x=1"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, next string) {
		got := safeNext(next)
		if !strings.HasPrefix(got, "/") || strings.HasPrefix(got, "//") || strings.HasPrefix(got, "/\\") {
			t.Fatalf("safeNext(%q) = %q leaves ward", next, got)
		}
	})
}

func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{"/orgs/ashcombe": "/orgs/ashcombe", "//evil.example/x": "/", "https://evil.example": "/", "/\\evil": "/", "": "/"} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}
