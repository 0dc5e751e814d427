package majorsvc_test

import (
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/major"
	"github.com/ward-shared-service/ward/internal/service/majorsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// TestChildTicketsAreResolvedWithTheirMajorIncident raises a shared
// incident affecting two councils, links a child ticket from each, and
// resolves the parent: every ticket is resolved in that one step, each with
// an event saying why, and the review is recorded afterwards.
func TestChildTicketsAreResolvedWithTheirMajorIncident(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		w := newWorld(t, s)
		parent := w.ticket(t, w.ash, "Payroll system down", "Payroll", desk.P1)
		raise := majorsvc.Raise{TicketRef: parent.Ref, Impacts: []major.Impact{
			{Org: "ashcombe", Service: "Payroll", Site: "Town Hall"}, {Org: "bradwell", Service: "Payroll"}},
			Comms: []major.Comms{{Audience: major.Staff, Every: 30 * time.Minute}, {Audience: major.Members, Every: 2 * time.Hour}}}
		if _, err := w.major.Raise(ctx, w.officer, raise); !fault.Is(err, fault.KindForbidden) {
			t.Fatalf("an officer raised a major incident: %v", err)
		}
		m, err := w.major.Raise(ctx, w.manager, raise)
		if err != nil {
			t.Fatal(err)
		}
		if m.State != major.Open || len(m.Impacts) != 2 {
			t.Fatalf("raised %+v, want open with two councils' impacts", m)
		}
		if _, err := w.major.Raise(ctx, w.manager, raise); !fault.Is(err, fault.KindConflict) {
			t.Errorf("the same ticket raised twice: %v", err)
		}
		ashChild := w.ticket(t, w.ash, "Cannot see payslip", "Payroll", desk.P3)
		brdChild := w.ticket(t, w.brd, "Payroll will not open", "Payroll", desk.P2)
		for _, c := range []store.Ticket{ashChild, brdChild} {
			if _, err := w.major.LinkChild(ctx, w.agent, m.ID, c.Ref); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := w.major.LinkChild(ctx, w.agent, m.ID, brdChild.Ref); !fault.Is(err, fault.KindConflict) {
			t.Errorf("a child linked twice: %v", err)
		}
		if _, err := w.major.PostUpdate(ctx, w.agent, m.ID, majorsvc.NewUpdate{Audience: major.Staff, Phase: major.Identified, Body: "Database host failed over"}); err != nil {
			t.Fatal(err)
		}
		w.advance(45 * time.Minute)
		rec, err := w.major.Get(ctx, w.agent, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := rec.Overdue(); len(got) != 1 || got[0] != major.Staff {
			t.Errorf("overdue %v 45 minutes after a staff update due every 30, want staff alone", got)
		}
		if len(rec.Children) != 2 || len(rec.Updates) != 1 {
			t.Fatalf("record has %d children and %d updates, want 2 and 1", len(rec.Children), len(rec.Updates))
		}
		if _, err := w.major.Review(ctx, w.manager, m.ID, major.Review{Cause: "disk"}); err == nil {
			t.Error("an open incident was reviewed")
		}
		ashOnly := w.manager
		ashOnly.Scope = tenancy.ScopeOf(w.ash.ID)
		if _, err := w.major.Resolve(ctx, ashOnly, m.ID, "fixed"); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("a manager who cannot see Bradwell's child resolved the incident: %v", err)
		}
		if got, _, _ := w.desk.Ticket(ctx, w.manager, ashChild.ID); got.State.Done() {
			t.Error("a refused resolution resolved a child")
		}
		if _, err := w.major.Resolve(ctx, w.agent, m.ID, "fixed"); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("an agent resolved a major incident: %v", err)
		}
		if _, err := w.major.Resolve(ctx, w.manager, m.ID, "Failed disk replaced; payroll back"); err != nil {
			t.Fatal(err)
		}
		for _, tk := range []store.Ticket{parent, ashChild, brdChild} {
			got, events, err := w.desk.Ticket(ctx, w.manager, tk.ID)
			if err != nil {
				t.Fatal(err)
			}
			last := events[len(events)-1]
			if got.State != desk.Resolved || !strings.Contains(last.Note, "Resolved with major incident "+majorsvc.Ref(m.ID)) ||
				!strings.Contains(last.Note, "Failed disk replaced") {
				t.Errorf("%s is %s, last event %+v; want resolved with the major incident and why", tk.Ref, got.State, last)
			}
		}
		rec, _ = w.major.Get(ctx, w.agent, m.ID)
		if rec.Incident.State != major.Resolved || len(rec.Overdue()) != 0 {
			t.Errorf("after resolving: %s, overdue %v", rec.Incident.State, rec.Overdue())
		}
		bad := major.Review{Actions: []major.Action{{Action: "Add disk alerts"}}}
		if _, err := w.major.Review(ctx, w.manager, m.ID, bad); len(fault.All(err)) != 2 {
			t.Errorf("a review without cause or owner: %v, want both named", err)
		}
		review := major.Review{Cause: "A failed disk on the payroll database host", Lessons: "Alerts on disk health",
			Actions: []major.Action{{Action: "Add disk alerts", Owner: "Infrastructure lead", Due: "2026-12-01"}}}
		if _, err := w.major.Review(ctx, w.manager, m.ID, review); err != nil {
			t.Fatal(err)
		}
		rec, _ = w.major.Get(ctx, w.officer, m.ID)
		if rec.Review == nil || rec.Review.Cause != review.Cause || len(rec.Review.Actions) != 1 || rec.Review.Actions[0].Owner != "Infrastructure lead" {
			t.Errorf("review read back as %+v", rec.Review)
		}
		if _, err := w.major.Get(ctx, w.brdOffice, m.ID); !fault.Is(err, fault.KindNotFound) {
			t.Errorf("Bradwell's officer read Ashcombe's major incident: %v", err)
		}
	})
}

// TestRulesProposeACandidateAManagerDecides: three P2 incidents on one
// service within the window propose a candidate with the earlier two as
// children; a P1 on a critical service proposes one at once; a manager
// accepts one and declines the other.
func TestRulesProposeACandidateAManagerDecides(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		w := newWorld(t, s)
		st := major.Settings{NoticeGap: 30 * time.Minute, BurstTickets: 3, BurstWindow: 30 * time.Minute, Critical: []string{"Revenues"}}
		if err := w.major.SaveSettings(ctx, w.manager, w.ash.ID, st); err != nil {
			t.Fatal(err)
		}
		w.ticket(t, w.ash, "Mail slow", "Email", desk.P2)
		w.advance(40 * time.Minute) // the first falls out of the window
		w.ticket(t, w.ash, "No mail", "Email", desk.P2)
		w.advance(5 * time.Minute)
		w.ticket(t, w.ash, "Outlook offline", "email", desk.P3) // too low to count
		w.ticket(t, w.ash, "Mail bounced", "Email", desk.P1)
		list := func() []majorsvc.Listed {
			got, _, err := w.major.List(ctx, w.agent, majorsvc.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		if got := list(); len(got) != 0 {
			t.Fatalf("two urgent tickets in the window proposed %+v", got)
		}
		third := w.ticket(t, w.ash, "Mail gone", "Email", desk.P2)
		got := list()
		if len(got) != 1 || got[0].State != major.Candidate || got[0].TicketID != third.ID || !strings.Contains(got[0].RaisedWhy, "3 P1/P2 incidents on Email") {
			t.Fatalf("after the third urgent ticket: %+v", got)
		}
		rec, _ := w.major.Get(ctx, w.agent, got[0].ID)
		if len(rec.Children) != 2 {
			t.Errorf("the candidate has %d children, want the other two in the window", len(rec.Children))
		}
		w.ticket(t, w.ash, "Mail still gone", "Email", desk.P1)
		if n := len(list()); n != 1 {
			t.Errorf("a live candidate on the service was proposed again: %d", n)
		}
		rev := w.ticket(t, w.ash, "Council tax billing down", "Revenues", desk.P1)
		got = list()
		if len(got) != 2 || got[0].TicketID != rev.ID || got[0].State != major.Candidate {
			t.Fatalf("a P1 on a critical service: %+v", got)
		}
		if _, err := w.major.Decide(ctx, w.agent, got[0].ID, true, ""); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("an agent accepted a candidate: %v", err)
		}
		if m, err := w.major.Decide(ctx, w.manager, got[0].ID, true, "yes"); err != nil || m.State != major.Open {
			t.Fatalf("accept: %+v %v", m, err)
		}
		if m, err := w.major.Decide(ctx, w.manager, got[1].ID, false, "one user's mailbox"); err != nil || m.State != major.Declined {
			t.Fatalf("decline: %+v %v", m, err)
		}
		if _, err := w.major.Decide(ctx, w.manager, got[1].ID, true, ""); err == nil {
			t.Error("a declined candidate was accepted")
		}
	})
}
