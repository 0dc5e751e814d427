package web_test

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// People are named, not shown as addresses or actor codes, and the raw
// identifier stays in the title for whoever needs it.
func TestPagesNamePeopleAndKeepTheirIdentifiersInTitles(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		admin := a.signedIn(t, "admin@abc-shared.example")

		// The demo's history: the agent worked the tickets.
		list := orgTickets(t, a, "ashcombe", store.TicketFilter{AssigneeID: userID(t, a, "agent@abc-shared.example")})
		page := do(t, admin, "GET", a.http.URL+"/tickets/"+list[0].Ref, nil, nil)
		history := markup(page.body, `id="history"`, "</table>")
		if !strings.Contains(history, `<span title="agent@abc-shared.example">Tom Okafor</span>`) {
			t.Errorf("the ticket's history does not name the agent, with the address as a title:\n%s", history)
		}
		if strings.Contains(stripTags(history), "agent@abc-shared.example") {
			t.Error("the ticket's history shows the agent's address as its text")
		}

		do(t, admin, "GET", a.http.URL+"/admin/audit", nil, nil) // viewing the log is itself an entry, by the administrator
		for _, path := range []string{"/", "/admin/audit"} {
			body := do(t, admin, "GET", a.http.URL+path, nil, nil).body
			rows := markup(body, `<tbody class="govuk-table__body">`, "</tbody>")
			if path == "/" {
				rows = markup(body, "Recent activity", "</tbody>")
			}
			if !strings.Contains(rows, `<span title="user:admin@abc-shared.example">Priya Raman</span>`) {
				t.Errorf("%s does not name the administrator, with the actor as a title:\n%s", path, rows)
			}
			if strings.Contains(stripTags(rows), "user:admin@") {
				t.Errorf("%s shows the actor code user:admin@… as text", path)
			}
		}
	})
}

// The words a person reads are plain: the service levels a ticket is
// measured by, the community an advisory is shared with, what a mailbox
// does, and what a directory right lets its holder do.
func TestPagesUsePlainWordsForJargon(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		ctx := context.Background()
		analyst := a.signedIn(t, "analyst@abc-shared.example")

		tk := a.tickets["ashcombe"][0]
		page := do(t, a.signedIn(t, "agent@abc-shared.example"), "GET", a.http.URL+"/tickets/"+tk.Ref, nil, nil)
		if terms := between(page.body, `id="sla-terms"`, "</p>"); strings.Contains(terms, "policy version") || !strings.Contains(terms, "default service levels") {
			t.Errorf("the ticket's clocks are explained as %q", terms)
		}

		member := a.signedIn(t, "warp@ashcombe.example")
		link := regexp.MustCompile(`href="(/warp/advisories/\d+)"`).FindStringSubmatch(do(t, member, "GET", a.http.URL+"/warp", nil, nil).body)
		if link == nil {
			t.Fatal("the member sees no advisory")
		}
		audience := markup(do(t, member, "GET", a.http.URL+link[1], nil, nil).body, `id="audience">`, "</dd>")
		if !strings.Contains(audience, `<span title="london-warp">London Councils WARP</span>`) || strings.Contains(stripTags(audience), "london-warp") {
			t.Errorf("the advisory is shared with %q, want the community's name", audience)
		}

		fs, _, err := a.store.Findings(ctx, tenancy.ForSystem(tenancy.JobTest), store.FindingFilter{Control: "external-forwarding", State: finding.Open, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		var forwarding *finding.Finding
		for i := range fs {
			for _, e := range fs[i].Evidence {
				if e.Field == "forwarding_smtp_address" {
					forwarding = &fs[i]
				}
			}
		}
		if forwarding == nil {
			t.Fatal("the demo has no mailbox forwarding outside the council")
		}
		evidence := markup(do(t, analyst, "GET", a.http.URL+"/findings/"+strconv.FormatInt(forwarding.ID, 10), nil, nil).body, `id="evidence"`, "</table>")
		if !strings.Contains(evidence, "forwards mail to<br>") || !strings.Contains(evidence, "<code>forwarding_smtp_address</code>") {
			t.Errorf("the evidence reads:\n%s", evidence)
		}
	})
}
