package walkupsvc_test

import (
	"context"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/calendar"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/walkupsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

var ctx = context.Background()

var london, _ = time.LoadLocation("Europe/London")

var operator = tenancy.Operator("cli:test")

func agentOf(orgID int64) tenancy.Principal {
	return tenancy.Principal{Actor: "user:agent@test", Role: tenancy.RoleAgent, OrgID: orgID, Scope: tenancy.ScopeOf(orgID)}
}

func officerOf(orgID int64) tenancy.Principal {
	return tenancy.Principal{Actor: "user:officer@test", Role: tenancy.RoleOfficer, OrgID: orgID, Scope: tenancy.ScopeOf(orgID)}
}

// at fixes the store's clock at a London wall-clock time.
func at(s *store.Store, when string) {
	t, err := time.ParseInLocation("2006-01-02 15:04", when, london)
	if err != nil {
		panic(err)
	}
	s.SetClock(func() time.Time { return t })
}

type fixture struct {
	s            *store.Store
	svc          *walkupsvc.Service
	org          store.Org
	civic, depot store.Site
	civicTablet  string
	depotTablet  string
	civicScreen  string
	agent        tenancy.Principal
}

func setUp(t *testing.T, s *store.Store) fixture {
	t.Helper()
	f := fixture{s: s, svc: walkupsvc.New(s, desksvc.New(s))}
	var err error
	if f.org, err = s.CreateOrg(ctx, store.NewOrg{Slug: "ashcombe", Name: "Ashcombe Council", Kind: tenancy.KindCouncil}); err != nil {
		t.Fatal(err)
	}
	sys := tenancy.ForSystem(tenancy.JobTest)
	if f.civic, err = s.CreateSite(ctx, sys, f.org.ID, "Civic Centre", ""); err != nil {
		t.Fatal(err)
	}
	if f.depot, err = s.CreateSite(ctx, sys, f.org.ID, "Depot", ""); err != nil {
		t.Fatal(err)
	}
	link := func(site store.Site, purpose string) string {
		token, err := f.svc.NewKioskLink(ctx, operator, f.org.ID, site.ID, purpose)
		if err != nil {
			t.Fatal(err)
		}
		return token
	}
	f.civicTablet, f.depotTablet = link(f.civic, walkupsvc.KioskCheckIn), link(f.depot, walkupsvc.KioskCheckIn)
	f.civicScreen = link(f.civic, walkupsvc.KioskScreen)
	f.agent = agentOf(f.org.ID)
	return f
}

func (f fixture) checkIn(t *testing.T, tablet, name string) walkupsvc.Visit {
	t.Helper()
	v, err := f.svc.CheckIn(ctx, tablet, name, "printer", false, "")
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func (f fixture) call(t *testing.T, site store.Site) walkupsvc.Visit {
	t.Helper()
	v, err := f.svc.CallNext(ctx, f.agent, f.org.ID, site.ID, "Desk 1")
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// TestWalkUpWaitsMatchATableWorkedByHand runs six visits through the queue
// at the times below (London, in summer time: an hour ahead of UTC, so an
// hour read in UTC would be wrong) and checks every figure against this
// working, in minutes:
//
//	visit site   checked in      called  finished  end       wait  service
//	A     Civic  Mon 1 Jun 09:00  09:04   09:10     resolved  4     6
//	B     Civic  Mon      09:02   09:10   09:25     ticket    8     15
//	C     Civic  Mon      09:30   09:45   09:47     no-show   15    –
//	D     Depot  Mon      10:15   10:17   10:20     resolved  2     3
//	E     Civic  Tue 2 Jun 10:05  10:15   10:27     resolved  10    12
//	F     Depot  Tue      14:00   –       –         waiting   –     –
//
// Total: 6 visits, 5 called, 3 resolved, 1 ticket, 1 no-show.
// Waits 2,4,8,10,15: mean 39/5 = 7.8; median rank ⌈0.5×5⌉=3 → 8; p90 rank ⌈4.5⌉=5 → 15; longest 15.
// Services 3,6,12,15: mean 36/4 = 9; median rank 2 → 6; p90 rank ⌈3.6⌉=4 → 15.
// Civic (A,B,C,E): waits 4,8,10,15 mean 37/4 = 9.25, median rank 2 → 8, p90 rank 4 → 15;
// services 6,12,15 mean 11, median rank 2 → 12, p90 rank ⌈2.7⌉=3 → 15.
// Depot (D,F): 2 visits, 1 called; wait 2, service 3.
// Hour 09 (A,B,C): waits 4,8,15 mean 9, median 8, p90 15; services 6,15 mean 10.5, median rank 1 → 6, p90 rank 2 → 15.
// Hour 10 (D,E): waits 2,10 mean 6, median 2, p90 10; services 3,12 mean 7.5, median 3, p90 12.
// Hour 14 (F): 1 visit, none called.
// Monday (A–D): waits 2,4,8,15 mean 7.25, median rank 2 → 4, p90 15; services 3,6,15 mean 8, median 6, p90 15.
// Tuesday (E,F): 2 visits, 1 called; wait 10, service 12.
func TestWalkUpWaitsMatchATableWorkedByHand(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := setUp(t, s)
		at(s, "2026-06-01 09:00")
		a := f.checkIn(t, f.civicTablet, "Ann Smith")
		at(s, "2026-06-01 09:02")
		b := f.checkIn(t, f.civicTablet, "E1234")
		if a.Number != 1 || b.Number != 2 {
			t.Errorf("numbers %d, %d; want 1, 2", a.Number, b.Number)
		}
		at(s, "2026-06-01 09:04")
		if got := f.call(t, f.civic); got.ID != a.ID {
			t.Fatalf("called %d, want the longest waiting %d", got.Number, a.Number)
		}
		screen := must[walkupsvc.Screen](t)(f.svc.QueueScreen(ctx, f.civicScreen))
		if len(screen.Called) != 1 || screen.Called[0] != (walkupsvc.ScreenLine{Label: "1", Desk: "Desk 1"}) ||
			len(screen.Waiting) != 1 || screen.Waiting[0].Label != "2" || screen.SiteName != "Civic Centre" {
			t.Errorf("screen shows %+v", screen)
		}
		at(s, "2026-06-01 09:05")
		must[walkupsvc.Visit](t)(f.svc.Serve(ctx, f.agent, a.ID))
		at(s, "2026-06-01 09:10")
		must[walkupsvc.Visit](t)(f.svc.Resolve(ctx, f.agent, a.ID, "Reconnected the printer"))
		f.call(t, f.civic) // B
		at(s, "2026-06-01 09:25")
		tk := must[desksvc.Ticket](t)(f.svc.LogTicket(ctx, f.agent, b.ID, desksvc.NewTicket{OrgID: f.org.ID, Title: "Laptop screen broken",
			Caller: "E1234", Impact: desk.Low, Urgency: desk.Low}))
		if tk.Channel != desk.WalkUp || tk.Site != "Civic Centre" {
			t.Errorf("ticket %s via %s at %q", tk.Ref, tk.Channel, tk.Site)
		}
		if v := must[walkupsvc.Visit](t)(f.svc.Visit(ctx, f.agent, b.ID)); v.TicketID != tk.ID || v.State != desk.VisitTicket {
			t.Errorf("visit B after its ticket: %+v", v)
		}
		at(s, "2026-06-01 09:30")
		c := f.checkIn(t, f.civicTablet, "Carl")
		at(s, "2026-06-01 09:45")
		f.call(t, f.civic)
		at(s, "2026-06-01 09:47")
		must[walkupsvc.Visit](t)(f.svc.NoShow(ctx, f.agent, c.ID))
		at(s, "2026-06-01 10:15")
		d := f.checkIn(t, f.depotTablet, "Dee")
		if d.Number != 1 {
			t.Errorf("the depot's first visitor is number %d", d.Number)
		}
		at(s, "2026-06-01 10:17")
		f.call(t, f.depot)
		at(s, "2026-06-01 10:20")
		must[walkupsvc.Visit](t)(f.svc.Resolve(ctx, f.agent, d.ID, "Password reset"))
		at(s, "2026-06-02 10:05")
		e := f.checkIn(t, f.civicTablet, "Eve")
		if e.Number != 1 {
			t.Errorf("numbers start again each day: Tuesday's first is %d", e.Number)
		}
		at(s, "2026-06-02 10:15")
		f.call(t, f.civic)
		at(s, "2026-06-02 10:27")
		must[walkupsvc.Visit](t)(f.svc.Resolve(ctx, f.agent, e.ID, "Showed how to book a room"))
		at(s, "2026-06-02 14:00")
		f.checkIn(t, f.depotTablet, "Fay")

		r, err := f.svc.Report(ctx, f.agent, f.org, calendar.Date{Year: 2026, Month: 6, Day: 1}, calendar.Date{Year: 2026, Month: 6, Day: 2})
		if err != nil {
			t.Fatal(err)
		}
		row := func(name string, visits, called, resolved, tickets, noShows int, waits, services [3]float64, longest float64) report.WalkupRow {
			return report.WalkupRow{Name: name, Visits: visits, Called: called, Resolved: resolved, Tickets: tickets, NoShows: noShows,
				MeanWaitMinutes: waits[0], MedianWaitMinutes: waits[1], P90WaitMinutes: waits[2], LongestWaitMinutes: longest,
				MeanServiceMinutes: services[0], MedianServiceMinutes: services[1], P90ServiceMinutes: services[2]}
		}
		want := map[string]report.WalkupRow{
			"total":        row("all sites", 6, 5, 3, 1, 1, [3]float64{7.8, 8, 15}, [3]float64{9, 6, 15}, 15),
			"Civic Centre": row("Civic Centre", 4, 4, 2, 1, 1, [3]float64{9.25, 8, 15}, [3]float64{11, 12, 15}, 15),
			"Depot":        row("Depot", 2, 1, 1, 0, 0, [3]float64{2, 2, 2}, [3]float64{3, 3, 3}, 2),
			"09":           row("09", 3, 3, 1, 1, 1, [3]float64{9, 8, 15}, [3]float64{10.5, 6, 15}, 15),
			"10":           row("10", 2, 2, 2, 0, 0, [3]float64{6, 2, 10}, [3]float64{7.5, 3, 12}, 10),
			"14":           row("14", 1, 0, 0, 0, 0, [3]float64{}, [3]float64{}, 0),
			"Monday":       row("Monday", 4, 4, 2, 1, 1, [3]float64{7.25, 4, 15}, [3]float64{8, 6, 15}, 15),
			"Tuesday":      row("Tuesday", 2, 1, 1, 0, 0, [3]float64{10, 10, 10}, [3]float64{12, 12, 12}, 10),
		}
		got := map[string]report.WalkupRow{"total": r.Total}
		for _, list := range [][]report.WalkupRow{r.Sites, r.Hours, r.Days} {
			for _, x := range list {
				got[x.Name] = x
			}
		}
		if len(got) != len(want) {
			t.Errorf("rows %v, want %d of them", got, len(want))
		}
		for name, w := range want {
			if got[name] != w {
				t.Errorf("%s:\n got %+v\nwant %+v", name, got[name], w)
			}
		}
	})
}

func TestAKioskLinkOpensOnlyItsSiteAndPurpose(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := setUp(t, s)
		if _, err := f.svc.CheckIn(ctx, f.civicScreen, "Ann", "printer", false, ""); !fault.Is(err, fault.KindNotFound) {
			t.Errorf("a screen link checked someone in: %v", err)
		}
		if _, err := f.svc.QueueScreen(ctx, f.civicTablet); !fault.Is(err, fault.KindNotFound) {
			t.Errorf("a tablet link showed the screen: %v", err)
		}
		old := f.civicTablet
		fresh := must[string](t)(f.svc.NewKioskLink(ctx, operator, f.org.ID, f.civic.ID, walkupsvc.KioskCheckIn))
		if _, err := f.svc.CheckIn(ctx, old, "Ann", "printer", false, ""); !fault.Is(err, fault.KindNotFound) {
			t.Errorf("a replaced link still checks people in: %v", err)
		}
		if k := must[walkupsvc.KioskSite](t)(f.svc.Kiosk(ctx, fresh, walkupsvc.KioskCheckIn)); k.SiteName != "Civic Centre" {
			t.Errorf("the new link opens %+v", k)
		}
		if _, err := f.svc.CheckIn(ctx, fresh, " ", "", false, ""); len(fault.All(err)) != 2 {
			t.Errorf("an empty check-in: %v", err)
		}
		if _, err := f.svc.NewKioskLink(ctx, f.agent, f.org.ID, f.civic.ID, walkupsvc.KioskScreen); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("an agent made a kiosk link: %v", err)
		}
		f.checkIn(t, fresh, "Ann")
		if _, err := f.svc.CallNext(ctx, officerOf(f.org.ID), f.org.ID, f.civic.ID, "Desk 1"); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("an officer called the next visitor: %v", err)
		}
		other, err := s.CreateOrg(ctx, store.NewOrg{Slug: "brent", Name: "Brent", Kind: tenancy.KindCouncil})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.CallNext(ctx, agentOf(other.ID), f.org.ID, f.civic.ID, "Desk 1"); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("another council's agent called: %v", err)
		}
		if _, _, err := f.svc.Queue(ctx, agentOf(other.ID), other.ID, f.civic.ID); !fault.Is(err, fault.KindNotFound) {
			t.Errorf("another council's agent read the site's queue by its id: %v", err)
		}
	})
}

func TestPastVisitsMustHaveTimesThatFitTheirEnd(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := setUp(t, s)
		in := time.Date(2026, 6, 1, 9, 0, 0, 0, london)
		_, err := f.svc.RecordVisits(ctx, operator, f.org.ID, []walkupsvc.PastVisit{
			{SiteID: f.civic.ID, Name: "Ann", Reason: "x", State: desk.VisitWaiting, CheckedIn: in, Called: in.Add(time.Minute)},
			{SiteID: f.civic.ID, Name: "", Reason: "x", State: desk.VisitResolved, CheckedIn: in, Called: in.Add(time.Minute)},
			{SiteID: f.civic.ID, Name: "Cy", Reason: "x", State: "lost", CheckedIn: in},
		})
		if got := len(fault.All(err)); got != 4 {
			t.Errorf("%d mistakes named, want 4: %v", got, err)
		}
		n, err := f.svc.RecordVisits(ctx, operator, f.org.ID, []walkupsvc.PastVisit{
			{SiteID: f.civic.ID, Name: "Ann", Reason: "x", State: desk.VisitNoShow, CheckedIn: in, Called: in.Add(time.Minute), Finished: in.Add(2 * time.Minute)},
			{SiteID: f.civic.ID, Name: "Bo", Reason: "y", State: desk.VisitWaiting, CheckedIn: in.Add(time.Minute)},
		})
		if err != nil || n != 2 {
			t.Fatalf("recorded %d: %v", n, err)
		}
		if _, err := f.svc.RecordVisits(ctx, agentOf(f.org.ID), f.org.ID, nil); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("an agent recorded past visits: %v", err)
		}
		_, queue, err := f.svc.Queue(ctx, f.agent, f.org.ID, f.civic.ID)
		if err != nil || len(queue) != 1 || queue[0].Number != 2 {
			t.Errorf("the queue after recording: %+v (%v)", queue, err)
		}
	})
}
