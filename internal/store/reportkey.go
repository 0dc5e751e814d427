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
const (
	keyMinutesMask = 1<<32 - 1
	keyPriority    = 32
	keyChannel     = 35
	keyResolved    = 38
	keyWithin      = 39
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
	return key
}

// unpackedKey is a report key read back.
type unpackedKey struct {
	minutes  int64
	priority desk.Priority
	channel  desk.Channel
	resolved bool
	within   bool
}

func unpackKey(k int64) unpackedKey {
	return unpackedKey{
		minutes:  k & keyMinutesMask,
		priority: desk.Priority(k >> keyPriority & 7),
		channel:  channelNames[k>>keyChannel&7],
		resolved: k>>keyResolved&1 == 1,
		within:   k>>keyWithin&1 == 1,
	}
}
