package authsvc_test

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
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

// Addresses take turns at the password checks: with one check at a time, a
// flood from one address that holds it and fills its queue is served one of
// its attempts at a time, and another address's attempt goes next, before
// the flood's queued ones. The flood's attempts beyond its queue are turned
// away at once, unhashed.
func TestAddressesTakeTurnsAtPasswordChecks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		w.svc = authsvc.New(st, authsvc.Options{PasswordParams: auth.FastParams, ConcurrentHashes: 1,
			Lockout:  auth.Lockout{Threshold: 100, Base: time.Minute, Max: time.Hour},
			Throttle: authsvc.Throttle{AddressFailures: 100, AccountFailures: 100, AddressWaiting: 3}})
		ann := w.user(t, "ann@ashcombe.example", tenancy.RoleOfficer, "")
		const flood, other = "203.0.113.9", "192.0.2.44"
		started, release := make(chan struct{}), make(chan struct{})
		var calls atomic.Int32
		authsvc.OnVerify(w.svc, func() {
			if calls.Add(1) == 1 {
				close(started)
				<-release
			}
		})
		var mu sync.Mutex
		var order []string
		authsvc.OnSlot(w.svc, func(address string) {
			mu.Lock()
			order = append(order, address)
			mu.Unlock()
		})
		results := make(chan error, 10)
		try := func(email, pw, ip string) {
			go func() {
				_, err := w.svc.SignIn(ctx, email, pw, ip)
				results <- err
			}()
		}
		try("mallory0@elsewhere.example", "guess", flood)
		<-started // the flood holds the only check
		for i := 1; i <= 3; i++ {
			try(fmt.Sprintf("mallory%d@elsewhere.example", i), "guess", flood)
		}
		waitForQueue(t, w.svc, 3)
		before := w.svc.Verifies()
		th := throttled(t, signInErr2(w, "mallory9@elsewhere.example", "guess", flood))
		if th.RetryAfter <= 0 {
			t.Errorf("throttled without a time to retry: %+v", th)
		}
		if w.svc.Verifies() != before {
			t.Error("an attempt beyond the address's queue was hashed")
		}
		var annErr error
		annDone := make(chan struct{})
		go func() {
			_, annErr = w.svc.SignIn(ctx, ann.Email, password, other)
			close(annDone)
		}()
		waitForQueue(t, w.svc, 4)
		close(release)
		<-annDone
		if annErr != nil {
			t.Fatalf("the other address's sign-in: %v", annErr)
		}
		for range 4 {
			refusal(t, <-results)
		}
		mu.Lock()
		got := fmt.Sprint(order)
		mu.Unlock()
		if want := fmt.Sprint([]string{flood, other, flood, flood, flood}); got != want {
			t.Errorf("checks were given in the order %v, want %v (the other address right after the flood's first)", got, want)
		}
		// With its queue drained, the address may try again.
		if _, err := w.svc.SignIn(ctx, ann.Email, password, flood); err != nil {
			t.Fatalf("the address after its attempts ended: %v", err)
		}
	})
}

// waitForQueue waits until n attempts are queued for a password check. It
// waits for a state, not for a time: the test fails by its deadline if the
// queue never fills.
func waitForQueue(t *testing.T, svc *authsvc.Service, n int) {
	t.Helper()
	for authsvc.WaitingForSlot(svc) != n {
		runtime.Gosched()
		time.Sleep(time.Millisecond)
	}
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
