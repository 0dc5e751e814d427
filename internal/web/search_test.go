package web_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/store/storetest"
)

// resultGroup is one kind's group of the search page.
func resultGroup(body, kind string) string {
	_, after, ok := strings.Cut(body, `id="results-`+kind+`"`)
	if !ok {
		return ""
	}
	s, _, _ := strings.Cut(after, "</section>")
	return s
}

// searchFor runs the header's search as a signed-in user.
func searchFor(t *testing.T, a *app, email, q string) response {
	t.Helper()
	return do(t, a.signedIn(t, email), "GET", a.http.URL+"/search?q="+url.QueryEscape(q), nil, nil)
}

// The search box finds each kind of record the user may see, by reference,
// number, serial, name or e-mail address, and links to its page.
func TestSearchFindsEachKindByWhatPeopleType(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		ash := a.tickets["ashcombe"][0]
		number := ash.Ref[strings.LastIndexByte(ash.Ref, '-')+1:]
		ids := seedIdentity(t, a.store)
		for _, c := range []struct{ who, q, section, link string }{
			{"agent@abc-shared.example", ash.Ref, "tickets", `href="/tickets/` + ash.Ref + `"`},
			{"agent@abc-shared.example", strings.ToLower(ash.Ref), "tickets", `href="/tickets/` + ash.Ref + `"`},
			{"it.officer@ashcombe.example", number, "tickets", `href="/tickets/` + ash.Ref + `"`},
			{"it.officer@ashcombe.example", "open ticket", "tickets", `href="/tickets/` + ash.Ref + `"`},
			{"agent@abc-shared.example", "ashcombe caller", "people", "ashcombe caller"},
			{"analyst@abc-shared.example", "ASHCOMBE-SN1", "devices", `href="/posture/ashcombe/devices?q=ASHCOMBE-SN1"`},
			{"analyst@abc-shared.example", "ashcombe-lt-2@ashcombe.gov.uk", "devices", "ASHCOMBE-LT-2"},
			{"analyst@abc-shared.example", ids["ashcombe"].jo, "directory", `href="/identity/ashcombe/principals/`},
		} {
			res := searchFor(t, a, c.who, c.q)
			got := resultGroup(res.body, c.section)
			if res.status != 200 || !strings.Contains(got, c.link) {
				t.Errorf("%s searching %q: %d, the %s group does not show %s:\n%s", c.who, c.q, res.status, c.section, c.link, got)
			}
		}
		// An exact reference says so, and is first.
		res := searchFor(t, a, "agent@abc-shared.example", ash.Ref)
		first := between(resultGroup(res.body, "tickets"), "<li>", "</li>")
		if !strings.Contains(first, ash.Ref) || !strings.Contains(first, "Exact match") {
			t.Errorf("the exact reference is not the first result, marked exact: %s", first)
		}
		// An empty box says what to type; nothing found says so.
		if res := searchFor(t, a, "agent@abc-shared.example", "   "); res.status != 400 || !strings.Contains(res.body, "Enter a reference") {
			t.Errorf("an empty search: %d", res.status)
		}
		if res := searchFor(t, a, "agent@abc-shared.example", "no-such-thing-anywhere"); res.status != 200 || !strings.Contains(res.body, `id="no-results"`) {
			t.Errorf("a search finding nothing: %d", res.status)
		}
		// The header carries the box, labelled, on every signed-in page.
		home := do(t, a.signedIn(t, "agent@abc-shared.example"), "GET", a.http.URL+"/", nil, nil)
		if !strings.Contains(home.body, `for="header-search"`) || !strings.Contains(home.body, `action="/search"`) {
			t.Error("the header has no labelled search box")
		}
	})
}

// A council's officer finds nothing of another council's: not its tickets
// by reference or title, not its devices by serial, not its callers; and
// the page says nothing was found rather than how much was hidden.
func TestSearchStaysInTheUsersScope(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		brent := a.tickets["brentmere"][0]
		seedIdentity(t, a.store)
		for _, q := range []string{brent.Ref, brent.Title, "BRENTMERE-SN1", "brentmere-lt-1@brentmere.gov.uk", "brentmere caller"} {
			res := searchFor(t, a, "it.officer@ashcombe.example", q)
			lower := strings.ToLower(strings.ReplaceAll(res.body, `value="`+q+`"`, ""))
			lower = strings.ReplaceAll(lower, strings.ToLower("“"+q+"”"), "")
			if res.status != 200 || strings.Contains(lower, "brentmere") || !strings.Contains(res.body, `id="no-results"`) {
				t.Errorf("searching %q as Ashcombe's officer: %d, shows something of Brentmere's:\n%s", q, res.status, between(res.body, "<main", "</main>"))
			}
		}
	})
}

// The API answers the same groups, for a token, within its scope.
func TestSearchAPI(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		_, officer := a.token(t, "ashcombe", "officer", time.Hour)
		c := a.browser()
		ash, brent := a.tickets["ashcombe"][0], a.tickets["brentmere"][0]
		res := do(t, c, "GET", a.http.URL+"/api/v1/search?q="+url.QueryEscape(ash.Ref), nil, bearer(officer))
		var got struct {
			Query  string
			Groups []struct {
				Kind string
				Hits []struct {
					Title, Path string
					Exact       bool
				}
			}
		}
		if err := json.Unmarshal([]byte(res.body), &got); err != nil || res.status != 200 {
			t.Fatalf("%d %v: %s", res.status, err, res.body)
		}
		if len(got.Groups) == 0 || got.Groups[0].Kind != "tickets" || got.Groups[0].Hits[0].Path != "/tickets/"+ash.Ref || !got.Groups[0].Hits[0].Exact {
			t.Errorf("the API does not find %s first: %s", ash.Ref, res.body)
		}
		res = do(t, c, "GET", a.http.URL+"/api/v1/search?q="+url.QueryEscape(brent.Ref), nil, bearer(officer))
		if res.status != 200 || strings.Contains(res.body, brent.Ref+" ") || !strings.Contains(res.body, `"groups": []`) {
			t.Errorf("another council's ticket is found through the API: %s", res.body)
		}
		if res := do(t, c, "GET", a.http.URL+"/api/v1/search?q=", nil, bearer(officer)); res.status != 422 || !strings.Contains(res.body, `"field":"q"`) {
			t.Errorf("an empty query through the API: %d %s", res.status, res.body)
		}
	})
}

// Advisories and indicators are found only where their TLP marking lets
// the user see them: an AMBER+STRICT or RED item is never found by anyone
// outside its audience. An indicator is found by its value written
// defanged, as analysts paste it.
func TestSearchKeepsTLP(t *testing.T) {
	for _, engine := range storetest.Engines() {
		t.Run(engine.Name, func(t *testing.T) {
			t.Parallel()
			w := seedTLPWorld(t, newApp(t, engine))
			for _, v := range w.viewers(t) {
				for _, it := range w.items {
					for _, c := range []struct{ q, marker, group string }{
						{it.title, it.title, "advisories"},
						{strings.Replace(it.dns, ".example", "[.]example", 1), it.dns, "indicators"},
					} {
						path := "/search?q=" + url.QueryEscape(c.q)
						if v.client == nil {
							path = "/api/v1/search?q=" + url.QueryEscape(c.q)
						}
						res := w.get(t, v, path)
						body := strings.NewReplacer(`value="`+c.q+`"`, "", "“"+c.q+"”", "", `"query": "`+c.q+`"`, "", "q="+url.QueryEscape(c.q), "", "q="+url.QueryEscape(c.marker), "").Replace(res.body)
						if v.client != nil {
							body = resultGroup(body, c.group)
						}
						has := strings.Contains(body, c.marker)
						if sees := v.viewer.Sees(it.share); res.status != 200 || has != sees {
							t.Errorf("%s searching %q (%s): status %d, found %v, may see %v", v.label, c.q, it.share.Marking, res.status, has, sees)
						}
					}
				}
			}
		})
	}
}
