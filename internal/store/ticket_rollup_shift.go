package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"time"
)

// Every write to tickets (the desk's, an import's, a recompute's) records in
// its transaction what each ticket it changed took from and added to its
// month's rollup. Just before the transaction commits (see InTx), each month
// touched is settled: a current rollup is shifted by the sum of the changes,
// one read and one write a month however many tickets changed; a month with
// no current rollup is counted from the tickets as the transaction is about
// to leave them. So the months a write touched are current when it commits,
// and the report reads rollups, not tickets, after imports and recomputes as
// after the desk's own writes. A refused write rolls back its rollups with it.

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

// orgMonth names one rollup.
type orgMonth struct {
	org   int64
	month int
}

// rollupChanges is what one transaction did to the rollups: per month, the
// tally of the tickets it added less those it took away.
type rollupChanges struct {
	months map[orgMonth]*slaTally
}

// moveInRollups records that a ticket left one month's tally (gone, opened
// at was) and joined another's (added, opened at now). A nil side is skipped.
func (s *Store) moveInRollups(ctx context.Context, orgID int64, was time.Time, gone *contribution, now time.Time, added *contribution) error {
	h, ok := ctx.Value(txHooksKey{}).(*txHooks)
	if !ok { // not in a transaction: make this one
		return s.InTx(ctx, func(ctx context.Context) error {
			return s.moveInRollups(ctx, orgID, was, gone, now, added)
		})
	}
	if gone != nil && added != nil && rollupMonth(was) == rollupMonth(now) && gone.counted() == added.counted() {
		return nil // the report counts the ticket as before
	}
	if h.rollups == nil { // the transaction's first ticket write
		c := &rollupChanges{months: map[orgMonth]*slaTally{}}
		h.rollups = c
		h.beforeCommit = append(h.beforeCommit, func(ctx context.Context) error { return s.settleRollups(ctx, c) })
	}
	c := h.rollups
	tally := func(at time.Time) *slaTally {
		k := orgMonth{orgID, rollupMonth(at)}
		t := c.months[k]
		if t == nil {
			t = newTally()
			c.months[k] = t
		}
		return t
	}
	if gone != nil {
		tally(was).addKey(gone.key, gone.category, -1)
	}
	if added != nil {
		tally(now).addKey(added.key, added.category, 1)
	}
	return nil
}

// settleRollups brings the rollup of every month a transaction changed up
// to date, in the transaction. Months go in order, so two transactions
// settling the same months on PostgreSQL take their row locks in turn.
func (s *Store) settleRollups(ctx context.Context, c *rollupChanges) error {
	keys := make([]orgMonth, 0, len(c.months))
	for k, d := range c.months {
		if d.prune(); len(d.cells) > 0 || len(d.minutes) > 0 {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].org != keys[j].org {
			return keys[i].org < keys[j].org
		}
		return keys[i].month < keys[j].month
	})
	for _, k := range keys {
		if err := s.settleMonth(ctx, k, c.months[k]); err != nil {
			return err
		}
	}
	c.months = map[orgMonth]*slaTally{}
	return nil
}

// settleMonth shifts a current rollup by the month's changes, or counts the
// month from the tickets when its rollup is missing or stale.
func (s *Store) settleMonth(ctx context.Context, k orgMonth, delta *slaTally) error {
	q := `SELECT version, built_version, data FROM ticket_rollups WHERE org_id = ? AND month = ?`
	if s.dialect == Postgres {
		q += ` FOR UPDATE` // writers of one month take turns
	}
	var r rollup
	err := s.queryRow(ctx, q, k.org, k.month).Scan(&r.version, &r.built, &r.data)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("read the SLA rollup of %d: %w", k.month, err)
	}
	var t *slaTally
	if err == nil && r.built == r.version && r.data != "" {
		if t, err = decodeTally(r.data); err != nil {
			return fmt.Errorf("SLA rollup %d: %w", k.month, err)
		}
		t.merge(delta)
		t.prune()
		if t.negative() {
			t = nil // the rollup disagreed with the tickets: count them
		}
	}
	if t == nil {
		if errors.Is(err, sql.ErrNoRows) {
			// The row is made first so that its lock is held while counting:
			// another transaction settling this month waits for this one.
			if _, err := s.exec(ctx, `INSERT INTO ticket_rollups (org_id, month) VALUES (?, ?)
				ON CONFLICT (org_id, month) DO UPDATE SET version = ticket_rollups.version + 1`, k.org, k.month); err != nil {
				return fmt.Errorf("make the SLA rollup of %d: %w", k.month, err)
			}
		}
		if t, err = s.tallyRange(ctx, k.org, monthStart(k.month), monthStart(k.month).AddDate(0, 1, 0)); err != nil {
			return fmt.Errorf("count the SLA rollup of %d: %w", k.month, err)
		}
	}
	data, err := t.encode()
	if err != nil {
		return err
	}
	// A new version, built at once: a report that began building this month
	// from the tickets before this write cannot store what it read.
	if _, err := s.exec(ctx, `UPDATE ticket_rollups SET data = ?, version = version + 1, built_version = version + 1
		WHERE org_id = ? AND month = ?`, data, k.org, k.month); err != nil {
		return fmt.Errorf("keep the SLA rollup of %d: %w", k.month, err)
	}
	return nil
}

// prune drops the cells and minutes brought to zero, so a shifted rollup
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

// negative says whether any count fell below zero, which a rollup that
// agreed with its tickets never does.
func (t *slaTally) negative() bool {
	for _, n := range t.cells {
		if n < 0 {
			return true
		}
	}
	for _, h := range t.minutes {
		for _, n := range h {
			if n < 0 {
				return true
			}
		}
	}
	return false
}
