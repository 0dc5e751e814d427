package phishingsvc_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/service/phishingsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

var ctx = context.Background()

func analystOf(orgID int64) tenancy.Principal {
	return tenancy.Principal{Actor: "user:analyst@test", Role: tenancy.RoleAnalyst, OrgID: orgID, Scope: tenancy.ScopeOf(orgID)}
}

func officerOf(orgID int64) tenancy.Principal {
	return tenancy.Principal{Actor: "user:officer@test", Role: tenancy.RoleOfficer, OrgID: orgID, Scope: tenancy.ScopeOf(orgID)}
}

type fixture struct {
	s      *store.Store
	svc    *phishingsvc.Service
	org    store.Org
	people map[string]store.Person // by first name, lower case
	who    tenancy.Principal
}

func setUp(t *testing.T, s *store.Store) fixture {
	t.Helper()
	f := fixture{s: s, svc: phishingsvc.New(s), people: map[string]store.Person{}}
	var err error
	if f.org, err = s.CreateOrg(ctx, store.NewOrg{Slug: "ashcombe", Name: "Ashcombe Council", Kind: tenancy.KindCouncil}); err != nil {
		t.Fatal(err)
	}
	sys := tenancy.ForSystem(tenancy.JobTest)
	for _, p := range []store.Person{
		{Name: "Ann Lee", Kind: "staff", Team: "Revenues"},
		{Name: "Bob Khan", Kind: "staff", Team: "Planning"},
		{Name: "Cara Jones", Kind: "staff", Team: "Housing"},
		{Name: "Dev Patel", Kind: "contractor", Team: "Housing"},
		{Name: "Eve Moss", Kind: "councillor"},
		{Name: "Finn Ward", Kind: "staff", Team: "IT"},
		{Name: "Gail Ross", Kind: "staff", Team: "Revenues"},
		{Name: "Hal Young", Kind: "staff", Team: "Planning", LeftOn: "2026-02-13"},
		{Name: "Iris Ng", Kind: "staff", Team: "Housing"},
	} {
		first, last, _ := strings.Cut(strings.ToLower(p.Name), " ")
		p.OrgID, p.Email = f.org.ID, first+"."+last+"@ashcombe.gov.uk"
		if first == "cara" {
			p.Email = "Cara.Jones@ashcombe.gov.uk" // matched in any case
		}
		if f.people[first], err = s.CreatePerson(ctx, sys, p); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.CreateCourse(ctx, sys, store.Course{OrgID: f.org.ID, Code: "PHISH-FOLLOWUP", Title: "Spotting a phish", Kind: "phishing", RefreshDays: 0}); err != nil {
		t.Fatal(err)
	}
	f.who = analystOf(f.org.ID)
	return f
}

func (f fixture) importFile(t *testing.T, in phishingsvc.Import, path string) (phishingsvc.ImportResult, error) {
	t.Helper()
	r, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	in.Org = f.org
	if in.File == "" {
		in.File = path
	}
	return f.svc.ImportFile(ctx, f.who, in, r)
}

func (f fixture) enrolments(t *testing.T) map[int64]int {
	t.Helper()
	rows, err := f.s.DB().Query(f.s.Rebind(`SELECT person_id, due_on FROM course_enrolments WHERE org_id = ? AND reason = 'phishing'`), f.org.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var due string
		if err := rows.Scan(&id, &due); err != nil {
			t.Fatal(err)
		}
		if due != "2026-04-01" {
			t.Errorf("due on %s, want 30 days after the 2 March launch", due)
		}
		out[id]++
	}
	return out
}

func TestGophishExportGivesTheFunnelAndEnrolsClickersOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := setUp(t, s)
		res, err := f.importFile(t, phishingsvc.Import{Campaign: "March invoice lure", Enrol: "phish-followup"}, "testdata/march-invoice.csv")
		if err != nil {
			t.Fatal(err)
		}
		if res.Campaign.LaunchedOn != "2026-03-02" || res.Results != 10 || res.NotSent != 2 || res.Unmatched != 1 || res.Replaced {
			t.Errorf("import: %+v", res)
		}
		want := store.PhishingFunnel{Sent: 10, Opened: 6, Clicked: 4, Submitted: 1, Reported: 4, Unmatched: 1}
		if res.Funnel.PhishingFunnel != want || res.Funnel.ClickedRate != 40 || res.Funnel.ReportedRate != 40 {
			t.Errorf("funnel %+v, want %+v", res.Funnel, want)
		}
		// Cara and Eve clicked, Dev submitted; Hal clicked after he left;
		// Finn, Gail and Iris only reported.
		got := f.enrolments(t)
		if res.Enrolled != 3 || len(got) != 3 || got[f.people["cara"].ID] != 1 || got[f.people["dev"].ID] != 1 || got[f.people["eve"].ID] != 1 {
			t.Errorf("enrolled %d: %v", res.Enrolled, got)
		}

		// The same campaign again is refused, then replaced on request
		// without enrolling anyone twice.
		if _, err := f.importFile(t, phishingsvc.Import{Campaign: "March invoice lure", Enrol: "PHISH-FOLLOWUP"}, "testdata/march-invoice.csv"); !fault.Is(err, fault.KindConflict) {
			t.Errorf("a second import of the same campaign: %v, want a conflict", err)
		}
		again, err := f.importFile(t, phishingsvc.Import{Campaign: "March invoice lure", Enrol: "PHISH-FOLLOWUP", Replace: true}, "testdata/march-invoice.csv")
		if err != nil || !again.Replaced || again.Enrolled != 0 || again.Campaign.ID != res.Campaign.ID || again.Funnel.PhishingFunnel != want {
			t.Errorf("replace: %+v, %v", again, err)
		}
		if got := f.enrolments(t); len(got) != 3 || got[f.people["cara"].ID] != 1 {
			t.Errorf("after the replace: %v", got)
		}

		v, err := f.svc.Campaign(ctx, officerOf(f.org.ID), res.Campaign.ID)
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[string]store.PhishingFunnel{}
		for _, k := range v.ByKind {
			kinds[k.Group] = k.PhishingFunnel
		}
		if kinds["councillor"].Clicked != 1 || kinds["contractor"].Submitted != 1 || kinds["staff"].Sent != 7 || kinds[store.NoPerson].Sent != 1 {
			t.Errorf("by kind: %+v", kinds)
		}
		teams := map[string]store.PhishingFunnel{}
		for _, k := range v.ByTeam {
			teams[k.Group] = k.PhishingFunnel
		}
		if h := teams["Housing"]; h.Sent != 3 || h.Clicked != 2 || h.Reported != 1 {
			t.Errorf("Housing: %+v", h)
		}
		if v.Enrolled != 3 || v.EnrolCourse != "Spotting a phish" {
			t.Errorf("campaign view: %+v", v)
		}
	})
}

func TestBadLineWritesNothingAndSaysWhere(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := setUp(t, s)
		src, _ := os.ReadFile("testdata/march-invoice.csv")
		bad := strings.Replace(string(src), "Submitted Data", "Phished", 1)
		_, err := f.svc.ImportFile(ctx, f.who, phishingsvc.Import{Org: f.org, Campaign: "March", Enrol: "PHISH-FOLLOWUP", File: "march.csv"}, strings.NewReader(bad))
		if err == nil || !strings.Contains(err.Error(), `march.csv: line 5: column status: "Phished" is not a Gophish result status`) {
			t.Fatalf("got %v", err)
		}
		if !fault.Is(err, fault.KindInvalid) {
			t.Errorf("a bad file should be invalid input: %v", err)
		}
		if list, err := f.svc.Campaigns(ctx, f.who, f.org.ID); err != nil || len(list) != 0 {
			t.Errorf("campaigns after a refused import: %v %v", list, err)
		}
		if got := f.enrolments(t); len(got) != 0 {
			t.Errorf("enrolments after a refused import: %v", got)
		}
		// An unknown course refuses the whole import too, after the file was read.
		if _, err := f.importFile(t, phishingsvc.Import{Campaign: "March", Enrol: "NOPE"}, "testdata/march-invoice.csv"); !fault.Is(err, fault.KindInvalid) {
			t.Errorf("unknown course: %v", err)
		}
		if list, _ := f.svc.Campaigns(ctx, f.who, f.org.ID); len(list) != 0 {
			t.Errorf("an import with an unknown course left %d campaigns", len(list))
		}
	})
}

func TestOnlyTrainingManagersImportAndOthersSeeNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := setUp(t, s)
		f.who = officerOf(f.org.ID)
		if _, err := f.importFile(t, phishingsvc.Import{Campaign: "March"}, "testdata/march-invoice.csv"); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("an officer imported: %v", err)
		}
		other, err := s.CreateOrg(ctx, store.NewOrg{Slug: "birch", Name: "Birch", Kind: tenancy.KindCouncil})
		if err != nil {
			t.Fatal(err)
		}
		f.who = analystOf(f.org.ID)
		res, err := f.importFile(t, phishingsvc.Import{Campaign: "March"}, "testdata/march-invoice.csv")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Campaign(ctx, analystOf(other.ID), res.Campaign.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("another council's analyst read the campaign: %v", err)
		}
	})
}

func TestPersonHistoryAcrossCampaignsAndPagedResults(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := setUp(t, s)
		older := "email,status,send_date,reported\ncara.jones@ashcombe.gov.uk,Email Opened,2025-11-10T10:00:00Z,false\nann.lee@ashcombe.gov.uk,Clicked Link,2025-11-10T10:00:00Z,false\n"
		if _, err := f.svc.ImportFile(ctx, f.who, phishingsvc.Import{Org: f.org, Campaign: "November parcel", File: "nov.csv"}, strings.NewReader(older)); err != nil {
			t.Fatal(err)
		}
		march, err := f.importFile(t, phishingsvc.Import{Campaign: "March invoice lure"}, "testdata/march-invoice.csv")
		if err != nil {
			t.Fatal(err)
		}
		h, err := f.svc.Person(ctx, f.who, f.org.ID, f.people["cara"].ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(h.Results) != 2 || h.Results[0].Campaign != "November parcel" || h.Results[0].Status != "opened" ||
			h.Results[1].Campaign != "March invoice lure" || h.Results[1].Status != "clicked" || h.Results[1].ClickedAt.IsZero() {
			t.Errorf("Cara's history: %+v", h.Results)
		}
		list, err := f.svc.Campaigns(ctx, f.who, f.org.ID)
		if err != nil || len(list) != 2 || list[0].Name != "March invoice lure" || list[1].Funnel.Clicked != 1 {
			t.Errorf("campaigns newest first: %+v %v", list, err)
		}
		trend, err := f.svc.Teams(ctx, f.who, f.org.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range trend {
			if tt.Team == "Housing" && (len(tt.Points) != 2 || tt.Points[0].Campaign != "November parcel" || tt.Points[1].Funnel.ClickedRate != 66.6) {
				t.Errorf("Housing over time: %+v", tt.Points)
			}
		}
		// Walk the per-person table three at a time: every result once,
		// the submitter first.
		var seen []string
		var cur *keyset.Cursor
		for range 10 {
			page, err := f.svc.Results(ctx, f.who, march.Campaign, cur, 3)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range page.Results {
				seen = append(seen, r.Email)
			}
			if page.Next == nil {
				break
			}
			cur = page.Next
		}
		if len(seen) != 10 || seen[0] != "dev.patel@ashcombe.gov.uk" {
			t.Errorf("paged results: %v", seen)
		}
		councils, err := f.svc.Councils(ctx, f.who)
		if err != nil || len(councils) != 1 || councils[0].Campaign == nil || councils[0].Campaign.Name != "March invoice lure" {
			t.Errorf("councils: %+v %v", councils, err)
		}
	})
}
