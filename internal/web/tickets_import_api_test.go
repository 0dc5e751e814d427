package web_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// A ServiceNow export with the quirks real ones carry: a state of the
// instance's own (line 3), an update count written twice (lines 5 and 6)
// and an update stamped before the incident was opened (line 7).
const quirkyServiceNow = `number,incident_state,sys_mod_count,opened_at,sys_updated_at,priority,resolved_at,contact_type
APIQ7,New,0,4/3/2024 09:00,4/3/2024 09:00,3 - Moderate,?,Phone
APIQ7,-100,1,4/3/2024 09:00,4/3/2024 10:00,3 - Moderate,?,Phone
APIQ8,New,0,4/3/2024 09:00,4/3/2024 09:05,3 - Moderate,?,Phone
APIQ8,Active,1,4/3/2024 09:00,4/3/2024 09:40,3 - Moderate,?,Phone
APIQ8,Resolved,1,4/3/2024 09:00,4/3/2024 11:00,3 - Moderate,4/3/2024 11:00,Phone
APIQ9,Active,0,4/3/2024 09:00,4/3/2024 08:30,4 - Low,?,Email
`

// The export's quirks are mended and each mend is in the answer; with
// strict=true the file is refused naming file, line and column; a role
// that may not import is refused before its file is read.
func TestTicketImportThroughTheAPIListsRepairs(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		c := a.browser()
		_, admin := a.token(t, "abc-shared", "admin", time.Hour)
		_, officer := a.token(t, "ashcombe", "officer", time.Hour)
		base := a.http.URL + "/api/v1/orgs/ashcombe/tickets/import?filename=quirky.csv"

		if res := send(t, c, "POST", base, strings.NewReader(quirkyServiceNow), "text/csv", bearer(officer)); res.status != 403 {
			t.Errorf("an officer's import: %d %s", res.status, res.body)
		}

		res := send(t, c, "POST", base+"&strict=true", strings.NewReader(quirkyServiceNow), "text/csv", bearer(admin))
		var prob struct {
			Title, Detail, File, Column string
			Line                        int
		}
		if err := json.Unmarshal([]byte(res.body), &prob); err != nil || res.status != 422 || res.header.Get("Content-Type") != "application/problem+json" {
			t.Fatalf("strict import: %d %s", res.status, res.body)
		}
		if prob.File != "quirky.csv" || prob.Line != 3 || prob.Column != "incident_state" || !strings.Contains(prob.Detail, `"-100"`) {
			t.Errorf("strict problem %+v; want quirky.csv line 3 column incident_state, quoting -100", prob)
		}
		if res := do(t, c, "GET", a.http.URL+"/api/v1/orgs/ashcombe/tickets/APIQ7", nil, bearer(admin)); res.status != 404 {
			t.Fatalf("a refused import left APIQ7: %d %s", res.status, res.body)
		}

		res = send(t, c, "POST", base, strings.NewReader(quirkyServiceNow), "text/csv", bearer(admin))
		var result struct {
			File            string
			Created         int
			RepairedTickets int `json:"repaired_tickets"`
			Repairs         []struct {
				Line   int
				Ticket string
				Column string
				What   string
			}
		}
		if err := json.Unmarshal([]byte(res.body), &result); err != nil || res.status != 200 {
			t.Fatalf("import: %d %s", res.status, res.body)
		}
		if result.File != "quirky.csv" || result.Created != 3 || result.RepairedTickets != 3 || len(result.Repairs) != 3 {
			t.Fatalf("import answered %+v; want 3 created, 3 repaired", result)
		}
		want := []struct {
			line           int
			ticket, column string
			what           string
		}{
			{3, "APIQ7", "incident_state", `"-100" is not a state ward knows: kept as written`},
			{6, "APIQ8", "sys_mod_count", "1 is also the count on line 5"},
			{7, "APIQ9", "sys_updated_at", "4/3/2024 08:30 is before opened_at (4/3/2024 09:00): taken as 4/3/2024 09:00"},
		}
		for i, w := range want {
			g := result.Repairs[i]
			if g.Line != w.line || g.Ticket != w.ticket || g.Column != w.column || !strings.Contains(g.What, w.what) {
				t.Errorf("repair %d: %+v; want line %d, %s, %s: %s", i, g, w.line, w.ticket, w.column, w.what)
			}
		}
		res = do(t, c, "GET", a.http.URL+"/api/v1/orgs/ashcombe/tickets/APIQ7", nil, bearer(admin))
		if res.status != 200 || !strings.Contains(res.body, `"state": "-100"`) {
			t.Errorf("APIQ7 is not held in state -100 as written: %d %s", res.status, res.body)
		}
	})
}
