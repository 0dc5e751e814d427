package authsvc

import (
	"errors"
	"fmt"
	"sync"
	"time"
)

// Throttle is how sign-in attempts are paced, per client address and per
// account, before any password is hashed. It is kept in memory, so each
// replica paces the attempts it sees.
type Throttle struct {
	// AddressFailures and AccountFailures are how many refused attempts an
	// address or an account name may make in a row without waiting; after
	// that, each refusal doubles the wait from Backoff up to MaxBackoff.
	AddressFailures, AccountFailures int
	Backoff, MaxBackoff              time.Duration
	// Forget is how long an address or account with no attempts is
	// remembered: its failures count again from nothing after it.
	Forget time.Duration
	// Entries bounds how many addresses and accounts are remembered at once.
	Entries int
	// AddressWaiting is how many attempts from one address may wait for a
	// password check while one of its own is being checked; more are turned
	// away. Addresses take turns at the checks (see Options.ConcurrentHashes).
	AddressWaiting int
}

// DefaultThrottle lets an address make 20 refused attempts and an account
// name 10 (twice the account lock-out's 5) before the next waits 1s, then
// 2s, 4s … up to 5 minutes; both are forgotten after 15 quiet minutes. An
// address may have 3 attempts waiting behind the one being checked (an
// office behind one NAT signing in at nine).
var DefaultThrottle = Throttle{AddressFailures: 20, AccountFailures: 10, Backoff: time.Second, MaxBackoff: 5 * time.Minute,
	Forget: 15 * time.Minute, Entries: 100_000, AddressWaiting: 3}

func (t *Throttle) defaults() {
	d := DefaultThrottle
	if t.AddressFailures == 0 {
		t.AddressFailures = d.AddressFailures
	}
	if t.AccountFailures == 0 {
		t.AccountFailures = d.AccountFailures
	}
	if t.Backoff == 0 {
		t.Backoff = d.Backoff
	}
	if t.MaxBackoff == 0 {
		t.MaxBackoff = d.MaxBackoff
	}
	if t.Forget == 0 {
		t.Forget = d.Forget
	}
	if t.Entries == 0 {
		t.Entries = d.Entries
	}
	if t.AddressWaiting == 0 {
		t.AddressWaiting = d.AddressWaiting
	}
}

// Throttled is an attempt turned away before its password or code was
// checked: its address already has as many attempts running and waiting as
// it may, or its address or account name has failed too often lately. It says nothing of whether the account
// exists; RetryAfter is when to try again.
type Throttled struct {
	RetryAfter time.Duration
}

func (e *Throttled) Error() string {
	return fmt.Sprintf("sign-in throttled: try again in %s", e.RetryAfter)
}

// pacer is the memory behind a Throttle: one entry per address and per
// account name seen lately.
type pacer struct {
	cfg     Throttle
	mu      sync.Mutex
	entries map[string]*pace
}

type pace struct {
	failures  int
	pending   int       // admitted attempts not yet done: the entry must be kept
	notBefore time.Time // no attempt before this
	last      time.Time
}

// attempt is how an admitted attempt ended, as far as pacing is concerned.
type attempt int

const (
	attemptVoid     attempt = iota // never checked (turned away, server fault, gave up): no guess was made
	attemptRefused                 // a guess, refused
	attemptAccepted                // the right password or code
)

// outcome says how an attempt that returned err ended.
func outcome(err error) attempt {
	var refused *Refused
	switch {
	case err == nil:
		return attemptAccepted
	case errors.As(err, &refused):
		return attemptRefused
	}
	return attemptVoid
}

func newPacer(cfg Throttle) *pacer {
	return &pacer{cfg: cfg, entries: map[string]*pace{}}
}

// admit lets an attempt from address on account (a key such as
// "password:NAME") through, or says how long to wait. done must be called
// once with how the attempt ended.
func (p *pacer) admit(address, account string, now time.Time) (done func(attempt, time.Time), wait time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	a, n := p.entry("address:"+address, now), p.entry(account, now)
	for _, e := range []*pace{a, n} {
		if d := e.notBefore.Sub(now); d > wait {
			wait = d
		}
	}
	if wait > 0 {
		return nil, wait
	}
	a.pending++
	n.pending++
	return func(how attempt, now time.Time) {
		p.mu.Lock()
		defer p.mu.Unlock()
		a.pending--
		n.pending--
		a.last, n.last = now, now
		switch how {
		case attemptAccepted:
			*n = pace{last: now, pending: n.pending} // the account's owner is back; its address keeps its count
		case attemptRefused:
			p.fail(a, p.cfg.AddressFailures, now)
			p.fail(n, p.cfg.AccountFailures, now)
		}
	}, 0
}

func (p *pacer) fail(e *pace, free int, now time.Time) {
	e.failures++
	if over := e.failures - free; over >= 0 {
		d := p.cfg.Backoff
		for i := 0; i < over && d < p.cfg.MaxBackoff; i++ {
			d *= 2
		}
		e.notBefore = now.Add(min(d, p.cfg.MaxBackoff))
	}
}

// entry finds or makes the entry for key, forgetting one gone quiet, and
// sweeps the quiet ones out when the map is full.
func (p *pacer) entry(key string, now time.Time) *pace {
	if e, ok := p.entries[key]; ok {
		if e.pending == 0 && now.Sub(e.last) > p.cfg.Forget && !now.Before(e.notBefore) {
			*e = pace{}
		}
		e.last = now
		return e
	}
	if len(p.entries) >= p.cfg.Entries {
		for k, e := range p.entries {
			if e.pending == 0 && !now.Before(e.notBefore) && (now.Sub(e.last) > p.cfg.Forget || e.failures <= 1) {
				delete(p.entries, k)
			}
		}
	}
	e := &pace{last: now}
	if len(p.entries) < p.cfg.Entries {
		p.entries[key] = e
	}
	return e
}
