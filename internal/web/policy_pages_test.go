package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

func policyUpload(t *testing.T, c *http.Client, target string, fields map[string]string, fileField, name, content string) response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	if name != "" {
		fw, _ := mw.CreateFormFile(fileField, name)
		_, _ = fw.Write([]byte(content))
	}
	_ = mw.Close()
	return send(t, c, "POST", target, &body, mw.FormDataContentType(), nil)
}

// TestPolicyPages: the analyst sees a council's documents with shares by
// kind (an audited view), publishes a material version from an uploaded
// Markdown file (a file that is not UTF-8 is refused naming its line and
// column, with the other mistakes at once), reads it rendered, records a
// paper acceptance (a scan that is not a PDF or image is refused), and
// sees the overdue and councils pages; a signed-in person accepts on My
// policies; the officer, who may only view, has no publish form.
func TestPolicyPages(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		ctx := context.Background()
		analyst := a.signedIn(t, "analyst@abc-shared.example")
		before := a.audited(t, "policy.view")
		res := do(t, analyst, "GET", a.http.URL+"/policies/ashcombe", nil, nil)
		if res.status != 200 || !strings.Contains(res.body, "Acceptable Use Statement") || !strings.Contains(res.body, "Publish a version") {
			t.Fatalf("documents: %d", res.status)
		}
		if a.audited(t, "policy.view") != before+1 {
			t.Fatal("the view of who has accepted was not audited")
		}
		res = policyUpload(t, analyst, a.http.URL+"/policies/ashcombe/publish", map[string]string{"slug": "acceptable-use", "accept_days": "x"},
			"file", "aup.md", "# Use\n\nbad \xff byte\n")
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "line 3, column 5") || !strings.Contains(res.body, "#accept_days") {
			t.Fatalf("bad upload: %d", res.status)
		}
		res = policyUpload(t, analyst, a.http.URL+"/policies/ashcombe/publish", map[string]string{"slug": "acceptable-use", "material": "on", "note": "Cloud"},
			"file", "aup.md", "# Use\n\n**No** personal cloud storage.\n")
		if res.status != http.StatusSeeOther || res.location != "/policies/ashcombe/acceptable-use" {
			t.Fatalf("publish: %d %s", res.status, res.location)
		}
		res = do(t, analyst, "GET", a.http.URL+res.location, nil, nil)
		if res.status != 200 || !strings.Contains(res.body, "<strong>No</strong> personal cloud storage") || !strings.Contains(res.body, "Cloud") {
			t.Fatalf("document: %d", res.status)
		}
		org := a.org(t, "ashcombe")
		folk, _ := a.store.People(ctx, tenancy.ScopeOf(org.ID))
		var someone store.Person
		for _, p := range folk {
			if p.Email != "" && p.LeftOn == "" && p.EndOn == "" {
				someone = p
			}
		}
		res = policyUpload(t, analyst, a.http.URL+"/policies/ashcombe/paper", map[string]string{"document": "acceptable-use", "person": someone.Email},
			"scan", "signed.pdf", "not really a pdf")
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "PDF, PNG or JPEG") {
			t.Fatalf("a text scan: %d", res.status)
		}
		res = policyUpload(t, analyst, a.http.URL+"/policies/ashcombe/paper", map[string]string{"document": "acceptable-use", "person": someone.Email},
			"scan", "signed.pdf", "%PDF-1.4\nsigned\n")
		if res.status != http.StatusSeeOther {
			t.Fatalf("paper: %d %s", res.status, res.body)
		}
		if res := do(t, analyst, "GET", a.http.URL+"/policies/ashcombe/acceptable-use", nil, nil); !strings.Contains(res.body, "(1 of ") {
			i := strings.Index(res.body, "policy-total")
			t.Fatalf("the paper acceptance of %+v is not counted: %s", someone, res.body[i:i+200])
		}
		for _, path := range []string{"/policies/ashcombe/overdue", "/policies"} {
			if res := do(t, analyst, "GET", a.http.URL+path, nil, nil); res.status != 200 {
				t.Fatalf("%s: %d", path, res.status)
			}
		}
		officer := a.signedIn(t, "it.officer@ashcombe.example")
		if res := do(t, officer, "GET", a.http.URL+"/policies/ashcombe", nil, nil); res.status != 200 || strings.Contains(res.body, "Publish a version") {
			t.Fatalf("officer: %d, or offered the publish form", res.status)
		}
		// The officer is one of Ashcombe's people too, and accepts signed in.
		if _, err := a.store.CreatePerson(ctx, tenancy.ScopeOf(org.ID), store.Person{OrgID: org.ID, Name: "Sunita Patel", Email: "it.officer@ashcombe.example"}); err != nil {
			t.Fatal(err)
		}
		res = do(t, officer, "GET", a.http.URL+"/my/policies", nil, nil)
		if res.status != 200 || !strings.Contains(res.body, "personal cloud storage") {
			t.Fatalf("my policies: %d", res.status)
		}
		if res := do(t, officer, "POST", a.http.URL+"/my/policies/acceptable-use", map[string][]string{"sha256": {"stale"}}, nil); res.status != http.StatusConflict {
			t.Fatalf("a stale hash was accepted: %d", res.status)
		}
		docs, _ := a.base.Services.Policy.Mine(ctx, tenancy.Principal{OrgID: org.ID, Scope: tenancy.ScopeOf(org.ID)}, "it.officer@ashcombe.example")
		var hash string
		for _, d := range docs {
			if d.Slug == "acceptable-use" {
				hash = d.Version.SHA256
			}
		}
		if res := do(t, officer, "POST", a.http.URL+"/my/policies/acceptable-use", map[string][]string{"sha256": {hash}}, nil); res.status != http.StatusSeeOther {
			t.Fatalf("accept signed in: %d", res.status)
		}
		res = do(t, officer, "GET", a.http.URL+"/my/policies", nil, nil)
		if !strings.Contains(res.body, `id="mine-acceptable-use"`) || strings.Count(res.body, "govuk-tag--green") != 1 {
			t.Fatalf("after accepting, one document should show accepted")
		}
	})
}
