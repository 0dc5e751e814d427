package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// TestAnAdminChangesAnOrgsReferencePrefix changes Ashcombe's prefix from
// its settings page: the form names a bad prefix and another org's, the
// change is audited, the tickets take the new prefix, and the old
// references answer 308 to the new ones on the pages and both API routes,
// after a scoped read: to another council they are a plain 404.
func TestAnAdminChangesAnOrgsReferencePrefix(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		admin := a.signedIn(t, "admin@abc-shared.example")
		settings := a.http.URL + "/orgs/ashcombe/ref-prefix"
		res := do(t, admin, "POST", settings, url.Values{"ref_prefix": {"a1"}}, nil)
		if res.status != 422 || !strings.Contains(res.body, `href="#ref_prefix"`) || !strings.Contains(res.body, `id="ref_prefix-error"`) {
			t.Fatalf("a prefix with a digit: %d, want 422 naming ref_prefix", res.status)
		}
		res = do(t, admin, "POST", settings, url.Values{"ref_prefix": {"BRM"}}, nil)
		if res.status != 422 || !strings.Contains(res.body, "another organisation") || !strings.Contains(res.body, `href="#ref_prefix"`) {
			t.Fatalf("Brentmere's prefix: %d, want 422 naming ref_prefix", res.status)
		}

		old := a.tickets["ashcombe"][0]
		res = do(t, admin, "POST", settings, url.Values{"ref_prefix": {"ashc"}}, nil)
		if res.status != http.StatusSeeOther {
			t.Fatalf("change: %d %s", res.status, res.body)
		}
		renamed := "ASHC" + strings.TrimPrefix(old.Ref, "ASH")
		stored, _ := storedTicket(t, a, old.ID)
		if stored.Ref != renamed {
			t.Fatalf("the ticket is %s after the change, want %s", stored.Ref, renamed)
		}
		if page := do(t, admin, "GET", a.http.URL+"/orgs/ashcombe", nil, nil); !strings.Contains(page.body, "ASHC") {
			t.Errorf("the org page does not show the new prefix")
		}
		entries, _ := a.store.AuditEntries(context.Background(), tenancy.ForSystem(tenancy.JobTest), store.AuditQuery{Limit: 5, Action: "org.ref-prefix"})
		if len(entries) != 1 || entries[0].Detail["to"] != "ASHC" || entries[0].Detail["from"] != "ASH" {
			t.Fatalf("audit entries for the change: %+v", entries)
		}

		// Pages: the old reference leads to the new one, path and query kept.
		officer := a.signedIn(t, "it.officer@ashcombe.example")
		res = do(t, officer, "GET", a.http.URL+"/tickets/"+old.Ref+"?x=1", nil, nil)
		if res.status != http.StatusPermanentRedirect || res.location != "/tickets/"+renamed+"?x=1" {
			t.Fatalf("old reference on the page: %d → %q, want 308 to /tickets/%s?x=1", res.status, res.location, renamed)
		}
		if res := do(t, officer, "GET", a.http.URL+res.location, nil, nil); res.status != 200 || !strings.Contains(res.body, old.Title) {
			t.Fatalf("the new reference: %d", res.status)
		}
		other := a.signedIn(t, "it.officer@brentmere.example")
		if res := do(t, other, "GET", a.http.URL+"/tickets/"+old.Ref, nil, nil); res.status != 404 || strings.Contains(res.body, renamed) {
			t.Errorf("another council's officer, old reference: %d, want a plain 404", res.status)
		}

		// The API, by whole reference and within the org.
		_, token := a.token(t, "ashcombe", "officer", time.Hour)
		_, brm := a.token(t, "brentmere", "officer", time.Hour)
		for _, route := range []struct{ old, now string }{
			{"/api/v1/tickets/" + old.Ref, "/api/v1/tickets/" + renamed},
			{"/api/v1/orgs/ashcombe/tickets/" + old.Ref + "/attachments", "/api/v1/orgs/ashcombe/tickets/" + renamed + "/attachments"},
		} {
			res := do(t, a.browser(), "GET", a.http.URL+route.old, nil, bearer(token))
			if res.status != http.StatusPermanentRedirect || res.location != route.now {
				t.Errorf("API %s: %d → %q, want 308 to %s", route.old, res.status, res.location, route.now)
			}
			if res := do(t, a.browser(), "GET", a.http.URL+route.old, nil, bearer(brm)); res.status != 404 || strings.Contains(res.body, renamed) {
				t.Errorf("another council's token, %s: %d, want 404", route.old, res.status)
			}
		}

		// The API changes it too, and back: the prefix given up is Ashcombe's
		// alone, so Brentmere may not take it.
		_, adminToken := a.token(t, "abc-shared", "admin", time.Hour)
		res = doJSON(t, http.DefaultClient, "PATCH", a.http.URL+"/api/v1/orgs/brentmere", `{"ref_prefix":"ASH"}`, bearer(adminToken))
		if res.status != 409 || !strings.Contains(res.body, `"field":"ref_prefix"`) {
			t.Errorf("Brentmere taking Ashcombe's old prefix: %d %s, want 409 naming ref_prefix", res.status, res.body)
		}
		res = doJSON(t, http.DefaultClient, "PATCH", a.http.URL+"/api/v1/orgs/ashcombe", `{"ref_prefix":"ASH"}`, bearer(adminToken))
		if res.status != 200 || !strings.Contains(res.body, `"previous_ref_prefix": "ASHC"`) {
			t.Fatalf("back to ASH through the API: %d %s", res.status, res.body)
		}
		if stored, _ := storedTicket(t, a, old.ID); stored.Ref != old.Ref {
			t.Errorf("back to ASH, the ticket is %s", stored.Ref)
		}
		res = do(t, officer, "GET", a.http.URL+"/tickets/"+renamed, nil, nil)
		if res.status != http.StatusPermanentRedirect || res.location != "/tickets/"+old.Ref {
			t.Errorf("ASHC reference after going back: %d → %q", res.status, res.location)
		}
		officerToken := doJSON(t, http.DefaultClient, "PATCH", a.http.URL+"/api/v1/orgs/ashcombe", `{"ref_prefix":"ASHX"}`, bearer(token))
		if officerToken.status != 403 {
			t.Errorf("an officer's token changing the prefix: %d, want 403", officerToken.status)
		}
	})
}
