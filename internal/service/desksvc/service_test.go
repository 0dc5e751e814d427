package desksvc_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/calendar"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/reader/ticketcsv"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

var ctx = context.Background()

var london, _ = time.LoadLocation("Europe/London")

func council(t testing.TB, s *store.Store, slug string) store.Org {
	t.Helper()
	o, err := s.CreateOrg(ctx, store.NewOrg{Slug: slug, Name: slug + " Council", Kind: tenancy.KindCouncil})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// clockAt fixes the store's clock at a London wall-clock time.
func clockAt(s *store.Store, when string) {
	t, err := time.ParseInLocation("2006-01-02 15:04", when, london)
	if err != nil {
		panic(err)
	}
	s.SetClock(func() time.Time { return t })
}

func agentOf(orgID int64) tenancy.Principal {
	return tenancy.Principal{Actor: "user:agent@test", Role: tenancy.RoleAgent, OrgID: orgID, Scope: tenancy.ScopeOf(orgID)}
}

func officerOf(orgID int64) tenancy.Principal {
	return tenancy.Principal{Actor: "user:officer@test", Role: tenancy.RoleOfficer, OrgID: orgID, Scope: tenancy.ScopeOf(orgID)}
}

var operator = tenancy.Operator("cli:test")

func TestATicketsLifeIsMeasuredInWorkingTime(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		org := council(t, s, "ashcombe")
		svc := desksvc.New(s)
		clockAt(s, "2024-03-07 16:00") // Thursday
		tk, err := svc.Open(ctx, officerOf(org.ID), desksvc.NewTicket{OrgID: org.ID, Title: "Cannot print payslips",
			Impact: desk.Medium, Urgency: desk.Medium})
		if err != nil {
			t.Fatal(err)
		}
		if tk.Priority != desk.P3 || tk.Channel != desk.Portal || tk.Ref != "ASH-INC-10001" {
			t.Errorf("opened %s %s via %s", tk.Ref, tk.Priority, tk.Channel)
		}
		// An officer may not move tickets along.
		if _, err := svc.Update(ctx, officerOf(org.ID), tk.ID, desksvc.Change{State: desk.InProgress}); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("officer changed state: %v", err)
		}
		clockAt(s, "2024-03-07 16:30")
		if _, err := svc.Update(ctx, agentOf(org.ID), tk.ID, desksvc.Change{State: desk.InProgress, Note: "looking"}); err != nil {
			t.Fatal(err)
		}
		clockAt(s, "2024-03-08 09:00")
		if _, err := svc.Update(ctx, agentOf(org.ID), tk.ID, desksvc.Change{State: desk.AwaitingUser}); err != nil {
			t.Fatal(err)
		}
		clockAt(s, "2024-03-11 10:00") // Monday: the pause covered Friday and the weekend
		if _, err := svc.Update(ctx, agentOf(org.ID), tk.ID, desksvc.Change{State: desk.InProgress}); err != nil {
			t.Fatal(err)
		}
		clockAt(s, "2024-03-11 12:00")
		got, err := svc.Update(ctx, agentOf(org.ID), tk.ID, desksvc.Change{State: desk.Resolved, Note: "driver reinstalled"})
		if err != nil {
			t.Fatal(err)
		}
		r := got.SLA.Resolution
		if r.Used != 3*time.Hour || r.Paused != 9*time.Hour || r.Status != desk.Met {
			t.Errorf("resolution used %v paused %v %s; want 3h, 9h, met", r.Used, r.Paused, r.Status)
		}
		if got.SLA.Response.Used != 30*time.Minute {
			t.Errorf("response used %v, want 30m", got.SLA.Response.Used)
		}
		// Reopened the next morning: the clock resumes from 3h.
		clockAt(s, "2024-03-12 09:00")
		if _, err := svc.Update(ctx, officerOf(org.ID), tk.ID, desksvc.Change{Reopen: true, Note: "it broke again"}); err != nil {
			t.Fatal(err)
		}
		clockAt(s, "2024-03-12 11:00")
		stored, events, err := svc.Ticket(ctx, agentOf(org.ID), tk.ID)
		if err != nil {
			t.Fatal(err)
		}
		live, err := svc.Measure(ctx, agentOf(org.ID), stored, events)
		if err != nil {
			t.Fatal(err)
		}
		if live.Resolution.Used != 5*time.Hour || live.Resolution.Status != desk.Running || !stored.ResolvedAt.IsZero() {
			t.Errorf("after reopening: used %v %s, resolved at %v", live.Resolution.Used, live.Resolution.Status, stored.ResolvedAt)
		}
		if len(events) != 6 || events[5].Kind != desk.Reopened || events[5].Actor != "user:officer@test" {
			t.Errorf("history: %+v", events)
		}
		// Another council cannot see or touch it.
		other := council(t, s, "brentmere")
		if _, _, err := svc.Ticket(ctx, agentOf(other.ID), tk.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("other council read the ticket: %v", err)
		}
		if _, err := svc.Update(ctx, agentOf(other.ID), tk.ID, desksvc.Change{Note: "x"}); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("other council changed the ticket: %v", err)
		}
	})
}

func TestWalkUpFixedOnTheSpot(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		org := council(t, s, "ashcombe")
		svc := desksvc.New(s)
		clockAt(s, "2024-03-07 10:00")
		if _, err := svc.Open(ctx, officerOf(org.ID), desksvc.NewTicket{OrgID: org.ID, Title: "x", Channel: desk.WalkUp, FixedNow: true}); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("an officer logged a walk-up: %v", err)
		}
		tk, err := svc.Open(ctx, agentOf(org.ID), desksvc.NewTicket{OrgID: org.ID, Title: "Screen flickers", Channel: desk.WalkUp,
			Caller: "Pat Jones", Site: "Town hall", FixedNow: true})
		if err != nil {
			t.Fatal(err)
		}
		if tk.State != desk.Resolved || tk.Channel != desk.WalkUp || tk.SLA.Resolution.Status != desk.Met || tk.SLA.Response.Status != desk.Met {
			t.Errorf("walk-up: %s via %s, clocks %s/%s", tk.State, tk.Channel, tk.SLA.Response.Status, tk.SLA.Resolution.Status)
		}
		if _, err := svc.Open(ctx, agentOf(org.ID), desksvc.NewTicket{OrgID: org.ID, Title: "  "}); err == nil {
			t.Error("a ticket with no title was logged")
		}
	})
}

func TestPhoneCallsLogAndLinkTickets(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		org := council(t, s, "ashcombe")
		if _, err := s.CreatePerson(ctx, tenancy.ForSystem(tenancy.JobTest), store.Person{OrgID: org.ID, Name: "Priya Shah", Phone: "01632 960101"}); err != nil {
			t.Fatal(err)
		}
		svc := desksvc.New(s)
		clockAt(s, "2024-03-07 10:05")
		started := time.Date(2024, 3, 7, 10, 0, 0, 0, time.UTC)
		answer, err := svc.Phone(ctx, tenancy.Hook(desksvc.PhoneHook, org.ID), unsigned(org.ID, "1"), desksvc.PhoneEvent{Event: desksvc.CallStarted, CallID: "c-1", Caller: "+44 1632 960101", At: started})
		tk, created := answer.Ticket, answer.Created
		if err != nil || !created {
			t.Fatalf("call started: created %v, %v", created, err)
		}
		if tk.Caller != "Priya Shah" || tk.Channel != desk.Phone || tk.CallerPersonID == 0 {
			t.Errorf("ticket from call: caller %q channel %s", tk.Caller, tk.Channel)
		}
		answer, err = svc.Phone(ctx, tenancy.Hook(desksvc.PhoneHook, org.ID), unsigned(org.ID, "2"), desksvc.PhoneEvent{Event: desksvc.CallAnswered, CallID: "c-1", At: started.Add(2 * time.Minute)})
		again, created := answer.Ticket, answer.Created
		if err != nil || created || again.ID != tk.ID {
			t.Fatalf("answered: ticket %d created %v, %v", again.ID, created, err)
		}
		if again.SLA.Response.Status != desk.Met || again.SLA.Response.Used != 2*time.Minute {
			t.Errorf("answering did not stop the response clock: %+v", again.SLA.Response)
		}
		call, err := s.PhoneCallByID(ctx, tenancy.ForSystem(tenancy.JobTest), org.ID, "c-1")
		if err != nil || !call.AnsweredAt.Equal(started.Add(2*time.Minute)) || call.TicketID != tk.ID {
			t.Errorf("call record: %+v, %v", call, err)
		}
		answer, err = svc.Phone(ctx, tenancy.Hook(desksvc.PhoneHook, org.ID), unsigned(org.ID, "3"), desksvc.PhoneEvent{Event: desksvc.CallStarted, CallID: "c-2", Caller: "07700 900123"})
		stranger := answer.Ticket
		if err != nil || stranger.Caller != "07700 900123" || stranger.ID == tk.ID {
			t.Errorf("unknown caller: %+v, %v", stranger, err)
		}
	})
}

func TestSignatures(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	body := []byte(`{"event":"call.started"}`)
	ts := "1700000000"
	sig := desksvc.Sign("s3cret", ts, body)
	if err := desksvc.VerifySignature("s3cret", ts, sig, body, now); err != nil {
		t.Errorf("good signature refused: %v", err)
	}
	for name, c := range map[string]struct{ secret, ts, sig string }{
		"unsigned":      {"s3cret", ts, ""},
		"wrong secret":  {"other", ts, sig},
		"stale":         {"s3cret", "1699999000", desksvc.Sign("s3cret", "1699999000", body)},
		"no timestamp":  {"s3cret", "", sig},
		"body tampered": {"s3cret", ts, desksvc.Sign("s3cret", ts, []byte("{}"))},
	} {
		if err := desksvc.VerifySignature(c.secret, c.ts, c.sig, body, now); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// sample is the ServiceNow event log in ../shared/data, or a skip.
func sample(t testing.TB) string {
	dir, _ := os.Getwd()
	for ; dir != "/"; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
	}
	path := filepath.Join(dir, "..", "shared", "data", "servicedesk", "servicenow-incident-event-log.csv.gz")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("the ServiceNow sample is not here (%v): it lives in ../shared/data beside the checkout", err)
	}
	return path
}

func importFile(t testing.TB, s *store.Store, orgID int64, path string, skip bool) (desksvc.ImportResult, error) {
	return importWith(t, s, orgID, path, ticketcsv.Options{SkipInvalid: skip})
}

func importWith(t testing.TB, s *store.Store, orgID int64, path string, opt ticketcsv.Options) (desksvc.ImportResult, error) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	opt.File, opt.Location = filepath.Base(path), london
	r, err := ticketcsv.ServiceNow(f, opt)
	if err != nil {
		t.Fatal(err)
	}
	return desksvc.New(s).Import(ctx, operator, orgID, "servicenow", filepath.Base(path), r, nil)
}

// The figures for the 20,762 incidents without quirks were worked out
// independently of ward, by a short script stepping through each ticket's
// rows with the rules, and agree to the minute. The seven mended
// incidents add six P3s (three within target: INC0000131, 135 and 137) and
// one P4 within (INC0000134), as worked out by hand from their rows.
func TestServiceNowSampleReport(t *testing.T) {
	path := sample(t)
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		org := council(t, s, "sample")
		if _, err := importWith(t, s, org.ID, path, ticketcsv.Options{Strict: true}); err == nil || !strings.Contains(err.Error(), "INC0000130") {
			t.Fatalf("strict import: %v; want it refused naming INC0000130", err)
		}
		if n, _ := s.Tickets(ctx, tenancy.ScopeOf(org.ID), store.TicketFilter{}); len(n) != 0 {
			t.Fatalf("a refused import left %d tickets behind", len(n))
		}
		res, err := importFile(t, s, org.ID, path, false)
		if err != nil {
			t.Fatal(err)
		}
		if res.Rows != 119998 || res.Created != 20769 || res.RejectedTickets != 0 || res.RepairedTickets != 7 || len(res.Repairs) != 13 {
			t.Errorf("import: %+v", res)
		}
		again, err := importFile(t, s, org.ID, path, false)
		if err != nil || again.Created != 0 || again.Updated != 0 || again.Unchanged != 20769 {
			t.Errorf("second import changed something: %+v, %v", again, err)
		}
		tk, err := s.TicketByRef(ctx, tenancy.ScopeOf(org.ID), org.ID, "INC0028089")
		if err != nil || tk.State != "closed" {
			t.Fatalf("INC0028089: %+v, %v", tk, err)
		}
		// Its two rows in ServiceNow's own state -100 are held as written.
		evs, err := s.TicketEvents(ctx, tenancy.ScopeOf(org.ID), tk.ID)
		if err != nil || len(evs) != 7 || evs[2].State != "-100" || evs[3].State != "-100" {
			t.Errorf("INC0028089's history: %+v, %v", evs, err)
		}
		first, _ := calendar.ParseDate("2016-01-01")
		last, _ := calendar.ParseDate("2017-12-31")
		r, err := desksvc.New(s).SLAReport(ctx, operator, org, first, last)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string][5]float64{ // opened, resolved, within, %, median h
			"P1": {220, 220, 82, 37.27, 8.00},
			"P2": {337, 337, 175, 51.93, 7.97},
			"P3": {19554, 18226, 13326, 73.12, 3.58},
			"P4": {658, 568, 510, 89.79, 1.00},
		}
		for _, p := range r.Priorities {
			w := want[p.Priority]
			got := [5]float64{float64(p.Opened), float64(p.Resolved), float64(p.WithinTarget), p.PercentWithinTarget, p.MedianResolutionHours}
			if got != w {
				t.Errorf("%s: %v, want %v", p.Priority, got, w)
			}
		}
	})
}

func TestImportRefusesABadFileWhole(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		org := council(t, s, "ashcombe")
		dir := t.TempDir()
		path := filepath.Join(dir, "log.csv")
		head := "number,incident_state,sys_mod_count,opened_at,sys_updated_at,priority,resolved_at\n"
		good := "INC1,New,0,1/3/2024 09:00,1/3/2024 09:00,3 - Moderate,?\n"
		bad := "INC2,New,0,31/02/2024 09:00,1/3/2024 09:00,3 - Moderate,?\n"
		os.WriteFile(path, []byte(head+good+bad), 0o600)
		_, err := importFile(t, s, org.ID, path, false)
		if err == nil || !strings.Contains(err.Error(), "line 3") || !strings.Contains(err.Error(), `"opened_at"`) {
			t.Fatalf("error %v; want line 3, column opened_at", err)
		}
		if list, _ := s.Tickets(ctx, tenancy.ScopeOf(org.ID), store.TicketFilter{}); len(list) != 0 {
			t.Errorf("the good row before the bad one was written: %d tickets", len(list))
		}
		// A later export with more rows for INC1 appends to its history.
		os.WriteFile(path, []byte(head+good), 0o600)
		if _, err := importFile(t, s, org.ID, path, false); err != nil {
			t.Fatal(err)
		}
		more := "INC1,Resolved,1,1/3/2024 09:00,1/3/2024 11:00,3 - Moderate,1/3/2024 11:00\n"
		os.WriteFile(path, []byte(head+good+more), 0o600)
		res, err := importFile(t, s, org.ID, path, false)
		if err != nil || res.Updated != 1 {
			t.Fatalf("update: %+v, %v", res, err)
		}
		tk, err := s.TicketByRef(ctx, tenancy.ScopeOf(org.ID), org.ID, "INC1")
		if err != nil || tk.EventCount != 3 || tk.SLA.Resolution.Used != 2*time.Hour || tk.SLA.Resolution.Status != desk.Met {
			t.Errorf("after the update: %d events, %v %s, %v", tk.EventCount, tk.SLA.Resolution.Used, tk.SLA.Resolution.Status, err)
		}
	})
}

func TestRecomputeSaysWhatChanged(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		org := council(t, s, "ashcombe")
		svc := desksvc.New(s)
		clockAt(s, "2024-03-05 09:00")
		tk, err := svc.Open(ctx, agentOf(org.ID), desksvc.NewTicket{OrgID: org.ID, Title: "VPN drops", Priority: desk.P3})
		if err != nil {
			t.Fatal(err)
		}
		clockAt(s, "2024-03-06 13:00")
		if _, err := svc.Update(ctx, agentOf(org.ID), tk.ID, desksvc.Change{State: desk.Resolved}); err != nil {
			t.Fatal(err)
		}
		// 12 working hours: within the default 16. A stricter policy dated
		// back to 1 March does not touch the stored figure until asked.
		pol := desk.DefaultPolicy(desk.Incident)
		pol.EffectiveFrom = time.Date(2024, 3, 1, 0, 0, 0, 0, london)
		pol.Targets[desk.P3] = desk.Target{Response: desk.Span{Amount: 1, Unit: desk.Hours}, Resolution: desk.Span{Amount: 1, Unit: desk.Days}}
		if _, err := svc.SavePolicy(ctx, officerOf(org.ID), org.ID, pol); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("an officer set a policy: %v", err)
		}
		if _, err := svc.SavePolicy(ctx, operator, org.ID, pol); err != nil {
			t.Fatal(err)
		}
		stored, _ := s.Ticket(ctx, tenancy.ScopeOf(org.ID), tk.ID)
		if stored.SLA.PolicyVersion != 0 || stored.SLA.Resolution.Target != 16*time.Hour {
			t.Errorf("the stored measurement moved by itself: %+v", stored.SLA)
		}
		from := time.Date(2024, 3, 1, 0, 0, 0, 0, london)
		to := time.Date(2024, 4, 1, 0, 0, 0, 0, london)
		dry, err := svc.Recompute(ctx, operator, org.ID, from, to, true)
		if err != nil || dry.Changed != 1 {
			t.Fatalf("dry run: %+v, %v", dry, err)
		}
		res, err := svc.Recompute(ctx, operator, org.ID, from, to, false)
		if err != nil {
			t.Fatal(err)
		}
		var verdict *desksvc.Remeasured
		for i, c := range res.Changes {
			if c.What == "verdict" {
				verdict = &res.Changes[i]
			}
		}
		if res.Tickets != 1 || res.Changed != 1 || verdict == nil || verdict.Before != "within target" || verdict.After != "breached" {
			t.Errorf("recompute: %+v", res)
		}
		stored, _ = s.Ticket(ctx, tenancy.ScopeOf(org.ID), tk.ID)
		if stored.SLA.PolicyVersion != 1 || stored.SLA.Resolution.Status != desk.Breached {
			t.Errorf("after recompute: %+v", stored.SLA)
		}
		again, _ := svc.Recompute(ctx, operator, org.ID, from, to, false)
		if again.Changed != 0 {
			t.Errorf("a second recompute changed %d", again.Changed)
		}
	})
}

// unsigned stands for a call whose signature the test did not compute: each
// call a test makes needs a signature of its own, as a real one would.
func unsigned(orgID int64, n string) desksvc.SignedCall {
	return desksvc.SignedCall{OrgID: orgID, Signature: "sha256=test-" + n, SignedAt: time.Unix(0, 0)}
}

// The same signed request, however often it arrives and at whichever
// replica, is accepted once: one event, one audit entry, and every repeat
// answered with the first's ticket. A record older than the signature window
// is pruned, and by then the request itself is refused as stale.
func TestASignedCallIsAcceptedOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		org := council(t, s, "ashcombe")
		const secret = "phone-secret"
		if err := s.SetWebhookSecret(ctx, tenancy.ForSystem(tenancy.JobTest), org.ID, desksvc.PhoneHook, secret); err != nil {
			t.Fatal(err)
		}
		clockAt(s, "2024-03-07 10:05")
		// Two replicas: two services over one database.
		replicas := []*desksvc.Service{desksvc.New(s), desksvc.New(s)}
		send := func(svc *desksvc.Service, ts int64, body string) (desksvc.PhoneAnswer, error) {
			t.Helper()
			stamp := fmt.Sprint(ts)
			call, err := svc.PhoneCall(ctx, "ashcombe", stamp, desksvc.Sign(secret, stamp, []byte(body)), []byte(body))
			if err != nil {
				return desksvc.PhoneAnswer{}, err
			}
			var ev desksvc.PhoneEvent
			if err := json.Unmarshal([]byte(body), &ev); err != nil {
				t.Fatal(err)
			}
			return svc.Phone(ctx, tenancy.Hook(desksvc.PhoneHook, call.OrgID), call, ev)
		}
		history := func(ticketID int64) (events, audits int) {
			t.Helper()
			held, err := s.TicketEvents(ctx, tenancy.ForSystem(tenancy.JobTest), ticketID)
			if err != nil {
				t.Fatal(err)
			}
			entries, err := s.AuditEntries(ctx, tenancy.ForSystem(tenancy.JobTest), store.AuditQuery{Limit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			return len(held), len(entries)
		}
		now := s.Now().Unix()
		started := `{"event":"call.started","call_id":"c-9","caller":"07700 900123"}`
		first, err := send(replicas[0], now, started)
		if err != nil || !first.Created || first.Repeat {
			t.Fatalf("first delivery: %+v, %v", first, err)
		}
		events, audits := history(first.Ticket.ID)
		for i := range 2 {
			again, err := send(replicas[(i+1)%2], now, started)
			if err != nil || again.Created || !again.Repeat || again.Ticket.Ref != first.Ticket.Ref {
				t.Fatalf("repeat %d: ticket %q created %v repeat %v, %v; want %q, a repeat", i+1, again.Ticket.Ref, again.Created, again.Repeat, err, first.Ticket.Ref)
			}
		}
		if e, a := history(first.Ticket.ID); e != events || a != audits {
			t.Errorf("repeats wrote: events %d -> %d, audit entries %d -> %d", events, e, audits, a)
		}

		// A later event of the call, and another call, are new requests.
		answered, err := send(replicas[1], now, `{"event":"call.answered","call_id":"c-9"}`)
		if err != nil || answered.Repeat || answered.Ticket.ID != first.Ticket.ID {
			t.Fatalf("answered: %+v, %v", answered, err)
		}
		if e, _ := history(first.Ticket.ID); e != events+1 {
			t.Errorf("answering added %d events, want 1", e-events)
		}
		other, err := send(replicas[0], now, `{"event":"call.started","call_id":"c-10","caller":"07700 900123"}`)
		if err != nil || !other.Created || other.Ticket.ID == first.Ticket.ID {
			t.Fatalf("another call: %+v, %v", other, err)
		}

		// Eleven minutes on, the first request is stale and its record goes
		// when the next call is accepted.
		s.SetClock(func() time.Time { return time.Unix(now, 0).Add(11 * time.Minute) })
		if _, err := send(replicas[0], now, started); !errors.Is(err, desksvc.ErrBadSignature) {
			t.Errorf("stale request: %v, want refused", err)
		}
		if _, err := send(replicas[1], now+11*60, `{"event":"call.ended","call_id":"c-9"}`); err != nil {
			t.Fatal(err)
		}
		stamp := fmt.Sprint(now)
		_, err = s.WebhookCallBySignature(ctx, tenancy.Hook(desksvc.PhoneHook, org.ID).Scope, org.ID, desksvc.PhoneHook,
			desksvc.Sign(secret, stamp, []byte(started)))
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("stale record not pruned: %v", err)
		}
	})
}

// Deliveries of one request racing at two replicas: exactly one records it.
func TestASignedCallRacingIsAcceptedOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		org := council(t, s, "ashcombe")
		clockAt(s, "2024-03-07 10:05")
		replicas := []*desksvc.Service{desksvc.New(s), desksvc.New(s)}
		call := desksvc.SignedCall{OrgID: org.ID, Signature: "sha256=race", SignedAt: s.Now()}
		ev := desksvc.PhoneEvent{Event: desksvc.CallStarted, CallID: "c-race", Caller: "07700 900123"}
		answers := make([]desksvc.PhoneAnswer, 8)
		errs := make([]error, len(answers))
		var wg sync.WaitGroup
		for i := range answers {
			wg.Go(func() {
				answers[i], errs[i] = replicas[i%2].Phone(ctx, tenancy.Hook(desksvc.PhoneHook, org.ID), call, ev)
			})
		}
		wg.Wait()
		created := 0
		for i, a := range answers {
			if errs[i] != nil {
				t.Fatalf("delivery %d: %v", i, errs[i])
			}
			if a.Created {
				created++
			}
			if a.Ticket.Ref != answers[0].Ticket.Ref {
				t.Errorf("delivery %d answered %q, delivery 0 %q", i, a.Ticket.Ref, answers[0].Ticket.Ref)
			}
		}
		held, err := s.TicketEvents(ctx, tenancy.ForSystem(tenancy.JobTest), answers[0].Ticket.ID)
		if created != 1 || err != nil || len(held) != 2 {
			t.Errorf("%d deliveries created the ticket, its history has %d events (%v); want 1 and 2", created, len(held), err)
		}
	})
}
