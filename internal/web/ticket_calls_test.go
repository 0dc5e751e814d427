package web_test

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

// The desk opens a ticket and sees the calls put on it: when each was
// queued, how it went, who took it and how long the caller waited. A ticket
// with no calls shows no table, and a council's officer, who raises tickets
// but does not work them, sees none.
func TestTicketPageListsItsCalls(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		c := a.browser()
		_, admin := a.token(t, "abc-shared", "admin", time.Hour)
		day := a.store.Now().In(london).AddDate(0, 0, -1).Format(time.DateOnly)
		log := "call_id,queued_at,answered_at,abandoned_at,ended_at,agent\n" +
			"tc-1," + day + " 09:00:00," + day + " 09:00:07,," + day + " 09:04:00,Ann Lee\n" +
			"tc-2," + day + " 10:00:00,," + day + " 10:01:30," + day + " 10:01:30,\n"
		if res := send2(t, c, a.http.URL+"/api/v1/orgs/ashcombe/calls/import?filename=log.csv", log, admin); res.status != 200 {
			t.Fatalf("call log: %d %s", res.status, res.body)
		}
		ticket := a.tickets["ashcombe"][0]
		for _, call := range []string{"tc-2", "tc-1"} {
			if res := doJSON(t, c, "POST", a.http.URL+"/api/v1/orgs/ashcombe/calls/"+call+"/link", `{"ticket":"`+ticket.Ref+`"}`, bearer(admin)); res.status != 200 {
				t.Fatalf("link %s: %d %s", call, res.status, res.body)
			}
		}
		page := do(t, a.signedIn(t, "agent@abc-shared.example"), "GET", a.http.URL+"/tickets/"+url.PathEscape(ticket.Ref), nil, nil)
		if page.status != 200 || !strings.Contains(page.body, `id="calls"`) {
			t.Fatalf("ticket page: %d, no calls table", page.status)
		}
		calls := page.body[strings.Index(page.body, `id="calls"`):]
		calls = calls[:strings.Index(calls, "</table>")]
		ann, gave := strings.Index(calls, "Ann Lee"), strings.Index(calls, "abandoned")
		if ann < 0 || gave < 0 || ann > gave {
			t.Errorf("the calls, first queued first: %s", calls)
		}
		for _, want := range []string{">Calls</caption>", ">7</td>", ">90</td>", "09:00", "10:00"} {
			if !strings.Contains(calls, want) {
				t.Errorf("the calls table has no %q: %s", want, calls)
			}
		}
		other := do(t, a.signedIn(t, "agent@abc-shared.example"), "GET", a.http.URL+"/tickets/"+url.PathEscape(a.tickets["ashcombe"][1].Ref), nil, nil)
		if other.status != 200 || strings.Contains(other.body, `id="calls"`) {
			t.Errorf("a ticket with no calls: %d, calls table shown", other.status)
		}
		officer := do(t, a.signedIn(t, "it.officer@ashcombe.example"), "GET", a.http.URL+"/tickets/"+url.PathEscape(ticket.Ref), nil, nil)
		if officer.status != 200 || strings.Contains(officer.body, `id="calls"`) || strings.Contains(officer.body, "Ann Lee") {
			t.Errorf("the officer's ticket page: %d, calls shown", officer.status)
		}
	})
}
