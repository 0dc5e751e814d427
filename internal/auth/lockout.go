package auth

import "time"

// Lockout is the schedule for refusing sign-in attempts after repeated
// failures. Up to Threshold-1 failures cost nothing, so a user who mistypes
// a few times is never slowed down; after that each further failure doubles
// the wait, so password guessing against one account becomes hopeless
// quickly while a locked-out user is never kept out for more than Max.
type Lockout struct {
	Threshold int
	Base, Max time.Duration
}

// DefaultLockout locks for 30s at the fifth consecutive failure, then 1m,
// 2m, 4m and so on, never more than an hour.
var DefaultLockout = Lockout{Threshold: 5, Base: 30 * time.Second, Max: time.Hour}

// After returns the time until which sign-in should be refused, given the
// number of consecutive failures so far (including the one just made). It
// returns the zero time when failures < Threshold, meaning no lockout.
// Otherwise the wait is Base·2^(failures−Threshold), capped at Max. A
// non-positive Max means no cap beyond the largest time.Duration.
func (l Lockout) After(failures int, now time.Time) (lockedUntil time.Time) {
	if failures < l.Threshold {
		return time.Time{}
	}
	return now.Add(l.delay(failures - l.Threshold))
}

// delay computes Base·2^doublings by repeated doubling, stopping as soon as
// the cap is reached. That avoids both overflowing shifts for huge failure
// counts (an attacker controls how many failures there are) and looping
// more than about 63 times.
func (l Lockout) delay(doublings int) time.Duration {
	limit := l.Max
	if limit <= 0 {
		limit = time.Duration(1<<63 - 1)
	}
	d := l.Base
	if d <= 0 {
		return 0
	}
	for i := 0; i < doublings && d < limit; i++ {
		if d > limit/2 {
			d = limit
			break
		}
		d *= 2
	}
	return min(d, limit)
}
