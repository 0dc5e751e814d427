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
//	bits 27–62  queued at, in Unix seconds
const (
	keyQueueMask    = 1<<24 - 1
	keyAnswered     = 24
	keyAbandoned    = 25
	keyTransferred  = 26
	keyQueuedShift  = 27
	maxQueueSeconds = keyQueueMask
)

// CallTimes is what a call's figures are worked out from: when it joined
// the queue, and when it was answered, transferred or given up. A zero time
// has not happened.
type CallTimes struct {
	Queued, Answered, Transferred, Abandoned time.Time
}

// Call is one call's figures, read back from its key.
type Call struct {
	Queued       time.Time
	QueueSeconds int64 // to the answer or the hang-up; 0 while still queued
	Answered     bool
	Abandoned    bool
	Transferred  bool
}

// Waited reports whether the call's queue time is known: it was answered
// or given up, rather than still waiting.
func (c Call) Waited() bool { return c.Answered || c.Abandoned }

// CallKey packs a call's times. A call answered is never abandoned; the
// queue time runs to the answer, or to the hang-up, in whole seconds.
func CallKey(t CallTimes) int64 {
	k := t.Queued.Unix() << keyQueuedShift
	var end time.Time
	switch {
	case !t.Answered.IsZero():
		k |= 1 << keyAnswered
		end = t.Answered
		if !t.Transferred.IsZero() {
			k |= 1 << keyTransferred
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

// KeyForInstant is the smallest key of a call queued at or after t: keys
// sort as their queue times do.
func KeyForInstant(t time.Time) int64 { return t.Unix() << keyQueuedShift }

// UnpackCall reads a call key back.
func UnpackCall(k int64) Call {
	return Call{
		Queued:       time.Unix(k>>keyQueuedShift, 0).UTC(),
		QueueSeconds: k & keyQueueMask,
		Answered:     k>>keyAnswered&1 == 1,
		Abandoned:    k>>keyAbandoned&1 == 1,
		Transferred:  k>>keyTransferred&1 == 1,
	}
}
