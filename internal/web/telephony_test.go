package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// A phone system reports three calls' lives through the signed webhook, at
// a real server: one queued, answered by Sam after 10 s, transferred and
// ended; one the caller gave up on after 60 s (call.abandoned); one that
// ended unanswered after 30 s, as older phone systems report an abandoned
// call. The telephony report, through the API and the page, counts them so;
// a call log imported through the API adds to them; and an agent puts a
// call on a ticket.
func TestTelephonyFromTheWebhookToTheReport(t *testing.T) {
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
		c := &http.Client{Timeout: 10 * time.Second}
		now := time.Now().UTC().Truncate(time.Second)
		send := func(event, call string, at time.Duration, extra string) {
			t.Helper()
			body := `{"event":"` + event + `","call_id":"` + call + `","caller":"01632 960555","at":"` +
				now.Add(at).Format(time.RFC3339) + `"` + extra + `}`
			ts := strconv.FormatInt(time.Now().Unix(), 10)
			res := doJSON(t, c, "POST", a.http.URL+"/hooks/phone/ashcombe", body,
				map[string]string{"X-Ward-Timestamp": ts, "X-Ward-Signature": desksvc.Sign(secret, ts, []byte(body))})
			if res.status != 200 && res.status != 201 {
				t.Fatalf("%s %s: %d %s", event, call, res.status, res.body)
			}
		}
		send("call.queued", "t-1", -3*time.Minute, `,"queue":"Service desk"`)
		send("call.answered", "t-1", -3*time.Minute+10*time.Second, `,"agent":"Sam Okafor"`)
		send("call.transferred", "t-1", -2*time.Minute, `,"agent":"Sam Okafor","to":"Second line"`)
		send("call.ended", "t-1", -time.Minute, "")
		send("call.queued", "t-2", -3*time.Minute, `,"queue":"Service desk"`)
		send("call.abandoned", "t-2", -2*time.Minute, "")
		send("call.started", "t-3", -3*time.Minute, "")
		send("call.ended", "t-3", -3*time.Minute+30*time.Second, "")

		call, err := a.store.PhoneCallByID(ctx, system, org.ID, "t-1")
		if err != nil || call.State != "ended" || call.Agent != "Sam Okafor" || call.Queue != "Service desk" ||
			call.AnsweredAt.Sub(call.QueuedAt) != 10*time.Second || call.TransferredAt.IsZero() || call.TicketID == 0 {
			t.Fatalf("call t-1 as held: %+v, %v", call, err)
		}

		london, _ := time.LoadLocation("Europe/London")
		today := now.In(london)
		period := "from=" + today.AddDate(0, 0, -1).Format(time.DateOnly) + "&to=" + today.Format(time.DateOnly)
		_, committee := a.token(t, "ashcombe", "committee", time.Hour)
		url := a.http.URL + "/api/v1/orgs/ashcombe/reports/telephony?" + period
		var doc struct {
			Calls struct {
				Offered, Answered, Abandoned, Transferred int
				Within20                                  int     `json:"answered_within_20s"`
				Average                                   float64 `json:"average_queue_seconds"`
				P90                                       int     `json:"p90_queue_seconds"`
			}
			Hours []struct{ Offered int } `json:"by_hour"`
		}
		res := do(t, c, "GET", url, nil, bearer(committee))
		if err := json.Unmarshal([]byte(res.body), &doc); res.status != 200 || err != nil {
			t.Fatalf("report: %d %s", res.status, res.body)
		}
		// Queue times 10, 60 and 30 s: average 33.33, nearest-rank p90 the 3rd of 3, 60.
		if c := doc.Calls; c.Offered != 3 || c.Answered != 1 || c.Abandoned != 2 || c.Transferred != 1 || c.Within20 != 1 ||
			c.Average != 33.33 || c.P90 != 60 || len(doc.Hours) != 24 {
			t.Errorf("report figures: %+v", doc)
		}
		_, officer := a.token(t, "ashcombe", "officer", time.Hour)
		if res := do(t, c, "GET", url, nil, bearer(officer)); res.status != 403 {
			t.Errorf("an officer reading the telephony report: %d", res.status)
		}

		// A call log through the API: a mistake refuses it whole, naming line and column.
		_, admin := a.token(t, "abc-shared", "admin", time.Hour)
		day := today.AddDate(0, 0, -1).Format(time.DateOnly)
		bad := "call_id,queued_at,answered_at\nlog-1," + day + " 09:00:00," + day + " 09:00:05\nlog-2," + day + " 09:00,nine\n"
		res = send2(t, c, a.http.URL+"/api/v1/orgs/ashcombe/calls/import?filename=log.csv", bad, admin)
		if res.status != 422 || !strings.Contains(res.body, "log.csv: line 3: column answered_at") {
			t.Fatalf("bad call log: %d %s", res.status, res.body)
		}
		good := "call_id,queued_at,answered_at,ended_at,agent\nlog-1," + day + " 09:00:00," + day + " 09:00:05," + day + " 09:04:00,Ann Lee\n"
		res = send2(t, c, a.http.URL+"/api/v1/orgs/ashcombe/calls/import?filename=log.csv", good, admin)
		if res.status != 200 || !strings.Contains(res.body, `"new": 1`) && !strings.Contains(res.body, `"new":1`) {
			t.Fatalf("call log: %d %s", res.status, res.body)
		}
		res = do(t, c, "GET", url, nil, bearer(committee))
		if err := json.Unmarshal([]byte(res.body), &doc); err != nil || doc.Calls.Offered != 4 || doc.Calls.Answered != 2 {
			t.Errorf("after the import: %+v", doc.Calls)
		}

		// The desk puts the imported call on a ticket.
		link := a.http.URL + "/api/v1/orgs/ashcombe/calls/log-1/link"
		if res := doJSON(t, c, "POST", link, `{"ticket":"`+a.tickets["ashcombe"][0].Ref+`"}`, bearer(admin)); res.status != 200 {
			t.Fatalf("link: %d %s", res.status, res.body)
		}
		if res := doJSON(t, c, "POST", link, `{"ticket":"`+a.tickets["ashcombe"][1].Ref+`"}`, bearer(committee)); res.status != 403 {
			t.Errorf("the committee linking a call: %d %s", res.status, res.body)
		}
		if held, _ := a.store.PhoneCallByID(ctx, system, org.ID, "log-1"); held.TicketID != a.tickets["ashcombe"][0].ID {
			t.Error("the call is not on the ticket")
		}
		if res := doJSON(t, c, "POST", link, `{"ticket":"NO-SUCH-1"}`, bearer(admin)); res.status != 422 {
			t.Errorf("link to no ticket: %d %s", res.status, res.body)
		}

		// The page shows the same figures to the desk.
		page := do(t, a.signedIn(t, "agent@abc-shared.example"), "GET", a.http.URL+"/reports/telephony?org=ashcombe&"+period, nil, nil)
		if page.status != 200 || !strings.Contains(page.body, "Calls offered") || !strings.Contains(page.body, ">4</dd>") {
			t.Errorf("page: %d", page.status)
		}
	})
}

func send2(t *testing.T, c *http.Client, url, body, token string) response {
	t.Helper()
	return send(t, c, "POST", url, strings.NewReader(body), "text/csv", bearer(token))
}

// An admin imports a call log from the desk's pages: a mistake refuses the
// file naming its line and column, a good file says what it did, and desk
// agents have no form.
func TestCallsImportPage(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		admin := a.signedIn(t, "admin@abc-shared.example")
		target := a.http.URL + "/desk/calls/import"
		if res := do(t, admin, "GET", target, nil, nil); res.status != 200 || !strings.Contains(res.body, `action="/desk/calls/import" enctype="multipart/form-data"`) {
			t.Fatalf("the admin has no import form: %d", res.status)
		}
		if res := do(t, a.signedIn(t, "agent@abc-shared.example"), "GET", target, nil, nil); res.status != 403 {
			t.Errorf("an agent opening the import form: %d", res.status)
		}
		bad := "call_id,queued_at,outcome\nc-1,2026-06-01 09:00,answered\n"
		res := deskUpload(t, admin, target, map[string]string{"org": "ashcombe"}, "log.csv", bad)
		if res.status != 422 || !strings.Contains(res.body, `<a href="#file">`) ||
			!strings.Contains(pageText(res.body), "log.csv: line 2: column answered_at: is empty, but the outcome is answered") {
			t.Fatalf("bad call log: %d %q", res.status, stripTags(between(res.body, "govuk-error-summary", "</ul>")))
		}
		good := "call_id,queued_at,answered_at\nc-1,2026-06-01 09:00,2026-06-01 09:00:20\nc-2,2026-06-01 09:05,2026-06-01 09:05:03\n"
		res = deskUpload(t, admin, target, map[string]string{"org": "ashcombe"}, "log.csv", good)
		if res.status != 200 || !strings.Contains(pageText(res.body), "Imported log.csv: 2 calls, 2 new, 0 linked to tickets.") {
			t.Fatalf("call log: %d %q", res.status, stripTags(between(res.body, "govuk-error-summary", "</ul>")))
		}
	})
}
