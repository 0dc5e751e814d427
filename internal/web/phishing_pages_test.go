package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

const gophishFixture = "../service/phishingsvc/testdata/march-invoice.csv"

// phishingUpload is the phishing import form as a browser sends it.
func phishingUpload(t *testing.T, c *http.Client, target string, fields map[string]string, name, content string) response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, k := range []string{"campaign", "launched", "enrol", "due_days", "replace"} {
		if v, ok := fields[k]; ok {
			_ = mw.WriteField(k, v)
		}
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write([]byte(content))
	_ = mw.Close()
	return send(t, c, "POST", target, &body, mw.FormDataContentType(), nil)
}

// The demo's exercises read back on the pages: councils side by side, an
// org's campaigns, a campaign by kind and team with who did what, a
// person's history and the teams over time; another council's officer sees
// none of Ashcombe's; the import form refuses a bad line naming it, and
// nothing is added.
func TestPhishingPages(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		ctx := context.Background()
		analyst := a.signedIn(t, "analyst@abc-shared.example")
		home := do(t, analyst, "GET", a.http.URL+"/", nil, nil)
		if !strings.Contains(home.body, `href="/phishing">Phishing</a>`) {
			t.Error("the analyst's menu has no Phishing link")
		}
		res := do(t, analyst, "GET", a.http.URL+"/phishing", nil, nil)
		if res.status != 200 || strings.Count(res.body, `href="/phishing/ashcombe/`) != 1 || !strings.Contains(res.body, "Royal Borough of Calderwick") ||
			!strings.Contains(res.body, "Overdue invoice lure") {
			t.Fatalf("councils side by side: %d %s", res.status, res.body[strings.Index(res.body, "<main"):])
		}
		res = do(t, analyst, "GET", a.http.URL+"/phishing/ashcombe", nil, nil)
		if res.status != 200 || !strings.Contains(res.body, "Parcel delivery lure") || !strings.Contains(res.body, "Overdue invoice lure") {
			t.Fatalf("Ashcombe's campaigns: %d %.2000s", res.status, res.body)
		}
		all := tenancy.ForSystem(tenancy.JobTest)
		ash := a.org(t, "ashcombe")
		list, err := a.store.PhishingCampaigns(ctx, all, ash.ID)
		if err != nil || len(list) != 2 {
			t.Fatalf("%v %v", list, err)
		}
		latest := fmt.Sprintf("/phishing/ashcombe/%d", list[0].ID)
		before, _ := a.store.AuditEntries(ctx, all, store.AuditQuery{Action: audit.View, Limit: 1000})
		res = do(t, analyst, "GET", a.http.URL+latest, nil, nil)
		if res.status != 200 || !strings.Contains(res.body, `id="by-kind"`) || !strings.Contains(res.body, `id="by-team"`) ||
			!(strings.Contains(res.body, "Submitted data") || strings.Contains(res.body, "Clicked the link")) || !strings.Contains(res.body, "enrolled in Phishing follow-up") {
			t.Fatalf("the campaign: %d %s", res.status, res.body[strings.Index(res.body, "<main"):])
		}
		after, _ := a.store.AuditEntries(ctx, all, store.AuditQuery{Action: audit.View, Limit: 1000})
		if len(after) != len(before)+1 || !strings.Contains(after[0].Target, "phishing results") {
			t.Errorf("who did what was not audited: %d then %d entries", len(before), len(after))
		}
		// The first result with a person leads to their history across both campaigns.
		i := strings.Index(res.body, `href="/phishing/ashcombe/people/`)
		if i < 0 {
			t.Fatal("no person linked from the campaign")
		}
		person := res.body[i+6 : i+strings.IndexByte(res.body[i+6:], '"')+6]
		if res := do(t, analyst, "GET", a.http.URL+person, nil, nil); res.status != 200 || !strings.Contains(res.body, "Parcel delivery lure") || !strings.Contains(res.body, "Overdue invoice lure") {
			t.Errorf("a person's history %s: %d %.2000s", person, res.status, res.body)
		}
		if res := do(t, analyst, "GET", a.http.URL+"/phishing/ashcombe/teams", nil, nil); res.status != 200 || !strings.Contains(res.body, "Parcel delivery lure") {
			t.Errorf("teams: %d %.2000s", res.status, res.body)
		}

		officer := a.signedIn(t, "it.officer@brentmere.example")
		for _, path := range []string{"/phishing/ashcombe", latest, person, "/phishing/ashcombe/teams"} {
			if res := do(t, officer, "GET", a.http.URL+path, nil, nil); res.status != 404 {
				t.Errorf("Brentmere's officer at %s: %d", path, res.status)
			}
		}
		if res := do(t, officer, "GET", a.http.URL+"/phishing/brentmere/import", nil, nil); res.status != 403 {
			t.Errorf("an officer at the import form: %d", res.status)
		}
		if res := do(t, officer, "GET", a.http.URL+"/phishing", nil, nil); res.status != 200 || strings.Contains(res.body, "Ashcombe") {
			t.Errorf("Brentmere's officer sees another council side by side: %d", res.status)
		}

		src, err := os.ReadFile(gophishFixture)
		if err != nil {
			t.Fatal(err)
		}
		bad := strings.Replace(string(src), "2026-03-02T10:15:00Z", "02/03/2026 10:15", 1)
		target := a.http.URL + "/phishing/ashcombe/import"
		res = phishingUpload(t, analyst, target, map[string]string{"campaign": "", "due_days": "0"}, "march.csv", bad)
		if res.status != 422 || !strings.Contains(res.body, "Enter the campaign’s name") || !strings.Contains(res.body, "whole number from 1 to 366") {
			t.Errorf("an empty form names each mistake: %d %.3000s", res.status, res.body)
		}
		res = phishingUpload(t, analyst, target, map[string]string{"campaign": "March invoice lure", "enrol": "PHISH-FOLLOWUP"}, "march.csv", bad)
		if res.status != 422 || !strings.Contains(res.body, "nothing was imported") || !strings.Contains(res.body, "march.csv: line 5: column modified_date") {
			t.Errorf("a bad line: %d %s", res.status, res.body[strings.Index(res.body, "<main"):])
		}
		if list, _ := a.store.PhishingCampaigns(ctx, all, ash.ID); len(list) != 2 {
			t.Errorf("a refused file added a campaign: %d", len(list))
		}
		res = phishingUpload(t, analyst, target, map[string]string{"campaign": "March invoice lure", "enrol": "PHISH-FOLLOWUP"}, "march.csv", string(src))
		if res.status != 200 || !strings.Contains(res.body, `id="import-result"`) || !strings.Contains(res.body, "10 results, 2 not sent, 10 addresses that matched nobody") {
			t.Errorf("a good file: %d %.3000s", res.status, res.body)
		}
		res = phishingUpload(t, analyst, target, map[string]string{"campaign": "March invoice lure"}, "march.csv", string(src))
		if res.status != 409 || !strings.Contains(res.body, "replace") {
			t.Errorf("the same campaign again: %d %.3000s", res.status, res.body)
		}
	})
}

// The API answers the same: councils, an org's campaigns, one campaign,
// its results a page at a time, and an import that only training managers
// may make, refused whole with the line and column of a mistake.
func TestPhishingAPI(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		c := a.browser()
		_, admin := a.token(t, "abc-shared", "admin", time.Hour)
		_, officer := a.token(t, "brentmere", "officer", time.Hour)
		base := a.http.URL + "/api/v1/orgs/ashcombe/phishing"

		res := do(t, c, "GET", a.http.URL+"/api/v1/phishing/councils", nil, bearer(admin))
		if res.status != 200 || strings.Count(res.body, `"launched_on"`) != 3 {
			t.Fatalf("councils: %d %.1000s", res.status, res.body)
		}
		src, _ := os.ReadFile(gophishFixture)
		post := func(token, query, body string) response {
			return send(t, c, "POST", base+"/campaigns?"+query, strings.NewReader(body), "text/csv", bearer(token))
		}
		if res := post(officer, "campaign=March", string(src)); res.status != 404 && res.status != 403 {
			t.Errorf("Brentmere's officer imported into Ashcombe: %d", res.status)
		}
		if res := post(admin, "campaign=March&filename=march.csv", strings.Replace(string(src), "Clicked Link", "Clicked", 1)); res.status != 422 || !strings.Contains(res.body, "march.csv: line 4: column status") {
			t.Errorf("a bad line: %d %s", res.status, res.body)
		}
		res = post(admin, "campaign=March&enrol=PHISH-FOLLOWUP", string(src))
		var imported struct {
			Campaign struct{ ID int64 }
			Results  int
			NotSent  int `json:"not_sent"`
		}
		if err := json.Unmarshal([]byte(res.body), &imported); res.status != 200 || err != nil || imported.Results != 10 || imported.NotSent != 2 {
			t.Fatalf("import: %d %s", res.status, res.body)
		}
		if res := post(admin, "campaign=March", string(src)); res.status != 409 {
			t.Errorf("the same campaign again: %d %s", res.status, res.body)
		}
		if res := post(admin, "campaign=March&replace=true", string(src)); res.status != 200 || !strings.Contains(res.body, `"replaced": true`) {
			t.Errorf("replace: %d %s", res.status, res.body)
		}
		one := fmt.Sprintf("%s/campaigns/%d", base, imported.Campaign.ID)
		if res := do(t, c, "GET", one, nil, bearer(admin)); res.status != 200 || !strings.Contains(res.body, `"by_team"`) {
			t.Errorf("campaign: %d %.500s", res.status, res.body)
		}
		res = do(t, c, "GET", one+"/results?limit=4", nil, bearer(admin))
		var page struct {
			Results []struct{ Email string }
			Next    string
		}
		if err := json.Unmarshal([]byte(res.body), &page); err != nil || len(page.Results) != 4 || page.Next == "" || page.Results[0].Email != "dev.patel@ashcombe.gov.uk" {
			t.Fatalf("results: %d %.500s", res.status, res.body)
		}
		if res := do(t, c, "GET", one+"/results?limit=4&cursor="+page.Next, nil, bearer(admin)); res.status != 200 || strings.Contains(res.body, "dev.patel") {
			t.Errorf("the next page: %d %.500s", res.status, res.body)
		}
		if res := do(t, c, "GET", strings.Replace(one, "ashcombe", "brentmere", 1), nil, bearer(officer)); res.status != 404 {
			t.Errorf("Ashcombe's campaign under Brentmere: %d", res.status)
		}
		if res := do(t, c, "GET", base+"/teams", nil, bearer(admin)); res.status != 200 || !strings.Contains(res.body, `"points"`) {
			t.Errorf("teams: %d %.300s", res.status, res.body)
		}
	})
}
