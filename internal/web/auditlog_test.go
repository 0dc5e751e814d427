package web_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

var auditSeq = regexp.MustCompile(`<td class="govuk-table__cell govuk-table__cell--numeric">(\d+)</td>`)

// seqsOn are the entry numbers in the audit page's table.
func seqsOn(body string) []string {
	var out []string
	for _, m := range auditSeq.FindAllStringSubmatch(sectionOf(body, "entries"), -1) {
		out = append(out, m[1])
	}
	return out
}

// auditFixture writes three entries the filters can tell apart: an
// agent's change to Ashcombe on 1 December (London), an officer's to
// Brentmere on 3 December whose target is a spreadsheet formula, and one
// whose detail holds "50%" on 3 December.
func auditFixture(t *testing.T, a *app) (ash, brent audit.Entry, pct audit.Entry) {
	t.Helper()
	ctx := context.Background()
	org := func(slug string) int64 {
		o, err := a.store.OrgBySlug(ctx, tenancy.ForSystem(tenancy.JobTest), slug)
		if err != nil {
			t.Fatal(err)
		}
		return o.ID
	}
	london, _ := time.LoadLocation("Europe/London")
	write := func(e audit.Entry) audit.Entry {
		out, err := a.store.Audit(ctx, e)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	ash = write(audit.Entry{Actor: "user:agent@abc-shared.example", OrgID: org("ashcombe"), Action: audit.PersonAdd,
		Target: "person:ash-caller", At: time.Date(2026, 12, 1, 23, 30, 0, 0, london)})
	brent = write(audit.Entry{Actor: "user:it.officer@brentmere.example", OrgID: org("brentmere"), Action: audit.PersonEdit,
		Target: `=HYPERLINK("http://evil.example","x")`, At: time.Date(2026, 12, 3, 0, 15, 0, 0, london)})
	pct = write(audit.Entry{Actor: "user:agent@abc-shared.example", OrgID: org("ashcombe"), Action: audit.PersonEdit,
		Target: "person:pct", Detail: map[string]string{"note": "50% done"}, At: time.Date(2026, 12, 3, 12, 0, 0, 0, london)})
	return ash, brent, pct
}

func seqs(es ...audit.Entry) string {
	var out []string
	for _, e := range es {
		out = append(out, itoa(e.Seq))
	}
	return strings.Join(out, ",")
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// The audit log filters by person, org, action, days in London time and
// text, each alone and together; the CSV holds what the filters found,
// with formulas made harmless, and is itself recorded as an export with
// its filter. Every view of the page is recorded.
func TestAuditLogFiltersAndExport(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		ash, brent, pct := auditFixture(t, a)
		admin := a.signedIn(t, "admin@abc-shared.example")
		base := a.http.URL + "/admin/audit"
		for query, want := range map[string]string{
			"?actor=agent@abc-shared.example&from=2026-12-01&to=2026-12-03":                       seqs(pct, ash),
			"?org=brentmere&from=2026-12-01&to=2026-12-03":                                        seqs(brent),
			"?action=person.edit&from=2026-12-01&to=2026-12-03":                                   seqs(pct, brent),
			"?action=person.add&from=2026-12-01&to=2026-12-01":                                    seqs(ash),        // 23:30 on the 1st in London is the 1st
			"?action=person.add&from=2026-12-02&to=2026-12-02":                                    "",               // though it is the 1st in UTC too
			"?action=person.edit&from=2026-12-03&to=2026-12-03":                                   seqs(pct, brent), // 00:15 London on the 3rd
			"?q=50%25&from=2026-12-01&to=2026-12-03":                                              seqs(pct),        // % is the character, not a wildcard
			"?q=HYPERLINK":                                                                        seqs(brent),
			"?q=person:a_h":                                                                       "", // _ is the character too
			"?actor=agent@abc-shared.example&org=ashcombe&action=person.edit&q=pct&to=2026-12-31": seqs(pct),
		} {
			res := do(t, admin, "GET", base+query, nil, nil)
			if got := strings.Join(seqsOn(res.body), ","); res.status != 200 || got != want {
				t.Errorf("%s: %d %q, want %q", query, res.status, got, want)
			}
		}

		// Every bad filter is named at once, each at its field.
		res := do(t, admin, "GET", base+"?action=person.edited&from=1+Dec&to=2026-02-30&org=nowhere&actor=nobody@example.org", nil, nil)
		for _, field := range []string{"actor", "org", "action", "from", "to"} {
			if !strings.Contains(res.body, `<a href="#`+field+`">`) || !strings.Contains(res.body, `id="`+field+`-error"`) {
				t.Errorf("the error for %s is not shown", field)
			}
		}
		if res.status != 400 || strings.Contains(res.body, "Download") {
			t.Errorf("bad filters: %d", res.status)
		}

		// The CSV is what the filters found, formula neutralised.
		query := "action=person.edit&from=2026-12-01&to=2026-12-03"
		res = do(t, admin, "GET", base+".csv?"+query, nil, nil)
		if res.status != 200 || !strings.HasPrefix(res.header.Get("Content-Type"), "text/csv") ||
			!strings.Contains(res.header.Get("Content-Disposition"), `attachment; filename="audit-log-`) {
			t.Fatalf("csv: %d %v", res.status, res.header)
		}
		rows, err := csv.NewReader(strings.NewReader(res.body)).ReadAll()
		if err != nil || len(rows) != 3 {
			t.Fatalf("csv rows: %v %q", err, res.body)
		}
		if rows[0][0] != "seq" || rows[1][0] != itoa(pct.Seq) || rows[1][2] != "Tom Okafor" || rows[1][4] != "London Borough of Ashcombe" ||
			!strings.Contains(rows[1][7], "50% done") {
			t.Errorf("first row: %q", rows[1])
		}
		if rows[2][6] != `'=HYPERLINK("http://evil.example","x")` {
			t.Errorf("the formula target is not neutralised: %q", rows[2][6])
		}

		// The export is recorded as an export with its filter; the views too.
		res = do(t, admin, "GET", base+"?action=export&q=audit+log", nil, nil)
		if !strings.Contains(res.body, "audit log as CSV") {
			t.Errorf("the export is not in the log")
		}
		api := a.http.URL + "/api/v1/audit?action=export&limit=1"
		_, tok := a.token(t, "abc-shared", "admin", time.Hour)
		var doc struct{ Entries []audit.Entry }
		res = do(t, a.base.Browser(), "GET", api, nil, bearer(tok))
		if err := json.Unmarshal([]byte(res.body), &doc); err != nil || len(doc.Entries) != 1 || doc.Entries[0].Detail["query"] != query {
			t.Errorf("the export's entry: %v %s", err, res.body)
		}
		res = do(t, a.base.Browser(), "GET", a.http.URL+"/api/v1/audit?action=view&actor=admin@abc-shared.example&limit=1000", nil, bearer(tok))
		doc.Entries = nil
		if err := json.Unmarshal([]byte(res.body), &doc); err != nil {
			t.Fatal(err)
		}
		views := 0
		for _, e := range doc.Entries {
			if e.Target == "/admin/audit" {
				views++
			}
		}
		if views != 12 { // ten filtered pages, the bad filters, the export's search
			t.Errorf("%d views of the audit page recorded, want one for each of the 12 requests", views)
		}
	})
}

// The API filters as the page does, names every bad filter at once, and
// exports CSV with format=csv.
func TestAuditAPIFilters(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		ash, brent, pct := auditFixture(t, a)
		_, tok := a.token(t, "abc-shared", "admin", time.Hour)
		c := a.base.Browser()
		get := func(q string) []audit.Entry {
			t.Helper()
			res := do(t, c, "GET", a.http.URL+"/api/v1/audit?"+q, nil, bearer(tok))
			var doc struct{ Entries []audit.Entry }
			if err := json.Unmarshal([]byte(res.body), &doc); err != nil || res.status != 200 {
				t.Fatalf("%s: %d %s", q, res.status, res.body)
			}
			return doc.Entries
		}
		for q, want := range map[string]string{
			"actor=agent@abc-shared.example&from=2026-12-01&to=2026-12-03": seqs(pct, ash),
			"org=brentmere&from=2026-12-01&to=2026-12-03":                  seqs(brent),
			"q=" + url.QueryEscape("50%"):                                  seqs(pct),
			"action=person.edit&to=2026-12-03&limit=1":                     seqs(pct),
			"action=person.edit&to=2026-12-03&before=" + itoa(pct.Seq):     seqs(brent),
		} {
			var got []audit.Entry
			got = get(q)
			if seqs(got...) != want {
				t.Errorf("%s: %s, want %s", q, seqs(got...), want)
			}
		}
		res := do(t, c, "GET", a.http.URL+"/api/v1/audit?action=nope&from=yesterday&org=nowhere&limit=0", nil, bearer(tok))
		for _, field := range []string{`"field":"action"`, `"field":"from"`, `"field":"org"`, `"field":"limit"`} {
			if res.status != 422 || !strings.Contains(res.body, field) {
				t.Errorf("bad filters: %d, %s not named: %s", res.status, field, res.body)
			}
		}
		res = do(t, c, "GET", a.http.URL+"/api/v1/audit?format=csv&org=brentmere&from=2026-12-01&to=2026-12-03", nil, bearer(tok))
		if res.status != 200 || !strings.Contains(res.body, `'=HYPERLINK`) || strings.Count(res.body, "\n") != 2 {
			t.Errorf("api csv: %d %q", res.status, res.body)
		}
	})
}

// Nobody but an administrator reads the log, by page, download or API.
func TestAuditLogIsForAdministratorsOnly(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		auditFixture(t, a)
		for _, email := range []string{"agent@abc-shared.example", "analyst@abc-shared.example", "it.officer@ashcombe.example"} {
			c := a.signedIn(t, email)
			for _, path := range []string{"/admin/audit?org=ashcombe", "/admin/audit.csv", "/admin/audit.csv?org=ashcombe"} {
				res := do(t, c, "GET", a.http.URL+path, nil, nil)
				if res.status != 403 && res.status != 404 || strings.Contains(res.body, "person:ash-caller") {
					t.Errorf("%s %s: %d", email, path, res.status)
				}
			}
		}
		_, tok := a.token(t, "ashcombe", "officer", time.Hour)
		for _, q := range []string{"", "?format=csv", "?org=ashcombe"} {
			res := do(t, a.base.Browser(), "GET", a.http.URL+"/api/v1/audit"+q, nil, bearer(tok))
			if res.status != 403 || strings.Contains(res.body, "ash-caller") {
				t.Errorf("officer token %s: %d", q, res.status)
			}
		}
	})
}
