package cli

import (
	"flag"
	"strconv"
	"time"

	"github.com/ward-shared-service/ward/internal/service/authsvc"
)

// signInFlags are ward serve's settings for pacing sign-in attempts, each
// also read from a WARD_SIGNIN_* variable (the flag wins). Read reports a
// variable or flag that is not a number or duration by name, rather than
// quietly taking the default: a mistyped security setting should stop the
// server, not weaken it.
type signInFlags struct {
	addressFailures, accountFailures *int
	backoff, maxBackoff              *time.Duration
	envErr                           error
}

func newSignInFlags(e *env, fs *flag.FlagSet) *signInFlags {
	d := authsvc.DefaultThrottle
	f := &signInFlags{}
	f.addressFailures = fs.Int("signin-address-failures", f.intEnv(e, "WARD_SIGNIN_ADDRESS_FAILURES", d.AddressFailures),
		"refused sign-ins an address may make in a row before it must wait (env WARD_SIGNIN_ADDRESS_FAILURES)")
	f.accountFailures = fs.Int("signin-account-failures", f.intEnv(e, "WARD_SIGNIN_ACCOUNT_FAILURES", d.AccountFailures),
		"refused sign-ins an email may have in a row before the next must wait (env WARD_SIGNIN_ACCOUNT_FAILURES)")
	f.backoff = fs.Duration("signin-backoff", f.durationEnv(e, "WARD_SIGNIN_BACKOFF", d.Backoff),
		"the first wait after those, doubling with each further refusal (env WARD_SIGNIN_BACKOFF)")
	f.maxBackoff = fs.Duration("signin-max-backoff", f.durationEnv(e, "WARD_SIGNIN_MAX_BACKOFF", d.MaxBackoff),
		"the longest wait (env WARD_SIGNIN_MAX_BACKOFF)")
	return f
}

// throttle is the pacing the flags and environment ask for.
func (f *signInFlags) throttle() (authsvc.Throttle, error) {
	if f.envErr != nil {
		return authsvc.Throttle{}, f.envErr
	}
	t := authsvc.DefaultThrottle
	t.AddressFailures, t.AccountFailures, t.Backoff, t.MaxBackoff = *f.addressFailures, *f.accountFailures, *f.backoff, *f.maxBackoff
	switch {
	case t.AddressFailures < 1:
		return t, usagef("--signin-address-failures must be 1 or more, not %d", t.AddressFailures)
	case t.AccountFailures < 1:
		return t, usagef("--signin-account-failures must be 1 or more, not %d", t.AccountFailures)
	case t.Backoff <= 0:
		return t, usagef("--signin-backoff must be a positive duration such as 1s, not %s", t.Backoff)
	case t.MaxBackoff < t.Backoff:
		return t, usagef("--signin-max-backoff %s is shorter than --signin-backoff %s", t.MaxBackoff, t.Backoff)
	}
	return t, nil
}

func (f *signInFlags) intEnv(e *env, name string, def int) int {
	v := e.getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil && f.envErr == nil {
		f.envErr = usagef("%s=%q is not a whole number", name, v)
	}
	return n
}

func (f *signInFlags) durationEnv(e *env, name string, def time.Duration) time.Duration {
	v := e.getenv(name)
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil && f.envErr == nil {
		f.envErr = usagef("%s=%q is not a duration such as 30s or 5m", name, v)
	}
	return d
}
