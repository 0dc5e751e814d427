package store_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

func newTicket(orgID int64, opened time.Time) *store.Ticket {
	return &store.Ticket{OrgID: orgID, Ticket: desk.Ticket{Type: desk.Incident, Priority: desk.P3, Channel: desk.Portal,
		Title: "Printer on floor 2 jams", Caller: "Pat Jones", Category: "Hardware", State: desk.New, OpenedAt: opened}}
}

func TestTicketsKeepHistoryAndStayInTheirOrg(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := twoCouncils(t, s)
		opened := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		tk := newTicket(a.ID, opened)
		if err := s.CreateTicket(ctx, tenancy.ForSystem(tenancy.JobTest), tk, []desk.Event{{At: opened, Kind: desk.Opened, State: desk.New, Priority: desk.P3}}); err != nil {
			t.Fatal(err)
		}
		if tk.Ref != "ASH-INC-10001" {
			t.Errorf("first desk ticket numbered %q, want ASH-INC-10001", tk.Ref)
		}
		second := newTicket(a.ID, opened.Add(time.Hour))
		second.Type = desk.Request
		if err := s.CreateTicket(ctx, tenancy.ForSystem(tenancy.JobTest), second, nil); err != nil {
			t.Fatal(err)
		}
		if second.Ref != "ASH-REQ-10002" {
			t.Errorf("second ticket numbered %q, want ASH-REQ-10002 (one sequence an org)", second.Ref)
		}
		other := newTicket(b.ID, opened)
		if err := s.CreateTicket(ctx, tenancy.ForSystem(tenancy.JobTest), other, nil); err != nil {
			t.Fatal(err)
		}
		if other.Ref != "BRE-INC-10001" {
			t.Errorf("other org's first ticket numbered %q, want its own BRE-INC-10001", other.Ref)
		}

		tk.State, tk.Assignee = desk.InProgress, "Sam Agent"
		tk.SLA = desk.Measurement{Priority: desk.P3, PolicyVersion: 0, At: opened.Add(2 * time.Hour),
			Resolution: desk.Clock{Used: 2 * time.Hour, Target: 16 * time.Hour, Status: desk.Running, Deadline: opened.Add(48 * time.Hour)}}
		if err := s.UpdateTicket(ctx, tenancy.ForSystem(tenancy.JobTest), tk, []desk.Event{{At: opened.Add(2 * time.Hour), Kind: desk.Moved, State: desk.InProgress, Actor: "user:sam"}}); err != nil {
			t.Fatal(err)
		}
		got, err := s.TicketByRef(ctx, tenancy.ScopeOf(a.ID), a.ID, "INC-10001")
		if err != nil {
			t.Fatal(err)
		}
		if got.State != desk.InProgress || got.Assignee != "Sam Agent" || got.EventCount != 2 ||
			got.SLA.Resolution.Used != 2*time.Hour || !got.SLA.Resolution.Deadline.Equal(opened.Add(48*time.Hour)) {
			t.Errorf("stored ticket = %+v", got)
		}
		events, err := s.TicketEvents(ctx, tenancy.ScopeOf(a.ID), got.ID)
		if err != nil || len(events) != 2 || events[1].State != desk.InProgress || events[1].Actor != "user:sam" {
			t.Fatalf("history = %+v, %v", events, err)
		}

		// The other council sees neither the ticket nor its history.
		if _, err := s.Ticket(ctx, tenancy.ScopeOf(b.ID), got.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("other org read the ticket: %v", err)
		}
		if ev, _ := s.TicketEvents(ctx, tenancy.ScopeOf(b.ID), got.ID); len(ev) != 0 {
			t.Errorf("other org read the history: %v", ev)
		}
		if list, _ := s.Tickets(ctx, tenancy.ScopeOf(b.ID), store.TicketFilter{}); len(list) != 1 || list[0].OrgID != b.ID {
			t.Errorf("other org's list = %+v", list)
		}
		if _, err := s.Tickets(ctx, tenancy.Scope{}, store.TicketFilter{}); !errors.Is(err, tenancy.ErrUnscoped) {
			t.Errorf("unscoped list: %v", err)
		}

		// History is append-only in the database itself.
		if _, err := s.DB().ExecContext(ctx, s.Rebind(`UPDATE ticket_events SET note = 'x' WHERE ticket_id = ?`), got.ID); err == nil {
			t.Error("a ticket event was edited in place")
		}
		if _, err := s.DB().ExecContext(ctx, s.Rebind(`DELETE FROM ticket_events WHERE ticket_id = ?`), got.ID); err == nil {
			t.Error("a ticket event was deleted")
		}

		open, err := s.Tickets(ctx, tenancy.ScopeOf(a.ID), store.TicketFilter{OpenOnly: true, Search: "printer", Priority: desk.P3})
		if err != nil || len(open) != 2 {
			t.Errorf("search found %d, %v", len(open), err)
		}
	})
}

func TestSLACountsReadTheStoredMeasurements(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, _ := twoCouncils(t, s)
		base := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		// Three P3s resolved in 2h, 10h and 20h against 16h; one still open;
		// one opened the month after.
		for i, used := range []time.Duration{2 * time.Hour, 10 * time.Hour, 20 * time.Hour, 0} {
			tk := newTicket(a.ID, base.Add(time.Duration(i)*time.Hour))
			tk.SLA.Resolution = desk.Clock{Used: used, Target: 16 * time.Hour}
			if used > 0 {
				tk.ResolvedAt, tk.State = tk.OpenedAt.Add(used), desk.Resolved
			}
			if i == 2 {
				tk.Channel = desk.Phone
			}
			if err := s.CreateTicket(ctx, tenancy.ForSystem(tenancy.JobTest), tk, nil); err != nil {
				t.Fatal(err)
			}
		}
		late := newTicket(a.ID, base.AddDate(0, 1, 0))
		if err := s.CreateTicket(ctx, tenancy.ForSystem(tenancy.JobTest), late, nil); err != nil {
			t.Fatal(err)
		}
		months := []store.MonthBound{{Name: "2026-03", From: base.AddDate(0, 0, -1), To: base.AddDate(0, 1, -1)}}
		c, err := s.SLACounts(ctx, tenancy.ForSystem(tenancy.JobTest), a.ID, base.AddDate(0, 0, -1), base.AddDate(0, 1, -1), months)
		if err != nil {
			t.Fatal(err)
		}
		p3 := c.Priorities[desk.P3]
		if p3.Opened != 4 || p3.Resolved != 3 || p3.WithinTarget != 2 {
			t.Errorf("P3 counts = %+v", p3)
		}
		want := []report.MinuteCount{{Minutes: 120, Count: 1}, {Minutes: 600, Count: 1}, {Minutes: 1200, Count: 1}}
		if len(p3.Minutes) != 3 || p3.Minutes[0] != want[0] || p3.Minutes[2] != want[2] {
			t.Errorf("histogram = %v, want %v", p3.Minutes, want)
		}
		if len(c.Channels) != 2 || c.Channels[0] != (store.NameCount{Name: "portal", Count: 3}) {
			t.Errorf("channels = %v", c.Channels)
		}
		if len(c.Months) != 1 || c.Months[0].Count != 4 {
			t.Errorf("months = %v", c.Months)
		}
	})
}

func TestPoliciesAndCalendarsAreVersioned(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, _ := twoCouncils(t, s)
		if _, err := s.Calendar(ctx, tenancy.ForSystem(tenancy.JobTest), a.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("new org has a calendar: %v", err)
		}
		for _, name := range []string{"first", "second"} {
			if _, err := s.SaveCalendar(ctx, tenancy.ForSystem(tenancy.JobTest), a.ID, json.RawMessage(`{"name":"`+name+`"}`), "cli:test"); err != nil {
				t.Fatal(err)
			}
		}
		cal, err := s.Calendar(ctx, tenancy.ForSystem(tenancy.JobTest), a.ID)
		if err != nil || cal.Version != 2 || string(cal.Definition) != `{"name":"second"}` {
			t.Errorf("calendar in force = %+v, %v", cal, err)
		}
		p := desk.DefaultPolicy(desk.Incident)
		p.EffectiveFrom = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		if err := s.SavePolicy(ctx, tenancy.ForSystem(tenancy.JobTest), a.ID, &p, "cli:test"); err != nil {
			t.Fatal(err)
		}
		p2 := desk.DefaultPolicy(desk.Incident)
		p2.TargetPercent = 95
		p2.EffectiveFrom = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
		if err := s.SavePolicy(ctx, tenancy.ForSystem(tenancy.JobTest), a.ID, &p2, "cli:test"); err != nil {
			t.Fatal(err)
		}
		list, err := s.Policies(ctx, tenancy.ForSystem(tenancy.JobTest), a.ID)
		if err != nil || len(list) != 2 || list[1].Version != 2 || list[1].TargetPercent != 95 {
			t.Fatalf("policies = %+v, %v", list, err)
		}
		if got := desk.InForce(list, desk.Incident, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)); got.Version != 1 {
			t.Errorf("ticket opened in March measured by version %d, want 1", got.Version)
		}
	})
}

func TestPersonByPhoneMatchesNumbersWrittenDifferently(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := twoCouncils(t, s)
		if _, err := s.CreatePerson(ctx, tenancy.ForSystem(tenancy.JobTest), store.Person{OrgID: a.ID, Name: "Pat Jones", Phone: "01632 960001"}); err != nil {
			t.Fatal(err)
		}
		for _, n := range []string{"+44 1632 960001", "+44 (0)1632 960001", "0044 1632 960001", "01632960001"} {
			if p, err := s.PersonByPhone(ctx, tenancy.ForSystem(tenancy.JobTest), a.ID, n); err != nil || p.Name != "Pat Jones" {
				t.Errorf("%s: %+v, %v", n, p, err)
			}
		}
		if _, err := s.PersonByPhone(ctx, tenancy.ForSystem(tenancy.JobTest), b.ID, "01632 960001"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("matched a caller in another council: %v", err)
		}
		// A shared team line names no one.
		if _, err := s.CreatePerson(ctx, tenancy.ForSystem(tenancy.JobTest), store.Person{OrgID: a.ID, Name: "Sam Lee", Phone: "+441632960001"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.PersonByPhone(ctx, tenancy.ForSystem(tenancy.JobTest), a.ID, "01632 960001"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a shared number matched one person: %v", err)
		}
	})
}
