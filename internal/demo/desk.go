package demo

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/ward-shared-service/ward/internal/calendar"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
)

// deskProfile is how each council's desk performs in the demo, so the three
// differ on the dashboard and in the SLA report.
var deskProfile = map[string]struct {
	within  float64 // share of tickets resolved within target
	perWeek int
}{
	"ashcombe":   {within: 0.94, perWeek: 24},
	"brentmere":  {within: 0.84, perWeek: 18},
	"calderwick": {within: 0.90, perWeek: 14},
}

var demoCallers = map[string][]store.Person{
	"ashcombe":   {{Name: "Priya Shah", Phone: "01632 960101"}, {Name: "Tom Ellis", Phone: "01632 960102"}, {Name: "Grace Okafor", Phone: "01632 960103"}, {Name: "Martin Hale", Phone: "01632 960104"}},
	"brentmere":  {{Name: "Owen Price", Phone: "01632 960201"}, {Name: "Leah Morgan", Phone: "01632 960202"}, {Name: "Sunil Patel", Phone: "01632 960203"}},
	"calderwick": {{Name: "Fiona Reid", Phone: "01632 960301"}, {Name: "Dan Kowalski", Phone: "01632 960302"}, {Name: "Ruth Ainsley", Phone: "01632 960303"}},
}

var demoCategories = []struct{ category, subcategory, title string }{
	{"Hardware", "Laptop", "Laptop will not start"},
	{"Hardware", "Printer", "Printer on floor 2 jams"},
	{"Software", "Line of business", "Revenues system error on save"},
	{"Software", "Office", "Excel crashes opening the budget workbook"},
	{"Account access", "Password", "Locked out after password change"},
	{"Account access", "New starter", "Account for new starter in Planning"},
	{"Email", "Shared mailbox", "Cannot see the Housing shared mailbox"},
	{"Network", "Wi-Fi", "Wi-Fi drops in the council chamber"},
	{"Telephony", "Softphone", "Softphone has no audio"},
	{"Security", "Phishing", "Suspicious email reporting a parcel delivery"},
}

// demoRequests are what callers ask for rather than report broken.
var demoRequests = []struct{ category, subcategory, title string }{
	{"Account access", "New starter", "Accounts and laptop for a new starter in Revenues"},
	{"Account access", "Shared drive", "Access to the Planning shared drive"},
	{"Software", "Install", "Install the GIS viewer for the conservation officer"},
	{"Hardware", "Peripheral", "Second monitor for a hot desk"},
	{"Email", "Distribution list", "Add the new ward members to the members' list"},
}

// seedDesk fills each council's desk with eight weeks of tickets, measured
// against the default calendar and policy, and a handful still open.
func seedDesk(ctx context.Context, st *store.Store, svc *desksvc.Service, ids map[string]int64, now time.Time) error {
	cal, err := calendar.New(calendar.Default())
	if err != nil {
		return err
	}
	pol := desk.DefaultPolicy(desk.Incident)
	for _, slug := range []string{"ashcombe", "brentmere", "calderwick"} {
		orgID := ids[slug]
		var people []store.Person
		for _, p := range demoCallers[slug] {
			p.OrgID = orgID
			p.Email = fmt.Sprintf("%s@%s.example", firstName(p.Name), slug)
			saved, err := st.CreatePerson(ctx, everyOrg, p)
			if err != nil {
				return err
			}
			people = append(people, saved)
		}
		// The desk's own users work the tickets: mostly the agent, every
		// fifth the administrator, and the last few are still unassigned.
		workers, err := st.TicketWorkers(ctx, everyOrg, orgID)
		if err != nil {
			return err
		}
		agent, admin := workerNamed(workers, "agent@abc-shared.example"), workerNamed(workers, "admin@abc-shared.example")
		prof := deskProfile[slug]
		rng := rand.New(rand.NewPCG(uint64(orgID), 2026))
		n := prof.perWeek * 8
		start := now.AddDate(0, 0, -56)
		for i := range n {
			opened := start.Add(time.Duration(float64(56*24*time.Hour) * float64(i) / float64(n)))
			opened = opened.Add(time.Duration(rng.IntN(120)) * time.Minute).Truncate(time.Minute)
			if opened.After(now) {
				opened = now.Add(-time.Hour)
			}
			who := agent
			switch {
			case i >= n-3:
				who = store.User{}
			case i%5 == 4:
				who = admin
			}
			t, events := demoTicket(rng, cal, pol, orgID, people, who, opened, now, prof.within, i >= n-8)
			if err := svc.Log(ctx, demoPrincipal, &t, events); err != nil {
				return fmt.Errorf("demo ticket for %s: %w", slug, err)
			}
		}
	}
	return nil
}

// workerNamed finds the demo user with the e-mail address among workers.
func workerNamed(workers []store.User, email string) store.User {
	for _, w := range workers {
		if w.Email == email {
			return w
		}
	}
	return store.User{}
}

func firstName(full string) string {
	for i, r := range full {
		if r == ' ' {
			return lower(full[:i])
		}
	}
	return lower(full)
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// demoTicket writes one ticket's life: logged, assigned, worked, perhaps
// waiting on the caller, resolved (or still open for the newest few).
func demoTicket(rng *rand.Rand, cal *calendar.Calendar, pol desk.Policy, orgID int64, people []store.Person, who store.User,
	opened, now time.Time, within float64, keepOpen bool) (store.Ticket, []desk.Event) {
	pri := desk.P3
	switch r := rng.Float64(); {
	case r < 0.03:
		pri = desk.P1
	case r < 0.12:
		pri = desk.P2
	case r < 0.80:
		pri = desk.P3
	default:
		pri = desk.P4
	}
	channels := []desk.Channel{desk.Portal, desk.Portal, desk.Portal, desk.Email, desk.Email, desk.Phone, desk.Phone, desk.Phone, desk.WalkUp, desk.Monitoring}
	ch := channels[rng.IntN(len(channels))]
	cat := demoCategories[rng.IntN(len(demoCategories))]
	caller := people[rng.IntN(len(people))]
	// A second source, seeded by the ticket, decides what was added to the
	// demo later (requests; P1s answered as a major fault is), so the
	// tickets the first one draws stay as they were.
	side := rand.New(rand.NewPCG(uint64(opened.UnixNano()), uint64(orgID)))
	typ := desk.Incident
	if side.Float64() < 0.25 {
		req := demoRequests[side.IntN(len(demoRequests))]
		typ, cat.category, cat.subcategory, cat.title = desk.Request, req.category, req.subcategory, req.title
		pri = []desk.Priority{desk.P3, desk.P3, desk.P3, desk.P4}[side.IntN(4)]
	}
	t := store.Ticket{OrgID: orgID, CallerPersonID: caller.ID, Ticket: desk.Ticket{Type: typ, Priority: pri,
		Category: cat.category, Subcategory: cat.subcategory, Channel: ch, Title: cat.title, Caller: caller.Name,
		CallerPhone: caller.Phone, AssignmentGroup: "Service desk", State: desk.New, OpenedAt: opened}}
	events := []desk.Event{{At: opened, Kind: desk.Opened, State: desk.New, Priority: pri, Actor: "system:demo", Note: "logged via " + string(ch)}}
	target := pol.Targets[pri].Resolution.Working(cal)
	// Working time to resolve: lognormal around 40% of the target, spread so
	// that the council's share of tickets lands within target.
	sigma := 0.9
	mu := -sigma * normalQuantile(within)
	work := time.Duration(float64(target) * math.Exp(mu+sigma*rng.NormFloat64()))
	work = max(work, 5*time.Minute).Truncate(time.Minute)

	at := cal.Add(opened, time.Duration(5+rng.IntN(40))*time.Minute)
	answer := 10 * time.Minute // from assignment to the first answer
	if pri == desk.P1 {
		at = cal.Add(opened, time.Duration(1+side.IntN(6))*time.Minute)
		answer = time.Duration(1+side.IntN(9)) * time.Minute
	}
	step := func(when time.Time, kind desk.EventKind, s desk.State, note string) bool {
		if when.After(now) {
			return false
		}
		events = append(events, desk.Event{At: when, Kind: kind, State: s, Actor: "user:agent@abc-shared.example", Note: note})
		t.State = s
		return true
	}
	if who.ID == 0 || !step(at, desk.Reassign, desk.Assigned, "") {
		return t, events
	}
	t.Assignee, t.AssigneeID = who.Name, who.ID
	events[len(events)-1].Assignee, events[len(events)-1].AssignmentGroup = who.Name, "Service desk"
	if !step(cal.Add(at, answer), desk.Moved, desk.InProgress, "") {
		return t, events
	}
	at = events[len(events)-1].At
	if rng.Float64() < 0.3 {
		half := cal.Add(at, work/2)
		if !step(half, desk.Moved, desk.AwaitingUser, "asked the caller to try again and confirm") {
			return t, events
		}
		back := cal.Add(half, time.Duration(1+rng.IntN(12))*time.Hour)
		if !step(back, desk.Moved, desk.InProgress, "caller replied") {
			return t, events
		}
		at = cal.Add(back, work/2)
	} else {
		at = cal.Add(at, work)
	}
	if keepOpen || !step(at, desk.Moved, desk.Resolved, "fixed") {
		return t, events
	}
	t.ResolvedAt = at
	if closeAt := at.AddDate(0, 0, 3); step(closeAt, desk.Moved, desk.Closed, "closed after three days with no reply") {
		t.ClosedAt = closeAt
	}
	return t, events
}

// normalQuantile is the standard normal quantile, through Winitzki's
// approximation of the inverse error function: ample for demo data.
func normalQuantile(p float64) float64 {
	p = min(max(p, 0.0001), 0.9999)
	x := 2*p - 1
	const a = 0.147
	ln := math.Log(1 - x*x)
	t := 2/(math.Pi*a) + ln/2
	return math.Sqrt2 * math.Copysign(math.Sqrt(math.Sqrt(t*t-ln/a)-t), x)
}
