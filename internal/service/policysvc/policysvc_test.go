package policysvc_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/service/policysvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// TestRemindersEscalationAndTheFinding follows one material version from
// publish past its deadline: reminders go on the schedule and stop at the
// cap, one escalation goes to the line manager, a policy-not-accepted
// finding names the document, a minor version keeps the one acceptance,
// and accepting resolves the finding while another part's person finding
// is left alone.
func TestRemindersEscalationAndTheFinding(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC)
		st.SetClock(func() time.Time { return now })
		op := tenancy.Operator("cli:test")
		sys := tenancy.ForSystem(tenancy.JobTest)
		org, err := st.CreateOrg(ctx, store.NewOrg{Slug: "ashcombe", Name: "Ashcombe Council", Kind: tenancy.KindCouncil})
		if err != nil {
			t.Fatal(err)
		}
		boss, _ := st.CreatePerson(ctx, sys, store.Person{OrgID: org.ID, Name: "Bea Boss", Email: "bea@ashcombe.example", Kind: "staff"})
		dan, _ := st.CreatePerson(ctx, sys, store.Person{OrgID: org.ID, Name: "Dan", Email: "dan@ashcombe.example", Kind: "contractor", ManagerID: boss.ID})
		// Another part's finding on the same person must survive this control's runs.
		other := finding.Observation{Control: "training-overdue", Outcome: finding.Fail, Severity: "low",
			Subject: finding.Subject{Kind: finding.Person, Key: policysvc.PersonKey(dan.ID), Name: "Dan"}}
		if err := st.ApplyFindings(ctx, sys, finding.Reconcile(org.ID, nil, []finding.Observation{other}, now)); err != nil {
			t.Fatal(err)
		}
		svc := policysvc.New(st)
		pub, err := svc.Publish(ctx, op, policysvc.Publish{OrgID: org.ID, Slug: "ict-security-policy", Title: "ICT Security Policy",
			Kinds: "contractor", Body: "# Policy\n", AcceptDays: 14, RemindDays: 5, RemindMax: 2})
		if err != nil || pub.Asked != 1 {
			t.Fatalf("publish: %+v %v", pub, err)
		}
		mails := func() []store.Mail {
			out, _ := st.Outbox(ctx, 100)
			return out
		}
		if m := mails(); len(m) != 1 || m[0].To != "dan@ashcombe.example" || !strings.Contains(m[0].Body, "/accept/") {
			t.Fatalf("first mail: %+v", m)
		}
		var sent []policysvc.Reminded
		for _, day := range []int{3, 5, 9, 10, 15, 20} {
			now = time.Date(2026, 9, 1+day, 9, 0, 0, 0, time.UTC)
			r, err := svc.Remind(ctx, op, org.ID)
			if err != nil {
				t.Fatal(err)
			}
			sent = append(sent, r)
		}
		want := []policysvc.Reminded{{}, {Reminders: 1}, {}, {Reminders: 1}, {Escalations: 1}, {}}
		for i := range want {
			if sent[i] != want[i] {
				t.Fatalf("reminders by day: %+v, want %+v", sent, want)
			}
		}
		to := map[string]int{}
		for _, m := range mails() {
			to[m.To]++
			if m.To == "bea@ashcombe.example" && !strings.Contains(m.Body, "Dan, who reports to you") {
				t.Fatalf("escalation: %+v", m)
			}
		}
		if to["dan@ashcombe.example"] != 3 || to["bea@ashcombe.example"] != 1 {
			t.Fatalf("mails %v, want the first and two reminders to Dan and one escalation to Bea", to)
		}
		held, _ := st.OrgFindings(ctx, sys, org.ID, finding.Person)
		var mine *finding.Finding
		for i := range held {
			if held[i].Control == policysvc.Control {
				mine = &held[i]
			}
		}
		if mine == nil || mine.State != finding.Open || mine.Subject.Key != policysvc.PersonKey(dan.ID) || mine.Evidence[0].Item != "ICT Security Policy" {
			t.Fatalf("finding: %+v", held)
		}
		// Dan signs on paper; a minor version then keeps his acceptance.
		if _, err := svc.AcceptPaper(ctx, op, policysvc.Paper{OrgID: org.ID, PersonID: dan.ID, Slug: "ict-security-policy",
			FileName: "dan.pdf", Scan: []byte("%PDF-1.4 signed")}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Publish(ctx, op, policysvc.Publish{OrgID: org.ID, Slug: "ict-security-policy", Body: "# Policy\n\nTypo fixed.\n", RemindDays: -1, RemindMax: -1}); err != nil {
			t.Fatal(err)
		}
		status, _ := svc.Status(ctx, op, org.ID)
		if len(status) != 1 || status[0].Version != 2 || status[0].Material || status[0].Accepted != 1 {
			t.Fatalf("a minor version lost the acceptance: %+v", status)
		}
		// A material version makes the links to earlier ones useless: they
		// are refused rather than record an acceptance that would not count.
		var oldLink string
		for _, m := range mails() {
			if strings.Contains(m.Subject, "(version 1)") {
				oldLink = m.Body[strings.Index(m.Body, "/accept/")+len("/accept/"):]
				oldLink = oldLink[:strings.IndexByte(oldLink, '\n')]
			}
		}
		if _, err := svc.LinkOffer(ctx, oldLink); err != nil {
			t.Fatalf("a link to the version in force was refused: %v", err)
		}
		if _, err := svc.Publish(ctx, op, policysvc.Publish{OrgID: org.ID, Slug: "ict-security-policy", Body: "# Policy\n\nNew rules.\n", Material: true, RemindDays: -1, RemindMax: -1}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.AcceptLink(ctx, oldLink, "test"); err != policysvc.ErrLinkOld {
			t.Fatalf("a link to a superseded version: %v", err)
		}
		now = now.AddDate(0, 0, 1) // within the new deadline: the finding stays resolved
		if _, err := svc.Remind(ctx, op, org.ID); err != nil {
			t.Fatal(err)
		}
		held, _ = st.OrgFindings(ctx, sys, org.ID, finding.Person)
		for _, f := range held {
			want := finding.Resolved
			if f.Control == "training-overdue" {
				want = finding.Open
			}
			if f.State != want {
				t.Fatalf("%s is %s, want %s", f.Control, f.State, want)
			}
		}
	})
}
