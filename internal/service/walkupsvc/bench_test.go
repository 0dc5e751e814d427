package walkupsvc_test

import (
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/calendar"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/service/walkupsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// BenchmarkWalkupReportOverAYear reads a year of walk-up visits at three
// sites of one council, 80 a weekday each (about 62,000), from SQLite and
// works out the figures: what `ward report walkup --period last-year` does.
func BenchmarkWalkupReportOverAYear(b *testing.B) {
	s, _ := storetest.OpenSQLite(b)
	svc := walkupsvc.New(s, nil)
	org, err := s.CreateOrg(ctx, store.NewOrg{Slug: "ashcombe", Name: "Ashcombe Council", Kind: tenancy.KindCouncil})
	if err != nil {
		b.Fatal(err)
	}
	var sites []int64
	for _, name := range []string{"Town Hall", "Depot", "Library"} {
		site, err := s.CreateSite(ctx, tenancy.ForSystem(tenancy.JobTest), org.ID, name, "")
		if err != nil {
			b.Fatal(err)
		}
		sites = append(sites, site.ID)
	}
	var visits []walkupsvc.PastVisit
	for day := 0; day < 365; day++ {
		open := time.Date(2025, 1, 1+day, 9, 0, 0, 0, london)
		if wd := open.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		for i, site := range sites {
			for n := 0; n < 80; n++ {
				in := open.Add(time.Duration(n*6) * time.Minute)
				called := in.Add(time.Duration(30+(n*37+i*11)%1200) * time.Second)
				visits = append(visits, walkupsvc.PastVisit{SiteID: site, Name: "Visitor", Reason: "Help", State: desk.VisitResolved,
					Desk: "Desk 1", Outcome: "Done", CheckedIn: in, Called: called, Finished: called.Add(time.Duration(120+(n*53)%900) * time.Second)})
			}
		}
	}
	if _, err := svc.RecordVisits(ctx, operator, org.ID, visits); err != nil {
		b.Fatal(err)
	}
	first, last := calendar.Date{Year: 2025, Month: 1, Day: 1}, calendar.Date{Year: 2025, Month: 12, Day: 31}
	for b.Loop() {
		r, err := svc.Report(ctx, operator, org, first, last)
		if err != nil || r.Total.Visits != len(visits) {
			b.Fatalf("%d visits (%v)", r.Total.Visits, err)
		}
	}
	b.ReportMetric(float64(len(visits)), "visits")
}
