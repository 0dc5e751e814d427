package web_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// The WARP pages over the demo's London WARP (every org a member, the
// voluntary sector reading only), as its members and administrator use
// them.

var advisoryLink = regexp.MustCompile(`^/warp/advisories/(\d+)$`)

// publishForm is the publish form as a browser sends it.
func publishForm(title, tlp, indicators string, extra ...string) url.Values {
	f := url.Values{"title": {title}, "summary": {"Seen this morning"}, "body": {"## Advice\n\nBlock it."}, "severity": {"high"},
		"community": {"london-warp"}, "tlp": {tlp}, "indicators": {indicators}}
	for i := 0; i+1 < len(extra); i += 2 {
		f.Add(extra[i], extra[i+1])
	}
	return f
}

func TestWarpPublishFlagsWarningsThenPublishes(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		author := a.signedIn(t, "warp@ashcombe.example")

		// A private address and Brentmere's own domain are on warning lists.
		form := publishForm("Warp page test: look-alike payroll site", "AMBER", "payroll-verify.example\n\n# our proxy\n10.20.30.40\nmail.brentmere.gov.uk")
		res := do(t, author, http.MethodPost, a.http.URL+"/warp/advisories", form, nil)
		if res.status != http.StatusUnprocessableEntity {
			t.Fatalf("flagged indicators answered %d", res.status)
		}
		for _, want := range []string{"2 of the indicators look like false positives", `id="flagged-indicators"`, "10.20.30.40", "private addresses",
			"mail.brentmere.gov.uk", "own domains of London Borough of Brentmere", `id="allow_warnings"`, `value="Warp page test: look-alike payroll site"`} {
			if !strings.Contains(res.body, want) {
				t.Errorf("the refused form lacks %q", want)
			}
		}

		// A value that is no indicator names its line in the box.
		res = do(t, author, http.MethodPost, a.http.URL+"/warp/advisories", publishForm("Bad line", "AMBER", "evil.example\nnot an indicator at all"), nil)
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Line 2: ") {
			t.Errorf("a bad indicator answered %d without naming line 2", res.status)
		}
		// TLP:RED needs named people.
		res = do(t, author, http.MethodPost, a.http.URL+"/warp/advisories", publishForm("Red to nobody", "RED", ""), nil)
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, `<a href="#people">`) {
			t.Errorf("RED without people answered %d", res.status)
		}

		form.Set("allow_warnings", "yes")
		res = do(t, author, http.MethodPost, a.http.URL+"/warp/advisories", form, nil)
		if res.status != http.StatusSeeOther || !advisoryLink.MatchString(res.location) {
			t.Fatalf("publishing anyway answered %d to %q", res.status, res.location)
		}
		page := do(t, author, http.MethodGet, a.http.URL+res.location, nil, nil)
		for _, want := range []string{"Published “Warp page test: look-alike payroll site” as TLP:AMBER", `ward-tlp-banner--amber"`,
			`<h4 class="govuk-heading-s">Advice</h4>`, "payroll-verify[.]example", "10[.]20[.]30[.]40", "On a warning list: private addresses",
			`action="` + res.location + `/updates"`, "Nobody has marked it as read yet."} {
			if !strings.Contains(page.body, want) {
				t.Errorf("the published advisory lacks %q", want)
			}
		}
	})
}

func TestWarpReadByFollowUpsAndRights(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		author := a.signedIn(t, "warp@ashcombe.example")
		res := do(t, author, http.MethodPost, a.http.URL+"/warp/advisories", publishForm("Warp page test: fake fines", "GREEN", "fines-portal.example"), nil)
		if res.status != http.StatusSeeOther {
			t.Fatalf("publish: %d", res.status)
		}
		link := res.location

		reader := a.signedIn(t, "warp@nthames-nhs.example")
		list := do(t, reader, http.MethodGet, a.http.URL+"/warp?tlp=GREEN&q=fines", nil, nil)
		if !strings.Contains(list.body, `href="`+link+`"`) || !strings.Contains(list.body, `<span class="govuk-visually-hidden">Not read</span>`) {
			t.Errorf("the reader's filtered list does not offer the unread advisory")
		}
		if res := do(t, reader, http.MethodPost, a.http.URL+link+"/acknowledge", url.Values{}, nil); res.status != http.StatusSeeOther {
			t.Fatalf("acknowledge: %d", res.status)
		}
		page := do(t, reader, http.MethodGet, a.http.URL+link, nil, nil)
		if !strings.Contains(page.body, "You have marked this as read") || strings.Contains(page.body, `id="read-by"`) {
			t.Errorf("the reader's page after reading: acknowledged shown %v, read-by shown %v",
				strings.Contains(page.body, "You have marked this as read"), strings.Contains(page.body, `id="read-by"`))
		}
		// Only the author's org adds updates.
		if res := do(t, reader, http.MethodPost, a.http.URL+link+"/updates", url.Values{"body": {"Not mine to say"}}, nil); res.status != http.StatusForbidden {
			t.Errorf("another org's update answered %d, want 403", res.status)
		}
		if res := do(t, author, http.MethodPost, a.http.URL+link+"/updates", url.Values{"body": {" "}}, nil); res.status != http.StatusUnprocessableEntity ||
			!strings.Contains(res.body, `<a href="#body-update">`) {
			t.Errorf("an empty update answered %d", res.status)
		}
		if res := do(t, author, http.MethodPost, a.http.URL+link+"/updates", url.Values{"body": {"The portal is **down** now."}}, nil); res.status != http.StatusSeeOther {
			t.Errorf("the author's update answered %d", res.status)
		}
		page = do(t, author, http.MethodGet, a.http.URL+link, nil, nil)
		if !strings.Contains(page.body, "The portal is <strong>down</strong> now.") {
			t.Errorf("the update is not shown rendered")
		}
		if rb := between(page.body, `id="read-by"`, "</table>"); !strings.Contains(rb, "Aled Rhys") || !strings.Contains(rb, "North Thames Community Health NHS Trust") {
			t.Errorf("the author's read-by list reads %q", rb)
		}
		// A number that is no advisory, and one that is not a number, are not found.
		for _, path := range []string{"/warp/advisories/999999", "/warp/advisories/x"} {
			if res := do(t, reader, http.MethodGet, a.http.URL+path, nil, nil); res.status != http.StatusNotFound {
				t.Errorf("GET %s: %d", path, res.status)
			}
		}
		// The officer's role is outside the WARP: no menu item, no pages.
		officer := a.signedIn(t, "it.officer@ashcombe.example")
		if home := do(t, officer, http.MethodGet, a.http.URL+"/", nil, nil); strings.Contains(home.body, `href="/warp"`) {
			t.Errorf("an officer's menu offers the WARP")
		}
		if home := do(t, reader, http.MethodGet, a.http.URL+"/", nil, nil); !strings.Contains(home.body, `<a class="govuk-service-navigation__link" href="/warp">WARP</a>`) {
			t.Errorf("a WARP member's menu has no WARP link")
		}
		if res := do(t, officer, http.MethodGet, a.http.URL+link, nil, nil); res.status != http.StatusForbidden {
			t.Errorf("an officer opening an advisory got %d", res.status)
		}
	})
}

func TestWarpCommunitiesForAdministrators(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		admin := a.signedIn(t, "admin@abc-shared.example")
		res := do(t, admin, http.MethodPost, a.http.URL+"/warp/communities", url.Values{"slug": {"nhs-partners"}, "name": {"NHS partners"}}, nil)
		if res.status != http.StatusSeeOther {
			t.Fatalf("create: %d", res.status)
		}
		if res := do(t, admin, http.MethodPost, a.http.URL+"/warp/communities", url.Values{"slug": {"nhs-partners"}, "name": {"Again"}}, nil); res.status != http.StatusUnprocessableEntity ||
			!strings.Contains(res.body, `<a href="#slug">`) {
			t.Errorf("a second community of the same slug answered %d", res.status)
		}
		if res := do(t, admin, http.MethodPost, a.http.URL+"/warp/communities/nhs-partners/members", url.Values{"org": {"nthames-nhs"}}, nil); res.status != http.StatusSeeOther {
			t.Errorf("add a reading member: %d", res.status)
		}
		if res := do(t, admin, http.MethodPost, a.http.URL+"/warp/communities/nhs-partners/members", url.Values{"org": {"brentmere"}, "can_publish": {"yes"}}, nil); res.status != http.StatusSeeOther {
			t.Errorf("add a publishing member: %d", res.status)
		}
		if res := do(t, admin, http.MethodPost, a.http.URL+"/warp/communities/nhs-partners/members", url.Values{"org": {"nowhere"}}, nil); res.status != http.StatusUnprocessableEntity ||
			!strings.Contains(res.body, `<a href="#org-nhs-partners">`) {
			t.Errorf("an unknown org answered %d", res.status)
		}
		if res := do(t, admin, http.MethodPost, a.http.URL+"/warp/communities/no-such/members", url.Values{"org": {"brentmere"}}, nil); res.status != http.StatusNotFound {
			t.Errorf("an unknown community answered %d", res.status)
		}
		if res := do(t, admin, http.MethodPost, a.http.URL+"/warp/communities/nhs-partners/members/remove", url.Values{"org": {"brentmere"}}, nil); res.status != http.StatusSeeOther {
			t.Errorf("remove: %d", res.status)
		}
		// The NHS trust's member sees its two communities and who is in them.
		nhs := do(t, a.signedIn(t, "warp@nthames-nhs.example"), http.MethodGet, a.http.URL+"/warp/communities", nil, nil)
		section := between(nhs.body, `id="community-nhs-partners"`, "</section>")
		if !strings.Contains(section, "North Thames Community Health NHS Trust") || strings.Contains(section, "Brentmere") ||
			!strings.Contains(section, "reading only") || strings.Contains(nhs.body, `action="/warp/communities`) {
			t.Errorf("the member's communities page reads %q", section)
		}
		// Members may not change communities.
		if res := do(t, a.signedIn(t, "warp@brentmere.example"), http.MethodPost, a.http.URL+"/warp/communities", url.Values{"slug": {"mine"}, "name": {"Mine"}}, nil); res.status != http.StatusForbidden {
			t.Errorf("a member making a community got %d", res.status)
		}
	})
}

func gzipped(s string) string {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	_, _ = zw.Write([]byte(s))
	_ = zw.Close()
	return b.String()
}

func TestWarpMatchImportAndExportPages(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		member := a.signedIn(t, "warp@ashcombe.example")

		// A feed, then logs that hit it: one plain, one gzipped.
		body, ct := feedUpload("feed.txt", "# blocklist\nmatch-page-one.example\nhxxp://match-page-two[.]example/x\n")
		res := send(t, member, http.MethodPost, a.http.URL+"/warp/import", body, ct, nil)
		if res.status != http.StatusOK || !strings.Contains(res.body, "2 new indicators") {
			t.Fatalf("import: %d %s", res.status, between(res.body, `<main`, `</form>`))
		}
		body, ct = logUpload(map[string]string{"share": "named"}, [2]string{"proxy.log", "GET http://match-page-two.example/x 200\nnothing here\n"},
			[2]string{"dns.log.gz", gzipped("q match-page-one.example A\nq other.example A\nq www.match-page-one.example A\n")})
		res = send(t, member, http.MethodPost, a.http.URL+"/warp/match", body, ct, nil)
		if res.status != http.StatusOK {
			t.Fatalf("match: %d", res.status)
		}
		hits := between(res.body, `id="hits"`, "</table>")
		for _, want := range []string{"proxy.log:1", "dns.log.gz:1", "dns.log.gz:3", "match-page-one[.]example", "hxxp://match-page-two[.]example/x"} {
			if !strings.Contains(hits, want) {
				t.Errorf("the hits lack %q: %s", want, hits)
			}
		}
		if !strings.Contains(res.body, "5 lines in 2 files") || !strings.Contains(res.body, "2 sightings recorded, shared with the organisation named") {
			t.Errorf("the match summary reads %q", between(res.body, `id="match-result"`, "</div>"))
		}
		seen := do(t, a.signedIn(t, "warp@brentmere.example"), http.MethodGet, a.http.URL+"/warp/sightings", nil, nil)
		if !strings.Contains(seen.body, "match-page-one[.]example") || !strings.Contains(seen.body, "London Borough of Ashcombe") || strings.Contains(seen.body, "dns[.]log") {
			t.Errorf("another member's sightings page does not show Ashcombe's named sighting without its log line")
		}
		// No file, and a form that is not multipart, are refused with the form.
		body, ct = logUpload(map[string]string{"share": "none"})
		if res := send(t, member, http.MethodPost, a.http.URL+"/warp/match", body, ct, nil); res.status != http.StatusUnprocessableEntity ||
			!strings.Contains(res.body, `<a href="#files">Choose one or more log files to check</a>`) {
			t.Errorf("a match without files answered %d", res.status)
		}

		// The export is the list's selection as a STIX bundle, audited.
		exp := do(t, member, http.MethodGet, a.http.URL+"/warp/export.json?tlp=GREEN", nil, nil)
		if exp.status != http.StatusOK || !strings.HasPrefix(exp.header.Get("Content-Type"), "application/stix+json") ||
			!strings.Contains(exp.header.Get("Content-Disposition"), "attachment") || !strings.Contains(exp.body, `"type": "bundle"`) && !strings.Contains(exp.body, `"type":"bundle"`) {
			t.Fatalf("export: %d %s %q", exp.status, exp.header.Get("Content-Type"), truncateFor(exp.body))
		}
		if !strings.Contains(exp.body, "match-page-one.example") {
			t.Errorf("the GREEN export lacks the GREEN feed's indicator")
		}
		entries, err := a.store.AuditEntries(context.Background(), tenancy.ForSystem(tenancy.JobTest), store.AuditQuery{Action: string(audit.Export), Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) == 0 || entries[0].Actor != "user:warp@ashcombe.example" || !strings.Contains(entries[0].Target, "STIX") {
			t.Errorf("the export is not in the audit log: %+v", entries)
		}
	})
}

func truncateFor(s string) string {
	if len(s) > 300 {
		return s[:300]
	}
	return s
}

func feedUpload(name, content string) (*bytes.Buffer, string) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("community", "london-warp")
	_ = mw.WriteField("tlp", "GREEN")
	_ = mw.WriteField("flagged", "refuse")
	w, _ := mw.CreateFormFile("file", name)
	_, _ = w.Write([]byte(content))
	_ = mw.Close()
	return &body, mw.FormDataContentType()
}

func logUpload(fields map[string]string, files ...[2]string) (*bytes.Buffer, string) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	if len(files) == 0 {
		_, _ = mw.CreateFormFile("files", "") // a file input left empty
	}
	for _, f := range files {
		w, _ := mw.CreateFormFile("files", f[0])
		_, _ = w.Write([]byte(f[1]))
	}
	_ = mw.Close()
	return &body, mw.FormDataContentType()
}
