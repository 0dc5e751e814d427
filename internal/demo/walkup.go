package demo

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/service/walkupsvc"
	"github.com/ward-shared-service/ward/internal/store"
)

// civicCentres are the three sites with a walk-up queue, one per council,
// and how busy each is: visitors on an ordinary weekday and staffed desks.
var civicCentres = []struct {
	org, site string
	perDay    int
	desks     int
}{
	{"ashcombe", "Ashcombe Town Hall", 34, 2},
	{"brentmere", "Brentmere Civic Centre", 46, 3},
	{"calderwick", "Calderwick Guildhall", 22, 1},
}

var visitReasons = []string{"Laptop will not start", "Forgotten password", "New starter kit", "Printer jammed",
	"Phone not ringing", "Screen flickers", "Cannot reach the Housing system", "Return a laptop", "Headset broken",
	"Teams will not join calls", "Need a second monitor", "Smartcard locked"}

var visitorNames = []string{"Priya Shah", "Tom Beck", "E10423", "Maria Lopez", "Dev Patel", "Sam Ward", "Grace Obi",
	"E20871", "Hannah Kerr", "Luis Mendes", "Joy Adeyemi", "Rob Hart", "Ines Costa", "E31007", "Kofi Mensah"}

// seedWalkup gives each civic centre three weeks of walk-up history, opening
// 09:00 to 17:00 on weekdays, and a few people in the queue now: two
// waiting and one called to a desk. The history is simulated desk by desk,
// so waits grow at the lunchtime peak as they would.
func seedWalkup(ctx context.Context, st *store.Store, svc *walkupsvc.Service, ids map[string]int64, now time.Time) error {
	sites, err := st.Sites(ctx, everyOrg)
	if err != nil {
		return err
	}
	for i, cc := range civicCentres {
		var site store.Site
		for _, s := range sites {
			if s.OrgID == ids[cc.org] && s.Name == cc.site {
				site = s
			}
		}
		if site.ID == 0 {
			return fmt.Errorf("demo walk-up: no site %q", cc.site)
		}
		rng := rand.New(rand.NewPCG(uint64(site.ID), 16))
		london, err := time.LoadLocation("Europe/London")
		if err != nil {
			return err
		}
		today := now.In(london)
		var visits []walkupsvc.PastVisit
		for back := 21; back >= 1; back-- {
			day := time.Date(today.Year(), today.Month(), today.Day()-back, 9, 0, 0, 0, london)
			if day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
				continue
			}
			visits = append(visits, simulateDay(rng, site.ID, day, cc.perDay, cc.desks)...)
		}
		for j, minsAgo := range []int{14, 9, 3} {
			v := walkupsvc.PastVisit{SiteID: site.ID, Name: visitorNames[(i*3+j)%len(visitorNames)],
				Reason: visitReasons[(i+j)%len(visitReasons)], State: desk.VisitWaiting, CheckedIn: now.Add(-time.Duration(minsAgo) * time.Minute)}
			if j == 0 {
				v.State, v.Called, v.Desk = desk.VisitCalled, now.Add(-time.Minute), "Desk 1"
			}
			visits = append(visits, v)
		}
		if _, err := svc.RecordVisits(ctx, demoPrincipal, site.OrgID, visits); err != nil {
			return fmt.Errorf("demo walk-up at %s: %w", cc.site, err)
		}
	}
	return nil
}

// simulateDay runs one day's queue at a site: arrivals through the day,
// busiest over lunch, served first come first by the free desk.
func simulateDay(rng *rand.Rand, siteID int64, open time.Time, perDay, desks int) []walkupsvc.PastVisit {
	n := perDay + rng.IntN(perDay/3+1) - perDay/6
	free := make([]time.Time, desks) // when each desk is next free
	for d := range free {
		free[d] = open
	}
	var out []walkupsvc.PastVisit
	for range n {
		// Arrivals: a normal bump around 12:30 over a flat spread of the day.
		mins := rng.Float64() * 450
		if rng.IntN(2) == 0 {
			mins = math.Min(math.Max(210+rng.NormFloat64()*60, 0), 450)
		}
		arrived := open.Add(time.Duration(mins * float64(time.Minute))).Truncate(time.Second)
		out = append(out, walkupsvc.PastVisit{SiteID: siteID, CheckedIn: arrived,
			Name: visitorNames[rng.IntN(len(visitorNames))], Reason: visitReasons[rng.IntN(len(visitReasons))]})
	}
	slices.SortFunc(out, func(a, b walkupsvc.PastVisit) int { return a.CheckedIn.Compare(b.CheckedIn) })
	for i := range out {
		v := &out[i]
		d := 0
		for k := range free {
			if free[k].Before(free[d]) {
				d = k
			}
		}
		v.Called = free[d]
		if v.Called.Before(v.CheckedIn) {
			v.Called = v.CheckedIn.Add(time.Duration(20+rng.IntN(90)) * time.Second)
		}
		v.Desk = fmt.Sprintf("Desk %d", d+1)
		service := time.Duration((2+rng.ExpFloat64()*7)*60) * time.Second
		switch r := rng.IntN(100); {
		case r < 4:
			v.State, service = desk.VisitNoShow, 2*time.Minute
		case r < 24:
			v.State, v.Outcome = desk.VisitTicket, "Logged a ticket for the team"
		default:
			v.State, v.Outcome = desk.VisitResolved, "Sorted at the desk"
		}
		v.Finished = v.Called.Add(service)
		free[d] = v.Finished
	}
	return out
}
