package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// A write that moves one ticket within its month shifts that month's
// rollup by the ticket's old and new contribution, in the write's
// transaction, instead of marking the month stale: the live month, where
// the desk writes all day, then stays current, and the report reads a
// rollup rather than a month of tickets. Bulk writes (imports) and writes
// that move a ticket to another month still mark months stale.

// shiftBatchLimit is the largest batch of new tickets added to current
// rollups one by one; larger batches mark their months stale instead.
const shiftBatchLimit = 20

// contribution is what one ticket adds to its month's tally.
type contribution struct {
	key      int64
	category string
}

// counted reduces a contribution to what the tally keeps: the minutes
// count only for resolved tickets.
func (c contribution) counted() contribution {
	if c.key&(1<<keyResolved) == 0 {
		c.key &^= keyMinutesMask
	}
	return c
}

// shiftRollup moves a month's rollup from the old contributions to the new
// ones. A stale or missing rollup is left for the next report to build.
func (s *Store) shiftRollup(ctx context.Context, orgID int64, at time.Time, gone, added []contribution) error {
	if len(gone) == len(added) {
		same := true
		for i := range gone {
			same = same && gone[i].counted() == added[i].counted()
		}
		if same {
			return nil // the report counts the ticket as before
		}
	}
	month := rollupMonth(at)
	q := `SELECT version, built_version, data FROM ticket_rollups WHERE org_id = ? AND month = ?`
	if s.dialect == Postgres {
		q += ` FOR UPDATE` // two writers of one month take turns
	}
	var r rollup
	err := s.queryRow(ctx, q, orgID, month).Scan(&r.version, &r.built, &r.data)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil // never built: the report counts the tickets
		}
		return fmt.Errorf("read the SLA rollup of %d: %w", month, err)
	}
	if r.built != r.version || r.data == "" {
		return nil
	}
	t, err := decodeTally(r.data)
	if err != nil {
		return fmt.Errorf("SLA rollup %d: %w", month, err)
	}
	for _, c := range gone {
		t.addKey(c.key, c.category, -1)
	}
	for _, c := range added {
		t.addKey(c.key, c.category, 1)
	}
	t.prune()
	data, err := t.encode()
	if err != nil {
		return err
	}
	// A new version, built at once: a report that began building this month
	// from the tickets before this write cannot store what it read.
	_, err = s.exec(ctx, `UPDATE ticket_rollups SET data = ?, version = version + 1, built_version = version + 1
		WHERE org_id = ? AND month = ?`, data, orgID, month)
	if err != nil {
		return fmt.Errorf("shift the SLA rollup of %d: %w", month, err)
	}
	return nil
}

// prune drops the cells and minutes a shift brought to zero, so a rollup
// equals one built from the tickets.
func (t *slaTally) prune() {
	for c, n := range t.cells {
		if n == 0 {
			delete(t.cells, c)
		}
	}
	for p, h := range t.minutes {
		for m, n := range h {
			if n == 0 {
				delete(h, m)
			}
		}
		if len(h) == 0 {
			delete(t.minutes, p)
		}
	}
}
