package web_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// upload is a multipart form as a browser sends the import form.
func upload(t *testing.T, c *http.Client, target, format, name, content string) response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("format", format)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write([]byte(content))
	_ = mw.Close()
	return send(t, c, "POST", target, &body, mw.FormDataContentType(), nil)
}

// overviewOf is what the estate service says of an org, to hold the pages to.
func (a *app) overviewOf(t *testing.T, slug string) posturesvc.Overview {
	t.Helper()
	ctx := context.Background()
	org, err := a.store.OrgBySlug(ctx, tenancy.ForSystem(tenancy.JobTest), slug)
	if err != nil {
		t.Fatal(err)
	}
	o, err := posturesvc.New(a.store, desksvc.New(a.store)).Overview(ctx, tenancy.Operator("cli:test"), org, 30)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// The figures the estate holds are the figures the pages show: councils
// side by side for the shared service, one council for its officer.
func TestPosturePagesShowTheFigures(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		analyst := a.signedIn(t, "analyst@abc-shared.example")
		officer := a.signedIn(t, "it.officer@ashcombe.example")

		res := do(t, analyst, "GET", a.http.URL+"/posture", nil, nil)
		if res.status != 200 || !strings.Contains(res.body, `href="/posture">Posture</a>`) && !strings.Contains(res.body, ">Posture</strong>") {
			t.Fatalf("analyst's councils side by side: %d", res.status)
		}
		for _, slug := range []string{"ashcombe", "brentmere", "calderwick"} {
			o := a.overviewOf(t, slug)
			want := fmt.Sprintf(`id="compliance-%s">%.1f%%</span>`, slug, o.Compliance)
			if !strings.Contains(res.body, want) {
				t.Errorf("the side by side page does not show %s at %.1f%% (%s)", slug, o.Compliance, between(res.body, `id="compliance-`+slug+`"`, "</span>"))
			}
			if want := fmt.Sprintf(`id="open-%s">%d</a>`, slug, o.Open); !strings.Contains(res.body, want) {
				t.Errorf("the side by side page does not show %d open findings for %s", o.Open, slug)
			}
		}
		if !strings.Contains(res.body, "<polyline") || !strings.Contains(res.body, "Host firewall is on") {
			t.Error("the side by side page has no trend line or no per-control table")
		}

		// An officer sees one council: /posture is its page.
		res = do(t, officer, "GET", a.http.URL+"/posture", nil, nil)
		if res.status != http.StatusSeeOther || res.location != "/posture/ashcombe" {
			t.Fatalf("officer's /posture: %d to %q, want a redirect to /posture/ashcombe", res.status, res.location)
		}
		o := a.overviewOf(t, "ashcombe")
		res = do(t, officer, "GET", a.http.URL+"/posture/ashcombe", nil, nil)
		if res.status != 200 {
			t.Fatalf("officer's posture page: %d", res.status)
		}
		for _, want := range []string{fmt.Sprintf(`id="compliance">%.1f%%</p>`, o.Compliance), fmt.Sprintf(`id="open">%d</p>`, o.Open),
			fmt.Sprintf(`id="accepted">%d</p>`, o.Accepted), "Evaluated " + o.EvaluatedOn, "ashcombe.gov.uk", "as of " + o.OSTableAsOf, `id="trend"`} {
			if !strings.Contains(res.body, want) {
				t.Errorf("Ashcombe's page lacks %q", want)
			}
		}
		for _, c := range o.Controls {
			if c.Control != "firewall" {
				continue
			}
			_, row, _ := strings.Cut(res.body, `id="control-firewall">`)
			row, _, _ = strings.Cut(row, "</tr>")
			if !strings.Contains(row, fmt.Sprintf(">%d</a>", c.Fail)) || !strings.Contains(row, fmt.Sprintf(">%d</td>", c.Pass)) {
				t.Errorf("the firewall row does not show %d passing and %d failing: %s", c.Pass, c.Fail, row)
			}
		}
		if strings.Contains(res.body, "/posture/ashcombe/import") || strings.Contains(res.body, "/evaluate") {
			t.Error("an officer is offered the import or evaluate form")
		}
		if res := do(t, officer, "GET", a.http.URL+"/posture/brentmere", nil, nil); res.status != 404 || strings.Contains(res.body, "Brentmere") {
			t.Errorf("Ashcombe's officer opening Brentmere's posture: %d", res.status)
		}
		agent := a.signedIn(t, "agent@abc-shared.example")
		if res := do(t, agent, "GET", a.http.URL+"/posture", nil, nil); res.status != 403 || strings.Contains(res.body, `href="/posture"`) {
			t.Errorf("a desk agent's /posture: %d (no posture permission, no menu entry)", res.status)
		}
	})
}

// A finding's page shows what failed and the evidence; the list filters
// and downloads; another council's officer cannot open it.
func TestFindingPagesShowTheEvidence(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		officer := a.signedIn(t, "it.officer@ashcombe.example")
		firewall := a.seeded(t, "ashcombe", "firewall")
		link := "/findings/" + strconv.FormatInt(firewall.ID, 10)

		res := do(t, officer, "GET", a.http.URL+"/findings?control=firewall&state=open&severity=medium&kind=device", nil, nil)
		if res.status != 200 || !strings.Contains(res.body, `href="`+link+`">Host firewall is off</a>`) || !strings.Contains(res.body, "ASHCOMBE-LT-2") ||
			strings.Contains(res.body, "ASHCOMBE-LT-1<") {
			t.Fatalf("filtered list: %d, want ASHCOMBE-LT-2's firewall finding and not LT-1", res.status)
		}
		if !strings.Contains(res.body, `href="/findings.csv?control=firewall&amp;kind=device&amp;severity=medium&amp;state=open"`) {
			t.Errorf("the CSV link does not carry the filters: %s", between(res.body, `id="total"`, "</p>"))
		}
		if res := do(t, officer, "GET", a.http.URL+"/findings?severity=huge", nil, nil); res.status != 400 || !strings.Contains(res.body, `<a href="#severity">`) {
			t.Errorf("a severity ward does not know: %d", res.status)
		}
		res = do(t, officer, "GET", a.http.URL+"/findings.csv?control=firewall&state=open", nil, nil)
		if res.status != 200 || !strings.Contains(res.header.Get("Content-Disposition"), "attachment") || !strings.Contains(res.body, "ASHCOMBE-LT-2") ||
			!strings.HasPrefix(res.body, "id,org_id,control") {
			t.Errorf("CSV: %d %q", res.status, res.header.Get("Content-Disposition"))
		}

		res = do(t, officer, "GET", a.http.URL+link, nil, nil)
		if res.status != 200 {
			t.Fatalf("finding page: %d", res.status)
		}
		evidence := stripTags(between(res.body, `id="evidence"`, "</table>"))
		for _, want := range []string{"ASHCOMBE-LT-2", "firewall", "off", "on"} {
			if !strings.Contains(evidence, want) {
				t.Errorf("the evidence table %q lacks %q", evidence, want)
			}
		}
		for _, want := range []string{"Host firewall is off: ASHCOMBE-LT-2", `id="state">Open</strong>`, `id="severity">Medium</strong>`, "Policy:", "Found failing",
			`<form method="post" action="` + link + `/ticket"`} {
			if !strings.Contains(res.body, want) {
				t.Errorf("the finding page lacks %q", want)
			}
		}
		if strings.Contains(res.body, link+"/accept") {
			t.Error("an officer is offered the form to accept the risk")
		}
		if res := do(t, officer, "POST", a.http.URL+link+"/accept", url.Values{"reason": {"x"}, "owner": {"y"}, "expires": {"2027-01-01"}}, nil); res.status != 403 {
			t.Errorf("an officer posting an acceptance: %d", res.status)
		}

		// The officer raises the remediation ticket from the page.
		res = do(t, officer, "POST", a.http.URL+link+"/ticket", url.Values{}, nil)
		if res.status != http.StatusSeeOther || res.location != link {
			t.Fatalf("raise a ticket: %d to %q", res.status, res.location)
		}
		f, _ := a.store.Finding(context.Background(), tenancy.ForSystem(tenancy.JobTest), firewall.ID)
		res = do(t, officer, "GET", a.http.URL+link, nil, nil)
		if f.TicketRef == "" || !strings.Contains(res.body, "Ticket "+f.TicketRef+" raised") ||
			!strings.Contains(res.body, fmt.Sprintf(`href="/tickets/%s">%s</a>, remediation due`, f.TicketRef, f.TicketRef)) ||
			strings.Contains(res.body, link+"/ticket") {
			t.Errorf("after raising the ticket the page shows %q", stripTags(between(res.body, `id="ticket"`, "</dd>")))
		}

		other := a.signedIn(t, "it.officer@brentmere.example")
		for _, path := range []string{link, "/findings?org=ashcombe"} {
			if res := do(t, other, "GET", a.http.URL+path, nil, nil); res.status != 404 && res.status != 400 || strings.Contains(res.body, "ASHCOMBE-LT-2") {
				t.Errorf("Brentmere's officer GET %s: %d", path, res.status)
			}
		}
		if res := do(t, other, "POST", a.http.URL+link+"/ticket", url.Values{}, nil); res.status != 404 {
			t.Errorf("Brentmere's officer raising a ticket on Ashcombe's finding: %d", res.status)
		}
	})
}

// An analyst imports an export through the form, sees a bad file refused
// with its line and column, accepts a finding's risk, and revokes it.
func TestAnalystImportsAndAcceptsFromThePages(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		analyst := a.signedIn(t, "analyst@abc-shared.example")
		officer := a.signedIn(t, "it.officer@ashcombe.example")
		now := a.store.Now()
		target := a.http.URL + "/posture/ashcombe/import"

		res := do(t, analyst, "GET", a.http.URL+"/posture/ashcombe", nil, nil)
		if !strings.Contains(res.body, `action="/posture/ashcombe/import" enctype="multipart/form-data"`) || !strings.Contains(res.body, `<option value="intune">`) {
			t.Fatalf("the analyst has no import form: %d", res.status)
		}
		csv := deviceCSVHead + deviceRow("ashcombe", "PG-SN1", "ASH-PAGE-1", false, true, now)
		res = upload(t, analyst, target, "ward", "page-upload.csv", csv)
		if res.status != http.StatusSeeOther || res.location != "/posture/ashcombe" {
			t.Fatalf("import: %d to %q\n%s", res.status, res.location, between(res.body, "govuk-error-summary", "</ul>"))
		}
		res = do(t, analyst, "GET", a.http.URL+"/posture/ashcombe", nil, nil)
		if !strings.Contains(res.body, "Imported page-upload.csv: 1 devices read, 1 new, 0 matched to ones held. Findings: 1 opened") {
			t.Errorf("after the import the page says %q", stripTags(between(res.body, "govuk-notification-banner__heading", "</p>")))
		}

		bad := csv + strings.Replace(deviceRow("ashcombe", "PG-SN2", "ASH-PAGE-2", true, true, now), "laptop", "toaster", 1)
		res = upload(t, analyst, target, "", "bad-upload.csv", bad)
		if res.status != 422 || !strings.Contains(res.body, `id="failure-line">3</dd>`) || !strings.Contains(res.body, `id="failure-column">type</dd>`) ||
			!strings.Contains(res.body, `<a href="#file">`) {
			t.Errorf("a bad row: %d, failure %q", res.status, stripTags(between(res.body, `id="import-failure"`, "</dl>")))
		}
		if res := upload(t, analyst, target, "", "empty.csv", ""); res.status != 422 || !strings.Contains(res.body, "The selected file is empty") {
			t.Errorf("an empty file: %d", res.status)
		}
		if res := do(t, analyst, "POST", target, url.Values{"format": {"ward"}}, nil); res.status != 400 || !strings.Contains(res.body, "Choose an export file") {
			t.Errorf("a form with no file: %d", res.status)
		}
		if res := upload(t, officer, target, "ward", "x.csv", csv); res.status != 403 {
			t.Errorf("an officer uploading: %d", res.status)
		}
		res = do(t, analyst, "POST", a.http.URL+"/posture/ashcombe/evaluate", url.Values{}, nil)
		if res.status != http.StatusSeeOther {
			t.Errorf("evaluate: %d", res.status)
		}

		// Accepting the risk: every field is needed, and the finding says so after.
		disk := a.seeded(t, "ashcombe", "disk-encryption")
		link := "/findings/" + strconv.FormatInt(disk.ID, 10)
		res = do(t, analyst, "POST", a.http.URL+link+"/accept", url.Values{"reason": {""}, "owner": {"Head of ICT"}, "expires": {"2027-01-01"}}, nil)
		if res.status != 422 || !strings.Contains(res.body, `<a href="#reason">Say why the risk is accepted</a>`) || !strings.Contains(res.body, `value="Head of ICT"`) {
			t.Errorf("no reason: %d", res.status)
		}
		res = do(t, analyst, "POST", a.http.URL+link+"/accept", url.Values{"reason": {"Lab"}, "owner": {"Head of ICT"}, "expires": {"next year"}}, nil)
		if res.status != 422 || !strings.Contains(res.body, `<a href="#expires">`) {
			t.Errorf("no date: %d", res.status)
		}
		until := now.In(london).AddDate(0, 1, 0)
		res = do(t, analyst, "POST", a.http.URL+link+"/accept", url.Values{"reason": {"Replacement laptop arrives next month"},
			"owner": {"Head of ICT"}, "expires": {until.Format("2006-01-02")}}, nil)
		if res.status != http.StatusSeeOther || res.location != link {
			t.Fatalf("accept: %d %q\n%s", res.status, res.location, between(res.body, "govuk-error-summary", "</ul>"))
		}
		res = do(t, officer, "GET", a.http.URL+link, nil, nil)
		if !strings.Contains(res.body, `id="state">Accepted</strong>`) || !strings.Contains(res.body, "Replacement laptop arrives next month") ||
			!strings.Contains(res.body, `id="accepted-until">`+until.Format("2 Jan 2006")+`</dd>`) || !strings.Contains(res.body, "shared service staff") ||
			strings.Contains(res.body, "analyst@abc-shared.example") {
			t.Errorf("the officer's view of the accepted finding: %s", stripTags(between(res.body, `id="acceptance"`, "</dl>")))
		}
		f, _ := a.store.Finding(context.Background(), tenancy.ForSystem(tenancy.JobTest), disk.ID)
		if f.State != finding.Accepted || f.Acceptance == nil || f.Acceptance.By != "user:analyst@abc-shared.example" {
			t.Errorf("stored: %s %+v", f.State, f.Acceptance)
		}
		entries, _ := a.store.AuditEntries(context.Background(), tenancy.ForSystem(tenancy.JobTest), store.AuditQuery{Limit: 1, Action: "finding.accept"})
		if len(entries) != 1 || entries[0].Actor != "user:analyst@abc-shared.example" {
			t.Errorf("the acceptance is not audited: %+v", entries)
		}
		res = do(t, analyst, "POST", a.http.URL+link+"/revoke", url.Values{}, nil)
		if res.status != http.StatusSeeOther {
			t.Fatalf("revoke: %d", res.status)
		}
		if res := do(t, analyst, "GET", a.http.URL+link, nil, nil); !strings.Contains(res.body, `id="state">Open</strong>`) ||
			!strings.Contains(res.body, "Acceptance revoked") || !strings.Contains(res.body, link+"/accept") {
			t.Errorf("after revoking, the finding is not open with the accept form back")
		}
	})
}
