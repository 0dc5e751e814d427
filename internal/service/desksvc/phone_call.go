package desksvc

import (
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/store"
)

// maxCallText is the most kept of an agent's or a queue's name.
const maxCallText = 200

func clip(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > maxCallText {
		s = strings.ToValidUTF8(s[:maxCallText], "")
	}
	return s
}

// advanceCall moves a call's life on by one event: queued, answered,
// transferred, abandoned, ended. The first answer counts, so a transfer's
// second answer does not reset the queue time; a call that ends without
// ever being answered was abandoned, as older phone systems, which send no
// call.abandoned, report it.
func advanceCall(c *store.PhoneCall, ev PhoneEvent) {
	if c.Queue == "" || ev.Event == CallStarted || ev.Event == CallQueued {
		if ev.Queue != "" {
			c.Queue = ev.Queue
		}
	}
	if c.QueuedAt.IsZero() || ((ev.Event == CallStarted || ev.Event == CallQueued) && ev.At.Before(c.QueuedAt)) {
		c.QueuedAt = ev.At
	}
	switch ev.Event {
	case CallStarted, CallQueued:
		if c.State == "" {
			c.State = store.CallQueued
		}
	case CallAnswered:
		if c.AnsweredAt.IsZero() && c.AbandonedAt.IsZero() {
			c.AnsweredAt = notBefore(ev.At, c.QueuedAt)
			if ev.Agent != "" {
				c.Agent = ev.Agent
			}
			c.State = store.CallAnswered
		}
	case CallTransferred:
		if c.AnsweredAt.IsZero() {
			c.AnsweredAt = notBefore(ev.At, c.QueuedAt) // a transfer means someone took the call
			c.Agent = ev.Agent
		}
		if c.TransferredAt.IsZero() {
			c.TransferredAt = notBefore(ev.At, c.AnsweredAt)
		}
		c.State = store.CallTransferred
	case CallAbandoned:
		if c.AnsweredAt.IsZero() {
			c.AbandonedAt = notBefore(ev.At, c.QueuedAt)
			c.State = store.CallAbandoned
		}
	case CallEnded:
		if c.AnsweredAt.IsZero() && c.AbandonedAt.IsZero() {
			c.AbandonedAt = notBefore(ev.At, c.QueuedAt)
		}
		c.EndedAt = notBefore(ev.At, c.QueuedAt)
		c.State = store.CallEnded
		if c.AnsweredAt.IsZero() {
			c.State = store.CallAbandoned
		}
	}
	if c.State == "" {
		c.State = store.CallQueued
	}
}

func notBefore(t, floor time.Time) time.Time {
	if t.Before(floor) {
		return floor
	}
	return t
}
