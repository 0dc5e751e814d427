package web_test

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// A ticket category typed by an officer is text in every CSV ward sends:
// the SLA report downloaded from the page and from the API carries it
// behind a single quote, so a spreadsheet does not run it as a formula.
func TestFormulaCategoryReachesTheSLAReportCSVNeutralised(t *testing.T) {
	const formula = `=HYPERLINK("http://x","y")`
	eachApp(t, func(t *testing.T, a *app) {
		officer := a.signedIn(t, "it.officer@ashcombe.example")
		form := url.Values{"type": {"incident"}, "title": {"Printer offline"}, "category": {formula},
			"impact": {"low"}, "urgency": {"low"}}
		if res := do(t, officer, "POST", a.http.URL+"/tickets", form, nil); res.status != http.StatusSeeOther {
			t.Fatalf("raise ticket: %d %s", res.status, res.body)
		}
		today := a.store.Now().In(london).Format("2006-01-02")
		q := "?from=" + today + "&to=" + today + "&format=csv"
		agent := a.signedIn(t, "agent@abc-shared.example")
		_, token := a.token(t, "abc-shared", "admin", time.Hour)
		for _, get := range []struct {
			name string
			res  response
		}{
			{"page", do(t, agent, "GET", a.http.URL+"/reports/sla"+q+"&org=ashcombe", nil, nil)},
			{"API", do(t, a.browser(), "GET", a.http.URL+"/api/v1/orgs/ashcombe/reports/sla"+q, nil, bearer(token))},
		} {
			if get.res.status != 200 || !strings.HasPrefix(get.res.header.Get("Content-Type"), "text/csv") {
				t.Fatalf("%s: %d %s", get.name, get.res.status, get.res.body)
			}
			r := csv.NewReader(strings.NewReader(get.res.body))
			r.FieldsPerRecord = -1
			rows, err := r.ReadAll()
			if err != nil {
				t.Fatalf("%s: %v", get.name, err)
			}
			if !slices.ContainsFunc(rows, func(row []string) bool { return len(row) == 2 && row[0] == "'"+formula && row[1] == "1" }) {
				t.Errorf("%s: no category row %q with one ticket in\n%s", get.name, "'"+formula, get.res.body)
			}
			for _, row := range rows {
				for _, cell := range row {
					if cell != "" && strings.ContainsRune("=+@\t\r", rune(cell[0])) {
						t.Errorf("%s: cell %q would run as a formula", get.name, cell)
					}
				}
			}
		}
	})
}
