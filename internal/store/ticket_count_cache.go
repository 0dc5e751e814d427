package store

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// The ticket list shows how many tickets its filter matches. Counting reads
// up to ten thousand index entries a council, the largest cost of a list
// page after the rows, and the answer changes only when tickets are
// written; so counts are kept, keyed by the councils and filter, until this
// store next writes a ticket. Another process writing to the same database
// (a `ward import` beside `ward serve`) is not seen that way, so a count is
// also kept no longer than countTTL.
const (
	countTTL     = 30 * time.Second
	countEntries = 512
)

type countEntry struct {
	n    int
	more bool
	gen  int64
	at   time.Time
}

type countCache struct {
	gen     atomic.Int64 // bumped by every ticket write
	mu      sync.Mutex
	entries map[string]countEntry
}

// ticketWrites marks a transaction's context with what it has written
// (writeMarks), so its commit invalidates what was kept of them.
type ticketWrites struct{}

// writeMarks is what a transaction has written that the store keeps
// answers about: tickets (the list's counts) and the desk's settings
// (calendars and SLA policies, which the desk keeps compiled).
type writeMarks struct{ tickets, settings atomic.Bool }

// noteWrite invalidates what is kept about the tables a statement writes:
// at once, and again when its transaction commits, since a read between
// the two would still see the old rows.
func (s *Store) noteWrite(ctx context.Context, query string) {
	if isSelect(query) {
		return
	}
	tickets, settings := strings.Contains(query, "ticket"), writesSettings(query)
	if !tickets && !settings {
		return
	}
	marks, _ := ctx.Value(ticketWrites{}).(*writeMarks)
	if tickets {
		s.counts.gen.Add(1)
		if marks != nil {
			marks.tickets.Store(true)
		}
	}
	if settings {
		s.settingsGen.Add(1)
		if marks != nil {
			marks.settings.Store(true)
		}
	}
}

// committed invalidates, as a transaction ends, what it wrote.
func (s *Store) committed(marks *writeMarks) {
	if marks.tickets.Load() {
		s.counts.gen.Add(1)
	}
	if marks.settings.Load() {
		s.settingsGen.Add(1)
	}
}

func writesSettings(query string) bool {
	return strings.Contains(query, "calendars") || strings.Contains(query, "sla_policies")
}

// SettingsGeneration changes whenever this store writes a calendar or an
// SLA policy, so what is compiled from them can be kept until it does.
func (s *Store) SettingsGeneration() int64 { return s.settingsGen.Load() }

func (c *countCache) get(key string, now time.Time) (countEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok || e.gen != c.gen.Load() || now.Sub(e.at) > countTTL {
		return e, false
	}
	return e, true
}

func (c *countCache) put(key string, e countEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || len(c.entries) >= countEntries {
		c.entries = make(map[string]countEntry)
	}
	c.entries[key] = e
}

// countKey names a count: the councils read, the filter without its order,
// cursor and page size (which do not change the count), and the ceiling.
func countKey(orgs []int64, f TicketFilter, ceiling int) string {
	f.Sort, f.Cursor, f.Limit = "", nil, 0
	return fmt.Sprintf("%v|%d|%#v", orgs, ceiling, f)
}
