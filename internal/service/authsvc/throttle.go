package authsvc

import (
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
}

// DefaultThrottle lets an address make 20 refused attempts and an account
// name 10 (twice the account lock-out's 5) before the next waits 1s, then
// 2s, 4s … up to 5 minutes; both are forgotten after 15 quiet minutes.
var DefaultThrottle = Throttle{AddressFailures: 20, AccountFailures: 10, Backoff: time.Second, MaxBackoff: 5 * time.Minute,
	Forget: 15 * time.Minute, Entries: 100_000}

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
}

// Throttled is an attempt turned away before its password was checked: its
// address already has an attempt being checked, or its address or account
// name has failed too often lately. It says nothing of whether the account
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
	inFlight  bool      // an address's attempt is being checked (one at a time)
	notBefore time.Time // no attempt before this
	last      time.Time
}

func newPacer(cfg Throttle) *pacer {
	return &pacer{cfg: cfg, entries: map[string]*pace{}}
}

// admit lets an attempt from address for account through, or says how long
// to wait. An admitted attempt holds its address until done is called with
// whether it was refused.
func (p *pacer) admit(address, account string, now time.Time) (done func(refused bool, now time.Time), wait time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	a, n := p.entry("address:"+address, now), p.entry("account:"+account, now)
	if a.inFlight {
		return nil, time.Second
	}
	for _, e := range []*pace{a, n} {
		if d := e.notBefore.Sub(now); d > wait {
			wait = d
		}
	}
	if wait > 0 {
		return nil, wait
	}
	a.inFlight = true
	return func(refused bool, now time.Time) {
		p.mu.Lock()
		defer p.mu.Unlock()
		a.inFlight = false
		a.last, n.last = now, now
		if !refused {
			*n = pace{last: now} // the account's owner is back; its address keeps its count
			return
		}
		p.fail(a, p.cfg.AddressFailures, now)
		p.fail(n, p.cfg.AccountFailures, now)
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
		if !e.inFlight && now.Sub(e.last) > p.cfg.Forget && !now.Before(e.notBefore) {
			*e = pace{}
		}
		e.last = now
		return e
	}
	if len(p.entries) >= p.cfg.Entries {
		for k, e := range p.entries {
			if !e.inFlight && !now.Before(e.notBefore) && (now.Sub(e.last) > p.cfg.Forget || e.failures <= 1) {
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
