package desk_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/calendar"
	"github.com/ward-shared-service/ward/internal/desk"
)

var london, _ = time.LoadLocation("Europe/London")

// at reads a London wall-clock time, "2024-03-07 09:00".
func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, london)
	if err != nil {
		panic(err)
	}
	return t
}

func defaultCalendar(t testing.TB) *calendar.Calendar {
	t.Helper()
	c, err := calendar.New(calendar.Default())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// ev is an event that moves the ticket to a state.
func ev(when string, s desk.State) desk.Event {
	return desk.Event{At: at(when), Kind: desk.Moved, State: s}
}

func ticket(opened string, p desk.Priority) desk.Ticket {
	return desk.Ticket{Ref: "INC-10042", Type: desk.Incident, Priority: p, State: desk.New, OpenedAt: at(opened)}
}

// resolved marks a ticket resolved by its history's last move.
func resolved(t desk.Ticket, s desk.State) desk.Ticket { t.State = s; return t }

func TestMeasure(t *testing.T) {
	cal := defaultCalendar(t)
	pol := desk.DefaultPolicy(desk.Incident)
	twoDays := pol
	twoDays.Targets = map[desk.Priority]desk.Target{}
	for p, tg := range pol.Targets {
		twoDays.Targets[p] = tg
	}
	twoDays.Targets[desk.P3] = desk.Target{Response: desk.Span{Amount: 4, Unit: desk.Hours}, Resolution: desk.Span{Amount: 2, Unit: desk.Days}}

	cases := []struct {
		name   string
		policy desk.Policy
		ticket desk.Ticket
		events []desk.Event
		now    string

		used, paused time.Duration
		status       desk.Status
		deadline     string // London time; "" for none
		priority     desk.Priority
		respUsed     time.Duration
		respStatus   desk.Status
	}{
		{
			name:   "pause over a weekend on a day-based target counts neither the pause nor the weekend",
			policy: twoDays,
			ticket: resolved(ticket("2024-03-07 09:00", desk.P3), desk.Resolved),
			events: []desk.Event{ev("2024-03-07 09:00", desk.InProgress), ev("2024-03-08 09:00", desk.AwaitingUser),
				ev("2024-03-11 13:00", desk.InProgress), ev("2024-03-12 12:00", desk.Resolved)},
			now:  "2024-03-20 09:00",
			used: 15 * time.Hour, paused: 12 * time.Hour, status: desk.Met, priority: desk.P3,
			respUsed: 0, respStatus: desk.Met,
		},
		{
			name:   "a running day-based clock after a weekend pause has its deadline in working days",
			policy: twoDays,
			ticket: ticket("2024-03-07 09:00", desk.P3),
			events: []desk.Event{ev("2024-03-07 09:00", desk.InProgress), ev("2024-03-08 09:00", desk.AwaitingUser),
				ev("2024-03-11 13:00", desk.InProgress)},
			now:  "2024-03-11 14:00",
			used: 9 * time.Hour, paused: 12 * time.Hour, status: desk.Running, deadline: "2024-03-12 13:00", priority: desk.P3,
			respStatus: desk.Met,
		},
		{
			name:   "a priority change mid-life keeps the time used and paused and moves the target",
			policy: pol,
			ticket: ticket("2024-03-04 09:00", desk.P2), // now P2, opened as P4
			events: []desk.Event{
				{At: at("2024-03-04 09:00"), Kind: desk.Opened, State: desk.New, Priority: desk.P4},
				ev("2024-03-04 09:30", desk.InProgress), ev("2024-03-04 12:00", desk.AwaitingUser),
				ev("2024-03-04 14:00", desk.InProgress),
				{At: at("2024-03-04 15:00"), Kind: desk.Escalated, Priority: desk.P2},
			},
			now:  "2024-03-04 16:00",
			used: 5 * time.Hour, paused: 2 * time.Hour, status: desk.Running, deadline: "2024-03-05 11:00", priority: desk.P2,
			respUsed: 30 * time.Minute, respStatus: desk.Met,
		},
		{
			// ServiceNow instances add states of their own (-100 in the
			// sample); kept as written, they count as open.
			name:   "a state ward does not know runs both clocks, neither pausing nor answering",
			policy: pol,
			ticket: resolved(ticket("2024-03-04 09:00", desk.P3), "-100"),
			events: []desk.Event{ev("2024-03-04 10:00", "-100"), ev("2024-03-04 12:00", desk.AwaitingUser),
				ev("2024-03-04 13:00", "-100")},
			now:  "2024-03-04 16:00",
			used: 6 * time.Hour, paused: time.Hour, status: desk.Running, deadline: "2024-03-06 10:00", priority: desk.P3,
			respUsed: 3 * time.Hour, respStatus: desk.Met,
		},
		{
			name:   "reopen after resolve: time while resolved is not counted and the clock resumes",
			policy: pol,
			ticket: resolved(ticket("2024-03-04 09:00", desk.P3), desk.Resolved),
			events: []desk.Event{ev("2024-03-04 09:00", desk.InProgress), ev("2024-03-04 15:00", desk.Resolved),
				{At: at("2024-03-06 10:00"), Kind: desk.Reopened, State: desk.InProgress}, ev("2024-03-06 14:00", desk.Resolved)},
			now:  "2024-03-08 09:00",
			used: 10 * time.Hour, status: desk.Met, priority: desk.P3, respStatus: desk.Met,
		},
		{
			name:   "reopened and still open: the clock runs on from where it stopped",
			policy: pol,
			ticket: ticket("2024-03-04 09:00", desk.P2),
			events: []desk.Event{ev("2024-03-04 09:00", desk.InProgress), ev("2024-03-04 15:00", desk.Resolved),
				{At: at("2024-03-06 10:00"), Kind: desk.Reopened, State: desk.InProgress}},
			now:  "2024-03-06 11:00",
			used: 7 * time.Hour, status: desk.Running, deadline: "2024-03-06 12:00", priority: desk.P2, respStatus: desk.Met,
		},
		{
			name:   "opened at night: nothing counts until the desk opens",
			policy: pol,
			ticket: resolved(ticket("2024-03-05 22:00", desk.P3), desk.Resolved),
			events: []desk.Event{ev("2024-03-06 09:10", desk.InProgress), ev("2024-03-06 10:30", desk.Resolved)},
			now:    "2024-03-07 09:00",
			used:   90 * time.Minute, status: desk.Met, priority: desk.P3, respUsed: 10 * time.Minute, respStatus: desk.Met,
		},
		{
			name:   "opened at a weekend",
			policy: pol,
			ticket: resolved(ticket("2024-03-09 11:00", desk.P3), desk.Resolved),
			events: []desk.Event{ev("2024-03-11 11:00", desk.Resolved)},
			now:    "2024-03-12 09:00",
			used:   2 * time.Hour, status: desk.Met, priority: desk.P3, respUsed: 2 * time.Hour, respStatus: desk.Met,
		},
		{
			name:   "opened on a bank holiday (Easter Monday)",
			policy: pol,
			ticket: ticket("2024-04-01 10:00", desk.P1),
			events: nil,
			now:    "2024-04-02 10:00",
			used:   time.Hour, status: desk.Running, deadline: "2024-04-02 13:00", priority: desk.P1,
			respUsed: time.Hour, respStatus: desk.Breached,
		},
		{
			name:   "Christmas and Boxing Day at a weekend (2021): the substitute Monday and Tuesday are closed",
			policy: pol,
			ticket: resolved(ticket("2021-12-24 16:00", desk.P3), desk.Resolved),
			events: []desk.Event{ev("2021-12-29 10:00", desk.Resolved)},
			now:    "2022-01-05 09:00",
			used:   2 * time.Hour, status: desk.Met, priority: desk.P3, respUsed: 2 * time.Hour, respStatus: desk.Met,
		},
		{
			name:   "Christmas on a Sunday (2022): Boxing Day Monday and the substitute Tuesday are closed",
			policy: pol,
			ticket: ticket("2022-12-23 16:00", desk.P2),
			now:    "2022-12-28 09:30",
			used:   90 * time.Minute, status: desk.Running, deadline: "2022-12-28 16:00", priority: desk.P2,
			respUsed: 90 * time.Minute, respStatus: desk.Breached,
		},
		{
			name:   "British Summer Time starts (30 March 2025): a 15:00 deadline stays at 15:00",
			policy: pol,
			ticket: ticket("2025-03-28 15:00", desk.P2),
			now:    "2025-03-28 15:30",
			used:   30 * time.Minute, status: desk.Running, deadline: "2025-03-31 15:00", priority: desk.P2,
			respUsed: 30 * time.Minute, respStatus: desk.Running,
		},
		{
			name:   "British Summer Time ends (26 October 2025): a 15:00 deadline stays at 15:00",
			policy: pol,
			ticket: ticket("2025-10-24 15:00", desk.P2),
			now:    "2025-10-27 10:00",
			used:   3 * time.Hour, status: desk.Running, deadline: "2025-10-27 15:00", priority: desk.P2,
			respUsed: 3 * time.Hour, respStatus: desk.Breached,
		},
		{
			name:   "breached while open: the deadline is the instant of breach",
			policy: pol,
			ticket: ticket("2024-03-04 09:00", desk.P1),
			events: []desk.Event{ev("2024-03-04 09:05", desk.InProgress)},
			now:    "2024-03-05 10:00",
			used:   9 * time.Hour, status: desk.Breached, deadline: "2024-03-04 13:00", priority: desk.P1,
			respUsed: 5 * time.Minute, respStatus: desk.Met,
		},
		{
			name:   "paused now: no deadline, time left kept",
			policy: pol,
			ticket: ticket("2024-03-04 09:00", desk.P3),
			events: []desk.Event{ev("2024-03-04 10:00", desk.AwaitingSupplier)},
			now:    "2024-03-06 10:00",
			used:   time.Hour, paused: 16 * time.Hour, status: desk.Paused, priority: desk.P3,
			respUsed: time.Hour, respStatus: desk.Met,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := desk.Measure(cal, c.policy, c.ticket, c.events, at(c.now))
			if err != nil {
				t.Fatal(err)
			}
			r := m.Resolution
			if r.Used != c.used || r.Paused != c.paused || r.Status != c.status {
				t.Errorf("resolution used %v paused %v %s; want used %v paused %v %s", r.Used, r.Paused, r.Status, c.used, c.paused, c.status)
			}
			if m.Priority != c.priority {
				t.Errorf("measured as %s, want %s", m.Priority, c.priority)
			}
			if got := local(r.Deadline); got != c.deadline {
				t.Errorf("deadline %q, want %q", got, c.deadline)
			}
			if r.Left != r.Target-r.Used {
				t.Errorf("time left %v is not target %v less used %v", r.Left, r.Target, r.Used)
			}
			if m.Response.Used != c.respUsed || m.Response.Status != c.respStatus {
				t.Errorf("response used %v %s; want %v %s", m.Response.Used, m.Response.Status, c.respUsed, c.respStatus)
			}
		})
	}
}

func local(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(london).Format("2006-01-02 15:04")
}

func TestMeasureWarnsAsTheTargetIsUsed(t *testing.T) {
	cal := defaultCalendar(t)
	pol := desk.DefaultPolicy(desk.Incident) // P2: 8 h; warnings 50, 75, 90
	tk := ticket("2024-03-04 09:00", desk.P2)
	for _, c := range []struct {
		now  string
		want float64
	}{{"2024-03-04 12:00", 0}, {"2024-03-04 13:00", 50}, {"2024-03-04 15:00", 75}, {"2024-03-04 16:15", 90}} {
		m, err := desk.Measure(cal, pol, tk, nil, at(c.now))
		if err != nil {
			t.Fatal(err)
		}
		if m.Resolution.Warning != c.want {
			t.Errorf("at %s warning %v, want %v", c.now, m.Resolution.Warning, c.want)
		}
	}
}

func TestPolicyAndCalendarEditedAfterTheFact(t *testing.T) {
	v1 := desk.DefaultPolicy(desk.Incident)
	v1.Version, v1.EffectiveFrom = 1, at("2024-01-01 00:00")
	v2 := desk.DefaultPolicy(desk.Incident)
	v2.Version, v2.EffectiveFrom = 2, at("2024-03-06 00:00")
	v2.Targets = map[desk.Priority]desk.Target{}
	for p, tg := range v1.Targets {
		v2.Targets[p] = tg
	}
	v2.Targets[desk.P3] = desk.Target{Response: desk.Span{Amount: 1, Unit: desk.Hours}, Resolution: desk.Span{Amount: 8, Unit: desk.Hours}}
	versions := []desk.Policy{v2, v1} // any order

	tk := resolved(ticket("2024-03-05 09:00", desk.P3), desk.Resolved)
	events := []desk.Event{ev("2024-03-05 09:00", desk.InProgress), ev("2024-03-06 13:00", desk.Resolved)}
	pol := desk.InForce(versions, desk.Incident, tk.OpenedAt)
	if pol.Version != 1 {
		t.Fatalf("ticket opened 5 March measured by version %d, want 1 (version 2 took effect on 6 March)", pol.Version)
	}
	if got := desk.InForce(versions, desk.Incident, at("2024-03-07 09:00")); got.Version != 2 {
		t.Errorf("ticket opened 7 March measured by version %d, want 2", got.Version)
	}
	if got := desk.InForce(versions, desk.Request, tk.OpenedAt); got.Version != 0 {
		t.Errorf("request measured by version %d, want the default", got.Version)
	}

	before, err := desk.Measure(defaultCalendar(t), pol, tk, events, at("2024-03-08 09:00"))
	if err != nil {
		t.Fatal(err)
	}
	if before.Resolution.Used != 12*time.Hour || before.Resolution.Status != desk.Met || before.PolicyVersion != 1 {
		t.Errorf("measured %v %s by v%d; want 12h met by v1", before.Resolution.Used, before.Resolution.Status, before.PolicyVersion)
	}

	// The desk shut at 13:00 on 5 March for a fire drill, entered afterwards:
	// re-measuring with the edited calendar takes those four hours out.
	def := calendar.Default()
	from, _ := calendar.ParseLocalTime("2024-03-05T13:00")
	to, _ := calendar.ParseLocalTime("2024-03-05T17:00")
	def.Closures = append(def.Closures, calendar.Closure{From: from, To: to, Reason: "fire drill"})
	edited, err := calendar.New(def)
	if err != nil {
		t.Fatal(err)
	}
	after, err := desk.Measure(edited, pol, tk, events, at("2024-03-08 09:00"))
	if err != nil {
		t.Fatal(err)
	}
	if after.Resolution.Used != 8*time.Hour {
		t.Errorf("after the closure was entered: used %v, want 8h", after.Resolution.Used)
	}
}

func TestMeasureRefusesHistoriesThatGoBackInTime(t *testing.T) {
	cal := defaultCalendar(t)
	pol := desk.DefaultPolicy(desk.Incident)
	tk := ticket("2024-03-05 09:00", desk.P3)
	for _, c := range []struct {
		name   string
		events []desk.Event
		want   string
	}{
		{"before the opening", []desk.Event{ev("2024-03-05 08:59", desk.InProgress)}, "before the ticket was opened"},
		{"out of order", []desk.Event{ev("2024-03-05 11:00", desk.InProgress), ev("2024-03-05 10:00", desk.AwaitingUser)}, "earlier than the event before it"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := desk.Measure(cal, pol, tk, c.events, at("2024-03-06 09:00"))
			var he *desk.HistoryError
			if !errors.As(err, &he) || !strings.Contains(err.Error(), "ticket INC-10042") || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v; want a HistoryError naming INC-10042 and saying %q", err, c.want)
			}
		})
	}
}

// An imported ServiceNow history: the source says when it was resolved.
func TestMeasureStopsAtTheSourcesResolvedTime(t *testing.T) {
	cal := defaultCalendar(t)
	tk := ticket("2016-02-29 09:00", desk.P3)
	tk.ResolvedAt, tk.State = at("2016-02-29 11:29"), desk.Closed
	events := []desk.Event{
		{At: at("2016-02-29 09:00"), Kind: desk.Opened, State: desk.New},
		{At: at("2016-02-29 09:05"), Kind: desk.Updated, State: desk.InProgress},
		{At: at("2016-02-29 11:29"), Kind: desk.Updated, State: desk.Resolved},
		{At: at("2016-03-05 12:00"), Kind: desk.Updated, State: desk.Closed},
	}
	m, err := desk.Measure(cal, desk.DefaultPolicy(desk.Incident), tk, events, at("2026-11-22 12:00"))
	if err != nil {
		t.Fatal(err)
	}
	if m.Resolution.Used != 149*time.Minute || m.Resolution.Status != desk.Met || !m.Resolution.StoppedAt.Equal(tk.ResolvedAt) {
		t.Errorf("resolution %+v", m.Resolution)
	}
}
