package report

import (
	"sort"
	"time"
)

// Telephony is one council's phone figures for calls queued in a period.
type Telephony struct {
	Org       string    `json:"org"`
	OrgName   string    `json:"org_name"`
	From      string    `json:"from"` // first day, inclusive
	To        string    `json:"to"`   // last day, inclusive
	TimeZone  string    `json:"time_zone"`
	Generated time.Time `json:"generated"`
	// Basis states the counting rules with the figures.
	Basis        string        `json:"basis"`
	Calls        CallTotals    `json:"calls"`
	FirstTimeFix FixFigures    `json:"first_time_fix"`
	Agents       []FixFigures  `json:"first_time_fix_by_agent"`
	Hours        []CallFigures `json:"by_hour"` // 24 rows, local hour of queueing
	Days         []CallFigures `json:"by_day"`  // 7 rows, Monday first
}

// TelephonyBasis says how the call figures are counted.
const TelephonyBasis = "Calls are counted in the period, hour and day (in the council's time zone) they joined the queue. " +
	"Offered is every call queued; answered and abandoned (the caller hung up, or the call ended, before an answer) " +
	"are shares of offered. Queue time runs from joining the queue to the answer or the hang-up; " +
	"answered within 20 s and 60 s are shares of the calls answered. The 90th percentile is the nearest-rank queue time, " +
	"in whole seconds, over answered and abandoned calls, for the period and for each hour and day. " + FixDefinition

// CallFigures is the call counts of a period, an hour of the day or a day
// of the week.
type CallFigures struct {
	Name             string  `json:"name,omitempty"`
	Offered          int     `json:"offered"`
	Answered         int     `json:"answered"`
	Abandoned        int     `json:"abandoned"`
	Transferred      int     `json:"transferred"`
	Waiting          int     `json:"still_queued"`
	Within20         int     `json:"answered_within_20s"`
	Within60         int     `json:"answered_within_60s"`
	PercentAnswered  float64 `json:"percent_answered"`
	PercentAbandoned float64 `json:"percent_abandoned"`
	PercentWithin20  float64 `json:"percent_within_20s"`
	PercentWithin60  float64 `json:"percent_within_60s"`
	AverageQueue     float64 `json:"average_queue_seconds"`
	P90Queue         int64   `json:"p90_queue_seconds"`
}

// CallTotals is the period's figures.
type CallTotals struct {
	CallFigures
}

// Empty says no call was queued in the period.
func (r Telephony) Empty() bool { return r.Calls.Offered == 0 }

// EmptyReason is what a report with no calls says instead of its zeros.
func (r Telephony) EmptyReason() string {
	return "No calls were queued from " + r.From + " to " + r.To + ", so there is nothing to measure: " +
		"calls are counted in the period they joined the queue in. Choose another period, or check that the " +
		"phone system's webhook is set up or its call log has been imported (ward phone import)."
}

// callTally is what CallFigures is worked out from.
type callTally struct {
	offered, answered, abandoned, transferred, within20, within60, waited int
	queueSecs                                                             int64
	waits                                                                 waitHistogram
}

// add counts one call from its key's flags and queue seconds.
func (t *callTally) add(key, secs int64) {
	t.offered++
	if key>>keyTransferred&1 == 1 {
		t.transferred++
	}
	switch {
	case key>>keyAnswered&1 == 1:
		t.answered++
		if secs <= 20 {
			t.within20++
		}
		if secs <= 60 {
			t.within60++
		}
	case key>>keyAbandoned&1 == 1:
		t.abandoned++
	default:
		return // still queued: no queue time yet
	}
	t.waited++
	t.queueSecs += secs
	t.waits.add(secs)
}

func (t callTally) figures(name string) CallFigures {
	f := CallFigures{Name: name, Offered: t.offered, Answered: t.answered, Abandoned: t.abandoned, Transferred: t.transferred,
		Waiting: t.offered - t.answered - t.abandoned, Within20: t.within20, Within60: t.within60,
		PercentAnswered: round2(percent(t.answered, t.offered)), PercentAbandoned: round2(percent(t.abandoned, t.offered)),
		PercentWithin20: round2(percent(t.within20, t.answered)), PercentWithin60: round2(percent(t.within60, t.answered)),
		P90Queue: t.waits.p90()}
	if t.waited > 0 {
		f.AverageQueue = round2(float64(t.queueSecs) / float64(t.waited))
	}
	return f
}

// TelephonyTally adds calls up as the store reads them, in any order.
type TelephonyTally struct {
	loc    *time.Location
	total  callTally
	hours  [24]callTally
	days   [7]callTally // Monday first
	fix    FixFigures
	agents map[string]*FixFigures
	// The local hour and day of the last quarter-hour seen: every zone's
	// offset is a whole number of quarter-hours, and calls come in time
	// order, so most calls skip the time zone lookup.
	lastQuarter     int64
	lastHour, lastD int
}

// NewTelephonyTally starts a tally whose hours and days are those of loc.
func NewTelephonyTally(loc *time.Location) *TelephonyTally {
	return &TelephonyTally{loc: loc, agents: map[string]*FixFigures{}, lastQuarter: -1 << 62}
}

// Add counts one call by its key (CallKey).
func (t *TelephonyTally) Add(key int64) {
	unix := key >> keyQueuedShift & keyQueuedMask
	if quarter := unix / 900; quarter != t.lastQuarter {
		local := time.Unix(unix, 0).In(t.loc)
		t.lastQuarter, t.lastHour, t.lastD = quarter, local.Hour(), (int(local.Weekday())+6)%7
	}
	secs := key & keyQueueMask
	t.total.add(key, secs)
	t.hours[t.lastHour].add(key, secs)
	t.days[t.lastD].add(key, secs)
	if key>>keyAnswered&1 == 1 && key>>keyTicketed&1 == 1 {
		t.fix.add(key>>keyFixed&1 == 1)
	}
}

// AddAgent counts an agent's answered calls with a ticket, and how many
// of them were first-time fixes.
func (t *TelephonyTally) AddAgent(agent string, withTicket, fixed int) {
	a := t.agents[agent]
	if a == nil {
		a = &FixFigures{Agent: agent}
		t.agents[agent] = a
	}
	a.WithTicket += withTicket
	a.Fixed += fixed
	a.Rate = percent(a.Fixed, a.WithTicket)
}

// FixedShift is where a call key keeps whether the call was a first-time
// fix, for a database to add them up: key >> FixedShift & 1.
const FixedShift = keyFixed

var weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

// Fill puts the tally's figures into r.
func (t *TelephonyTally) Fill(r *Telephony) {
	r.Basis = TelephonyBasis
	r.Calls = CallTotals{CallFigures: t.total.figures("")}
	r.Hours = make([]CallFigures, 24)
	for h := range r.Hours {
		r.Hours[h] = t.hours[h].figures(time.Date(2000, 1, 1, h, 0, 0, 0, time.UTC).Format("15:04"))
	}
	r.Days = make([]CallFigures, 7)
	for d := range r.Days {
		r.Days[d] = t.days[d].figures(weekdays[d])
	}
	r.FirstTimeFix = t.fix
	r.FirstTimeFix.Rate = round2(r.FirstTimeFix.Rate)
	r.Agents = make([]FixFigures, 0, len(t.agents))
	for _, a := range t.agents {
		f := *a
		f.Rate = round2(f.Rate)
		if f.Agent == "" {
			f.Agent = "(not named)"
		}
		r.Agents = append(r.Agents, f)
	}
	sort.Slice(r.Agents, func(i, j int) bool { return r.Agents[i].Agent < r.Agents[j].Agent })
}
