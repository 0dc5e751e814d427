package authsvc_test

import (
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/service/authsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

func throttled(t *testing.T, err error) *authsvc.Throttled {
	t.Helper()
	var th *authsvc.Throttled
	if !errors.As(err, &th) {
		t.Fatalf("want the attempt throttled, got %v", err)
	}
	return th
}

// An unknown account, a wrong password and a locked account each cost one
// password check, and a locked account refuses the right password too.
func TestLockedAndUnknownAccountsTakeTheVerifyPath(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		w.user(t, "ann@ashcombe.example", tenancy.RoleOfficer, "")
		checks := func(email, pw string) (*authsvc.Refused, int64) {
			before := w.svc.Verifies()
			r := refusal(t, signInErr(w, email, pw))
			return r, w.svc.Verifies() - before
		}
		if r, n := checks("nobody@ashcombe.example", password); r.Outcome != "unknown" || n != 1 {
			t.Errorf("unknown account: %+v after %d password checks, want unknown after 1", r, n)
		}
		for range 3 {
			if r, n := checks("ann@ashcombe.example", "wrong"); r.Outcome != "failed" || n != 1 {
				t.Fatalf("wrong password: %+v after %d password checks, want failed after 1", r, n)
			}
		}
		for _, pw := range []string{password, "wrong"} {
			if r, n := checks("ann@ashcombe.example", pw); r.Outcome != "locked" || n != 1 {
				t.Errorf("locked account: %+v after %d password checks, want locked after 1", r, n)
			}
		}
	})
}

// While one attempt from an address is being checked, another from the same
// address is turned away at once, unhashed; another address is not held up.
func TestThrottleGivesAnAddressOneHashAtATime(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		ann := w.user(t, "ann@ashcombe.example", tenancy.RoleOfficer, "")
		started, release := make(chan struct{}), make(chan struct{})
		var calls atomic.Int32
		authsvc.OnVerify(w.svc, func() {
			if calls.Add(1) == 1 {
				close(started)
				<-release
			}
		})
		first := make(chan error, 1)
		go func() {
			_, err := w.svc.SignIn(ctx, "mallory@elsewhere.example", "guess", "203.0.113.9")
			first <- err
		}()
		<-started
		before := w.svc.Verifies()
		th := throttled(t, signInErr2(w, "someone@ashcombe.example", "guess", "203.0.113.9"))
		if th.RetryAfter <= 0 {
			t.Errorf("throttled without a time to retry: %+v", th)
		}
		if w.svc.Verifies() != before {
			t.Error("a throttled attempt was hashed")
		}
		// Another address signs in while the first is still held.
		if u, err := w.svc.SignIn(ctx, ann.Email, password, "192.0.2.44"); err != nil || u.ID != ann.ID {
			t.Fatalf("another address while the first is busy: %v", err)
		}
		close(release)
		if r := refusal(t, <-first); r.Outcome != "unknown" {
			t.Errorf("the held attempt: %+v", r)
		}
		// Once its attempt is done, the address may try again.
		if _, err := w.svc.SignIn(ctx, ann.Email, password, "203.0.113.9"); err != nil {
			t.Fatalf("the address after its attempt ended: %v", err)
		}
	})
}

// An address that keeps failing waits longer each time, whichever accounts it
// tries; so does an account name, known or not, whichever address tries it.
// Neither stops other people signing in.
func TestThrottleBacksOffAnAddressAndAnAccountName(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		w.svc = authsvc.New(st, authsvc.Options{PasswordParams: auth.FastParams,
			Lockout:  auth.Lockout{Threshold: 100, Base: time.Minute, Max: time.Hour},
			Throttle: authsvc.Throttle{AddressFailures: 3, AccountFailures: 2, Backoff: time.Minute, MaxBackoff: 4 * time.Minute}})
		ann := w.user(t, "ann@ashcombe.example", tenancy.RoleOfficer, "")
		bob := w.user(t, "bob@ashcombe.example", tenancy.RoleOfficer, "")
		const flood = "198.51.100.7"
		for _, email := range []string{"a@x.example", "b@x.example", "c@x.example"} {
			refusal(t, signInErr2(w, email, "guess", flood))
		}
		before := w.svc.Verifies()
		if th := throttled(t, signInErr2(w, ann.Email, password, flood)); th.RetryAfter != time.Minute {
			t.Errorf("after 3 failures the address waits %s, want 1m", th.RetryAfter)
		}
		if w.svc.Verifies() != before {
			t.Error("a throttled attempt was hashed")
		}
		if u, err := w.svc.SignIn(ctx, ann.Email, password, "192.0.2.1"); err != nil || u.ID != ann.ID {
			t.Fatalf("another address during the flood: %v", err)
		}
		w.now = w.now.Add(time.Minute)
		refusal(t, signInErr2(w, "d@x.example", "guess", flood))
		if th := throttled(t, signInErr2(w, "e@x.example", "guess", flood)); th.RetryAfter != 2*time.Minute {
			t.Errorf("the next failure makes the address wait %s, want 2m", th.RetryAfter)
		}

		// An account name, known or unknown, from many addresses: the same
		// answers in the same order.
		for _, email := range []string{bob.Email, "nobody@ashcombe.example"} {
			refusal(t, signInErr2(w, email, "guess", "192.0.2.10"))
			refusal(t, signInErr2(w, email, "guess", "192.0.2.11"))
			if th := throttled(t, signInErr2(w, email, password, "192.0.2.12")); th.RetryAfter != time.Minute {
				t.Errorf("%s after 2 failures waits %s, want 1m", email, th.RetryAfter)
			}
		}
		w.now = w.now.Add(time.Minute)
		if _, err := w.svc.SignIn(ctx, bob.Email, password, "192.0.2.12"); err != nil {
			t.Fatalf("bob once the wait is over: %v", err)
		}
		// His sign-in cleared the name's count: one more failure does not wait.
		refusal(t, signInErr2(w, bob.Email, "guess", "192.0.2.13"))
		refusal(t, signInErr2(w, bob.Email, "guess", "192.0.2.13"))
	})
}

func signInErr2(w *world, email, pw, ip string) error {
	_, err := w.svc.SignIn(ctx, email, pw, ip)
	return err
}
