package trainingsvc_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
	"github.com/ward-shared-service/ward/internal/service/trainingsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

var ctx = context.Background()

func analystOf(orgID int64) tenancy.Principal {
	return tenancy.Principal{Actor: "user:analyst@test", Role: tenancy.RoleAnalyst, OrgID: orgID, Scope: tenancy.ScopeOf(orgID)}
}

// on fixes the store's clock at noon UTC on a day.
func on(s *store.Store, day string) {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		panic(err)
	}
	t = t.Add(12 * time.Hour)
	s.SetClock(func() time.Time { return t })
}

type fixture struct {
	s          *store.Store
	svc        *trainingsvc.Service
	org        store.Org
	p          tenancy.Principal
	ann, bo    store.Person
	cllr       store.Person
	cyber, brf store.Course
}

func setUp(t *testing.T, s *store.Store) fixture {
	t.Helper()
	on(s, "2025-01-01")
	f := fixture{s: s, svc: trainingsvc.New(s, posturesvc.New(s, desksvc.New(s)))}
	var err error
	if f.org, err = s.CreateOrg(ctx, store.NewOrg{Slug: "ashcombe", Name: "Ashcombe Council", Kind: tenancy.KindCouncil}); err != nil {
		t.Fatal(err)
	}
	sys := tenancy.ForSystem(tenancy.JobTest)
	add := func(name, email, kind, hr string, manager int64) store.Person {
		p, err := s.CreatePerson(ctx, sys, store.Person{OrgID: f.org.ID, Name: name, Email: email, Kind: kind, HRID: hr, ManagerID: manager})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	f.ann = add("Ann Lee", "ann@ashcombe.gov.uk", "staff", "HR-1", 0)
	f.bo = add("Bo Khan", "bo@ashcombe.gov.uk", "contractor", "HR-2", f.ann.ID)
	f.cllr = add("Cllr Dee", "dee@ashcombe.gov.uk", "councillor", "", 0)
	f.p = analystOf(f.org.ID)
	if f.cyber, err = f.svc.AddCourse(ctx, f.p, store.Course{OrgID: f.org.ID, Code: "CYB-101", Title: "Cyber security essentials", Kind: "elearning", RefreshDays: 365, Kinds: "staff,contractor"}); err != nil {
		t.Fatal(err)
	}
	if f.brf, err = f.svc.AddCourse(ctx, f.p, store.Course{OrgID: f.org.ID, Code: "BRF", Title: "Councillors' briefing", Kind: "briefing", RefreshDays: 365, Kinds: "councillor"}); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f fixture) importCSV(t *testing.T, body string) (trainingsvc.Imported, error) {
	t.Helper()
	return f.svc.ImportCompletions(ctx, f.p, f.org.ID, "lms.csv", strings.NewReader(body), trainingsvc.ImportOptions{})
}

func (f fixture) completions(t *testing.T) int {
	t.Helper()
	done, _, err := f.s.TrainingRecords(ctx, f.p.Scope, f.org.ID)
	if err != nil {
		t.Fatal(err)
	}
	return len(done)
}

func TestImportRefusesABadFileWholeAndRepeatsAddNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := setUp(t, s)
		_, err := f.importCSV(t, "email,course_code,completed_on\nann@ashcombe.gov.uk,CYB-101,2025-01-02\nbo@ashcombe.gov.uk,CYB-101,2025-02-30\n")
		if err == nil || !strings.Contains(err.Error(), "lms.csv: line 3: column completed_on") {
			t.Fatalf("bad date: %v", err)
		}
		_, err = f.importCSV(t, "hr_id,course_code,completed_on\nHR-1,CYB-101,2025-01-02\nHR-9,CYB-101,2025-01-03\n")
		if err == nil || !strings.Contains(err.Error(), "lms.csv: line 3: column hr_id") || fault.KindOf(err) != fault.KindInvalid {
			t.Fatalf("unknown person: %v", err)
		}
		if n := f.completions(t); n != 0 {
			t.Fatalf("a refused file wrote %d completions", n)
		}
		good := "email,hr_id,course_code,completed_on,score\nann@ashcombe.gov.uk,,CYB-101,2024-01-02,90\n,HR-1,CYB-101,02/01/2025,\nbo@ashcombe.gov.uk,,cyb-101,2024-12-01,\n"
		res, err := f.importCSV(t, good)
		if err != nil || res.Rows != 3 || res.Added != 3 {
			t.Fatalf("import %+v, %v", res, err)
		}
		if res, err = f.importCSV(t, good); err != nil || res.Added != 0 {
			t.Fatalf("again: %+v, %v, want nothing added", res, err)
		}
		res, err = f.svc.ImportCompletions(ctx, f.p, f.org.ID, "lms.csv", strings.NewReader("email,course_code,completed_on\nzed@x.uk,CYB-101,2025-01-01\nann@ashcombe.gov.uk,NOPE,2025-01-01\n"), trainingsvc.ImportOptions{SkipUnknown: true})
		if err != nil || res.Skipped != 2 || res.Added != 0 || len(res.Lines) != 2 || res.Lines[0] != 2 {
			t.Fatalf("skipping: %+v, %v", res, err)
		}
		// The whole history is kept, newest first.
		on(s, "2025-06-01")
		h, err := f.svc.History(ctx, f.p, f.org.ID, f.ann.ID)
		if err != nil || len(h.Completions) != 2 || h.Completions[0].CompletedOn != "2025-01-02" || h.Completions[1].CompletedOn != "2024-01-02" || *h.Completions[1].Score != 90 {
			t.Fatalf("history %+v, %v", h.Completions, err)
		}
		if !h.Current || h.Standings[0].Due != "2026-01-02" {
			t.Errorf("ann's standing %+v", h.Standings)
		}
	})
}

func TestOverdueFlipsWithTheClockAndTheFindingOpensAndResolves(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := setUp(t, s)
		if _, err := f.importCSV(t, "email,course_code,completed_on\nann@ashcombe.gov.uk,CYB-101,2025-01-01\nbo@ashcombe.gov.uk,CYB-101,2025-03-01\n"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Attend(ctx, f.p, f.brf.ID, "2025-01-01", []int64{f.cllr.ID}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Attend(ctx, f.p, f.cyber.ID, "2025-01-01", []int64{f.cllr.ID}); !errors.As(err, new(fault.Fields)) {
			t.Errorf("attendance at e-learning: %v, want refused", err)
		}
		personFindings := func() []finding.Finding {
			list, err := s.OrgFindings(ctx, f.p.Scope, f.org.ID, finding.Person)
			if err != nil {
				t.Fatal(err)
			}
			return list
		}
		on(s, "2025-12-31")
		if c, err := f.svc.Check(ctx, f.p, f.org.ID); err != nil || c.Opened != 0 {
			t.Fatalf("all current: %+v, %v", c, err)
		}
		st, _ := f.svc.Status(ctx, f.p, f.org.ID)
		if st.Total.InScope != 3 || st.Total.Current != 3 {
			t.Errorf("status on 31 Dec %+v", st.Total)
		}
		on(s, "2026-01-02") // Ann's and the councillor's year passed yesterday
		if _, err := f.svc.Check(ctx, f.p, f.org.ID); err != nil {
			t.Fatal(err)
		}
		open := personFindings()
		if len(open) != 2 {
			t.Fatalf("%d findings, want Ann and the councillor", len(open))
		}
		for _, fd := range open {
			if fd.Control != "training-overdue" || fd.State != finding.Open || !strings.HasPrefix(fd.Subject.Key, "person:") {
				t.Errorf("finding %+v", fd)
			}
			if fd.Subject.Key == trainingsvc.PersonKey(f.ann.ID) && (len(fd.Evidence) != 1 || fd.Evidence[0].Value != "2026-01-01" || fd.Evidence[0].Item != "Cyber security essentials") {
				t.Errorf("Ann's evidence %+v", fd.Evidence)
			}
		}
		st, _ = f.svc.Status(ctx, f.p, f.org.ID)
		if st.Kinds[0].InScope != 1 || st.Kinds[0].Current != 0 || st.Kinds[2].Current != 1 || st.Total.Percent != 33.3 {
			t.Errorf("status on 2 Jan %+v", st)
		}
		groups, err := f.svc.Overdue(ctx, f.p, f.org.ID)
		if err != nil || len(groups) != 1 || groups[0].ManagerID != 0 || len(groups[0].People) != 2 {
			t.Errorf("overdue %+v, %v", groups, err)
		}
		// A finding another part raised on a person stays as it is.
		other := finding.Observation{Control: "policy-not-accepted", Outcome: finding.Fail, Severity: "medium",
			Subject: finding.Subject{Kind: finding.Person, Key: trainingsvc.PersonKey(f.bo.ID), Name: "Bo Khan"}}
		if err := s.ApplyFindings(ctx, f.p.Scope, finding.Reconcile(f.org.ID, nil, []finding.Observation{other}, s.Now())); err != nil {
			t.Fatal(err)
		}
		if _, err := f.importCSV(t, "email,course_code,completed_on\nann@ashcombe.gov.uk,CYB-101,2026-01-02\n"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Attend(ctx, f.p, f.brf.ID, "2026-01-02", []int64{f.cllr.ID}); err != nil {
			t.Fatal(err)
		}
		for _, fd := range personFindings() {
			want := finding.Resolved
			if fd.Control == "policy-not-accepted" {
				want = finding.Open
			}
			if fd.State != want {
				t.Errorf("%s on %s is %s, want %s", fd.Control, fd.Subject.Key, fd.State, want)
			}
		}
		// A manual enrolment brings a course forward, and counts as due on its day.
		if _, err := f.svc.Enrol(ctx, f.p, f.cyber.ID, f.bo.ID, "2026-01-10"); err != nil {
			t.Fatal(err)
		}
		on(s, "2026-01-11")
		if _, err := f.svc.Check(ctx, f.p, f.org.ID); err != nil {
			t.Fatal(err)
		}
		late := 0
		for _, fd := range personFindings() {
			if fd.Control == "training-overdue" && fd.State == finding.Open {
				late++
				if fd.Subject.Key != trainingsvc.PersonKey(f.bo.ID) {
					t.Errorf("overdue %s, want Bo", fd.Subject.Key)
				}
			}
		}
		if late != 1 {
			t.Errorf("%d open, want Bo's enrolment overdue", late)
		}
	})
}

func TestTrendAndRights(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := setUp(t, s)
		if _, err := f.importCSV(t, "email,course_code,completed_on\nann@ashcombe.gov.uk,CYB-101,2025-01-01\n"); err != nil {
			t.Fatal(err)
		}
		on(s, "2025-03-01")
		tr, err := f.svc.Trend(ctx, f.p, f.org.ID, 26)
		if err != nil || len(tr) != 26 || tr[25].Day != "2025-03-01" || tr[25].Current != 1 || tr[25].InScope != 3 {
			t.Fatalf("trend %+v, %v", tr, err)
		}
		agent := tenancy.Principal{Actor: "user:agent@test", Role: tenancy.RoleAgent, OrgID: f.org.ID, Scope: tenancy.ScopeOf(f.org.ID)}
		if _, err := f.svc.Status(ctx, agent, f.org.ID); fault.KindOf(err) != fault.KindForbidden {
			t.Errorf("an agent read training status: %v", err)
		}
		officer := tenancy.Principal{Actor: "user:officer@test", Role: tenancy.RoleOfficer, OrgID: f.org.ID, Scope: tenancy.ScopeOf(f.org.ID)}
		if _, err := f.svc.AddCourse(ctx, officer, store.Course{OrgID: f.org.ID, Code: "X", Title: "X", Kind: "elearning"}); fault.KindOf(err) != fault.KindForbidden {
			t.Errorf("an officer added a course: %v", err)
		}
		_, err = f.svc.AddCourse(ctx, f.p, store.Course{OrgID: f.org.ID, Code: "", Title: "", Kind: "seminar", RefreshDays: -1, Kinds: "aldermen"})
		var fs fault.Fields
		if !errors.As(err, &fs) || len(fs) != 5 {
			t.Errorf("a bad course: %v, want every field named", err)
		}
		c := f.cyber
		c.Retired = true
		if _, err := f.svc.EditCourse(ctx, f.p, c); err != nil {
			t.Fatal(err)
		}
		st, _ := f.svc.Status(ctx, f.p, f.org.ID)
		if len(st.Courses) != 1 || st.Total.InScope != 1 {
			t.Errorf("a retired course still binds: %+v", st)
		}
	})
}
