package auth

import (
	"encoding/base32"
	"github.com/pquerna/otp"
	"net/url"
	"strings"
	"testing"
	"time"
)

// RFC 6238 Appendix B test secret: ASCII "12345678901234567890".
var rfcSecret = base32.StdEncoding.EncodeToString([]byte("12345678901234567890"))

// The RFC lists 8-digit SHA-1 codes; a 6-digit code is the same truncated
// value mod 10^6, i.e. the last six digits.
func TestTOTPCodeRFC6238Vectors(t *testing.T) {
	tests := []struct {
		unix int64
		want string
	}{
		{59, "287082"},
		{1111111109, "081804"},
		{1111111111, "050471"},
		{1234567890, "005924"},
		{2000000000, "279037"},
		{20000000000, "353130"},
	}
	for _, tt := range tests {
		got, err := TOTPCode(rfcSecret, time.Unix(tt.unix, 0))
		if err != nil || got != tt.want {
			t.Errorf("TOTPCode at %d = %q, %v; want %q", tt.unix, got, err, tt.want)
		}
		step, ok := CheckTOTP(rfcSecret, tt.want, time.Unix(tt.unix, 0), 0)
		if !ok || step != tt.unix/30 {
			t.Errorf("CheckTOTP at %d = %d, %v; want %d, true", tt.unix, step, ok, tt.unix/30)
		}
	}
}

func TestNewTOTPSecret(t *testing.T) {
	secret, rawURL, err := NewTOTPSecret("Ward", "jo.bloggs@example.gov.uk")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(secret, "=") {
		t.Errorf("secret %q is padded", secret)
	}
	raw, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(secret)
	if err != nil || len(raw) != 20 {
		t.Fatalf("secret %q decodes to %d bytes (%v), want 20", secret, len(raw), err)
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Scheme != "otpauth" || u.Host != "totp" || u.Path != "/Ward:jo.bloggs@example.gov.uk" {
		t.Errorf("unexpected URL %q", rawURL)
	}
	for k, want := range map[string]string{"secret": secret, "issuer": "Ward", "algorithm": "SHA1", "digits": "6", "period": "30"} {
		if got := q.Get(k); got != want {
			t.Errorf("URL %s = %q, want %q", k, got, want)
		}
	}
	// A freshly generated secret works end to end.
	now := time.Now()
	code, err := TOTPCode(secret, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := CheckTOTP(secret, code, now, 0); !ok {
		t.Error("code for a new secret refused")
	}

	other, _, _ := NewTOTPSecret("Ward", "jo.bloggs@example.gov.uk")
	if other == secret {
		t.Error("two secrets are identical")
	}
	for _, bad := range [][2]string{{"", "a@b"}, {"Ward", ""}, {"Ward:Test", "a@b"}, {"Ward", "a:b"}} {
		if _, _, err := NewTOTPSecret(bad[0], bad[1]); err == nil {
			t.Errorf("NewTOTPSecret(%q, %q) succeeded, want error", bad[0], bad[1])
		}
	}
}

func TestCheckTOTPSkew(t *testing.T) {
	const current = int64(56666667)
	now := time.Unix(current*30+15, 0) // middle of the step
	tests := []struct {
		offset int64 // steps from now of the code presented
		wantOK bool
	}{
		{-3, false},
		{-2, false},
		{-1, true},
		{0, true},
		{1, true},
		{2, false},
		{3, false},
	}
	for _, tt := range tests {
		code, err := TOTPCode(rfcSecret, now.Add(time.Duration(tt.offset)*30*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		step, ok := CheckTOTP(rfcSecret, code, now, 0)
		if ok != tt.wantOK {
			t.Errorf("offset %+d: ok = %v, want %v", tt.offset, ok, tt.wantOK)
		}
		if ok && step != current+tt.offset {
			t.Errorf("offset %+d: step = %d, want %d", tt.offset, step, current+tt.offset)
		}
	}
}

// Boundaries are exact: the last second of a step and the first of the next.
func TestCheckTOTPStepBoundary(t *testing.T) {
	const step = int64(56666667)
	endOfStep := time.Unix(step*30+29, 0)
	startOfNext := time.Unix(step*30+30, 0)
	code, _ := TOTPCode(rfcSecret, endOfStep)
	next, _ := TOTPCode(rfcSecret, startOfNext)
	if code == next {
		t.Fatal("adjacent steps share a code; pick another test time")
	}
	if s, ok := CheckTOTP(rfcSecret, code, startOfNext, 0); !ok || s != step {
		t.Errorf("previous step's code at next step start = %d, %v", s, ok)
	}
	if s, ok := CheckTOTP(rfcSecret, next, startOfNext, 0); !ok || s != step+1 {
		t.Errorf("current code = %d, %v", s, ok)
	}
}

func TestCheckTOTPReplay(t *testing.T) {
	const current = int64(56666667)
	now := time.Unix(current*30+15, 0)
	codeNow, _ := TOTPCode(rfcSecret, now)
	codePrev, _ := TOTPCode(rfcSecret, now.Add(-30*time.Second))
	codeNext, _ := TOTPCode(rfcSecret, now.Add(30*time.Second))
	tests := []struct {
		name     string
		code     string
		lastStep int64
		wantOK   bool
	}{
		{"first use", codeNow, 0, true},
		{"same step replayed", codeNow, current, false},
		{"after an older step", codeNow, current - 1, true},
		{"previous step after current used", codePrev, current, false},
		{"previous step after previous used", codePrev, current - 1, false},
		{"next step after current used", codeNext, current, true},
		{"lastStep in the future", codeNext, current + 1, false},
	}
	for _, tt := range tests {
		_, ok := CheckTOTP(rfcSecret, tt.code, now, tt.lastStep)
		if ok != tt.wantOK {
			t.Errorf("%s: ok = %v, want %v", tt.name, ok, tt.wantOK)
		}
	}

	// The flow a caller follows: store the returned step, then the same
	// code is refused even seconds later within the same step.
	step, ok := CheckTOTP(rfcSecret, codeNow, now, 0)
	if !ok {
		t.Fatal("first use refused")
	}
	if _, ok := CheckTOTP(rfcSecret, codeNow, now.Add(5*time.Second), step); ok {
		t.Error("replay within the same step accepted")
	}
}

func TestCheckTOTPInputs(t *testing.T) {
	now := time.Unix(56666667*30+15, 0)
	code, _ := TOTPCode(rfcSecret, now)
	tests := []struct {
		name, secret, code string
		wantOK             bool
	}{
		{"plain", rfcSecret, code, true},
		{"spaces around", rfcSecret, "  " + code + "\t\n", true},
		{"space in middle", rfcSecret, code[:3] + " " + code[3:], true},
		{"secret lower case with spaces", strings.ToLower(rfcSecret[:8] + " " + rfcSecret[8:]), code, true},
		{"secret padded", rfcSecret + "====", code, true},
		{"too short", rfcSecret, code[:5], false},
		{"too long", rfcSecret, code + "0", false},
		{"letters", rfcSecret, "12a456", false},
		{"signed", rfcSecret, "+" + code[1:], false},
		{"fullwidth digits", rfcSecret, "１２３４５６", false},
		{"empty code", rfcSecret, "", false},
		{"empty secret", "", code, false},
		{"secret not base32", "not base32 at all!", code, false},
		// 10 bytes: below the RFC 4226 minimum of 128 bits.
		{"secret too short", base32.StdEncoding.EncodeToString([]byte("0123456789")), code, false},
		{"secret huge", strings.Repeat("A", 100000), code, false},
	}
	for _, tt := range tests {
		if _, ok := CheckTOTP(tt.secret, tt.code, now, 0); ok != tt.wantOK {
			t.Errorf("%s: ok = %v, want %v", tt.name, ok, tt.wantOK)
		}
	}
}

func TestCheckTOTPExtremeTimes(t *testing.T) {
	for _, now := range []time.Time{{}, time.Unix(0, 0), time.Unix(-1, 0), time.Unix(1<<62, 0), time.Unix(-1<<62, 0)} {
		_, _ = CheckTOTP(rfcSecret, "123456", now, 0)
		_, _ = CheckTOTP(rfcSecret, "123456", now, -1<<63)
	}
	if _, err := TOTPCode(rfcSecret, time.Unix(-31, 0)); err == nil {
		t.Error("TOTPCode before 1970 succeeded")
	}
	if _, err := TOTPCode("", time.Now()); err == nil {
		t.Error("TOTPCode with empty secret succeeded")
	}
}

func TestTOTPStep(t *testing.T) {
	for _, tt := range []struct{ unix, want int64 }{
		{0, 0}, {29, 0}, {30, 1}, {59, 1}, {-1, -1}, {-30, -1}, {-31, -2},
	} {
		if got := totpStep(time.Unix(tt.unix, 0)); got != tt.want {
			t.Errorf("totpStep(%d) = %d, want %d", tt.unix, got, tt.want)
		}
	}
}

func FuzzCheckTOTP(f *testing.F) {
	f.Add(rfcSecret, "287082", int64(59), int64(0))
	f.Add(rfcSecret, " 287 082 ", int64(59), int64(1))
	f.Add("", "", int64(0), int64(0))
	f.Add("gezdgnbvgy3tqojq====", "000000", int64(-1), int64(-1<<63))
	f.Add(rfcSecret, "１２３４５６", int64(1<<62), int64(1<<62))
	f.Fuzz(func(t *testing.T, secret, code string, unix, lastStep int64) {
		now := time.Unix(unix, 0)
		step, ok := CheckTOTP(secret, code, now, lastStep)
		if !ok {
			return
		}
		current := totpStep(now)
		if step <= lastStep || step < current-1 || step > current+1 {
			t.Fatalf("accepted step %d with lastStep %d at step %d", step, lastStep, current)
		}
		canonical, err := canonicalTOTPSecret(secret)
		if err != nil {
			t.Fatalf("accepted with an invalid secret: %v", err)
		}
		want, _ := totpCodeAt(canonical, step)
		if strings.Join(strings.Fields(code), "") != want {
			t.Fatalf("accepted %q for step %d whose code is %q", code, step, want)
		}
	})
}

func TestTOTPURLReadsBack(t *testing.T) {
	secret, url, err := NewTOTPSecret("ward", "ann@ashcombe.example")
	if err != nil {
		t.Fatal(err)
	}
	key, err := otp.NewKeyFromURL(url)
	if err != nil {
		t.Fatal(err)
	}
	if key.Secret() != secret || key.Issuer() != "ward" || key.AccountName() != "ann@ashcombe.example" || key.Period() != 30 || key.Digits() != otp.DigitsSix {
		t.Fatalf("otpauth URL reads back as issuer=%q account=%q period=%d digits=%v", key.Issuer(), key.AccountName(), key.Period(), key.Digits())
	}
	if TOTPURL("ward", "ann@ashcombe.example", secret) != url {
		t.Fatal("enrolment page and NewTOTPSecret give different URLs for one secret")
	}
}
