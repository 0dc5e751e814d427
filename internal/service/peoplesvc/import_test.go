package peoplesvc_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/reader/hrcsv"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/peoplesvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

var ctx = context.Background()

var operator = tenancy.Operator("cli:test")

func council(t testing.TB, s *store.Store, slug string) store.Org {
	t.Helper()
	o, err := s.CreateOrg(ctx, store.NewOrg{Slug: slug, Name: slug + " Council", Kind: tenancy.KindCouncil})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func roleOf(role tenancy.Role, orgID int64) tenancy.Principal {
	return tenancy.Principal{Actor: "user:" + string(role) + "@test", Role: role, OrgID: orgID, Scope: tenancy.ScopeOf(orgID)}
}

// clockOn fixes the store's clock at noon UTC on a day.
func clockOn(s *store.Store, day string) {
	t, _ := time.Parse(time.DateOnly, day)
	s.SetClock(func() time.Time { return t.Add(12 * time.Hour) })
}

const hrFile = "hr_id,name,email,kind,team,manager_hr_id,start_on,end_on\n" +
	"E1,Ada Lovelace,ada@ashcombe.example,staff,ICT,,2019-04-01,\n" +
	"E2,Bob Smith,Bob@Ashcombe.example,staff,ICT,E1,01/06/2024,\n" +
	"K1,Kit Contractor,kit@ashcombe.example,contractor,ICT,E1,2025-01-01,31/03/2027\n" +
	"C1,Cllr Jones,,councillor,,,,\n"

func byHR(t *testing.T, s *store.Store, orgID int64) map[string]store.Person {
	t.Helper()
	all, err := s.OrgPeople(ctx, tenancy.ScopeOf(orgID), orgID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]store.Person{}
	for _, p := range all {
		out[p.HRID] = p
	}
	return out
}

// The desk's caller recorded by phone (no HR id) becomes the HR person of
// the same address; the import counts, and a second import of the same
// file changes nothing.
func TestImportMatchesTheDesksCallerAndIsIdempotent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ash := council(t, s, "ashcombe")
		clockOn(s, "2026-12-07")
		desk, svc := desksvc.New(s), peoplesvc.New(s)
		bob, err := desk.AddPerson(ctx, operator, store.Person{OrgID: ash.ID, Name: "Bob S", Email: "bob@ashcombe.example", Phone: "01632 960001"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Import(ctx, roleOf(tenancy.RoleAgent, ash.ID), ash.ID, "hr.csv", strings.NewReader(hrFile), false); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("an agent imported people: %v", err)
		}
		res, err := svc.Import(ctx, roleOf(tenancy.RoleOfficer, ash.ID), ash.ID, "hr.csv", strings.NewReader(hrFile), false)
		if err != nil {
			t.Fatal(err)
		}
		if res.Added != 3 || res.Updated != 1 || res.Unchanged != 0 || res.Ended != 0 {
			t.Errorf("first import = %+v; want 3 added, Bob updated", res)
		}
		got := byHR(t, s, ash.ID)
		if got["E2"].ID != bob.ID || got["E2"].Phone != "01632 960001" || got["E2"].Name != "Bob Smith" {
			t.Errorf("Bob = %+v; want the desk's caller %d, phone kept, HR's name", got["E2"], bob.ID)
		}
		if got["E2"].ManagerID != got["E1"].ID || got["K1"].EndOn != "2027-03-31" || got["K1"].Kind != "contractor" {
			t.Errorf("people = %+v", got)
		}
		again, err := svc.Import(ctx, operator, ash.ID, "hr.csv", strings.NewReader(hrFile), false)
		if err != nil {
			t.Fatal(err)
		}
		if again.Unchanged != 4 || again.Added+again.Updated+again.Ended != 0 {
			t.Errorf("re-import = %+v; want all 4 unchanged", again)
		}
		entries, err := s.AuditEntries(ctx, tenancy.ScopeOf(ash.ID), store.AuditQuery{Action: audit.PeopleImport})
		if err != nil || len(entries) != 2 || entries[0].Detail["unchanged"] == "" {
			t.Errorf("audit = %+v, %v; want one entry a import with its counts", entries, err)
		}
	})
}

// One bad row refuses the whole file: nobody is added or changed, and the
// error names the line and the column.
func TestImportWithABadRowChangesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ash := council(t, s, "ashcombe")
		svc := peoplesvc.New(s)
		if _, err := svc.Import(ctx, operator, ash.ID, "hr.csv", strings.NewReader(hrFile), false); err != nil {
			t.Fatal(err)
		}
		before := byHR(t, s, ash.ID)
		bad := strings.Replace(hrFile, "Ada Lovelace", "Ada King", 1) + "N1,New Person,new@ashcombe.example,staff,ICT,E9,2026-01-01,\n"
		_, err := svc.Import(ctx, operator, ash.ID, "hr.csv", strings.NewReader(bad), false)
		var errs hrcsv.Errors
		if !errors.As(err, &errs) || len(errs) != 1 || errs[0].Line != 6 || errs[0].Column != "manager_hr_id" ||
			!strings.Contains(err.Error(), `hr.csv: line 6: column manager_hr_id: "E9" is nobody`) {
			t.Fatalf("err = %v; want line 6, column manager_hr_id named", err)
		}
		after := byHR(t, s, ash.ID)
		if len(after) != len(before) || after["E1"].Name != "Ada Lovelace" {
			t.Errorf("a refused import changed people: %+v", after)
		}
		_, err = svc.Import(ctx, operator, ash.ID, "hr.csv", strings.NewReader("hr_id,name,start_on\nX1,X,soon\n"), false)
		if err == nil || !strings.Contains(err.Error(), "hr.csv: line 2: column start_on:") || len(byHR(t, s, ash.ID)) != len(before) {
			t.Errorf("bad date: %v", err)
		}
	})
}

// A full file that no longer lists someone ends them (they stay, on their
// tickets); a partial file ends nobody; a row with left_on ends its person.
func TestLeaversAreEndedNeverDeleted(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ash := council(t, s, "ashcombe")
		clockOn(s, "2026-12-07")
		svc, desk := peoplesvc.New(s), desksvc.New(s)
		if _, err := svc.Import(ctx, operator, ash.ID, "hr.csv", strings.NewReader(hrFile), false); err != nil {
			t.Fatal(err)
		}
		kit := byHR(t, s, ash.ID)["K1"]
		ticket, err := desk.Open(ctx, operator, desksvc.NewTicket{OrgID: ash.ID, Title: "Laptop will not start", CallerPersonID: kit.ID})
		if err != nil {
			t.Fatal(err)
		}
		withoutKit := strings.Replace(hrFile, "K1,Kit Contractor,kit@ashcombe.example,contractor,ICT,E1,2025-01-01,31/03/2027\n", "", 1)
		res, err := svc.Import(ctx, operator, ash.ID, "part.csv", strings.NewReader(withoutKit), true)
		if err != nil || res.Ended != 0 || res.Unchanged != 3 {
			t.Fatalf("partial import = %+v, %v; want nobody ended", res, err)
		}
		if got := byHR(t, s, ash.ID)["K1"]; got.LeftOn != "" {
			t.Errorf("a partial file ended Kit: %+v", got)
		}
		res, err = svc.Import(ctx, operator, ash.ID, "hr.csv", strings.NewReader(withoutKit), false)
		if err != nil || res.Ended != 1 {
			t.Fatalf("full import = %+v, %v; want Kit ended", res, err)
		}
		got := byHR(t, s, ash.ID)["K1"]
		if got.ID != kit.ID || got.LeftOn != "2026-12-07" {
			t.Errorf("Kit = %+v; want kept, left today", got)
		}
		prof, err := svc.Profile(ctx, operator, ash.ID, kit.ID)
		if err != nil || prof.Tickets != 1 || !prof.Current {
			t.Errorf("Kit's profile = %+v, %v; want still on 1 ticket, current on their last day", prof, err)
		}
		held, _, err := desk.Ticket(ctx, operator, ticket.ID)
		if err != nil || held.CallerPersonID != kit.ID {
			t.Errorf("ticket caller = %+v, %v", held, err)
		}
		left := "hr_id,name,left_on\nE2,Bob Smith,2026-11-30\n"
		res, err = svc.Import(ctx, operator, ash.ID, "leavers.csv", strings.NewReader(left), true)
		if err != nil || res.Ended != 1 || byHR(t, s, ash.ID)["E2"].LeftOn != "2026-11-30" {
			t.Errorf("left_on row = %+v, %v", res, err)
		}
		sum, err := svc.Summary(ctx, roleOf(tenancy.RoleAnalyst, ash.ID), ash.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string][2]int{"staff": {1, 1}, "contractor": {1, 1}, "councillor": {1, 0}}
		for _, k := range sum.Kinds {
			if w, ok := want[k.Kind]; ok && (k.Current != w[0] || k.Leavers != w[1]) {
				t.Errorf("summary %s = %+v; want current %d, leavers %d", k.Kind, k, w[0], w[1])
			}
		}
	})
}
