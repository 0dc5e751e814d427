package cli_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/walkupsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// TestReportWalkup: two councils' visits read back by `ward report walkup`
// for one org and for --all, as a table, JSON and CSV, and the flags'
// mistakes refused with a usage error.
func TestReportWalkup(t *testing.T) {
	eachDB(t, func(t *testing.T, s *store.Store, db string) {
		ctx := context.Background()
		svc := walkupsvc.New(s, desksvc.New(s))
		london, _ := time.LoadLocation("Europe/London")
		sys := tenancy.ForSystem(tenancy.JobTest)
		op := tenancy.Operator("cli:test")
		for i, slug := range []string{"ashcombe", "brentmere"} {
			org, err := s.CreateOrg(ctx, store.NewOrg{Slug: slug, Name: slug + " Council", Kind: tenancy.KindCouncil})
			if err != nil {
				t.Fatal(err)
			}
			site, err := s.CreateSite(ctx, sys, org.ID, slug+" Civic Centre", "")
			if err != nil {
				t.Fatal(err)
			}
			in := time.Date(2026, 3, 2, 10, 0, 0, 0, london) // a Monday
			called := in.Add(time.Duration(4+i*2) * time.Minute)
			if _, err := svc.RecordVisits(ctx, op, org.ID, []walkupsvc.PastVisit{{SiteID: site.ID, Name: "Ann", Reason: "Printer",
				State: desk.VisitResolved, CheckedIn: in, Called: called, Finished: called.Add(10 * time.Minute)}}); err != nil {
				t.Fatal(err)
			}
		}
		r := ward(db, "", "report", "walkup", "--org", "ashcombe", "--from", "2026-03-01", "--to", "2026-03-31")
		if r.code != 0 || !strings.Contains(r.stdout, "ashcombe Civic Centre") || !strings.Contains(r.stdout, "Monday") {
			t.Fatalf("table: %d %s %s", r.code, r.stdout, r.stderr)
		}
		r = ward(db, "", "report", "walkup", "--org", "brentmere", "--from", "2026-03-01", "--to", "2026-03-31", "--format", "json")
		var one struct {
			Total struct {
				MeanWaitMinutes float64 `json:"mean_wait_minutes"`
			}
		}
		if err := json.Unmarshal([]byte(r.stdout), &one); err != nil || one.Total.MeanWaitMinutes != 6 {
			t.Errorf("json: %v %s", err, r.stdout)
		}
		r = ward(db, "", "report", "walkup", "--all", "--from", "2026-03-01", "--to", "2026-03-31", "--format", "csv")
		if r.code != 0 || strings.Count(r.stdout, ",total,all sites,1,1,1,0,0,") != 2 {
			t.Errorf("csv of both: %d %s %s", r.code, r.stdout, r.stderr)
		}
		if r := ward(db, "", "report", "walkup", "--all", "--org", "ashcombe", "--period", "last-month"); r.code != 2 {
			t.Errorf("--all with --org: %d %s", r.code, r.stderr)
		}
		if r := ward(db, "", "report", "walkup", "--org", "ashcombe"); r.code != 2 {
			t.Errorf("no period: %d %s", r.code, r.stderr)
		}
		r = ward(db, "", "walkup", "link", "--org", "ashcombe", "--site", "Ashcombe civic centre", "--kind", "checkin")
		token := strings.TrimPrefix(strings.TrimSpace(r.stdout[strings.LastIndex(r.stdout, "\n/")+1:]), "/walkup/checkin/")
		if r.code != 0 || token == "" {
			t.Fatalf("walkup link: %d %s %s", r.code, r.stdout, r.stderr)
		}
		if k, err := svc.Kiosk(ctx, token, walkupsvc.KioskCheckIn); err != nil || k.SiteName != "ashcombe Civic Centre" {
			t.Errorf("the link printed opens %+v (%v)", k, err)
		}
		if r := ward(db, "", "walkup", "link", "--org", "ashcombe", "--site", "Nowhere", "--kind", "checkin"); r.code != 2 {
			t.Errorf("a site that is not there: %d %s", r.code, r.stderr)
		}
	})
}
