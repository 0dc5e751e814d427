package auth

import "testing"

func TestHashSecret(t *testing.T) {
	// FIPS 180-2 SHA-256 test vector.
	const want = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
	if got := HashSecret("abc"); got != want {
		t.Errorf("HashSecret(abc) = %s, want %s", got, want)
	}
	if HashSecret("abcdefghjk") == HashSecret("abcdefghjm") {
		t.Error("different secrets hash the same")
	}
}
