package auth

import (
	"strings"
	"testing"
)

func TestHashPasswordDefaultParamsFormat(t *testing.T) {
	enc, err := HashPassword("correct horse battery staple", DefaultParams)
	if err != nil {
		t.Fatal(err)
	}
	const prefix = "$argon2id$v=19$m=65536,t=3,p=2$"
	if !strings.HasPrefix(enc, prefix) {
		t.Fatalf("hash %q does not start with %q", enc, prefix)
	}
	parts := strings.Split(enc, "$")
	// 16-byte salt and 32-byte key in unpadded base64.
	if len(parts[4]) != 22 || len(parts[5]) != 43 || strings.Contains(parts[4]+parts[5], "=") {
		t.Errorf("salt/hash encoding lengths %d/%d, want 22/43 without padding", len(parts[4]), len(parts[5]))
	}
	ok, err := VerifyPassword("correct horse battery staple", enc)
	if err != nil || !ok {
		t.Fatalf("VerifyPassword(right password) = %v, %v; want true, nil", ok, err)
	}
	if NeedsRehash(enc, DefaultParams) {
		t.Error("NeedsRehash reports true for a hash made with the same params")
	}
}

func TestVerifyPassword(t *testing.T) {
	enc, err := HashPassword("right password 1", FastParams)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		password string
		want     bool
	}{
		{"right password 1", true},
		{"right password 2", false},
		{"Right password 1", false},
		{"right password 1 ", false},
		{"", false},
	}
	for _, tt := range tests {
		ok, err := VerifyPassword(tt.password, enc)
		if err != nil {
			t.Errorf("VerifyPassword(%q): unexpected error %v", tt.password, err)
		}
		if ok != tt.want {
			t.Errorf("VerifyPassword(%q) = %v, want %v", tt.password, ok, tt.want)
		}
	}
}

// The example hash from the argon2 reference implementation (phc-winner-argon2):
// password "password", salt "somesalt", t=2, m=64 MiB, p=1. Verifying it
// shows our format and parameter handling interoperate with other tools.
func TestVerifyPasswordReferenceVector(t *testing.T) {
	const ref = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"
	if ok, err := VerifyPassword("password", ref); err != nil || !ok {
		t.Fatalf("reference hash: got %v, %v; want true, nil", ok, err)
	}
	if ok, err := VerifyPassword("passwore", ref); err != nil || ok {
		t.Fatalf("reference hash, wrong password: got %v, %v; want false, nil", ok, err)
	}
	// Params are read from the string, including the 8-byte salt.
	want := Params{Memory: 65536, Iterations: 2, Parallelism: 1, SaltLen: 8, KeyLen: 32}
	if NeedsRehash(ref, want) {
		t.Error("NeedsRehash(ref, its own params) = true")
	}
}

func TestParamsRoundTrip(t *testing.T) {
	for _, p := range []Params{
		FastParams,
		{Memory: 16, Iterations: 2, Parallelism: 2, SaltLen: 8, KeyLen: 16},
		{Memory: 12 * 1024, Iterations: 4, Parallelism: 3, SaltLen: 24, KeyLen: 64},
	} {
		enc, err := HashPassword("round trip", p)
		if err != nil {
			t.Fatalf("%+v: %v", p, err)
		}
		h, err := decodeHash(enc)
		if err != nil {
			t.Fatalf("%+v: decode: %v", p, err)
		}
		if h.params != p {
			t.Errorf("params round trip: got %+v, want %+v", h.params, p)
		}
		if ok, err := VerifyPassword("round trip", enc); !ok || err != nil {
			t.Errorf("%+v: VerifyPassword = %v, %v", p, ok, err)
		}
	}
}

func TestHashPasswordSaltsDiffer(t *testing.T) {
	a, _ := HashPassword("same password", FastParams)
	b, _ := HashPassword("same password", FastParams)
	if a == b {
		t.Error("two hashes of the same password are identical; salt is not random")
	}
}

func TestHashPasswordRejectsBadParams(t *testing.T) {
	for _, p := range []Params{
		{},
		{Memory: 8 * 1024, Iterations: 0, Parallelism: 1, SaltLen: 16, KeyLen: 32},
		{Memory: 8 * 1024, Iterations: 1, Parallelism: 0, SaltLen: 16, KeyLen: 32},
		{Memory: 7, Iterations: 1, Parallelism: 1, SaltLen: 16, KeyLen: 32},
		{Memory: 2 << 20, Iterations: 1, Parallelism: 1, SaltLen: 16, KeyLen: 32},
		{Memory: 8 * 1024, Iterations: 21, Parallelism: 1, SaltLen: 16, KeyLen: 32},
		{Memory: 8 * 1024, Iterations: 1, Parallelism: 1, SaltLen: 4, KeyLen: 32},
		{Memory: 8 * 1024, Iterations: 1, Parallelism: 1, SaltLen: 16, KeyLen: 8},
		{Memory: 8 * 1024, Iterations: 1, Parallelism: 1, SaltLen: 16, KeyLen: 2048},
	} {
		if enc, err := HashPassword("x", p); err == nil {
			t.Errorf("HashPassword with %+v succeeded (%q), want error", p, enc)
		}
	}
}

func TestVerifyPasswordMalformed(t *testing.T) {
	good, err := HashPassword("pw", FastParams)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(good, "$")
	salt, key := parts[4], parts[5]
	with := func(alg, ver, costs, s, k string) string {
		return strings.Join([]string{"", alg, ver, costs, s, k}, "$")
	}
	tests := []struct {
		name, encoded, wantInErr string
	}{
		{"empty", "", "fields"},
		{"garbage", "not a hash", "fields"},
		{"bcrypt", "$2b$12$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui", "fields"},
		{"argon2i", with("argon2i", "v=19", "m=8192,t=1,p=1", salt, key), "algorithm"},
		{"old version", with("argon2id", "v=16", "m=8192,t=1,p=1", salt, key), "version"},
		{"no version", "$argon2id$m=8192,t=1,p=1$" + salt + "$" + key, "fields"},
		{"extra field", good + "$x", "fields"},
		{"costs reordered", with("argon2id", "v=19", "t=1,m=8192,p=1", salt, key), "cost"},
		{"costs missing", with("argon2id", "v=19", "m=8192,t=1", salt, key), "cost"},
		{"cost negative", with("argon2id", "v=19", "m=-8192,t=1,p=1", salt, key), "cost m"},
		{"cost leading zero", with("argon2id", "v=19", "m=08192,t=1,p=1", salt, key), "leading zero"},
		{"cost overflow", with("argon2id", "v=19", "m=99999999999,t=1,p=1", salt, key), "cost m"},
		{"cost 2^32", with("argon2id", "v=19", "m=4294967296,t=1,p=1", salt, key), "out of range"},
		{"memory 2 GiB", with("argon2id", "v=19", "m=2097152,t=1,p=1", salt, key), "memory"},
		{"memory too small", with("argon2id", "v=19", "m=7,t=1,p=1", salt, key), "memory"},
		{"iterations 0", with("argon2id", "v=19", "m=8192,t=0,p=1", salt, key), "iterations"},
		{"iterations 1000", with("argon2id", "v=19", "m=8192,t=1000,p=1", salt, key), "iterations"},
		{"parallelism 0", with("argon2id", "v=19", "m=8192,t=1,p=0", salt, key), "parallelism"},
		{"parallelism 256", with("argon2id", "v=19", "m=8192,t=1,p=256", salt, key), "parallelism"},
		{"parallelism 4294967295", with("argon2id", "v=19", "m=8192,t=1,p=4294967295", salt, key), "parallelism"},
		{"salt padded", with("argon2id", "v=19", "m=8192,t=1,p=1", salt+"==", key), "salt"},
		{"salt not base64", with("argon2id", "v=19", "m=8192,t=1,p=1", "!!!!", key), "salt"},
		{"salt too short", with("argon2id", "v=19", "m=8192,t=1,p=1", "YWJj", key), "salt length"},
		{"hash empty", with("argon2id", "v=19", "m=8192,t=1,p=1", salt, ""), "key length"},
		{"hash truncated", with("argon2id", "v=19", "m=8192,t=1,p=1", salt, key[:12]), "key length"},
		{"hash too long", with("argon2id", "v=19", "m=8192,t=1,p=1", salt, strings.Repeat("A", 1400)), "key length"},
		{"huge input", "$argon2id$" + strings.Repeat("x", 1<<20), "too long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, err := VerifyPassword("pw", tt.encoded)
			if err == nil || ok {
				t.Fatalf("VerifyPassword = %v, %v; want false and an error", ok, err)
			}
			if !strings.Contains(err.Error(), "malformed password hash") || !strings.Contains(err.Error(), tt.wantInErr) {
				t.Errorf("error %q should mention %q", err, tt.wantInErr)
			}
			if !NeedsRehash(tt.encoded, FastParams) {
				t.Error("NeedsRehash on a malformed hash = false, want true")
			}
		})
	}
}

// A well-formed hash whose key bytes were altered must fail to verify,
// not error: it is indistinguishable from a wrong password.
func TestVerifyPasswordTamperedKey(t *testing.T) {
	enc, _ := HashPassword("pw", FastParams)
	parts := strings.Split(enc, "$")
	k := []byte(parts[5])
	k[0] ^= 'A' ^ 'B'
	if k[0] == parts[5][0] {
		k[0] = 'C'
	}
	parts[5] = string(k)
	tampered := strings.Join(parts, "$")
	ok, err := VerifyPassword("pw", tampered)
	if ok {
		t.Fatal("tampered hash verified")
	}
	if err != nil && !strings.Contains(err.Error(), "malformed") {
		t.Fatalf("unexpected error: %v", err)
	}
}

func TestNeedsRehash(t *testing.T) {
	fast, _ := HashPassword("pw", FastParams)
	tests := []struct {
		name string
		p    Params
		want bool
	}{
		{"same", FastParams, false},
		{"default", DefaultParams, true},
		{"more memory", Params{Memory: 16 * 1024, Iterations: 1, Parallelism: 1, SaltLen: 16, KeyLen: 32}, true},
		{"more iterations", Params{Memory: 8 * 1024, Iterations: 2, Parallelism: 1, SaltLen: 16, KeyLen: 32}, true},
		{"more lanes", Params{Memory: 8 * 1024, Iterations: 1, Parallelism: 2, SaltLen: 16, KeyLen: 32}, true},
		{"longer salt", Params{Memory: 8 * 1024, Iterations: 1, Parallelism: 1, SaltLen: 32, KeyLen: 32}, true},
		{"longer key", Params{Memory: 8 * 1024, Iterations: 1, Parallelism: 1, SaltLen: 16, KeyLen: 64}, true},
	}
	for _, tt := range tests {
		if got := NeedsRehash(fast, tt.p); got != tt.want {
			t.Errorf("%s: NeedsRehash = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// DummyVerify must do the work of a real verify with DefaultParams; its cost
// is measured by BenchmarkDummyVerify beside BenchmarkVerifyPassword rather
// than asserted on a clock here.
func TestDummyVerifyUsesDefaultCost(t *testing.T) {
	p := DefaultParams
	if _, err := decodeHash(encodeHash(p, make([]byte, p.SaltLen), make([]byte, p.KeyLen))); err != nil {
		t.Fatalf("dummy hash does not parse, so DummyVerify would return at once: %v", err)
	}
}

func BenchmarkDummyVerify(b *testing.B) {
	for b.Loop() {
		DummyVerify()
	}
}

func BenchmarkVerifyPassword(b *testing.B) {
	h, _ := HashPassword("correct horse battery staple", DefaultParams)
	for b.Loop() {
		_, _ = VerifyPassword("wrong horse battery staple", h)
	}
}

func BenchmarkHashPassword(b *testing.B) {
	for b.Loop() {
		if _, err := HashPassword("correct horse battery staple", DefaultParams); err != nil {
			b.Fatal(err)
		}
	}
}

func FuzzVerifyPassword(f *testing.F) {
	good, err := HashPassword("pw", FastParams)
	if err != nil {
		f.Fatal(err)
	}
	f.Add("pw", good)
	f.Add("pw", "$argon2id$v=19$m=16,t=1,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc")
	f.Add("", "")
	f.Add("x", "$argon2id$v=19$m=,t=,p=$$")
	f.Add("x", "$$$$$")
	f.Fuzz(func(t *testing.T, password, encoded string) {
		h, decErr := decodeHash(encoded)
		// Structurally valid but expensive inputs (up to 1 GiB × 20 passes)
		// are legal and would make the fuzzer crawl; their behaviour is
		// covered by the unit tests. Everything else runs in full.
		if decErr == nil && uint64(h.params.Memory)*uint64(h.params.Iterations) > 64*1024 {
			t.Skip("valid but expensive parameters")
		}
		ok, err := VerifyPassword(password, encoded)
		if (err == nil) != (decErr == nil) {
			t.Fatalf("VerifyPassword err %v disagrees with decodeHash err %v", err, decErr)
		}
		if err != nil && ok {
			t.Fatal("ok with an error")
		}
		if decErr == nil {
			// Parsing is strict, so every accepted string is the canonical
			// encoding of what it parsed to.
			if again := encodeHash(h.params, h.salt, h.key); again != encoded {
				t.Fatalf("re-encoding %q gave %q", encoded, again)
			}
		}
		_ = NeedsRehash(encoded, DefaultParams)
	})
}
