package accountsvc

import (
	"testing"

	"github.com/ward-shared-service/ward/internal/auth"
)

func TestGeneratedPasswordsMeetThePolicyAndDiffer(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 200; i++ {
		pw, err := GeneratePassword()
		if err != nil {
			t.Fatal(err)
		}
		if err := auth.CheckPasswordPolicy(pw); err != nil {
			t.Fatalf("generated %q fails the policy: %v", pw, err)
		}
		if seen[pw] {
			t.Fatalf("generated %q twice", pw)
		}
		seen[pw] = true
	}
}
