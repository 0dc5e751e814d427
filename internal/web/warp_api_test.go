package web_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// warpToken is a bearer header for an hour-long token of the role in the org.
func (a *app) warpToken(t *testing.T, slug, role string) map[string]string {
	t.Helper()
	_, secret := a.token(t, slug, role, time.Hour)
	return bearer(secret)
}

// problemOf reads an RFC 9457 problem document.
type problemDoc struct {
	Title   string `json:"title"`
	Status  int    `json:"status"`
	Detail  string `json:"detail"`
	Errors  []struct{ Field, Detail string }
	Flagged []struct {
		Indicator struct{ Type, Value string } `json:"indicator"`
	} `json:"flagged"`
}

func problemOf(t *testing.T, res response) problemDoc {
	t.Helper()
	if ct := res.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("a %d answered %q, want application/problem+json: %s", res.status, ct, res.body)
	}
	var p problemDoc
	if err := json.Unmarshal([]byte(res.body), &p); err != nil {
		t.Fatalf("%v: %s", err, res.body)
	}
	return p
}

func TestWarpAPIPublishReadAndRefuse(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		c := a.browser()
		ash, brent, cva := a.warpToken(t, "ashcombe", "member"), a.warpToken(t, "brentmere", "member"), a.warpToken(t, "calderwick-cva", "member")
		api := a.http.URL + "/api/v1/warp"

		// The warning lists stop a publication, naming what they flagged.
		body := `{"community":"london-warp","tlp":"AMBER+STRICT","orgs":["brentmere"],"title":"API test: VPN brute force","summary":"Seen overnight",
			"body":"Block **these**.","severity":"high","indicators":[{"value":"198.51.100.77"},{"value":"192.168.1.10"}]}`
		res := doJSON(t, c, http.MethodPost, api+"/advisories", body, ash)
		if p := problemOf(t, res); res.status != http.StatusUnprocessableEntity || len(p.Flagged) != 1 || p.Flagged[0].Indicator.Value != "192.168.1.10" ||
			!strings.Contains(p.Detail, "allow_warnings") {
			t.Fatalf("a flagged publication: %d %+v", res.status, p)
		}
		res = doJSON(t, c, http.MethodPost, api+"/indicators/check", `{"community":"london-warp","indicators":[{"value":"8.8.8.8"},{"value":"evil.example"}]}`, ash)
		if res.status != http.StatusOK || !strings.Contains(res.body, `"list": "public resolvers"`) || strings.Contains(res.body, "evil.example") {
			t.Errorf("check: %d %s", res.status, res.body)
		}
		res = doJSON(t, c, http.MethodPost, api+"/advisories", strings.Replace(body, `"severity"`, `"allow_warnings":true,"severity"`, 1), ash)
		if res.status != http.StatusCreated {
			t.Fatalf("publish anyway: %d %s", res.status, res.body)
		}
		var adv struct {
			ID   int64  `json:"id"`
			TLP  string `json:"tlp"`
			Rule string `json:"tlp_rule"`
		}
		_ = json.Unmarshal([]byte(res.body), &adv)
		link := api + "/advisories/" + strconv.FormatInt(adv.ID, 10)
		if adv.TLP != "AMBER+STRICT" || !strings.Contains(adv.Rule, "only within their own organisation") || res.header.Get("Location") != strings.TrimPrefix(link, a.http.URL) {
			t.Errorf("published: %+v at %q", adv, res.header.Get("Location"))
		}

		// Brentmere, named, reads it; the voluntary sector, not named, finds
		// nothing there, exactly as for an id that does not exist.
		res = do(t, c, http.MethodGet, link, nil, brent)
		if res.status != http.StatusOK || !strings.Contains(res.body, `"value": "198.51.100.77"`) || !strings.Contains(res.body, `"author": "London Borough of Ashcombe"`) ||
			strings.Contains(res.body, `"read_by"`) {
			t.Errorf("the named org's view: %d %s", res.status, res.body)
		}
		for _, path := range []string{link, api + "/advisories/99999999"} {
			res = do(t, c, http.MethodGet, path, nil, cva)
			if p := problemOf(t, res); res.status != http.StatusNotFound || p.Title != "Not found" || strings.Contains(res.body, "VPN") {
				t.Errorf("GET %s as the voluntary sector: %d %+v", path, res.status, p)
			}
		}
		if res := do(t, c, http.MethodGet, api+"/advisories?q=VPN+brute", nil, cva); strings.Contains(res.body, "VPN brute") {
			t.Errorf("a search by an org outside the audience finds the advisory")
		}

		// A token is no person: it cannot acknowledge (but still learns
		// nothing of what it may not see).
		res = do(t, c, http.MethodPost, link+"/acknowledge", nil, brent)
		if p := problemOf(t, res); res.status != http.StatusUnprocessableEntity || len(p.Errors) != 1 || p.Errors[0].Field != "user" ||
			!strings.Contains(p.Detail, "sign in") {
			t.Errorf("a token acknowledging: %d %+v", res.status, p)
		}
		if res := do(t, c, http.MethodPost, link+"/acknowledge", nil, cva); res.status != http.StatusNotFound {
			t.Errorf("a token acknowledging what it may not see: %d", res.status)
		}

		// Follow-ups: the author's org only; an unseen advisory is 404 whatever the body.
		if res := doJSON(t, c, http.MethodPost, link+"/updates", `{"body":"Blocked at the edge."}`, ash); res.status != http.StatusCreated {
			t.Errorf("the author's update: %d %s", res.status, res.body)
		}
		if res := doJSON(t, c, http.MethodPost, link+"/updates", `{"body":"Not ours."}`, brent); res.status != http.StatusForbidden {
			t.Errorf("a reader's update: %d", res.status)
		}
		if res := doJSON(t, c, http.MethodPost, link+"/updates", `{"nonsense":1}`, cva); res.status != http.StatusNotFound {
			t.Errorf("an outsider's update: %d", res.status)
		}
		if res := do(t, c, http.MethodGet, link, nil, ash); !strings.Contains(res.body, "Blocked at the edge.") || !strings.Contains(res.body, `"read_by"`) &&
			!strings.Contains(res.body, `"follow_ups"`) {
			t.Errorf("the author's view lacks the update: %s", res.body)
		}

		// Bad filters and bodies answer with the field.
		res = do(t, c, http.MethodGet, api+"/advisories?tlp=purple", nil, ash)
		if p := problemOf(t, res); res.status != http.StatusUnprocessableEntity || len(p.Errors) != 1 || p.Errors[0].Field != "tlp" {
			t.Errorf("an unknown TLP: %d %+v", res.status, p)
		}
		res = doJSON(t, c, http.MethodPost, api+"/advisories", `{"community":"london-warp","tlp":"RED","people":["warp@brentmere.example"],"title":"Red by token"}`, ash)
		if p := problemOf(t, res); res.status != http.StatusUnprocessableEntity || len(p.Errors) != 1 || p.Errors[0].Field != "tlp" {
			t.Errorf("RED from a token: %d %+v", res.status, p)
		}
		res = doJSON(t, c, http.MethodPost, api+"/advisories", `{"community":"london-warp","tlp":"GREEN","title":"Reader publishes"}`, cva)
		if p := problemOf(t, res); res.status != http.StatusUnprocessableEntity || !strings.Contains(p.Detail, "may not publish") {
			t.Errorf("a reading member publishing: %d %+v", res.status, p)
		}
		if res := doJSON(t, c, http.MethodPost, api+"/advisories", `{"titel":"typo"}`, ash); res.status != http.StatusBadRequest {
			t.Errorf("an unknown field: %d", res.status)
		}

		// Lists carry what the token may see.
		res = do(t, c, http.MethodGet, api+"/indicators?advisory="+strconv.FormatInt(adv.ID, 10), nil, brent)
		if res.status != http.StatusOK || !strings.Contains(res.body, `"198.51.100.77"`) || !strings.Contains(res.body, `"tlp": "AMBER+STRICT"`) {
			t.Errorf("indicators of the advisory for Brentmere: %d %s", res.status, res.body)
		}
		if res := do(t, c, http.MethodGet, api+"/indicators?q=198.51.100.77", nil, cva); strings.Contains(res.body, "198.51.100.77") {
			t.Errorf("the voluntary sector's indicator search finds the AMBER+STRICT indicator")
		}
		if res := do(t, c, http.MethodGet, api+"/indicators?limit=0", nil, ash); res.status != http.StatusUnprocessableEntity {
			t.Errorf("limit=0: %d", res.status)
		}
	})
}

func TestWarpAPICommunitiesMatchImportExport(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		c := a.browser()
		admin, ash, brent := a.warpToken(t, "abc-shared", "admin"), a.warpToken(t, "ashcombe", "member"), a.warpToken(t, "brentmere", "member")
		api := a.http.URL + "/api/v1"

		if res := doJSON(t, c, http.MethodPost, api+"/warp/communities", `{"slug":"api-test","name":"API test","description":"Made by the test"}`, admin); res.status != http.StatusCreated {
			t.Fatalf("create: %d %s", res.status, res.body)
		}
		if res := doJSON(t, c, http.MethodPost, api+"/warp/communities", `{"slug":"mine","name":"Mine"}`, ash); res.status != http.StatusForbidden {
			t.Errorf("a member creating a community: %d", res.status)
		}
		if res := do(t, c, http.MethodPut, api+"/warp/communities/api-test/members/ashcombe", nil, admin); res.status != http.StatusOK ||
			!strings.Contains(res.body, `"org": "ashcombe"`) || !strings.Contains(res.body, `"can_publish": true`) {
			t.Errorf("put a member: %d %s", res.status, res.body)
		}
		if res := doJSON(t, c, http.MethodPut, api+"/warp/communities/api-test/members/brentmere", `{"can_publish":false}`, admin); res.status != http.StatusOK {
			t.Errorf("put a reader: %d", res.status)
		}
		for path, want := range map[string]int{"/warp/communities/nowhere/members/ashcombe": 404, "/warp/communities/api-test/members/nowhere": 404} {
			if res := do(t, c, http.MethodPut, api+path, nil, admin); res.status != want {
				t.Errorf("PUT %s: %d, want %d", path, res.status, want)
			}
		}
		res := do(t, c, http.MethodGet, api+"/warp/communities", nil, brent)
		if res.status != http.StatusOK || !strings.Contains(res.body, `"slug": "api-test"`) || !strings.Contains(res.body, `"slug": "london-warp"`) {
			t.Errorf("Brentmere's communities: %d %s", res.status, res.body)
		}
		if res := do(t, c, http.MethodGet, api+"/warp/communities/api-test", nil, a.warpToken(t, "calderwick", "member")); res.status != http.StatusNotFound {
			t.Errorf("a community of others: %d", res.status)
		}
		if res := do(t, c, http.MethodDelete, api+"/warp/communities/api-test/members/brentmere", nil, admin); res.status != http.StatusNoContent {
			t.Errorf("delete a member: %d", res.status)
		}
		if res := do(t, c, http.MethodDelete, api+"/warp/communities/api-test/members/brentmere", nil, admin); res.status != http.StatusNotFound {
			t.Errorf("delete it again: %d", res.status)
		}

		// A feed into the new community, then a match over two logs.
		res = send(t, c, http.MethodPost, api+"/warp/import?community=api-test&tlp=GREEN&filename=feed.txt", strings.NewReader("api-feed-one.example\n203.0.113.200\n"), "text/plain", ash)
		if res.status != http.StatusOK || !strings.Contains(res.body, `"indicators": 2`) || !strings.Contains(res.body, `"format": "list"`) {
			t.Fatalf("import: %d %s", res.status, res.body)
		}
		if res := send(t, c, http.MethodPost, api+"/warp/import?community=api-test&tlp=RED", strings.NewReader("x.example\n"), "text/plain", ash); res.status != http.StatusUnprocessableEntity {
			t.Errorf("a RED feed: %d", res.status)
		}
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		w, _ := mw.CreateFormFile("file", "fw.log")
		_, _ = w.Write([]byte("allow 203.0.113.200:443\nallow 192.0.2.1:80\n"))
		w, _ = mw.CreateFormFile("file", "dns.log.gz")
		_, _ = w.Write([]byte(gzipped("query api-feed-one.example\n")))
		_ = mw.Close()
		res = send(t, c, http.MethodPost, api+"/orgs/ashcombe/warp/match?share=none", &body, mw.FormDataContentType(), ash)
		var rep struct {
			Lines int `json:"lines"`
			Files int `json:"files"`
			Hits  []struct {
				File, Indicator, Type string
				Line                  int
				TLP                   string `json:"tlp"`
			} `json:"hits"`
			SharedAs string `json:"shared_as"`
		}
		_ = json.Unmarshal([]byte(res.body), &rep)
		// The demo's AMBER feed and advisories are matched too; the GREEN
		// hits are this test's feed.
		green := rep.Hits[:0]
		for _, h := range rep.Hits {
			if h.TLP == "GREEN" {
				green = append(green, h)
			}
		}
		rep.Hits = green
		if res.status != http.StatusOK || rep.Lines != 3 || rep.Files != 2 || len(rep.Hits) != 2 || rep.SharedAs != "none" {
			t.Fatalf("match: %d %s", res.status, res.body)
		}
		if h := rep.Hits[0]; h.File != "fw.log" || h.Line != 1 || h.Indicator != "203.0.113.200" || h.Type != "ipv4" || h.TLP != "GREEN" {
			t.Errorf("the first hit: %+v", h)
		}
		if h := rep.Hits[1]; h.File != "dns.log.gz" || h.Line != 1 || h.Indicator != "api-feed-one.example" || h.Type != "domain" {
			t.Errorf("the second hit: %+v", h)
		}
		// A raw body is one log; another org's logs are not the token's to match.
		res = send(t, c, http.MethodPost, api+"/orgs/ashcombe/warp/match?dry_run=true", strings.NewReader("nothing\n"), "text/plain", ash)
		if res.status != http.StatusOK || !strings.Contains(res.body, `"hits": []`) || !strings.Contains(res.body, `"lines": 1`) {
			t.Errorf("a raw log: %d %s", res.status, res.body)
		}
		if res := send(t, c, http.MethodPost, api+"/orgs/brentmere/warp/match", strings.NewReader("203.0.113.200\n"), "text/plain", ash); res.status != http.StatusNotFound {
			t.Errorf("matching another org's logs: %d", res.status)
		}
		if res := send(t, c, http.MethodPost, api+"/orgs/ashcombe/warp/match?share=everyone", strings.NewReader("x\n"), "text/plain", ash); res.status != http.StatusUnprocessableEntity {
			t.Errorf("an unknown share: %d", res.status)
		}
		res = do(t, c, http.MethodGet, api+"/warp/sightings?own=true", nil, ash)
		if res.status != http.StatusOK || !strings.Contains(res.body, `"shared": false`) || !strings.Contains(res.body, "203.0.113.200") {
			t.Errorf("own sightings: %d %s", res.status, res.body)
		}
		if res := do(t, c, http.MethodGet, api+"/warp/sightings", nil, brent); strings.Contains(res.body, "203.0.113.200") {
			t.Errorf("a sighting kept to Ashcombe reaches Brentmere")
		}

		// The export is a STIX bundle of what the token may see.
		res = do(t, c, http.MethodGet, api+"/warp/export?community=api-test", nil, ash)
		if res.status != http.StatusOK || !strings.HasPrefix(res.header.Get("Content-Type"), "application/stix+json") || !strings.Contains(res.body, "api-feed-one.example") {
			t.Errorf("export: %d %q", res.status, res.header.Get("Content-Type"))
		}
		if res := do(t, c, http.MethodGet, api+"/warp/export?community=api-test", nil, a.warpToken(t, "calderwick", "member")); strings.Contains(res.body, "api-feed-one.example") {
			t.Errorf("an org outside the community exports its GREEN feed")
		}
		if res := do(t, c, http.MethodGet, api+"/warp/export?advisory=x", nil, ash); res.status != http.StatusUnprocessableEntity {
			t.Errorf("a bad advisory id: %d", res.status)
		}
	})
}
