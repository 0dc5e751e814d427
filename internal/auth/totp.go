package auth

import (
	"crypto/subtle"
	"encoding/base32"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"
	"github.com/pquerna/otp/totp"
)

// TOTP settings are fixed at what every mainstream authenticator app
// supports (RFC 6238 defaults): HMAC-SHA1, 6 digits, 30-second steps.
// Anything fancier silently fails in some apps.
const (
	totpPeriod      = 30 // seconds
	totpDigits      = otp.DigitsSix
	totpAlgorithm   = otp.AlgorithmSHA1
	totpSecretBytes = 20 // 160 bits, the length RFC 4226 §4 recommends
	// RFC 4226 §4 requires at least 128 bits of shared secret. The upper
	// bound only stops absurd input from costing anything.
	minTOTPSecretBytes = 16
	maxTOTPSecretBytes = 128
)

var b32NoPad = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewTOTPSecret creates a random 20-byte secret for a new authenticator
// enrolment. It returns the secret in base32 without padding (for storage and
// for users who type it in) and the otpauth:// URL to show as a QR code.
// issuer is what the app shows as the service name; account is usually the
// user's email address.
func NewTOTPSecret(issuer, account string) (secret string, otpauthURL string, err error) {
	// Apps split the label "issuer:account" on the colon, so a colon in
	// either part would be displayed wrongly.
	if strings.Contains(issuer, ":") || strings.Contains(account, ":") {
		return "", "", errors.New("auth: TOTP issuer and account must not contain ':'")
	}
	key, err := totp.Generate(totp.GenerateOpts{
		Issuer:      issuer,
		AccountName: account,
		Period:      totpPeriod,
		SecretSize:  totpSecretBytes,
		Digits:      totpDigits,
		Algorithm:   totpAlgorithm,
	})
	if err != nil {
		return "", "", fmt.Errorf("auth: generating TOTP secret: %w", err)
	}
	return key.Secret(), TOTPURL(issuer, account, key.Secret()), nil
}

// TOTPURL is the otpauth:// URI an authenticator app reads from a QR code,
// for a secret made by NewTOTPSecret.
func TOTPURL(issuer, account, secret string) string {
	q := url.Values{}
	q.Set("secret", secret)
	q.Set("issuer", issuer)
	q.Set("algorithm", totpAlgorithm.String())
	q.Set("digits", totpDigits.String())
	q.Set("period", strconv.Itoa(totpPeriod))
	u := url.URL{Scheme: "otpauth", Host: "totp", Path: "/" + issuer + ":" + account, RawQuery: q.Encode()}
	return u.String()
}

// TOTPCode returns the code an authenticator app would show at time t. Ward
// itself only checks codes; this exists for tests and the demo harness.
func TOTPCode(secret string, t time.Time) (string, error) {
	canonical, err := canonicalTOTPSecret(secret)
	if err != nil {
		return "", err
	}
	step := totpStep(t)
	if step < 0 {
		return "", errors.New("auth: TOTP time is before 1970")
	}
	return totpCodeAt(canonical, step)
}

// CheckTOTP reports whether code is valid for secret at time now, and if so
// which 30-second step it matched. Codes from one step either side of now are
// accepted to allow for phone clocks that drift a little.
//
// Replay protection: a step at or before lastStep is refused, so a code that
// has been used once (or an older one) cannot be used again. The caller must
// store the returned step as the new lastStep after a successful check; pass
// 0 when the factor has never been used.
//
// Malformed input of any kind (bad secret, non-digits, wrong length) is
// simply (0, false). Spaces are ignored anywhere in the code, since apps
// display codes as "123 456" and people copy them that way.
func CheckTOTP(secret, code string, now time.Time, lastStep int64) (step int64, ok bool) {
	code = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, code)
	if len(code) != totpDigits.Length() || !isASCIIDigits(code) {
		return 0, false
	}
	canonical, err := canonicalTOTPSecret(secret)
	if err != nil {
		return 0, false
	}

	current := totpStep(now)
	// Look at every candidate rather than stopping at the first match. If two
	// adjacent steps happen to share a code (one chance in a million), keeping
	// the later step means the caller's lastStep closes off both.
	for s := current - 1; s <= current+1; s++ {
		if s < 0 || s <= lastStep {
			continue
		}
		want, err := totpCodeAt(canonical, s)
		if err != nil {
			continue
		}
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			step, ok = s, true
		}
	}
	return step, ok
}

// totpStep is the RFC 6238 time counter, floor(unix / 30). Integer floor
// division keeps it exact for any time.Time, unlike a float division.
func totpStep(t time.Time) int64 {
	u := t.Unix()
	s := u / totpPeriod
	if u%totpPeriod < 0 {
		s--
	}
	return s
}

func totpCodeAt(canonicalSecret string, step int64) (string, error) {
	return hotp.GenerateCodeCustom(canonicalSecret, uint64(step), hotp.ValidateOpts{
		Digits:    totpDigits,
		Algorithm: totpAlgorithm,
	})
}

// canonicalTOTPSecret accepts a base32 secret as users or apps might write
// it (lower case, spaces, with or without padding), checks its length, and
// returns it as upper-case unpadded base32. We check it ourselves because the
// library would happily use an empty key.
func canonicalTOTPSecret(secret string) (string, error) {
	s := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToUpper(r)
	}, secret)
	s = strings.TrimRight(s, "=")
	if len(s) > b32NoPad.EncodedLen(maxTOTPSecretBytes) {
		return "", errors.New("auth: TOTP secret is too long")
	}
	raw, err := b32NoPad.DecodeString(s)
	if err != nil {
		return "", errors.New("auth: TOTP secret is not valid base32")
	}
	if len(raw) < minTOTPSecretBytes {
		return "", fmt.Errorf("auth: TOTP secret is shorter than %d bytes", minTOTPSecretBytes)
	}
	return b32NoPad.EncodeToString(raw), nil
}

func isASCIIDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
