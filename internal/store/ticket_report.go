package store

import (
	"context"
	"database/sql"
	"sort"
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
	// PostgreSQL groups by hashing, and sending it a few thousand distinct
	// keys beats sending a million rows over the wire; SQLite would sort to
	// group, so it reads every key (and category) from the index instead.
	q := `SELECT report_key, category, 1 FROM tickets WHERE org_id = ? AND opened_at >= ? AND opened_at < ?`
	if s.dialect == Postgres {
		q = `SELECT report_key, '', COUNT(*) FROM tickets WHERE org_id = ? AND opened_at >= ? AND opened_at < ? GROUP BY report_key`
	}
	rows, err := s.query(ctx, q, period...)
	if err != nil {
		return c, err
	}
	channels, categories := map[string]int{}, map[string]int{}
	minutes := map[desk.Priority]map[int64]int{}
	var category sql.RawBytes // read in place: a million category strings need not be allocated
	for rows.Next() {
		var key int64
		var n int
		if err := rows.Scan(&key, &category, &n); err != nil {
			rows.Close()
			return c, err
		}
		if _, ok := categories[string(category)]; ok {
			categories[string(category)] += n
		} else {
			categories[string(category)] = n
		}
		k := unpackKey(key)
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
			if minutes[k.priority] == nil {
				minutes[k.priority] = map[int64]int{}
			}
			minutes[k.priority][k.minutes] += n
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return c, err
	}
	c.Channels, c.Categories = ranked(channels), ranked(categories)
	if s.dialect == Postgres {
		if c.Categories, err = s.countBy(ctx, "category", period); err != nil {
			return c, err
		}
	}
	for p, hist := range minutes {
		list := make([]MinuteCount, 0, len(hist))
		for m, n := range hist {
			list = append(list, MinuteCount{Minutes: m, Count: n})
		}
		sort.Slice(list, func(i, j int) bool { return list[i].Minutes < list[j].Minutes })
		c.Priorities[p].Minutes = list
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

// ranked lists counts largest first, then by name.
func ranked(m map[string]int) []NameCount {
	list := make([]NameCount, 0, len(m))
	for name, n := range m {
		list = append(list, NameCount{Name: name, Count: n})
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].Count != list[j].Count {
			return list[i].Count > list[j].Count
		}
		return list[i].Name < list[j].Name
	})
	return list
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
