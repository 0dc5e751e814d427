package store

import (
	"context"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
)

// SLACounts is what the SLA report needs from one org's tickets opened in a
// period, read from the stored measurements in a few index scans.
type SLACounts struct {
	Priorities map[desk.Priority]*PriorityCounts
	Categories []NameCount
	Channels   []NameCount
	Months     []NameCount // in the order of the bounds asked for
}

// PriorityCounts is the figures for one priority.
type PriorityCounts struct {
	Opened, Resolved, WithinTarget int
	// Minutes is a histogram of resolution times in whole working minutes:
	// exact medians and percentiles to the minute without reading every row.
	Minutes []MinuteCount
}

// MinuteCount is one bar of a histogram.
type MinuteCount struct {
	Minutes int64
	Count   int
}

// NameCount is a count of tickets under a name.
type NameCount struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// MonthBound is one month of a report, as UTC instants of its local start and end.
type MonthBound struct {
	Name     string
	From, To time.Time
}

// SLACounts reads the report figures of the tickets an org opened in [from, to).
func (s *Store) SLACounts(ctx context.Context, orgID int64, from, to time.Time, months []MonthBound) (SLACounts, error) {
	c := SLACounts{Priorities: map[desk.Priority]*PriorityCounts{}}
	for _, p := range desk.Priorities {
		c.Priorities[p] = &PriorityCounts{}
	}
	period := []any{orgID, from.UTC(), to.UTC()}
	rows, err := s.query(ctx, `SELECT priority, COUNT(*),
		SUM(CASE WHEN resolved_at IS NOT NULL THEN 1 ELSE 0 END),
		SUM(CASE WHEN resolved_at IS NOT NULL AND resolution_secs <= resolution_target_secs THEN 1 ELSE 0 END)
		FROM tickets WHERE org_id = ? AND opened_at >= ? AND opened_at < ? GROUP BY priority`, period...)
	if err != nil {
		return c, err
	}
	for rows.Next() {
		var p desk.Priority
		var opened, resolved, within int
		if err := rows.Scan(&p, &opened, &resolved, &within); err != nil {
			rows.Close()
			return c, err
		}
		if pc := c.Priorities[p]; pc != nil {
			pc.Opened, pc.Resolved, pc.WithinTarget = opened, resolved, within
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return c, err
	}

	rows, err = s.query(ctx, `SELECT priority, resolution_secs / 60 AS m, COUNT(*) FROM tickets
		WHERE org_id = ? AND opened_at >= ? AND opened_at < ? AND resolved_at IS NOT NULL
		GROUP BY priority, resolution_secs / 60 ORDER BY priority, m`, period...)
	if err != nil {
		return c, err
	}
	for rows.Next() {
		var p desk.Priority
		var mc MinuteCount
		if err := rows.Scan(&p, &mc.Minutes, &mc.Count); err != nil {
			rows.Close()
			return c, err
		}
		if pc := c.Priorities[p]; pc != nil {
			pc.Minutes = append(pc.Minutes, mc)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return c, err
	}

	if c.Categories, err = s.countBy(ctx, "category", period); err != nil {
		return c, err
	}
	if c.Channels, err = s.countBy(ctx, "channel", period); err != nil {
		return c, err
	}
	for _, m := range months {
		var n int
		if err := s.queryRow(ctx, `SELECT COUNT(*) FROM tickets WHERE org_id = ? AND opened_at >= ? AND opened_at < ?`,
			orgID, m.From.UTC(), m.To.UTC()).Scan(&n); err != nil {
			return c, err
		}
		c.Months = append(c.Months, NameCount{Name: m.Name, Count: n})
	}
	return c, nil
}

// countBy counts tickets by a column the caller names (never user input).
func (s *Store) countBy(ctx context.Context, column string, period []any) ([]NameCount, error) {
	rows, err := s.query(ctx, `SELECT `+column+`, COUNT(*) FROM tickets WHERE org_id = ? AND opened_at >= ? AND opened_at < ?
		GROUP BY `+column+` ORDER BY COUNT(*) DESC, `+column, period...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []NameCount
	for rows.Next() {
		var nc NameCount
		if err := rows.Scan(&nc.Name, &nc.Count); err != nil {
			return nil, err
		}
		list = append(list, nc)
	}
	return list, rows.Err()
}
