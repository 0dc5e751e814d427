package web_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// userID is the id of the demo user with the e-mail address.
func userID(t *testing.T, a *app, email string) int64 {
	t.Helper()
	u, err := a.store.UserByEmail(context.Background(), tenancy.ForSystem(tenancy.JobTest), email)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

// markup is the HTML of s from start to end, tags kept.
func markup(s, start, end string) string {
	_, after, _ := strings.Cut(s, start)
	v, _, _ := strings.Cut(after, end)
	return v
}

// orgTickets is every ticket of an org, straight from the store.
func orgTickets(t *testing.T, a *app, slug string, f store.TicketFilter) []store.Ticket {
	t.Helper()
	ctx := context.Background()
	org, err := a.store.OrgBySlug(ctx, tenancy.ForSystem(tenancy.JobTest), slug)
	if err != nil {
		t.Fatal(err)
	}
	f.OrgID, f.Limit = org.ID, 1000
	list, err := a.store.Tickets(ctx, tenancy.ForSystem(tenancy.JobTest), f)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// The assignee is chosen from the people who may work the org's tickets:
// the form lists them by name, stores the user's id, and refuses anyone
// else, on the web and through the API.
func TestAssigneeIsChosenFromTheOrgsDeskStaff(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		agent := a.signedIn(t, "agent@abc-shared.example")
		tom, officer := userID(t, a, "agent@abc-shared.example"), userID(t, a, "it.officer@ashcombe.example")
		tk := a.tickets["ashcombe"][0]
		detail := a.http.URL + "/tickets/" + tk.Ref

		page := do(t, agent, "GET", detail, nil, nil)
		sel := markup(page.body, `id="assignee" name="assignee"`, "</select>")
		for _, want := range []string{`<option value="" selected>Nobody</option>`, `<option value="` + strconv.FormatInt(tom, 10) + `">Tom Okafor</option>`, ">Priya Raman</option>"} {
			if !strings.Contains(sel, want) {
				t.Errorf("the assignee select lacks %q:\n%s", want, sel)
			}
		}
		for _, not := range []string{"Sunita Patel", "Grace Lindqvist"} { // an officer, an analyst
			if strings.Contains(sel, not) {
				t.Errorf("the assignee select offers %s, who does not work tickets", not)
			}
		}

		res := do(t, agent, "POST", detail, url.Values{"assignee": {strconv.FormatInt(officer, 10)}}, nil)
		if res.status != 422 || !strings.Contains(res.body, `<a href="#assignee">`) {
			t.Fatalf("assigning to the council's officer: %d, want 422 with the error on the assignee", res.status)
		}
		if got, _ := storedTicket(t, a, tk.ID); got.AssigneeID != tk.AssigneeID || got.Assignee != tk.Assignee {
			t.Fatalf("a refused assignee changed the ticket: %+v", got)
		}

		res = do(t, agent, "POST", detail, url.Values{"assignee": {strconv.FormatInt(tom, 10)}}, nil)
		if res.status != http.StatusSeeOther {
			t.Fatalf("assigning to Tom: %d %s", res.status, between(res.body, "govuk-error-summary__list", "</ul>"))
		}
		got, events := storedTicket(t, a, tk.ID)
		if got.AssigneeID != tom || got.Assignee != "Tom Okafor" || events[len(events)-1].Assignee != "Tom Okafor" {
			t.Fatalf("after assigning: assignee %d %q, last event %+v", got.AssigneeID, got.Assignee, events[len(events)-1])
		}
		page = do(t, agent, "GET", detail, nil, nil)
		if !strings.Contains(page.body, `<option value="`+strconv.FormatInt(tom, 10)+`" selected>Tom Okafor</option>`) {
			t.Error("the form does not show Tom as the assignee")
		}

		// Raised with an assignee from the form.
		form := url.Values{"org": {"ashcombe"}, "type": {"incident"}, "title": {"Docking station dead"}, "impact": {"low"}, "urgency": {"low"},
			"channel": {"phone"}, "assignee": {strconv.FormatInt(tom, 10)}}
		if page := do(t, agent, "GET", a.http.URL+"/tickets/new", nil, nil); !strings.Contains(page.body, ">Tom Okafor</option>") {
			t.Error("the raise form offers no assignee")
		}
		res = do(t, agent, "POST", a.http.URL+"/tickets", form, nil)
		if res.status != http.StatusSeeOther {
			t.Fatalf("raising with an assignee: %d %s", res.status, between(res.body, "govuk-error-summary__list", "</ul>"))
		}
		if got, _ := storedTicket(t, a, ticketIDFrom(t, a, res.location)); got.AssigneeID != tom || got.State != "assigned" {
			t.Fatalf("raised ticket: assignee %d state %s, want Tom and assigned", got.AssigneeID, got.State)
		}
		form.Set("assignee", strconv.FormatInt(officer, 10))
		if res := do(t, agent, "POST", a.http.URL+"/tickets", form, nil); res.status != 422 || !strings.Contains(res.body, `<a href="#assignee">`) {
			t.Fatalf("raising for the officer to work: %d, want 422 on the assignee", res.status)
		}

		// The API takes the assignee by e-mail or id, and refuses a name no user has.
		_, admin := a.token(t, "abc-shared", "admin", time.Hour)
		base := a.http.URL + "/api/v1/orgs/ashcombe/tickets/" + tk.Ref + "/events"
		if res := doJSON(t, a.browser(), "POST", base, `{"assignee":"Sam Agent"}`, bearer(admin)); res.status != 422 || !strings.Contains(res.body, `"field":"assignee"`) {
			t.Fatalf("API assignee who is not a user: %d %s", res.status, res.body)
		}
		if res := doJSON(t, a.browser(), "POST", base, `{"assignee":"admin@abc-shared.example"}`, bearer(admin)); res.status != 201 || !strings.Contains(strings.ReplaceAll(res.body, " ", ""), `"assignee":"PriyaRaman"`) {
			t.Fatalf("API assignee by e-mail: %d %s", res.status, res.body)
		}
	})
}

// "Mine" lists the tickets assigned to the signed-in user and "unassigned"
// those assigned to nobody; the desk menu leads to the user's open queue.
func TestMineAndUnassignedFilterTheTicketList(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		admin := a.signedIn(t, "admin@abc-shared.example")
		priya := userID(t, a, "admin@abc-shared.example")
		mine := orgTickets(t, a, "ashcombe", store.TicketFilter{AssigneeID: priya})
		others := orgTickets(t, a, "ashcombe", store.TicketFilter{AssigneeID: userID(t, a, "agent@abc-shared.example")})
		nobody := orgTickets(t, a, "ashcombe", store.TicketFilter{Unassigned: true})
		if len(mine) == 0 || len(others) == 0 || len(nobody) == 0 {
			t.Fatalf("the demo should give Ashcombe tickets for Priya (%d), Tom (%d) and nobody (%d)", len(mine), len(others), len(nobody))
		}
		list := do(t, admin, "GET", a.http.URL+"/tickets?org=ashcombe&assigned=mine", nil, nil)
		rows := markup(list.body, `<tbody class="govuk-table__body">`, "</tbody>")
		if !strings.Contains(rows, mine[0].Ref+"<") || strings.Contains(rows, others[0].Ref+"<") || strings.Contains(rows, "Tom Okafor") {
			t.Fatalf("mine: want Priya's %s and not Tom's %s:\n%s", mine[0].Ref, others[0].Ref, rows)
		}
		if !strings.Contains(list.body, `<option value="mine" selected>Me</option>`) {
			t.Error("the filter does not show mine chosen")
		}
		list = do(t, admin, "GET", a.http.URL+"/tickets?org=ashcombe&assigned=unassigned", nil, nil)
		rows = markup(list.body, `<tbody class="govuk-table__body">`, "</tbody>")
		if got := strings.Count(rows, `<tr class="govuk-table__row">`); got != len(nobody) || strings.Contains(rows, "Priya Raman") {
			t.Fatalf("unassigned: %d rows, want %d and no assignee named", got, len(nobody))
		}
		if res := do(t, admin, "GET", a.http.URL+"/tickets?assigned=everyone", nil, nil); res.status != 400 || !strings.Contains(res.body, `<a href="#assigned">`) {
			t.Fatalf("an unknown assigned filter: %d, want 400 naming the field", res.status)
		}
		if home := do(t, admin, "GET", a.http.URL+"/tickets", nil, nil); !strings.Contains(home.body, `href="/tickets?assigned=mine&amp;state=open"`) {
			t.Error("the desk menu has no link to my queue")
		}
		officer := do(t, a.signedIn(t, "it.officer@ashcombe.example"), "GET", a.http.URL+"/tickets", nil, nil)
		if strings.Contains(officer.body, `id="assigned"`) {
			t.Error("an officer, who works no tickets, is offered the assigned filter")
		}
	})
}

// The CSV export holds the whole filtered list, not one page of it, written
// through the one CSV writer, and is audited with its filter.
func TestTicketCSVExportsTheWholeFilteredList(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		agent := a.signedIn(t, "agent@abc-shared.example")
		want := orgTickets(t, a, "ashcombe", store.TicketFilter{})
		if len(want) <= 50 {
			t.Fatalf("Ashcombe has %d tickets; the test needs more than a page", len(want))
		}
		list := do(t, agent, "GET", a.http.URL+"/tickets?org=ashcombe", nil, nil)
		if !strings.Contains(list.body, `href="/tickets.csv?org=ashcombe"`) {
			t.Fatalf("the list has no download link for its filter")
		}
		res := do(t, agent, "GET", a.http.URL+"/tickets.csv?org=ashcombe", nil, nil)
		if res.status != 200 || !strings.HasPrefix(res.header.Get("Content-Type"), "text/csv") ||
			!strings.Contains(res.header.Get("Content-Disposition"), `filename="tickets-ashcombe-`) {
			t.Fatalf("download: %d %v", res.status, res.header)
		}
		records, err := csv.NewReader(strings.NewReader(res.body)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(records) != len(want)+1 || records[1][0] != want[0].Ref || records[len(records)-1][0] != want[len(want)-1].Ref {
			t.Fatalf("the export has %d rows, want %d, newest (%s) first", len(records)-1, len(want), want[0].Ref)
		}
		if records[1][1] != "London Borough of Ashcombe" {
			t.Errorf("organisation column: %q", records[1][1])
		}

		// A title typed as a formula is written as text.
		form := url.Values{"org": {"ashcombe"}, "type": {"incident"}, "title": {"=HYPERLINK(\"http://x\")"}, "impact": {"low"}, "urgency": {"low"}, "channel": {"phone"}}
		if r := do(t, agent, "POST", a.http.URL+"/tickets", form, nil); r.status != http.StatusSeeOther {
			t.Fatalf("raise: %d", r.status)
		}
		res = do(t, agent, "GET", a.http.URL+"/tickets.csv?org=ashcombe&assigned=unassigned&q=HYPERLINK", nil, nil)
		if records, _ = csv.NewReader(strings.NewReader(res.body)).ReadAll(); len(records) != 2 || records[1][3] != `'=HYPERLINK("http://x")` {
			t.Fatalf("formula title: %q", records)
		}

		entries, err := a.store.AuditEntries(context.Background(), tenancy.ForSystem(tenancy.JobTest), store.AuditQuery{Action: audit.Export, Limit: 2})
		if err != nil || len(entries) == 0 || entries[0].Target != "tickets as CSV" || entries[0].Actor != "user:agent@abc-shared.example" ||
			entries[0].Detail["query"] != "org=ashcombe&assigned=unassigned&q=HYPERLINK" {
			t.Fatalf("the export is not audited with its filter: %+v %v", entries, err)
		}
		if res := do(t, agent, "GET", a.http.URL+"/tickets.csv?priority=P9", nil, nil); res.status != 400 {
			t.Fatalf("a bad filter: %d, want 400", res.status)
		}
	})
}
