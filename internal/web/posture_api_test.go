package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

type apiFinding struct {
	ID         int64
	Org        string
	Control    string
	Title      string
	Severity   string
	State      string
	Subject    struct{ Kind, Key, Name string }
	Evidence   []struct{ Item, Field, Value, Want string }
	TicketRef  string `json:"ticket_ref"`
	DueAt      string `json:"due_at"`
	Acceptance *struct {
		Reason, Owner, By string
		Expires           time.Time
	}
}

type apiFindingDoc struct {
	Finding apiFinding
	Events  []struct{ Kind, Actor, Note string }
	Control struct{ ID, Title, Description, Policy string }
	Ticket  struct {
		Ref string
		URL string `json:"url"`
	}
}

func decodeFinding(t *testing.T, res response) apiFindingDoc {
	t.Helper()
	var doc apiFindingDoc
	if err := json.Unmarshal([]byte(res.body), &doc); err != nil {
		t.Fatalf("not a finding document: %v\n%s", err, res.body)
	}
	return doc
}

// seeded returns the harness's finding of a control in an org.
func (a *app) seeded(t *testing.T, slug, control string) finding.Finding {
	t.Helper()
	for _, f := range a.findings[slug] {
		if f.Control == control {
			return f
		}
	}
	t.Fatalf("no seeded %s finding in %s", control, slug)
	return finding.Finding{}
}

func (a *app) deviceCount(t *testing.T, slug string) int {
	t.Helper()
	org, err := a.store.OrgBySlug(context.Background(), tenancy.ForSystem(tenancy.JobTest), slug)
	if err != nil {
		t.Fatal(err)
	}
	devices, err := a.store.OrgDevices(context.Background(), tenancy.ForSystem(tenancy.JobTest), org.ID)
	if err != nil {
		t.Fatal(err)
	}
	return len(devices)
}

// An export posted as the body is imported and evaluated; a bad row
// refuses the whole file, naming file, line and column; an officer may
// not import at all.
func TestDeviceImportThroughTheAPI(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		c := a.browser()
		_, admin := a.token(t, "abc-shared", "admin", time.Hour)
		_, officer := a.token(t, "ashcombe", "officer", time.Hour)
		base := a.http.URL + "/api/v1/orgs/ashcombe/devices/import"
		now := a.store.Now()
		before := a.deviceCount(t, "ashcombe")
		csv := deviceCSVHead + deviceRow("ashcombe", "NEW-SN1", "ASH-NEW-1", true, false, now) + deviceRow("ashcombe", "NEW-SN2", "ASH-NEW-2", true, true, now)

		res := send(t, c, "POST", base+"?format=ward&filename=ash-new.csv", strings.NewReader(csv), "text/csv", bearer(admin))
		var result struct {
			File, Format          string
			Read, Created, Merged int
			Evaluation            struct {
				Devices  int
				Findings struct{ Opened, Resolved, Kept int }
			}
		}
		if err := json.Unmarshal([]byte(res.body), &result); err != nil || res.status != 200 {
			t.Fatalf("import: %d %s", res.status, res.body)
		}
		if result.File != "ash-new.csv" || result.Format != "ward" || result.Read != 2 || result.Created != 2 || result.Merged != 0 ||
			result.Evaluation.Findings.Opened != 1 || result.Evaluation.Devices != before+2 {
			t.Errorf("import answered %+v; want ash-new.csv read 2, created 2, one finding opened over %d devices", result, before+2)
		}
		// The same file again matches both devices by serial: nothing new.
		res = send(t, c, "POST", base+"?filename=ash-new.csv", strings.NewReader(csv), "text/csv", bearer(admin))
		if err := json.Unmarshal([]byte(res.body), &result); err != nil || res.status != 200 || result.Created != 0 || result.Merged != 2 ||
			result.Format != "ward" || result.Evaluation.Findings.Opened != 0 {
			t.Errorf("re-import with the format worked out: %d %s", res.status, res.body)
		}

		// A date that does not exist on line 3: nothing is imported, and the
		// problem names the file (from Content-Disposition), line and column.
		bad := deviceCSVHead + deviceRow("ashcombe", "BAD-SN1", "ASH-BAD-1", true, true, now) +
			strings.Replace(deviceRow("ashcombe", "BAD-SN2", "ASH-BAD-2", true, true, now), now.Add(-2*time.Hour).In(london).Format("2006-01-02 15:04"), "31/02/2026", 1)
		res = send(t, c, "POST", base+"?format=ward", strings.NewReader(bad), "text/csv",
			map[string]string{"Authorization": "Bearer " + admin, "Content-Disposition": `attachment; filename="C:\exports\bad-devices.csv"`})
		var prob struct {
			Title, Detail, File, Column string
			Line                        int
		}
		if err := json.Unmarshal([]byte(res.body), &prob); err != nil || res.status != 422 || res.header.Get("Content-Type") != "application/problem+json" {
			t.Fatalf("bad row: %d %s", res.status, res.body)
		}
		if prob.File != "bad-devices.csv" || prob.Line != 3 || prob.Column != "last_seen" || !strings.Contains(prob.Detail, "31/02/2026") {
			t.Errorf("bad row problem = %+v; want bad-devices.csv line 3 column last_seen, quoting the value", prob)
		}
		if n := a.deviceCount(t, "ashcombe"); n != before+2 {
			t.Errorf("after a refused file Ashcombe holds %d devices, want %d", n, before+2)
		}

		for _, r := range []struct{ query, body, field string }{
			{"?format=sideways", csv, "format"},
			{"?format=get-mailbox", csv, "format"},
			{"", "", "format"},
		} {
			res := send(t, c, "POST", base+r.query, strings.NewReader(r.body), "text/csv", bearer(admin))
			if res.status != 422 || !strings.Contains(res.body, `"field":"`+r.field+`"`) {
				t.Errorf("import %q with %d bytes: %d %s; want 422 naming %s", r.query, len(r.body), res.status, res.body, r.field)
			}
		}
		// Mailboxes come the same way, from Exchange Online's Get-Mailbox.
		mail := a.http.URL + "/api/v1/orgs/ashcombe/mailboxes/import"
		mailboxes := `"PrimarySmtpAddress","DisplayName","RecipientTypeDetails","ForwardingSmtpAddress","DeliverToMailboxAndForward"` + "\n" +
			`"api.one@ashcombe.gov.uk","API One","UserMailbox","smtp:api.one.home@gmail.com","False"` + "\n" +
			`"api.two@ashcombe.gov.uk","API Two","UserMailbox","","False"` + "\n"
		res = send(t, c, "POST", mail+"?format=get-mailbox&filename=mailboxes.csv", strings.NewReader(mailboxes), "text/csv", bearer(admin))
		if err := json.Unmarshal([]byte(res.body), &result); err != nil || res.status != 200 || result.Format != "get-mailbox" || result.Read != 2 {
			t.Errorf("mailbox import: %d %s", res.status, res.body)
		}
		f, _, _ := a.store.Findings(context.Background(), tenancy.ForSystem(tenancy.JobTest), store.FindingFilter{Control: "external-forwarding", Subject: "mailbox:api.one@ashcombe.gov.uk", State: finding.Open})
		if len(f) != 1 || !strings.Contains(fmt.Sprint(f[0].Evidence), "gmail.com") {
			t.Errorf("forwarding to gmail.com found %+v", f)
		}
		if res := send(t, c, "POST", mail+"?format=ward", strings.NewReader(csv), "text/csv", bearer(admin)); res.status != 422 || !strings.Contains(res.body, `"field":"format"`) {
			t.Errorf("devices sent as mailboxes: %d %s", res.status, res.body)
		}

		// An officer reads posture but may not import, nor evaluate.
		if res := send(t, c, "POST", base+"?format=ward", strings.NewReader(csv), "text/csv", bearer(officer)); res.status != 403 {
			t.Errorf("officer importing: %d %s", res.status, res.body)
		}
		if res := doJSON(t, c, "POST", a.http.URL+"/api/v1/orgs/ashcombe/posture/evaluate", "", bearer(officer)); res.status != 403 {
			t.Errorf("officer evaluating: %d", res.status)
		}
		if res := doJSON(t, c, "POST", a.http.URL+"/api/v1/orgs/ashcombe/posture/evaluate", "", bearer(admin)); res.status != 200 ||
			!strings.Contains(res.body, fmt.Sprintf(`"devices": %d`, before+2)) {
			t.Errorf("admin evaluating: %d %s", res.status, res.body)
		}
		if n := a.deviceCount(t, "ashcombe"); n != before+2 {
			t.Errorf("Ashcombe holds %d devices, want %d", n, before+2)
		}
	})
}

func TestFindingsThroughTheAPI(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		ctx := context.Background()
		c := a.browser()
		_, admin := a.token(t, "abc-shared", "admin", time.Hour)
		_, officer := a.token(t, "ashcombe", "officer", time.Hour)
		_, other := a.token(t, "brentmere", "officer", time.Hour)
		firewall := a.seeded(t, "ashcombe", "firewall")
		list := a.http.URL + "/api/v1/orgs/ashcombe/findings"
		one := a.http.URL + "/api/v1/findings/" + strconv.FormatInt(firewall.ID, 10)

		// The officer lists their council's open firewall findings.
		res := do(t, c, "GET", list+"?state=open&control=firewall&kind=device&limit=500", nil, bearer(officer))
		var page struct {
			Findings     []apiFinding
			Total, Limit int
			Next         string
		}
		if err := json.Unmarshal([]byte(res.body), &page); err != nil || res.status != 200 {
			t.Fatalf("list: %d %s", res.status, res.body)
		}
		found := false
		for _, f := range page.Findings {
			if f.Org != "ashcombe" || f.Control != "firewall" || f.State != "open" || f.Subject.Kind != "device" {
				t.Errorf("the filtered list holds %+v", f)
			}
			found = found || f.ID == firewall.ID && f.Subject.Name == "ASHCOMBE-LT-2" && len(f.Evidence) == 1 && f.Evidence[0].Field == "firewall"
		}
		if !found || page.Total != len(page.Findings) || page.Limit != 500 {
			t.Errorf("the list has no ASHCOMBE-LT-2 firewall finding with its evidence, or a wrong total: %d of %d", len(page.Findings), page.Total)
		}
		// Pages of one, by the answer's next cursor.
		page.Next = ""
		res = do(t, c, "GET", list+"?limit=1", nil, bearer(officer))
		if err := json.Unmarshal([]byte(res.body), &page); err != nil || len(page.Findings) != 1 || page.Total < 2 || page.Next == "" {
			t.Fatalf("a page of one: %d %s", res.status, res.body)
		}
		first := page.Findings[0].ID
		res = do(t, c, "GET", list+"?limit=1&cursor="+page.Next, nil, bearer(officer))
		if err := json.Unmarshal([]byte(res.body), &page); err != nil || len(page.Findings) != 1 || page.Findings[0].ID == first {
			t.Errorf("the next page of one: %d %s", res.status, res.body)
		}
		for q, field := range map[string]string{"?state=sideways": "state", "?severity=huge": "severity", "?control=nope": "control",
			"?kind=printer": "kind", "?limit=0": "limit", "?offset=1": "offset", "?cursor=nope": "cursor", "?format=xml": "format"} {
			if res := do(t, c, "GET", list+q, nil, bearer(officer)); res.status != 422 || !strings.Contains(res.body, `"field":"`+field+`"`) {
				t.Errorf("%s: %d %s", q, res.status, res.body)
			}
		}

		// CSV for a spreadsheet, audited as an export.
		res = do(t, c, "GET", list+"?format=csv&control=firewall&state=open", nil, bearer(officer))
		if res.status != 200 || !strings.HasPrefix(res.header.Get("Content-Type"), "text/csv") ||
			!strings.HasPrefix(res.body, "id,org_id,control,severity,subject_kind,subject,") || !strings.Contains(res.body, "ASHCOMBE-LT-2") ||
			strings.Contains(res.body, "ASHCOMBE-LT-1") || !strings.Contains(res.body, ",Host firewall is off: ASHCOMBE-LT-2\n") {
			t.Fatalf("CSV: %d %q\n%s", res.status, res.header.Get("Content-Type"), res.body)
		}
		entries, _ := a.store.AuditEntries(ctx, tenancy.ForSystem(tenancy.JobTest), store.AuditQuery{Limit: 1, Action: "export"})
		if len(entries) != 1 || !strings.Contains(entries[0].Target, "ashcombe") || !strings.HasPrefix(entries[0].Actor, "token:") {
			t.Errorf("the CSV export is not audited: %+v", entries)
		}

		// One finding with its control and history.
		res = do(t, c, "GET", one, nil, bearer(officer))
		doc := decodeFinding(t, res)
		if res.status != 200 || doc.Finding.ID != firewall.ID || doc.Control.Title != "Host firewall is on" ||
			doc.Finding.Title != "Host firewall is off: ASHCOMBE-LT-2" || doc.Control.Policy == "" ||
			len(doc.Events) != 1 || doc.Events[0].Kind != "opened" {
			t.Fatalf("get: %d %s", res.status, res.body)
		}

		// An officer may not accept a risk; bad bodies name their field.
		if res := doJSON(t, c, "POST", one+"/accept", `{"reason":"Lab","owner":"Head of ICT","expires":"2027-01-31"}`, bearer(officer)); res.status != 403 {
			t.Errorf("officer accepting: %d %s", res.status, res.body)
		}
		for body, field := range map[string]string{
			`{"reason":"Lab","owner":"Head of ICT","expires":"31/01/2027"}`: "expires",
			`{"reason":"Lab","owner":"Head of ICT"}`:                        "expires",
			`{"owner":"Head of ICT","expires":"2027-01-31"}`:                "reason",
			`{"reason":"Lab","owner":"  ","expires":"2027-01-31"}`:          "owner",
		} {
			if res := doJSON(t, c, "POST", one+"/accept", body, bearer(admin)); res.status != 422 || !strings.Contains(res.body, `"field":"`+field+`"`) {
				t.Errorf("accept %s: %d %s; want 422 naming %s", body, res.status, res.body, field)
			}
		}
		if res := doJSON(t, c, "POST", one+"/accept", `{"reason":"Lab","owner":"ICT","expires":"2027-01-31","colour":"red"}`, bearer(admin)); res.status != 400 {
			t.Errorf("unknown field: %d", res.status)
		}
		if res := doJSON(t, c, "POST", one+"/accept", `{"reason":"Lab","owner":"ICT","expires":"2020-01-31"}`, bearer(admin)); res.status != 422 ||
			!strings.Contains(res.body, `"field":"expires"`) {
			t.Errorf("an expiry in the past: %d %s", res.status, res.body)
		}
		if f, _ := a.store.Finding(ctx, tenancy.ForSystem(tenancy.JobTest), firewall.ID); f.State != finding.Open {
			t.Fatalf("refused acceptances left the finding %s", f.State)
		}
		until := a.store.Now().In(london).AddDate(0, 2, 0).Format("2006-01-02")
		res = doJSON(t, c, "POST", one+"/accept", `{"reason":"Lab machine on an isolated VLAN","owner":"Head of ICT","expires":"`+until+`"}`, bearer(admin))
		doc = decodeFinding(t, res)
		if res.status != 200 || doc.Finding.State != "accepted" || doc.Finding.Acceptance == nil || doc.Finding.Acceptance.Owner != "Head of ICT" ||
			doc.Finding.Acceptance.Expires.In(london).Format("2006-01-02") != until || len(doc.Events) != 2 || doc.Events[1].Kind != "accepted" {
			t.Fatalf("accept: %d %s", res.status, res.body)
		}
		// The officer sees the decision, and who took it only by their part.
		res = do(t, c, "GET", one, nil, bearer(officer))
		if doc := decodeFinding(t, res); doc.Finding.State != "accepted" || doc.Finding.Acceptance.By != "API client" {
			t.Errorf("officer reads the accepted finding: %s", res.body)
		}
		if res := doJSON(t, c, "POST", one+"/revoke", "", bearer(officer)); res.status != 403 {
			t.Errorf("officer revoking: %d", res.status)
		}
		if res := doJSON(t, c, "POST", one+"/revoke", "", bearer(admin)); res.status != 200 || decodeFinding(t, res).Finding.State != "open" {
			t.Errorf("revoke: %d %s", res.status, res.body)
		}
		if res := doJSON(t, c, "POST", one+"/revoke", "", bearer(admin)); res.status != 422 || !strings.Contains(res.body, `"field":"state"`) {
			t.Errorf("revoking what is not accepted: %d %s", res.status, res.body)
		}

		// The officer raises a remediation ticket; there is only ever one.
		res = doJSON(t, c, "POST", one+"/ticket", "", bearer(officer))
		doc = decodeFinding(t, res)
		if res.status != 201 || doc.Ticket.Ref == "" || doc.Finding.TicketRef != doc.Ticket.Ref || doc.Finding.DueAt == "" ||
			res.header.Get("Location") != "/api/v1/orgs/ashcombe/tickets/"+doc.Ticket.Ref {
			t.Fatalf("ticket: %d %s", res.status, res.body)
		}
		if res := do(t, c, "GET", a.http.URL+doc.Ticket.URL, nil, bearer(officer)); res.status != 200 || !strings.Contains(res.body, "ASHCOMBE-LT-2") {
			t.Errorf("the ticket raised: %d %s", res.status, res.body)
		}
		if res := doJSON(t, c, "POST", one+"/ticket", "", bearer(officer)); res.status != 422 || !strings.Contains(res.body, doc.Ticket.Ref) {
			t.Errorf("a second ticket: %d %s", res.status, res.body)
		}

		// Another council's officer cannot read, list or change it.
		for _, r := range []struct{ method, url string }{
			{"GET", one}, {"POST", one + "/ticket"}, {"GET", list}, {"GET", a.http.URL + "/api/v1/orgs/ashcombe/posture"},
		} {
			if res := doJSON(t, c, r.method, r.url, "", bearer(other)); res.status != 404 || strings.Contains(res.body, "ASHCOMBE") {
				t.Errorf("Brentmere's officer %s %s: %d %s", r.method, r.url, res.status, res.body)
			}
		}
		if res := doJSON(t, c, "POST", one+"/accept", `{"reason":"x","owner":"y","expires":"`+until+`"}`, bearer(other)); res.status != 403 {
			t.Errorf("Brentmere's officer accepting: %d", res.status)
		}
		if res := do(t, c, "GET", a.http.URL+"/api/v1/findings/999999999", nil, bearer(admin)); res.status != 404 {
			t.Errorf("no such finding: %d", res.status)
		}
		_, committee := a.token(t, "ashcombe", "committee", time.Hour)
		if res := do(t, c, "GET", list, nil, bearer(committee)); res.status != http.StatusForbidden {
			t.Errorf("committee listing findings: %d", res.status)
		}
	})
}

func TestPostureOverviewThroughTheAPI(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		c := a.browser()
		_, admin := a.token(t, "abc-shared", "admin", time.Hour)
		_, officer := a.token(t, "ashcombe", "officer", time.Hour)
		today := a.store.Now().In(london).Format("2006-01-02")

		res := do(t, c, "GET", a.http.URL+"/api/v1/orgs/ashcombe/posture?days=14", nil, bearer(officer))
		var o struct {
			Org                     string
			OrgName                 string `json:"org_name"`
			EvaluatedOn             string `json:"evaluated_on"`
			Compliance              float64
			Open, Accepted, Overdue int
			TrendDays               int `json:"trend_days"`
			Controls                []struct {
				Control    string
				Pass, Fail int
				Compliance float64
			}
			Worst []struct{ Subject struct{ Name string } }
		}
		if err := json.Unmarshal([]byte(res.body), &o); err != nil || res.status != 200 {
			t.Fatalf("overview: %d %s", res.status, res.body)
		}
		if o.Org != "ashcombe" || o.EvaluatedOn != today || o.TrendDays != 14 || o.Open == 0 || o.Compliance <= 0 || o.Compliance >= 100 || len(o.Controls) < 10 {
			t.Errorf("Ashcombe's overview: %+v", o)
		}
		for _, c := range o.Controls {
			if c.Control == "firewall" && c.Fail == 0 {
				t.Errorf("firewall shows no failure, but ASHCOMBE-LT-2's firewall is off: %+v", c)
			}
		}
		if res := do(t, c, "GET", a.http.URL+"/api/v1/orgs/ashcombe/posture?days=0", nil, bearer(officer)); res.status != 422 || !strings.Contains(res.body, `"field":"days"`) {
			t.Errorf("days=0: %d %s", res.status, res.body)
		}

		// The shared service compares its councils; a council sees itself.
		var cmp struct {
			Councils []struct {
				Org        string
				Compliance float64
			}
		}
		res = do(t, c, "GET", a.http.URL+"/api/v1/posture", nil, bearer(admin))
		if err := json.Unmarshal([]byte(res.body), &cmp); err != nil || res.status != 200 || len(cmp.Councils) != 3 {
			t.Fatalf("compare as admin: %d %s", res.status, res.body)
		}
		res = do(t, c, "GET", a.http.URL+"/api/v1/posture", nil, bearer(officer))
		if err := json.Unmarshal([]byte(res.body), &cmp); err != nil || len(cmp.Councils) != 1 || cmp.Councils[0].Org != "ashcombe" ||
			strings.Contains(res.body, "brentmere") {
			t.Errorf("compare as Ashcombe's officer: %d %s", res.status, res.body)
		}
		_, member := a.token(t, "nthames-nhs", "member", time.Hour)
		if res := do(t, c, "GET", a.http.URL+"/api/v1/posture", nil, bearer(member)); res.status != 403 {
			t.Errorf("a WARP member comparing councils: %d", res.status)
		}
	})
}
