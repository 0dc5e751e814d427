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

// ticketWrites marks a transaction's context; set when the transaction
// writes a ticket, so its commit invalidates the counts.
type ticketWrites struct{}

// noteWrite invalidates the counts when a statement writes tickets (or
// their events): at once, and again when its transaction commits, since a
// count read between the two would still see the old rows.
func (s *Store) noteWrite(ctx context.Context, query string) {
	if !writesTickets(query) {
		return
	}
	s.counts.gen.Add(1)
	if w, ok := ctx.Value(ticketWrites{}).(*atomic.Bool); ok {
		w.Store(true)
	}
}

// writesTickets is whether a statement may change tickets: any statement
// other than a plain SELECT that names a ticket table. Erring towards yes
// only costs a recount.
func writesTickets(query string) bool {
	return !isSelect(query) && strings.Contains(query, "ticket")
}

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
