package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// london is the zone the councils' days are counted in.
var london, _ = time.LoadLocation("Europe/London")

type apiTicket struct {
	Ticket struct {
		Ref, Org, Priority, Channel, State, Caller, Title string
		SLA                                               apiSLA
	}
	Events []struct{ Kind, Actor, Note, State string }
	SLA    apiSLA
}

type apiSLA struct {
	Response, Resolution struct {
		Status        string
		TargetMinutes float64 `json:"target_working_minutes"`
	}
}

func decodeTicket(t *testing.T, res response) apiTicket {
	t.Helper()
	var doc apiTicket
	if err := json.Unmarshal([]byte(res.body), &doc); err != nil {
		t.Fatalf("not a ticket document: %v\n%s", err, res.body)
	}
	return doc
}

func TestTicketsThroughTheAPI(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		c := a.browser()
		base := a.http.URL + "/api/v1/orgs/ashcombe/tickets"
		_, officer := a.token(t, "ashcombe", "officer", time.Hour)

		res := doJSON(t, c, "POST", base, `{"title":"Projector in committee room 2","description":"No signal","impact":"high","urgency":1,"category":"Hardware"}`, bearer(officer))
		if res.status != 201 {
			t.Fatalf("create: %d %s", res.status, res.body)
		}
		created := decodeTicket(t, res)
		ref := created.Ticket.Ref
		if res.header.Get("Location") != base+"/"+ref && res.header.Get("Location") != "/api/v1/orgs/ashcombe/tickets/"+ref {
			t.Errorf("Location %q", res.header.Get("Location"))
		}
		if created.Ticket.Priority != "P1" || created.Ticket.Channel != "portal" || created.Ticket.Org != "ashcombe" ||
			created.SLA.Response.TargetMinutes != 15 || created.SLA.Resolution.Status != "running" || len(created.Events) != 1 {
			t.Fatalf("created ticket: %+v", created)
		}
		// Bad input names the field; only the desk logs other channels.
		if res := doJSON(t, c, "POST", base, `{"title":"","impact":"high"}`, bearer(officer)); res.status != 422 || !strings.Contains(res.body, `"field":"title"`) {
			t.Fatalf("no title: %d %s", res.status, res.body)
		}
		if res := doJSON(t, c, "POST", base, `{"title":"x","priority":"P9"}`, bearer(officer)); res.status != 422 || !strings.Contains(res.body, `"field":"priority"`) {
			t.Fatalf("bad priority: %d %s", res.status, res.body)
		}
		if res := doJSON(t, c, "POST", base, `{"title":"Call","channel":"phone"}`, bearer(officer)); res.status != 403 {
			t.Fatalf("officer logging a phone ticket: %d %s", res.status, res.body)
		}
		if res := doJSON(t, c, "POST", base, `{"title":"x","colour":"red"}`, bearer(officer)); res.status != 400 {
			t.Fatalf("unknown field: %d", res.status)
		}
		// Text that is not UTF-8 is refused by its path, not stored with U+FFFD in it.
		if res := doJSON(t, c, "POST", base, "{\"title\":\"Caf\xe9 printer\"}", bearer(officer)); res.status != 400 ||
			!strings.Contains(res.body, "title: text is not valid UTF-8 (byte 0xE9 at byte 14 of the body)") {
			t.Fatalf("title not UTF-8: %d %s", res.status, res.body)
		}

		// List with filters.
		var list struct {
			Tickets []struct{ Ref, Title, Priority, State string }
			Limit   int
		}
		res = do(t, c, "GET", base+"?q=projector&open=true&priority=P1&limit=5", nil, bearer(officer))
		if err := json.Unmarshal([]byte(res.body), &list); err != nil || res.status != 200 || len(list.Tickets) != 1 || list.Tickets[0].Ref != ref || list.Limit != 5 {
			t.Fatalf("filtered list: %d %s", res.status, res.body)
		}
		if res := do(t, c, "GET", base+"?state=sideways", nil, bearer(officer)); res.status != 422 || !strings.Contains(res.body, `"field":"state"`) {
			t.Fatalf("bad state filter: %d %s", res.status, res.body)
		}

		// Events: the officer may comment, not move it; the desk moves it.
		if res := doJSON(t, c, "POST", base+"/"+ref+"/events", `{"state":"resolved"}`, bearer(officer)); res.status != 403 {
			t.Fatalf("officer resolving: %d %s", res.status, res.body)
		}
		if res := doJSON(t, c, "POST", base+"/"+ref+"/events", `{"note":"Any news?"}`, bearer(officer)); res.status != 201 || len(decodeTicket(t, res).Events) != 2 {
			t.Fatalf("officer's note: %d %s", res.status, res.body)
		}
		_, admin := a.token(t, "abc-shared", "admin", time.Hour)
		res = doJSON(t, c, "POST", base+"/"+ref+"/events", `{"state":"in-progress","assignee":"agent@abc-shared.example","note":"On my way"}`, bearer(admin))
		moved := decodeTicket(t, res)
		if res.status != 201 || moved.Ticket.State != "in-progress" || moved.SLA.Response.Status != "met" {
			t.Fatalf("admin moves it: %d %+v", res.status, moved)
		}
		if res := doJSON(t, c, "POST", base+"/"+ref+"/events", `{"state":"new"}`, bearer(admin)); res.status != 422 || !strings.Contains(res.body, `"field":"state"`) {
			t.Fatalf("back to new: %d %s", res.status, res.body)
		}

		// The officer reads it whole: fields, history, live clocks.
		res = do(t, c, "GET", base+"/"+ref, nil, bearer(officer))
		got := decodeTicket(t, res)
		if res.status != 200 || got.Ticket.Title != "Projector in committee room 2" || len(got.Events) != 4 || got.SLA.Resolution.Status != "running" {
			t.Fatalf("get: %d %s", res.status, res.body)
		}
		for _, e := range got.Events {
			if strings.Contains(e.Actor, "@") {
				t.Errorf("an officer's token sees the actor %q", e.Actor)
			}
		}

		// Another council's officer cannot read, list or change it.
		_, other := a.token(t, "brentmere", "officer", time.Hour)
		for _, r := range []struct{ method, path, body string }{
			{"GET", base + "/" + ref, ""}, {"GET", base, ""}, {"POST", base + "/" + ref + "/events", `{"note":"hello"}`}, {"POST", base, `{"title":"x"}`},
		} {
			if res := doJSON(t, c, r.method, r.path, r.body, bearer(other)); res.status != 404 || strings.Contains(res.body, "Projector") {
				t.Errorf("Brentmere's officer %s %s: %d", r.method, r.path, res.status)
			}
		}
		if res := do(t, c, "GET", a.http.URL+"/api/v1/orgs/brentmere/tickets?q=projector", nil, bearer(other)); strings.Contains(res.body, "Projector") {
			t.Error("Brentmere's list shows Ashcombe's ticket")
		}
		// A committee member and a WARP member have no tickets to read.
		_, committee := a.token(t, "ashcombe", "committee", time.Hour)
		if res := do(t, c, "GET", base, nil, bearer(committee)); res.status != 403 {
			t.Errorf("committee listing tickets: %d", res.status)
		}
	})
}

func TestSLAReportThroughTheAPI(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		c := a.browser()
		_, committee := a.token(t, "ashcombe", "committee", time.Hour)
		today := a.store.Now().In(london).Format("2006-01-02")
		url := a.http.URL + "/api/v1/orgs/ashcombe/reports/sla?from=" + today + "&to=" + today
		res := do(t, c, "GET", url, nil, bearer(committee))
		if res.status != 200 || res.header.Get("Content-Type") != "application/json" {
			t.Fatalf("report: %d %s", res.status, res.body)
		}
		first, last, _ := desksvc.NamedPeriod("last-quarter", a.store.Now(), "Europe/London")
		if q := do(t, c, "GET", a.http.URL+"/api/v1/orgs/ashcombe/reports/sla?period=last-quarter", nil, bearer(committee)); q.status != 200 ||
			!strings.Contains(q.body, `"from": "`+first.String()+`"`) || !strings.Contains(q.body, `"to": "`+last.String()+`"`) {
			t.Errorf("last quarter through the API: %d %.300s", q.status, q.body)
		}
		if q := do(t, c, "GET", a.http.URL+"/api/v1/orgs/ashcombe/reports/sla?period=soon", nil, bearer(committee)); q.status != 422 || !strings.Contains(q.body, `"field":"period"`) {
			t.Errorf("an unknown period through the API: %d %s", q.status, q.body)
		}
		var doc struct {
			Priorities []map[string]any
		}
		if err := json.Unmarshal([]byte(res.body), &doc); err != nil || len(doc.Priorities) != 4 {
			t.Fatalf("report JSON: %v %s", err, res.body)
		}
		for i, p := range doc.Priorities {
			for _, key := range []string{"priority", "opened", "resolved", "within_target", "percent_within_target", "median_resolution_working_hours"} {
				if _, ok := p[key]; !ok {
					t.Errorf("priority %d has no %q: %v", i, key, p)
				}
			}
			if want := "P" + strconv.Itoa(i+1); p["priority"] != want {
				t.Errorf("priority %d is %v, want %s", i, p["priority"], want)
			}
		}
		// The harness opened a P2 ticket in Ashcombe today.
		if opened, _ := doc.Priorities[1]["opened"].(float64); opened < 1 {
			t.Errorf("P2 opened today: %v", doc.Priorities[1]["opened"])
		}
		if res := do(t, c, "GET", url+"&format=csv", nil, bearer(committee)); res.status != 200 || !strings.HasPrefix(res.body, "type,priority,opened,resolved,within_target,percent_within_target") {
			t.Fatalf("CSV: %d %s", res.status, res.body)
		}
		// Every council the token sees, side by side, requests beside incidents.
		var cmp struct {
			Councils []struct{ Org string }
			Rows     []struct {
				Type, Priority string
				Councils       []map[string]any
			}
		}
		_, shared := a.token(t, "abc-shared", "admin", time.Hour)
		side := do(t, c, "GET", a.http.URL+"/api/v1/reports/sla?from="+today+"&to="+today, nil, bearer(shared))
		if err := json.Unmarshal([]byte(side.body), &cmp); err != nil || side.status != 200 || len(cmp.Councils) < 2 || len(cmp.Rows) != 8 ||
			cmp.Rows[4].Type != "request" || len(cmp.Rows[1].Councils) != len(cmp.Councils) {
			t.Fatalf("side by side: %d %v %d councils %d rows %.300s", side.status, err, len(cmp.Councils), len(cmp.Rows), side.body)
		}
		if opened, _ := cmp.Rows[1].Councils[0]["opened"].(float64); cmp.Councils[0].Org != "ashcombe" || opened < 1 {
			t.Errorf("Ashcombe's P2 incidents side by side: %v %v", cmp.Councils[0], cmp.Rows[1].Councils[0])
		}
		// Ashcombe's committee sees Ashcombe's column alone.
		if own := do(t, c, "GET", a.http.URL+"/api/v1/reports/sla?period=this-year", nil, bearer(committee)); own.status != 200 ||
			!strings.Contains(own.body, `"org": "ashcombe"`) || strings.Contains(own.body, "brentmere") {
			t.Errorf("Ashcombe's committee side by side: %d %.300s", own.status, own.body)
		}
		if q := do(t, c, "GET", a.http.URL+"/api/v1/reports/sla?period=this-year&format=html", nil, bearer(committee)); q.status != 422 || !strings.Contains(q.body, `"field":"format"`) {
			t.Errorf("side by side as HTML: %d %s", q.status, q.body)
		}
		if res := do(t, c, "GET", url+"&format=html", nil, bearer(committee)); res.status != 200 || !strings.Contains(res.header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("HTML: %d", res.status)
		}
		if res := do(t, c, "GET", a.http.URL+"/api/v1/orgs/ashcombe/reports/sla?from=yesterday", nil, bearer(committee)); res.status != 422 || !strings.Contains(res.body, `"field":"from"`) {
			t.Fatalf("bad date: %d %s", res.status, res.body)
		}
		if res := do(t, c, "GET", a.http.URL+"/api/v1/orgs/ashcombe/reports/sla?from=2026-03-31&to=2026-03-01", nil, bearer(committee)); res.status != 422 {
			t.Fatalf("period ending before it starts: %d %s", res.status, res.body)
		}
		// The default period is last month; reading it is audited.
		if res := do(t, c, "GET", a.http.URL+"/api/v1/orgs/ashcombe/reports/sla", nil, bearer(committee)); res.status != 200 {
			t.Fatalf("default period: %d", res.status)
		}
		entries, _ := a.store.AuditEntries(context.Background(), tenancy.ForSystem(tenancy.JobTest), store.AuditQuery{Limit: 5, Action: "view"})
		if len(entries) == 0 || !strings.HasPrefix(entries[0].Target, "SLA report ") {
			t.Errorf("the report read is not audited: %+v", entries)
		}
		_, officer := a.token(t, "ashcombe", "officer", time.Hour)
		if res := do(t, c, "GET", url, nil, bearer(officer)); res.status != 403 {
			t.Errorf("officer reading the SLA report: %d", res.status)
		}
		_, brentmere := a.token(t, "brentmere", "committee", time.Hour)
		if res := do(t, c, "GET", url, nil, bearer(brentmere)); res.status != 404 {
			t.Errorf("Brentmere's committee reading Ashcombe's report: %d", res.status)
		}
	})
}

// The phone system's webhook logs a ticket for a signed call, naming the
// caller it recognises, links later events of the call, and refuses
// anything unsigned, wrongly signed or stale without writing a thing.
func TestPhoneWebhook(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		ctx := context.Background()
		org, err := a.store.OrgBySlug(ctx, tenancy.ForSystem(tenancy.JobTest), "ashcombe")
		if err != nil {
			t.Fatal(err)
		}
		person, err := a.store.CreatePerson(ctx, tenancy.ForSystem(tenancy.JobTest), store.Person{OrgID: org.ID, Name: "Harriet Dial", Phone: "01632 960999"})
		if err != nil {
			t.Fatal(err)
		}
		const secret = "phone-system-shared-secret"
		if err := a.store.SetWebhookSecret(ctx, tenancy.ForSystem(tenancy.JobTest), org.ID, desksvc.PhoneHook, secret); err != nil {
			t.Fatal(err)
		}
		hook := a.http.URL + "/hooks/phone/ashcombe"
		// A server-to-server call: no cookies, no Origin, no Sec-Fetch-Site.
		c := &http.Client{Timeout: 10 * time.Second}
		call := func(url, body, key string, at time.Time) response {
			t.Helper()
			ts := strconv.FormatInt(at.Unix(), 10)
			h := map[string]string{}
			if key != "" {
				h["X-Ward-Timestamp"] = ts
				h["X-Ward-Signature"] = desksvc.Sign(key, ts, []byte(body))
			}
			return doJSON(t, c, "POST", url, body, h)
		}
		count := func() int {
			list, err := a.store.Tickets(ctx, tenancy.ScopeOf(org.ID), store.TicketFilter{OrgID: org.ID, Limit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			return len(list)
		}
		now := time.Now()
		started := `{"event":"call.started","call_id":"c-7781","caller":"+44 1632 960999","at":"` + now.UTC().Format(time.RFC3339) + `"}`

		before := count()
		refusals := []struct {
			name string
			res  response
		}{
			{"unsigned", call(hook, started, "", now)},
			{"wrongly signed", call(hook, started, "not-the-secret", now)},
			{"stale", call(hook, started, secret, now.Add(-10*time.Minute))},
			{"unknown org", call(a.http.URL+"/hooks/phone/no-such-council", started, secret, now)},
			{"org without a secret", call(a.http.URL+"/hooks/phone/brentmere", started, secret, now)},
		}
		for _, r := range refusals {
			if r.res.status != 401 || r.res.header.Get("Content-Type") != "application/problem+json" {
				t.Errorf("%s call: %d %s", r.name, r.res.status, r.res.body)
			}
			if r.res.body != refusals[0].res.body {
				t.Errorf("%s call answers differently from an unsigned one, telling a caller which it was:\n%s\n%s", r.name, r.res.body, refusals[0].res.body)
			}
		}
		if n := count(); n != before {
			t.Fatalf("refused calls made %d tickets", n-before)
		}

		res := call(hook, started, secret, now)
		var answer struct {
			Ticket  string
			Created bool
		}
		if err := json.Unmarshal([]byte(res.body), &answer); res.status != 201 || err != nil || !answer.Created || answer.Ticket == "" {
			t.Fatalf("signed call.started: %d %s", res.status, res.body)
		}
		if !strings.HasPrefix(answer.Ticket, org.RefPrefix+"-INC-") {
			t.Errorf("the phone system is told ticket %q, want the whole reference %s-INC-…", answer.Ticket, org.RefPrefix)
		}
		tk, err := a.store.TicketByRef(ctx, tenancy.ScopeOf(org.ID), org.ID, answer.Ticket)
		if err != nil {
			t.Fatal(err)
		}
		if tk.Channel != desk.Phone || tk.Caller != "Harriet Dial" || tk.CallerPersonID != person.ID {
			t.Fatalf("phone ticket: channel %s caller %q person %d, want phone, Harriet Dial, %d", tk.Channel, tk.Caller, tk.CallerPersonID, person.ID)
		}
		svc := desksvc.New(a.store)
		_, events, _ := svc.Ticket(ctx, tenancy.Operator("cli:test"), tk.ID)
		if m, _ := svc.Measure(ctx, tenancy.Operator("cli:test"), tk, events); m.Response.Stopped {
			t.Fatal("the response clock stopped before anyone answered")
		}

		answered := `{"event":"call.answered","call_id":"c-7781","caller":"+44 1632 960999","agent":"Sam"}`
		res = call(hook, answered, secret, time.Now())
		if err := json.Unmarshal([]byte(res.body), &answer); err != nil || res.status != 200 || answer.Created || answer.Ticket != tk.Ref {
			t.Fatalf("call.answered: %d %s, want 200 on %s", res.status, res.body, tk.Ref)
		}
		if n := count(); n != before+1 {
			t.Fatalf("the call made %d tickets, want 1", n-before)
		}
		tk, _ = a.store.TicketByRef(ctx, tenancy.ScopeOf(org.ID), org.ID, tk.Ref)
		_, events, _ = svc.Ticket(ctx, tenancy.Operator("cli:test"), tk.ID)
		m, err := svc.Measure(ctx, tenancy.Operator("cli:test"), tk, events)
		if err != nil || !m.Response.Stopped || m.Response.Status != desk.Met {
			t.Fatalf("after the answer the response clock is %+v (%v), want stopped and met", m.Response, err)
		}

		// Signed but unreadable or meaningless bodies are the caller's error.
		if res := call(hook, `{"event":`, secret, time.Now()); res.status != 400 {
			t.Errorf("bad JSON: %d", res.status)
		}
		if res := call(hook, `{"event":"call.transferred","call_id":"c-1"}`, secret, time.Now()); res.status != 422 || !strings.Contains(res.body, `"field":"event"`) {
			t.Errorf("unknown event: %d %s", res.status, res.body)
		}
		big := `{"event":"call.started","call_id":"c-big","caller":"` + strings.Repeat("9", 70<<10) + `"}`
		if res := call(hook, big, secret, time.Now()); res.status != http.StatusRequestEntityTooLarge {
			t.Errorf("a 70 KiB body: %d", res.status)
		}
		if n := count(); n != before+1 {
			t.Fatalf("bad bodies made %d tickets", n-before-1)
		}
	})
}

// A signed call is accepted once, whichever replica it reaches: the same
// request three times, at two servers over one database, logs one event and
// one audit entry, and every repeat is answered 200 with the same ticket.
func TestPhoneWebhookAcceptsEachCallOnce(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		ctx := context.Background()
		system := tenancy.ForSystem(tenancy.JobTest)
		org, err := a.store.OrgBySlug(ctx, system, "ashcombe")
		if err != nil {
			t.Fatal(err)
		}
		const secret = "phone-system-shared-secret"
		if err := a.store.SetWebhookSecret(ctx, system, org.ID, desksvc.PhoneHook, secret); err != nil {
			t.Fatal(err)
		}
		replicas := []string{a.http.URL, a.harness().Replica(t).URL}
		c := &http.Client{Timeout: 10 * time.Second}
		type answer struct {
			status  int
			Ticket  string
			Created bool
			Repeat  bool
		}
		call := func(server, body string, at time.Time) answer {
			t.Helper()
			ts := strconv.FormatInt(at.Unix(), 10)
			res := doJSON(t, c, "POST", server+"/hooks/phone/ashcombe", body,
				map[string]string{"X-Ward-Timestamp": ts, "X-Ward-Signature": desksvc.Sign(secret, ts, []byte(body))})
			out := answer{status: res.status}
			if err := json.Unmarshal([]byte(res.body), &out); err != nil {
				t.Fatalf("%d %s: %v", res.status, res.body, err)
			}
			return out
		}
		written := func(ref string) (events, audits int) {
			t.Helper()
			tk, err := a.store.TicketByRef(ctx, system, org.ID, ref)
			if err != nil {
				t.Fatal(err)
			}
			held, err := a.store.TicketEvents(ctx, system, tk.ID)
			if err != nil {
				t.Fatal(err)
			}
			entries, err := a.store.AuditEntries(ctx, system, store.AuditQuery{Limit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			return len(held), len(entries)
		}

		now := time.Now()
		started := `{"event":"call.started","call_id":"c-5150","caller":"01632 960777"}`
		first := call(replicas[0], started, now)
		if first.status != 201 || !first.Created || first.Ticket == "" {
			t.Fatalf("first delivery: %+v", first)
		}
		events, audits := written(first.Ticket)
		for i, server := range []string{replicas[1], replicas[0]} {
			again := call(server, started, now)
			if again.status != 200 || again.Ticket != first.Ticket || again.Created || !again.Repeat {
				t.Errorf("repeat %d: %+v, want 200 on %s, a repeat", i+1, again, first.Ticket)
			}
		}
		if e, n := written(first.Ticket); e != events || n != audits {
			t.Errorf("repeats wrote: ticket events %d -> %d, audit entries %d -> %d", events, e, audits, n)
		}

		other := call(replicas[1], `{"event":"call.started","call_id":"c-5151","caller":"01632 960777"}`, now)
		if other.status != 201 || other.Ticket == first.Ticket || other.Repeat {
			t.Errorf("a different call id: %+v, want a new ticket", other)
		}
		ended := call(replicas[1], `{"event":"call.ended","call_id":"c-5150"}`, now)
		if ended.status != 200 || ended.Ticket != first.Ticket || ended.Repeat {
			t.Errorf("a later event of the call: %+v, want it recorded on %s", ended, first.Ticket)
		}
		if e, _ := written(first.Ticket); e != events+1 {
			t.Errorf("the later event added %d events, want 1", e-events)
		}
	})
}
