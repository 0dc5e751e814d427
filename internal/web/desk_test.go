package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// ticketIDFrom reads the ticket id from a redirect to /tickets/{ref}.
func ticketIDFrom(t *testing.T, a *app, location string) int64 {
	t.Helper()
	ref, ok := strings.CutPrefix(location, "/tickets/")
	if !ok {
		t.Fatalf("redirected to %q, want /tickets/{ref}", location)
	}
	tk, err := a.store.TicketByReference(context.Background(), tenancy.ForSystem(tenancy.JobTest), ref)
	if err != nil {
		t.Fatalf("redirected to %q: %v", location, err)
	}
	return tk.ID
}

func storedTicket(t *testing.T, a *app, id int64) (store.Ticket, []desk.Event) {
	t.Helper()
	ctx := context.Background()
	tk, err := a.store.Ticket(ctx, tenancy.ForSystem(tenancy.JobTest), id)
	if err != nil {
		t.Fatal(err)
	}
	events, err := a.store.TicketEvents(ctx, tenancy.ForSystem(tenancy.JobTest), id)
	if err != nil {
		t.Fatal(err)
	}
	return tk, events
}

// An officer raises a ticket from the portal and follows it; the desk works
// it; the officer can add a note and reopen it but not change it.
func TestOfficerRaisesTicketAndDeskWorksIt(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		officer := a.signedIn(t, "it.officer@ashcombe.example")
		agent := a.signedIn(t, "agent@abc-shared.example")

		res := do(t, officer, "GET", a.http.URL+"/tickets/new", nil, nil)
		if res.status != 200 || !strings.Contains(res.body, `id="title"`) || strings.Contains(res.body, `id="priority"`) || strings.Contains(res.body, `id="channel"`) {
			t.Fatalf("officer's new ticket form: %d, want a title field and no priority or channel", res.status)
		}

		// A form without a title comes back with the error summary and what was typed.
		form := url.Values{"type": {"incident"}, "title": {"  "}, "description": {"The scanner on floor 3 shows E42"}, "impact": {"high"}, "urgency": {"high"}}
		res = do(t, officer, "POST", a.http.URL+"/tickets", form, nil)
		if res.status != 422 || !strings.Contains(res.body, "govuk-error-summary") || !strings.Contains(res.body, `<a href="#title">`) ||
			!strings.Contains(res.body, `id="title-error"`) || !strings.Contains(res.body, "The scanner on floor 3 shows E42") {
			t.Fatalf("no title: %d, want 422 with the error summary linking to #title and the description kept", res.status)
		}
		form.Set("title", "Scanner shows E42")
		res = do(t, officer, "POST", a.http.URL+"/tickets", form, nil)
		if res.status != http.StatusSeeOther {
			t.Fatalf("raise ticket: %d %s", res.status, res.body)
		}
		id := ticketIDFrom(t, a, res.location)
		tk, _ := storedTicket(t, a, id)
		if tk.Priority != desk.P1 || tk.Channel != desk.Portal || tk.Caller != "Sunita Patel" || tk.State != desk.New {
			t.Fatalf("stored ticket: priority %s channel %s caller %q state %s; want P1 (high × high) from the portal, the officer as caller, new",
				tk.Priority, tk.Channel, tk.Caller, tk.State)
		}
		detail := a.http.URL + res.location
		page := do(t, officer, "GET", detail, nil, nil)
		for _, want := range []string{"Ticket " + tk.Ref + " logged", tk.Ref + ": Scanner shows E42", "London Borough of Ashcombe", `id="clocks"`, ">Response</th>", ">Resolution</th>",
			`id="history"`, "Logged; state New; priority P1", `id="note"`} {
			if !strings.Contains(page.body, want) {
				t.Errorf("the officer's ticket page lacks %q", want)
			}
		}
		if strings.Contains(page.body, `id="state"`) || strings.Contains(page.body, `id="respond"`) {
			t.Error("the officer sees the desk's change form")
		}

		// The officer cannot move the ticket, but can add a note.
		before := tk.EventCount
		if res := do(t, officer, "POST", detail, url.Values{"state": {"resolved"}}, nil); res.status != 403 {
			t.Fatalf("officer resolving: %d, want 403", res.status)
		}
		if tk, _ := storedTicket(t, a, id); tk.EventCount != before || tk.State != desk.New {
			t.Fatal("a refused change changed the ticket")
		}
		if res := do(t, officer, "POST", detail, url.Values{"note": {"It is the one by the lifts"}}, nil); res.status != http.StatusSeeOther {
			t.Fatalf("officer's note: %d", res.status)
		}
		if res := do(t, officer, "POST", detail, url.Values{"note": {""}}, nil); res.status != 422 || !strings.Contains(res.body, "Nothing to change") {
			t.Fatalf("empty note: %d, want 422 saying there is nothing to change", res.status)
		}

		// Another council's officer cannot see it at all.
		other := a.signedIn(t, "it.officer@brentmere.example")
		if res := do(t, other, "GET", detail, nil, nil); res.status != 404 {
			t.Fatalf("Brentmere's officer reading Ashcombe's ticket: %d, want 404", res.status)
		}
		if res := do(t, other, "GET", a.http.URL+"/tickets?q=E42", nil, nil); strings.Contains(res.body, "Scanner shows E42") {
			t.Fatal("Brentmere's ticket list shows Ashcombe's ticket")
		}
		if res := do(t, officer, "GET", a.http.URL+"/tickets?q=E42", nil, nil); !strings.Contains(res.body, "Scanner shows E42") {
			t.Fatal("the officer's search does not find their ticket")
		}

		// The desk answers, works and resolves it.
		page = do(t, agent, "GET", detail, nil, nil)
		if !strings.Contains(page.body, `id="state"`) || !strings.Contains(page.body, `id="respond"`) {
			t.Fatal("the agent has no change form")
		}
		res = do(t, agent, "POST", detail, url.Values{"state": {"in-progress"}, "priority": {"P1"}, "assignment_group": {"Service desk"},
			"assignee": {strconv.FormatInt(userID(t, a, "agent@abc-shared.example"), 10)}, "respond": {"yes"}, "note": {"Looking at it now"}}, nil)
		if res.status != http.StatusSeeOther {
			t.Fatalf("agent's change: %d %s", res.status, between(res.body, "govuk-error-summary__list", "</ul>"))
		}
		tk, events := storedTicket(t, a, id)
		m, err := desksvc.New(a.store).Measure(context.Background(), tenancy.Operator("cli:test"), tk, events)
		if err != nil {
			t.Fatal(err)
		}
		if tk.State != desk.InProgress || tk.Assignee != "Tom Okafor" || !m.Response.Stopped || m.Response.Status != desk.Met {
			t.Fatalf("after the agent's change: state %s assignee %q response %+v", tk.State, tk.Assignee, m.Response)
		}
		page = do(t, officer, "GET", detail, nil, nil)
		for _, want := range []string{"Responded to the caller", "Looking at it now", "It is the one by the lifts", "service desk staff"} {
			if !strings.Contains(page.body, want) {
				t.Errorf("the history shown to the officer lacks %q", want)
			}
		}
		if strings.Contains(page.body, "agent@abc-shared.example") {
			t.Error("the officer sees the address of the shared service's agent")
		}

		// Resolved, the officer may reopen it; the resolution clock resumes.
		do(t, agent, "POST", detail, url.Values{"state": {"resolved"}, "note": {"Replaced the fuser"}}, nil)
		page = do(t, officer, "GET", detail, nil, nil)
		if !strings.Contains(page.body, `id="reopen-form"`) {
			t.Fatal("no reopen form on a resolved ticket")
		}
		if res := do(t, officer, "POST", detail, url.Values{"reopen": {"yes"}, "note": {" "}}, nil); res.status != 422 ||
			!strings.Contains(res.body, "Enter why the ticket is being reopened") {
			t.Fatalf("reopen without a reason: %d, want 422 asking why", res.status)
		}
		if res := do(t, officer, "POST", detail, url.Values{"reopen": {"yes"}, "note": {"Jammed again"}}, nil); res.status != http.StatusSeeOther {
			t.Fatalf("officer reopens: %d", res.status)
		}
		if tk, _ := storedTicket(t, a, id); tk.State != desk.InProgress {
			t.Fatalf("after reopening the state is %s", tk.State)
		}
	})
}

// An agent logs a walk-up visit in a few fields, is given an empty form for
// the next visitor, and sees the visit on the desk dashboard.
func TestWalkUpAppearsOnTheDashboard(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		agent := a.signedIn(t, "agent@abc-shared.example")
		walkUps := regexp.MustCompile(`id="today-walk-up">(\d+)<`)
		count := func() int {
			t.Helper()
			res := do(t, agent, "GET", a.http.URL+"/desk", nil, nil)
			m := walkUps.FindStringSubmatch(res.body)
			if res.status != 200 || m == nil {
				t.Fatalf("dashboard: %d, no walk-up count", res.status)
			}
			n, _ := strconv.Atoi(m[1])
			return n
		}
		before := count()

		form := do(t, agent, "GET", a.http.URL+"/desk/walk-up", nil, nil)
		if !strings.Contains(form.body, `<option value="ashcombe caller">`) && !strings.Contains(form.body, `id="org"`) {
			t.Fatal("the walk-up form offers neither people nor an org to choose")
		}
		if !strings.Contains(form.body, `id="fixed" name="fixed" type="checkbox" value="yes" checked`) {
			t.Fatal("'fixed on the spot' is not ticked by default")
		}
		if res := do(t, agent, "POST", a.http.URL+"/desk/walk-up", url.Values{"org": {"ashcombe"}, "title": {"Forgot password"}, "fixed": {"yes"}}, nil); res.status != 422 || !strings.Contains(res.body, `<a href="#caller">`) {
			t.Fatalf("walk-up without a caller: %d, want 422 pointing at the caller", res.status)
		}
		res := do(t, agent, "POST", a.http.URL+"/desk/walk-up", url.Values{"org": {"ashcombe"}, "caller": {"ashcombe caller"},
			"site": {"Ashcombe Town Hall"}, "category": {"Account and password"}, "title": {"Password reset at reception"}, "fixed": {"yes"}}, nil)
		if res.status != http.StatusSeeOther || res.location != "/desk/walk-up?org=ashcombe" {
			t.Fatalf("log walk-up: %d → %q", res.status, res.location)
		}
		next := do(t, agent, "GET", a.http.URL+res.location, nil, nil)
		if !strings.Contains(next.body, "govuk-notification-banner--success") || !strings.Contains(next.body, "for ashcombe caller, fixed on the spot") {
			t.Fatal("no success banner after logging a visit")
		}
		if strings.Contains(next.body, "Password reset at reception") || !strings.Contains(next.body, `<option value="ashcombe" selected>`) {
			t.Fatal("the next form is not empty, or forgot the org")
		}

		list, err := a.store.Tickets(context.Background(), tenancy.ForSystem(tenancy.JobTest), store.TicketFilter{Search: "Password reset at reception", Limit: 5})
		if err != nil || len(list) != 1 {
			t.Fatalf("walk-up tickets found: %d (%v)", len(list), err)
		}
		tk := list[0]
		if tk.Channel != desk.WalkUp || tk.State != desk.Resolved || tk.CallerPersonID != a.tickets["ashcombe"][0].CallerPersonID || tk.Site != "Ashcombe Town Hall" {
			t.Fatalf("walk-up ticket: channel %s state %s person %d site %q", tk.Channel, tk.State, tk.CallerPersonID, tk.Site)
		}
		if after := count(); after != before+1 {
			t.Fatalf("today's walk-ups on the dashboard went from %d to %d, want one more", before, after)
		}
		dash := do(t, agent, "GET", a.http.URL+"/desk", nil, nil)
		if !strings.Contains(dash.body, "Password reset at reception") {
			t.Error("the dashboard's list of today's tickets lacks the visit")
		}
		// Officers do not log walk-ups or see the desk dashboard.
		officer := a.signedIn(t, "it.officer@ashcombe.example")
		for _, path := range []string{"/desk", "/desk/walk-up"} {
			if res := do(t, officer, "GET", a.http.URL+path, nil, nil); res.status != 403 {
				t.Errorf("officer GET %s: %d, want 403", path, res.status)
			}
		}
	})
}

func TestSLAReportPage(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		agent := a.signedIn(t, "agent@abc-shared.example")
		// With several orgs and none chosen, the page asks which.
		res := do(t, agent, "GET", a.http.URL+"/reports/sla", nil, nil)
		if res.status != 200 || !strings.Contains(res.body, `id="org"`) || strings.Contains(res.body, `id="priorities"`) {
			t.Fatalf("report without an org: %d", res.status)
		}
		today := a.store.Now().In(london).Format("2006-01-02")
		q := "?org=ashcombe&from=" + today + "&to=" + today
		res = do(t, agent, "GET", a.http.URL+"/reports/sla"+q, nil, nil)
		if res.status != 200 || !strings.Contains(res.body, `id="priorities"`) || !strings.Contains(res.body, "London Borough of Ashcombe") {
			t.Fatalf("report: %d", res.status)
		}
		// The seeded P2 ticket (high impact, medium urgency) was opened today.
		row := between(res.body, `<th scope="row" class="govuk-table__header">P2</th>`, "</tr>")
		if f := strings.Fields(row); len(f) == 0 || f[0] == "0" {
			t.Errorf("P2 row %q does not count today's ticket", row)
		}
		// Every council side by side, offered to whoever sees several.
		if !strings.Contains(res.body, `value="all"`) {
			t.Error("the choice of every council side by side is not offered")
		}
		all := do(t, agent, "GET", a.http.URL+"/reports/sla?org=all&from="+today+"&to="+today, nil, nil)
		head := between(all.body, `<table class="govuk-table" id="councils">`, "</thead>")
		if all.status != 200 || !strings.Contains(head, "London Borough of Ashcombe") || !strings.Contains(head, "London Borough of Brentmere") ||
			strings.Count(head, "Resolved within") != 3 {
			t.Fatalf("every council side by side: %d %q", all.status, head)
		}
		if incP2 := strings.Fields(between(all.body, `<th scope="row" class="govuk-table__header">P2</th>`, "</tr>")); len(incP2) == 0 || incP2[0] == "0" {
			t.Errorf("the incidents' P2 row side by side does not count today's ticket: %q", incP2)
		}
		if c := do(t, agent, "GET", a.http.URL+"/reports/sla?org=all&period=this-year&format=csv", nil, nil); c.status != 200 ||
			!strings.HasPrefix(c.body, "type,priority,") || !strings.Contains(c.body, "ashcombe_opened") {
			t.Errorf("every council as CSV: %d %.200q", c.status, c.body)
		}
		csv := do(t, agent, "GET", a.http.URL+"/reports/sla"+q+"&format=csv", nil, nil)
		if csv.status != 200 || !strings.HasPrefix(csv.header.Get("Content-Type"), "text/csv") ||
			!strings.Contains(csv.header.Get("Content-Disposition"), "attachment") || !strings.HasPrefix(csv.body, "type,priority,opened,resolved") {
			t.Fatalf("CSV: %d %s %q", csv.status, csv.header.Get("Content-Type"), csv.header.Get("Content-Disposition"))
		}
		html := do(t, agent, "GET", a.http.URL+"/reports/sla"+q+"&format=html", nil, nil)
		if html.status != 200 || !strings.Contains(html.header.Get("Content-Disposition"), `attachment; filename="sla-ashcombe-`) ||
			!strings.Contains(html.body, "<h1>Service levels: London Borough of Ashcombe</h1>") {
			t.Fatalf("HTML: %d %q", html.status, html.header.Get("Content-Disposition"))
		}
		// The named periods: a link for each, and each shows its own dates.
		for _, name := range desksvc.Periods {
			first, last, _ := desksvc.NamedPeriod(name, a.store.Now(), "Europe/London")
			res := do(t, agent, "GET", a.http.URL+"/reports/sla?org=ashcombe&period="+name, nil, nil)
			if want := "Tickets opened from " + first.String() + " to " + last.String(); res.status != 200 || !strings.Contains(res.body, want) {
				t.Errorf("period %s: %d, want %q", name, res.status, want)
			}
			if !strings.Contains(res.body, `href="/reports/sla?org=ashcombe&amp;period=`+name+`" aria-current="true"`) {
				t.Errorf("period %s: its link is not marked as the one shown", name)
			}
		}
		// A period with no tickets says so instead of a table of zeros, on
		// the page and in the page for committee papers.
		empty := do(t, agent, "GET", a.http.URL+"/reports/sla?org=ashcombe&from=2001-01-01&to=2001-01-31", nil, nil)
		if empty.status != 200 || !strings.Contains(empty.body, `id="report-empty"`) || !strings.Contains(empty.body, "No tickets were opened from 2001-01-01 to 2001-01-31") ||
			strings.Contains(empty.body, `id="priorities"`) {
			t.Errorf("an empty period: %d, want the explanation and no table of zeros", empty.status)
		}
		if h := do(t, agent, "GET", a.http.URL+"/reports/sla?org=ashcombe&from=2001-01-01&to=2001-01-31&format=html", nil, nil); !strings.Contains(h.body, `id="empty"`) {
			t.Errorf("the empty period's page for committee papers has no explanation")
		}
		if bad := do(t, agent, "GET", a.http.URL+"/reports/sla?org=ashcombe&period=last-decade", nil, nil); bad.status != 400 {
			t.Errorf("an unknown period: %d, want 400", bad.status)
		}
		if bad := do(t, agent, "GET", a.http.URL+"/reports/sla?org=ashcombe&from=2026-02-31", nil, nil); bad.status != 400 || !strings.Contains(bad.body, `<a href="#from">`) {
			t.Fatalf("bad date: %d", bad.status)
		}
		if res := do(t, agent, "GET", a.http.URL+"/reports/sla?org=nthames-nhs", nil, nil); res.status != 404 {
			t.Fatalf("an org outside the agent's grants: %d", res.status)
		}
		committee := a.signedIn(t, "committee@ashcombe.example")
		if res := do(t, committee, "GET", a.http.URL+"/reports/sla", nil, nil); res.status != 200 || !strings.Contains(res.body, `id="priorities"`) {
			t.Fatalf("Ashcombe's committee member: %d", res.status)
		}
		officer := a.signedIn(t, "it.officer@ashcombe.example")
		if res := do(t, officer, "GET", a.http.URL+"/reports/sla", nil, nil); res.status != 403 {
			t.Fatalf("officer: %d, want 403", res.status)
		}
	})
}
