package report

import "time"

// A call key packs, into one integer a call, everything the telephony
// figures count except who answered: the store keeps it beside the queue
// time in one narrow index, so a year's million calls are read as a million
// integers rather than a million rows (the SLA report's report_key does the
// same for tickets).
//
//	bits  0–23  seconds in the queue, to the answer or the hang-up (capped)
//	bit  24     answered
//	bit  25     abandoned (hung up, or ended, before an answer)
//	bit  26     transferred after the answer
//	bit  27     answered, with a ticket
//	bit  28     a first-time fix (see CallFix.Fixed)
//	bits 29–62  queued at, in Unix seconds
//
// The queue time is in the top bits, so keys sort as the calls were
// queued: the report reads a period as one range of an index on
// (org_id, figure_key), which is an index on the org and the time queued
// whose entries are a third the size of one on a timestamp column. Bits 27
// and 28 depend on the ticket as well as the call, so the store works them
// out again whenever the call or its ticket changes.
const (
	keyQueueMask    = 1<<24 - 1
	keyAnswered     = 24
	keyAbandoned    = 25
	keyTransferred  = 26
	keyTicketed     = 27
	keyFixed        = 28
	keyQueuedShift  = 29
	keyQueuedMask   = 1<<34 - 1
	maxQueueSeconds = keyQueueMask
)

// CallTimes is what a call's figures are worked out from: when it joined
// the queue, and when it was answered, transferred or given up. A zero time
// has not happened.
type CallTimes struct {
	Queued, Answered, Transferred, Abandoned time.Time
	Ticketed                                 bool // the call has a ticket
	Fixed                                    bool // and the first-time fix rule holds
}

// Call is one call's figures, read back from its key.
type Call struct {
	Queued       time.Time
	QueueSeconds int64 // to the answer or the hang-up; 0 while still queued
	Answered     bool
	Abandoned    bool
	Transferred  bool
	Ticketed     bool // answered, with a ticket
	Fixed        bool // a first-time fix
}

// Waited reports whether the call's queue time is known: it was answered
// or given up, rather than still waiting.
func (c Call) Waited() bool { return c.Answered || c.Abandoned }

// CallKey packs a call's times. A call answered is never abandoned; the
// queue time runs to the answer, or to the hang-up, in whole seconds.
func CallKey(t CallTimes) int64 {
	k := (t.Queued.Unix() & keyQueuedMask) << keyQueuedShift
	var end time.Time
	switch {
	case !t.Answered.IsZero():
		k |= 1 << keyAnswered
		end = t.Answered
		if !t.Transferred.IsZero() {
			k |= 1 << keyTransferred
		}
		if t.Ticketed {
			k |= 1 << keyTicketed
			if t.Fixed {
				k |= 1 << keyFixed
			}
		}
	case !t.Abandoned.IsZero():
		k |= 1 << keyAbandoned
		end = t.Abandoned
	}
	if !end.IsZero() {
		secs := int64(end.Sub(t.Queued) / time.Second)
		k |= min(max(secs, 0), maxQueueSeconds)
	}
	return k
}

// KeyAt is the smallest key of a call queued at or after t, to the whole
// second: a period [from, to) is the keys [KeyAt(from), KeyAt(to)).
func KeyAt(t time.Time) int64 {
	sec := t.Unix()
	if t.Nanosecond() > 0 {
		sec++
	}
	return (sec & keyQueuedMask) << keyQueuedShift
}

// UnpackCall reads a call key back.
func UnpackCall(k int64) Call {
	return Call{
		Queued:       time.Unix(k>>keyQueuedShift&keyQueuedMask, 0).UTC(),
		QueueSeconds: k & keyQueueMask,
		Answered:     k>>keyAnswered&1 == 1,
		Abandoned:    k>>keyAbandoned&1 == 1,
		Transferred:  k>>keyTransferred&1 == 1,
		Ticketed:     k>>keyTicketed&1 == 1,
		Fixed:        k>>keyFixed&1 == 1,
	}
}
