package report

import (
	"math"
	"slices"
	"sort"
	"time"
)

// Walkup is one org's walk-up queue figures for visits checked in within a
// period: how long people waited to be called and how long they were then
// served, by site, by hour of day and by day of the week, in the org's zone.
type Walkup struct {
	Org       string      `json:"org"`
	OrgName   string      `json:"org_name"`
	From      string      `json:"from"` // first day, inclusive
	To        string      `json:"to"`   // last day, inclusive
	TimeZone  string      `json:"time_zone"`
	Generated time.Time   `json:"generated"`
	Basis     string      `json:"basis"`
	Total     WalkupRow   `json:"total"`
	Sites     []WalkupRow `json:"sites"`
	Hours     []WalkupRow `json:"hours"`        // "08:00" to "08:59" as "08", hours with visits only
	Days      []WalkupRow `json:"days_of_week"` // Monday first, days with visits only
}

// WalkupRow is the figures for one group of visits.
type WalkupRow struct {
	Name     string `json:"name"`
	Visits   int    `json:"visits"`   // checked in
	Called   int    `json:"called"`   // called to a desk: the waits measured
	Resolved int    `json:"resolved"` // resolved on the spot
	Tickets  int    `json:"tickets"`  // a ticket logged instead
	NoShows  int    `json:"no_shows"` // called but not there
	// Waits and service times, in minutes to two places; nearest-rank
	// medians and 90th percentiles.
	MeanWaitMinutes      float64 `json:"mean_wait_minutes"`
	MedianWaitMinutes    float64 `json:"median_wait_minutes"`
	P90WaitMinutes       float64 `json:"p90_wait_minutes"`
	LongestWaitMinutes   float64 `json:"longest_wait_minutes"`
	MeanServiceMinutes   float64 `json:"mean_service_minutes"`
	MedianServiceMinutes float64 `json:"median_service_minutes"`
	P90ServiceMinutes    float64 `json:"p90_service_minutes"`
}

// WalkupSeen is one visit as the figures read it.
type WalkupSeen struct {
	Site      string
	CheckedIn time.Time
	Called    time.Time // zero: never called
	Finished  time.Time // zero: not finished
	Outcome   string    // "resolved", "ticket", "no-show", or "" while in the queue
}

// WalkupBasis is how the walk-up figures are counted.
const WalkupBasis = "Visits are counted in the period, hour and day of the week in which the visitor checked in, " +
	"in the org's time zone. Wait is from check-in to being called to a desk, over every visit that was called " +
	"(no-shows included: they waited). Service is from being called to being finished, over visits resolved on " +
	"the spot or logged as a ticket. Medians and 90th percentiles are nearest-rank, to the second."

// walkupGroup gathers one row's visits.
type walkupGroup struct {
	row      WalkupRow
	waits    []int64 // seconds
	services []int64
}

func (g *walkupGroup) add(v WalkupSeen) {
	g.row.Visits++
	switch v.Outcome {
	case "resolved":
		g.row.Resolved++
	case "ticket":
		g.row.Tickets++
	case "no-show":
		g.row.NoShows++
	}
	if v.Called.IsZero() {
		return
	}
	g.row.Called++
	g.waits = append(g.waits, int64(v.Called.Sub(v.CheckedIn)/time.Second))
	if (v.Outcome == "resolved" || v.Outcome == "ticket") && !v.Finished.IsZero() {
		g.services = append(g.services, int64(v.Finished.Sub(v.Called)/time.Second))
	}
}

func (g *walkupGroup) figures() WalkupRow {
	r := g.row
	r.MeanWaitMinutes, r.MedianWaitMinutes, r.P90WaitMinutes, r.LongestWaitMinutes = spread(g.waits)
	r.MeanServiceMinutes, r.MedianServiceMinutes, r.P90ServiceMinutes, _ = spread(g.services)
	return r
}

// spread is the mean, median, 90th percentile and largest of a list of
// seconds, in minutes to two places; zeros for an empty list.
func spread(secs []int64) (mean, median, p90, most float64) {
	if len(secs) == 0 {
		return 0, 0, 0, 0
	}
	slices.Sort(secs)
	var sum int64
	for _, s := range secs {
		sum += s
	}
	rank := func(p float64) float64 {
		i := int(math.Ceil(p/100*float64(len(secs)))) - 1
		return minutes(secs[max(i, 0)])
	}
	return round2(float64(sum) / float64(len(secs)) / 60), rank(50), rank(90), minutes(secs[len(secs)-1])
}

func minutes(secs int64) float64 { return round2(float64(secs) / 60) }

// WalkupFigures works out the figures from the visits, reading hours and
// days in loc. The report's heading fields are the caller's to fill.
func WalkupFigures(visits []WalkupSeen, loc *time.Location) Walkup {
	var total walkupGroup
	total.row.Name = "all sites"
	sites := map[string]*walkupGroup{}
	var hours [24]walkupGroup
	var days [7]walkupGroup
	for _, v := range visits {
		total.add(v)
		g := sites[v.Site]
		if g == nil {
			g = &walkupGroup{row: WalkupRow{Name: v.Site}}
			sites[v.Site] = g
		}
		g.add(v)
		local := v.CheckedIn.In(loc)
		hours[local.Hour()].add(v)
		days[(int(local.Weekday())+6)%7].add(v) // Monday first
	}
	r := Walkup{Basis: WalkupBasis, Total: total.figures(), Sites: []WalkupRow{}, Hours: []WalkupRow{}, Days: []WalkupRow{}}
	names := make([]string, 0, len(sites))
	for name := range sites {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		r.Sites = append(r.Sites, sites[name].figures())
	}
	for h := range hours {
		if hours[h].row.Visits > 0 {
			hours[h].row.Name = twoDigits(h)
			r.Hours = append(r.Hours, hours[h].figures())
		}
	}
	for d := range days {
		if days[d].row.Visits > 0 {
			days[d].row.Name = time.Weekday((d + 1) % 7).String()
			r.Days = append(r.Days, days[d].figures())
		}
	}
	return r
}

func twoDigits(n int) string { return string([]byte{byte('0' + n/10), byte('0' + n%10)}) }

// Empty says no one checked in during the period.
func (r Walkup) Empty() bool { return r.Total.Visits == 0 }

// EmptyReason is what a report with no visits says instead of its zeros.
func (r Walkup) EmptyReason() string {
	return "No one checked in at " + r.OrgName + "'s walk-up queues from " + r.From + " to " + r.To +
		", so there are no waits to measure. Choose a longer or earlier period, or check that the sites' tablets are set up."
}
