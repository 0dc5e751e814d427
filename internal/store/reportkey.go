package store

import (
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
)

// The report key packs, into one integer a ticket, everything the SLA
// report counts except the category and the month: reading a million of
// these from an index and adding them up in Go is several times faster on
// SQLite than asking the database to group a million wide rows.
//
//	bits  0–31  resolution time in whole working minutes (capped)
//	bits 32–34  priority (1–4)
//	bits 35–37  channel (see channelCodes; 0 for none or unknown)
//	bit  38     resolved
//	bit  39     resolved within the resolution target
//	bit  40     a request (an incident when clear)
//	bit  41     first response within its target
//	bit  42     first response target missed (late, or still awaited past it)
//
// A ticket whose response clock still runs within its target has neither
// bit 41 nor 42: it is counted for response once it has met or missed.
// Migration 032 set bits 40–42 on tickets measured before they existed.
const (
	keyMinutesMask    = 1<<32 - 1
	keyPriority       = 32
	keyChannel        = 35
	keyResolved       = 38
	keyWithin         = 39
	keyRequest        = 40
	keyResponseMet    = 41
	keyResponseMissed = 42
	keyHistogramBits  = keyRequest - keyPriority // where the type sits in a priority read shifted down
)

var channelCodes = map[desk.Channel]int64{desk.Portal: 1, desk.Email: 2, desk.Phone: 3, desk.WalkUp: 4, desk.Monitoring: 5}

var channelNames = func() map[int64]desk.Channel {
	m := map[int64]desk.Channel{}
	for c, code := range channelCodes {
		m[code] = c
	}
	return m
}()

func reportKey(t *Ticket) int64 {
	minutes := int64(t.SLA.Resolution.Used / time.Minute)
	minutes = min(max(minutes, 0), keyMinutesMask)
	key := minutes | int64(t.Priority&7)<<keyPriority | channelCodes[t.Channel]<<keyChannel
	if !t.ResolvedAt.IsZero() {
		key |= 1 << keyResolved
		if t.SLA.Resolution.Used <= t.SLA.Resolution.Target {
			key |= 1 << keyWithin
		}
	}
	if t.Type == desk.Request {
		key |= 1 << keyRequest
	}
	switch t.SLA.Response.Status {
	case desk.Met:
		key |= 1 << keyResponseMet
	case desk.Breached:
		key |= 1 << keyResponseMissed
	}
	return key
}

// unpackedKey is a report key read back.
type unpackedKey struct {
	minutes  int64
	priority desk.Priority
	channel  desk.Channel
	resolved bool
	within   bool
	request  bool
	// responseMet and responseMissed are both false while the response
	// clock runs within its target.
	responseMet, responseMissed bool
}

// histogram names the resolution-minutes histogram a ticket counts in: one
// per type and priority.
func (k unpackedKey) histogram() int { return histogramOf(k.priority, k.request) }

func histogramOf(p desk.Priority, request bool) int {
	if request {
		return int(p) | 8
	}
	return int(p)
}

func unpackKey(k int64) unpackedKey {
	return unpackedKey{
		minutes:  k & keyMinutesMask,
		priority: desk.Priority(k >> keyPriority & 7),
		channel:  channelNames[k>>keyChannel&7],
		resolved: k>>keyResolved&1 == 1,
		within:   k>>keyWithin&1 == 1,
		request:  k>>keyRequest&1 == 1,

		responseMet:    k>>keyResponseMet&1 == 1,
		responseMissed: k>>keyResponseMissed&1 == 1,
	}
}
