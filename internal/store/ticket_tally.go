package store

import (
	"encoding/json"
	"sort"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/report"
)

// slaTally is the SLA report's figures for a stretch of time, before they
// are shaped into SLACounts: counts by report key (resolution minutes masked
// out) and category, and a histogram of resolution minutes per type and
// priority (see histogramOf). It
// adds up across stretches, which is what lets months be kept as rollups.
type slaTally struct {
	cells   map[tallyCell]int
	minutes map[int]map[int64]int
}

type tallyCell struct {
	key      int64 // report key without the minutes
	category string
}

func newTally() *slaTally {
	return &slaTally{cells: map[tallyCell]int{}, minutes: map[int]map[int64]int{}}
}

// addKey counts n tickets with one report key and category.
func (t *slaTally) addKey(key int64, category string, n int) {
	k := unpackKey(key)
	t.cells[tallyCell{key &^ keyMinutesMask, category}] += n
	if k.resolved {
		t.addMinutes(k.histogram(), k.minutes, n)
	}
}

func (t *slaTally) addMinutes(p int, minutes int64, n int) {
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
	c := SLACounts{Priorities: map[desk.Priority]*report.PriorityCounts{}, Requests: map[desk.Priority]*report.PriorityCounts{}}
	byHistogram := map[int]*report.PriorityCounts{}
	for _, p := range desk.Priorities {
		c.Priorities[p], c.Requests[p] = &report.PriorityCounts{}, &report.PriorityCounts{}
		byHistogram[histogramOf(p, false)], byHistogram[histogramOf(p, true)] = c.Priorities[p], c.Requests[p]
	}
	channels, categories := map[string]int{}, map[string]int{}
	for cell, n := range t.cells {
		categories[cell.category] += n
		k := unpackKey(cell.key)
		pc := byHistogram[k.histogram()]
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
		if k.responseMet || k.responseMissed {
			pc.ResponseMeasured += n
			if k.responseMet {
				pc.ResponseWithinTarget += n
			}
		}
	}
	c.Channels, c.Categories = ranked(channels), ranked(categories)
	for p, hist := range t.minutes {
		pc := byHistogram[p]
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
	Minutes map[int][][2]int64 `json:"minutes"` // histogram (type and priority) → [minutes, count] pairs
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
			st.Minutes[p] = append(st.Minutes[p], [2]int64{m, int64(n)})
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
			t.addMinutes(p, mn[0], int(mn[1]))
		}
	}
	return t, nil
}
