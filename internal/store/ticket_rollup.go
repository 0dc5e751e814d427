package store

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// slaTally is the SLA report's figures for a stretch of time, before they
// are shaped into SLACounts: counts by report key (resolution minutes masked
// out) and category, and a histogram of resolution minutes per priority. It
// adds up across stretches, which is what lets months be kept as rollups.
type slaTally struct {
	cells   map[tallyCell]int
	minutes map[desk.Priority]map[int64]int
}

type tallyCell struct {
	key      int64 // report key without the minutes
	category string
}

func newTally() *slaTally {
	return &slaTally{cells: map[tallyCell]int{}, minutes: map[desk.Priority]map[int64]int{}}
}

// addKey counts n tickets with one report key and category.
func (t *slaTally) addKey(key int64, category string, n int) {
	k := unpackKey(key)
	t.cells[tallyCell{key &^ keyMinutesMask, category}] += n
	if k.resolved {
		t.addMinutes(k.priority, k.minutes, n)
	}
}

func (t *slaTally) addMinutes(p desk.Priority, minutes int64, n int) {
	h := t.minutes[p]
	if h == nil {
		h = map[int64]int{}
		t.minutes[p] = h
	}
	h[minutes] += n
}

func (t *slaTally) merge(o *slaTally) {
	for c, n := range o.cells {
		t.cells[c] += n
	}
	for p, h := range o.minutes {
		for m, n := range h {
			t.addMinutes(p, m, n)
		}
	}
}

// subtract takes a part of the tally away from it (the part must be in it).
func (t *slaTally) subtract(part *slaTally) {
	for c, n := range part.cells {
		if t.cells[c] -= n; t.cells[c] == 0 {
			delete(t.cells, c)
		}
	}
	for p, h := range part.minutes {
		for m, n := range h {
			if t.minutes[p][m] -= n; t.minutes[p][m] == 0 {
				delete(t.minutes[p], m)
			}
		}
	}
}

func (t *slaTally) clone() *slaTally {
	c := newTally()
	c.merge(t)
	return c
}

// opened counts every ticket in the tally.
func (t *slaTally) opened() int {
	n := 0
	for _, c := range t.cells {
		n += c
	}
	return n
}

// counts shapes the tally into the report's figures.
func (t *slaTally) counts() SLACounts {
	c := SLACounts{Priorities: map[desk.Priority]*report.PriorityCounts{}}
	for _, p := range desk.Priorities {
		c.Priorities[p] = &report.PriorityCounts{}
	}
	channels, categories := map[string]int{}, map[string]int{}
	for cell, n := range t.cells {
		categories[cell.category] += n
		k := unpackKey(cell.key)
		pc := c.Priorities[k.priority]
		if pc == nil {
			continue
		}
		pc.Opened += n
		channels[string(k.channel)] += n
		if k.resolved {
			pc.Resolved += n
			if k.within {
				pc.WithinTarget += n
			}
		}
	}
	c.Channels, c.Categories = ranked(channels), ranked(categories)
	for p, hist := range t.minutes {
		pc := c.Priorities[p]
		if pc == nil {
			continue
		}
		for m, n := range hist {
			pc.Minutes = append(pc.Minutes, report.MinuteCount{Minutes: m, Count: n})
		}
		sort.Slice(pc.Minutes, func(i, j int) bool { return pc.Minutes[i].Minutes < pc.Minutes[j].Minutes })
	}
	return c
}

// storedTally is a tally as a rollup row keeps it.
type storedTally struct {
	Cells   []storedCell       `json:"cells"`
	Minutes map[int][][2]int64 `json:"minutes"` // priority → [minutes, count] pairs
}

type storedCell struct {
	Key      int64  `json:"k"`
	Category string `json:"c"`
	Count    int    `json:"n"`
}

func (t *slaTally) encode() (string, error) {
	st := storedTally{Minutes: map[int][][2]int64{}}
	for c, n := range t.cells {
		st.Cells = append(st.Cells, storedCell{c.key, c.category, n})
	}
	for p, h := range t.minutes {
		for m, n := range h {
			st.Minutes[int(p)] = append(st.Minutes[int(p)], [2]int64{m, int64(n)})
		}
	}
	b, err := json.Marshal(st)
	return string(b), err
}

func decodeTally(data string) (*slaTally, error) {
	var st storedTally
	if err := json.Unmarshal([]byte(data), &st); err != nil {
		return nil, err
	}
	t := newTally()
	for _, c := range st.Cells {
		t.cells[tallyCell{c.Key, c.Category}] += c.Count
	}
	for p, pairs := range st.Minutes {
		for _, mn := range pairs {
			t.addMinutes(desk.Priority(p), mn[0], int(mn[1]))
		}
	}
	return t, nil
}

// rollupMonth is the yyyymm of an instant's UTC month, and monthStart its inverse.
func rollupMonth(at time.Time) int {
	at = at.UTC()
	return at.Year()*100 + int(at.Month())
}

func monthStart(month int) time.Time {
	return time.Date(month/100, time.Month(month%100), 1, 0, 0, 0, 0, time.UTC)
}

// touchMonths marks the rollups of the months the given instants fall in as
// stale. It runs in the transaction that changes the tickets, so no report
// can keep a rollup that misses the change.
func (s *Store) touchMonths(ctx context.Context, orgID int64, opened ...time.Time) error {
	seen := map[int]bool{}
	for _, at := range opened {
		m := rollupMonth(at)
		if seen[m] {
			continue
		}
		seen[m] = true
		if _, err := s.exec(ctx, `INSERT INTO ticket_rollups (org_id, month) VALUES (?, ?)
			ON CONFLICT (org_id, month) DO UPDATE SET version = ticket_rollups.version + 1`, orgID, m); err != nil {
			return fmt.Errorf("mark the SLA rollup of %d stale: %w", m, err)
		}
	}
	return nil
}

// tallyRange counts the tickets an org opened in [from, to) from the
// tickets themselves.
func (s *Store) tallyRange(ctx context.Context, orgID int64, from, to time.Time) (*slaTally, error) {
	// SQLite would sort to group, so it reads each ticket's key and category
	// from the covering index and Go adds them up; PostgreSQL groups by hash
	// and sends far fewer rows.
	q := `SELECT report_key, category, 1 FROM tickets WHERE org_id = ? AND opened_at >= ? AND opened_at < ?`
	if s.dialect == Postgres {
		q = `SELECT report_key, category, COUNT(*) FROM tickets WHERE org_id = ? AND opened_at >= ? AND opened_at < ?
			GROUP BY report_key, category`
	}
	rows, err := s.query(ctx, q, orgID, from.UTC(), to.UTC())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	t := newTally()
	categories := map[string]string{} // one string per category, not one per ticket
	var category []byte
	for rows.Next() {
		var key int64
		var n int
		if err := rows.Scan(&key, &category, &n); err != nil {
			return nil, err
		}
		name, ok := categories[string(category)]
		if !ok {
			name = string(category)
			categories[name] = name
		}
		t.addKey(key, name, n)
	}
	return t, rows.Err()
}

// rollup is one month's stored tally and whether it is still current.
type rollup struct {
	version, built int64
	data           string
}

// monthTallies returns the tallies of whole UTC months, from their rollups
// where those are current and from the tickets (storing a fresh rollup)
// where not.
func (s *Store) monthTallies(ctx context.Context, orgID int64, months []int) (map[int]*slaTally, error) {
	out := map[int]*slaTally{}
	if len(months) == 0 {
		return out, nil
	}
	stored := map[int]rollup{}
	rows, err := s.query(ctx, `SELECT month, version, built_version, data FROM ticket_rollups
		WHERE org_id = ? AND month >= ? AND month <= ?`, orgID, months[0], months[len(months)-1])
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var m int
		var r rollup
		if err := rows.Scan(&m, &r.version, &r.built, &r.data); err != nil {
			rows.Close()
			return nil, err
		}
		stored[m] = r
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, m := range months {
		r, ok := stored[m]
		if ok && r.built == r.version && r.data != "" {
			t, err := decodeTally(r.data)
			if err != nil {
				return nil, fmt.Errorf("SLA rollup %d: %w", m, err)
			}
			out[m] = t
			continue
		}
		t, err := s.buildRollup(ctx, orgID, m, r, ok)
		if err != nil {
			return nil, err
		}
		out[m] = t
	}
	return out, nil
}

// buildRollup counts a month from the tickets and keeps the result, unless
// a ticket of that month changed meanwhile (its version moved on), in which
// case the result is used once and not kept.
func (s *Store) buildRollup(ctx context.Context, orgID int64, month int, seen rollup, exists bool) (*slaTally, error) {
	t, err := s.tallyRange(ctx, orgID, monthStart(month), monthStart(month).AddDate(0, 1, 0))
	if err != nil {
		return nil, err
	}
	data, err := t.encode()
	if err != nil {
		return nil, err
	}
	if exists {
		_, err = s.exec(ctx, `UPDATE ticket_rollups SET data = ?, built_version = version
			WHERE org_id = ? AND month = ? AND version = ?`, data, orgID, month, seen.version)
	} else {
		_, err = s.exec(ctx, `INSERT INTO ticket_rollups (org_id, month, version, built_version, data)
			VALUES (?, ?, 1, 1, ?) ON CONFLICT (org_id, month) DO NOTHING`, orgID, month, data)
	}
	if err != nil {
		return nil, fmt.Errorf("keep the SLA rollup of %d: %w", month, err)
	}
	return t, nil
}

// RefreshTicketRollups rebuilds every stale rollup of an org, so the first
// report after an import or a re-measure reads rollups only.
func (s *Store) RefreshTicketRollups(ctx context.Context, scope tenancy.Scope, orgID int64) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	rows, err := s.query(ctx, `SELECT month, version FROM ticket_rollups
		WHERE org_id = ? AND built_version <> version ORDER BY month`, orgID)
	if err != nil {
		return err
	}
	var stale []rollup
	var months []int
	for rows.Next() {
		var m int
		var r rollup
		if err := rows.Scan(&m, &r.version); err != nil {
			rows.Close()
			return err
		}
		months, stale = append(months, m), append(stale, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for i, m := range months {
		if _, err := s.buildRollup(ctx, orgID, m, stale[i], true); err != nil {
			return err
		}
	}
	return nil
}

// touchTicketMonths marks stale the rollups of the months a batch of
// tickets (of any orgs) was opened in.
func (s *Store) touchTicketMonths(ctx context.Context, tickets []*Ticket) error {
	byOrg := map[int64][]time.Time{}
	for _, t := range tickets {
		byOrg[t.OrgID] = append(byOrg[t.OrgID], t.OpenedAt)
	}
	for org, opened := range byOrg {
		if err := s.touchMonths(ctx, org, opened...); err != nil {
			return err
		}
	}
	return nil
}
