package store

import (
	"context"
	"sort"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// SLACounts is what the SLA report needs from one org's tickets opened in a
// period, read from the stored measurements in a few index scans.
type SLACounts struct {
	Priorities map[desk.Priority]*report.PriorityCounts // incidents
	Requests   map[desk.Priority]*report.PriorityCounts
	Categories []NameCount
	Channels   []NameCount
	Months     []NameCount // in the order of the bounds asked for
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
//
// Each UTC month the period touches is cut at the period's ends and at the
// month bounds asked for (local months straddle UTC ones by an hour in
// summer). Where most of a month is wanted, its rollup is used and the small
// pieces are counted from the tickets: the biggest piece is the rollup less
// the rest. Where little of it is wanted, that little is counted directly.
// Ticket writes keep the rollups of the months they touch current (see
// settleRollups); a month with no current rollup is counted from the tickets.
func (s *Store) SLACounts(ctx context.Context, scope tenancy.Scope, orgID int64, from, to time.Time, months []MonthBound) (SLACounts, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return SLACounts{}, err
	}
	from, to = from.UTC(), to.UTC()
	cuts := []time.Time{from, to}
	for _, m := range months {
		cuts = append(cuts, m.From.UTC(), m.To.UTC())
	}
	sort.Slice(cuts, func(i, j int) bool { return cuts[i].Before(cuts[j]) })

	type piece struct {
		from, to time.Time
		wanted   bool // inside [from, to)
		tally    *slaTally
	}
	type monthPlan struct {
		month   int
		pieces  []piece
		derived int // the piece that is the rollup less the others, or -1
	}
	var plans []monthPlan
	var rolled []int
	for ms := monthStart(rollupMonth(from)); ms.Before(to); ms = ms.AddDate(0, 1, 0) {
		me := ms.AddDate(0, 1, 0)
		plan := monthPlan{month: rollupMonth(ms), derived: -1}
		at := ms
		for _, c := range append(cuts, me) {
			if !c.After(at) || c.After(me) {
				continue
			}
			plan.pieces = append(plan.pieces, piece{from: at, to: c, wanted: !at.Before(from) && !c.After(to)})
			at = c
		}
		var wanted, biggest time.Duration
		for i, p := range plan.pieces {
			if d := p.to.Sub(p.from); p.wanted {
				wanted += d
				if d > biggest {
					biggest, plan.derived = d, i
				}
			}
		}
		if plan.derived >= 0 && me.Sub(ms)-biggest < wanted {
			rolled = append(rolled, plan.month)
		} else {
			plan.derived = -1
		}
		plans = append(plans, plan)
	}
	tallies, err := s.monthTallies(ctx, orgID, rolled)
	if err != nil {
		return SLACounts{}, err
	}
	total := newTally()
	var counted []piece
	for _, plan := range plans {
		for i := range plan.pieces {
			p := &plan.pieces[i]
			if i == plan.derived || (!p.wanted && plan.derived < 0) {
				continue
			}
			if p.tally, err = s.tallyRange(ctx, orgID, p.from, p.to); err != nil {
				return SLACounts{}, err
			}
		}
		if plan.derived >= 0 {
			rest := tallies[plan.month].clone()
			for i, p := range plan.pieces {
				if i != plan.derived {
					rest.subtract(p.tally)
				}
			}
			plan.pieces[plan.derived].tally = rest
		}
		for _, p := range plan.pieces {
			if p.wanted {
				total.merge(p.tally)
				counted = append(counted, p)
			}
		}
	}
	c := total.counts()
	for _, m := range months {
		n := 0
		for _, p := range counted {
			if !p.from.Before(m.From.UTC()) && !p.to.After(m.To.UTC()) {
				n += p.tally.opened()
			}
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
