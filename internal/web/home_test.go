package web_test

import (
	"html"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// homeFigureRE reads one figure of the home page: its link, number and label.
var homeFigureRE = regexp.MustCompile(`href="([^"]+)"><span class="govuk-!-font-size-48 home-figure">([^<]+)</span><br>([^<]+)</a>`)

type shownFigure struct{ href, count, label string }

// homeFigures is every figure on a home page, in order.
func homeFigures(body string) []shownFigure {
	var out []shownFigure
	for _, m := range homeFigureRE.FindAllStringSubmatch(body, -1) {
		out = append(out, shownFigure{href: html.UnescapeString(m[1]), count: m[2], label: m[3]})
	}
	return out
}

// listCount is the count a list page shows, as a number written like the
// home writes it: tickets in their caption, findings in their total.
func listCount(t *testing.T, body string) string {
	t.Helper()
	if m := regexp.MustCompile(`id="ticket-count">([^<]+?) tickets?<`).FindStringSubmatch(body); m != nil {
		return m[1]
	}
	if strings.Contains(body, "No tickets match.") || strings.Contains(body, `id="no-findings"`) {
		return "0"
	}
	if m := regexp.MustCompile(`id="advisory-count">([0-9,]+) advisor(y|ies)<`).FindStringSubmatch(body); m != nil {
		return m[1]
	}
	if strings.Contains(body, `id="no-advisories"`) {
		return "0"
	}
	if m := regexp.MustCompile(`id="total">([0-9,]+) findings?,`).FindStringSubmatch(body); m != nil {
		return m[1]
	}
	if m := regexp.MustCompile(`id="sighting-count">([0-9,]+) sightings?<`).FindStringSubmatch(body); m != nil {
		return m[1]
	}
	t.Fatalf("the list shows no count:\n%s", body)
	return ""
}

// Each role's home leads to its work: the figures it should see, each a
// link to a list whose count is the figure, and the links it works from.
func TestEachRolesHomeLeadsToTheListsBehindItsFigures(t *testing.T) {
	agent := []string{"Your open tickets", "Open tickets nobody is working on", "Open tickets breaching within 4 working hours",
		"Tickets opened today", "Tickets resolved today"}
	posture := []string{"Open findings", "Findings first seen in the last 7 days", "New paths to Tier Zero in the last 7 days"}
	warp := []string{"Advisories you have not read", "Indicators seen in your logs in the last 30 days"}
	roles := []struct {
		email   string
		figures []string // the start of each label, in order
		links   []string // hrefs the home must offer
		raise   bool
	}{
		{"agent@abc-shared.example", agent, nil, false},
		{"analyst@abc-shared.example", append(append([]string(nil), posture...), warp...), []string{"/warp/sightings"}, false},
		{"it.officer@ashcombe.example", append([]string{"Open tickets", "Tickets resolved this month", "Resolved this month within target"}, posture...), nil, true},
		{"committee@ashcombe.example", nil, []string{"/reports/sla?from=", "/reports/sla?"}, false},
		{"warp@ashcombe.example", warp, []string{"/warp/sightings"}, false},
		{"admin@abc-shared.example", append(append(append([]string(nil), agent...), posture...), warp...),
			[]string{"/admin/audit", "/reports/sla", "/admin/audit?action=ticket.import", "/reports/sla?org=all&amp;period=last-quarter"}, false},
	}
	eachApp(t, func(t *testing.T, a *app) {
		for _, role := range roles {
			c := a.signedIn(t, role.email)
			home := do(t, c, "GET", a.http.URL+"/", nil, nil)
			if home.status != 200 {
				t.Fatalf("%s: home answered %d", role.email, home.status)
			}
			figs := homeFigures(home.body)
			var labels []string
			for _, f := range figs {
				labels = append(labels, f.label)
			}
			if len(labels) != len(role.figures) {
				t.Errorf("%s: home figures %q, want %q", role.email, labels, role.figures)
			}
			for i := range min(len(labels), len(role.figures)) {
				if !strings.HasPrefix(labels[i], role.figures[i]) {
					t.Errorf("%s: figure %d is %q, want %q", role.email, i+1, labels[i], role.figures[i])
				}
			}
			for _, f := range figs {
				list := do(t, c, "GET", a.http.URL+f.href, nil, nil)
				if list.status != 200 {
					t.Errorf("%s: %q links to %s, which answered %d", role.email, f.label, f.href, list.status)
					continue
				}
				if got := listCount(t, list.body); strings.ReplaceAll(got, ",", "") != strings.ReplaceAll(f.count, ",", "") {
					t.Errorf("%s: home says %s %q, but %s counts %s", role.email, f.count, f.label, f.href, got)
				}
			}
			for _, href := range role.links {
				if !strings.Contains(home.body, `href="`+href) {
					t.Errorf("%s: home has no link to %s", role.email, href)
				}
			}
			if got := strings.Contains(home.body, `id="raise-ticket"`); got != role.raise {
				t.Errorf("%s: Raise a ticket button shown %v, want %v", role.email, got, role.raise)
			}
		}
	})
}

// The filters the home's figures need narrow their lists, and a value the
// list does not know is refused rather than ignored.
func TestTheHomesFiltersNarrowTheirLists(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		c := a.signedIn(t, "analyst@abc-shared.example")
		all := listCount(t, do(t, c, "GET", a.http.URL+"/findings", nil, nil).body)
		if all == "0" {
			t.Fatal("the demo has no findings to filter")
		}
		if got := listCount(t, do(t, c, "GET", a.http.URL+"/findings?since=2000-01-01", nil, nil).body); got != all {
			t.Errorf("findings since 2000: %s, want all %s", got, all)
		}
		if got := listCount(t, do(t, c, "GET", a.http.URL+"/findings?since=2999-01-01", nil, nil).body); got != "0" {
			t.Errorf("findings since 2999: %s, want none", got)
		}
		if res := do(t, c, "GET", a.http.URL+"/findings?since=last-week", nil, nil); res.status != 400 || !strings.Contains(res.body, "Enter the first day as a date") {
			t.Errorf("since=last-week answered %d without naming the field", res.status)
		}
		agent := a.signedIn(t, "agent@abc-shared.example")
		if res := do(t, agent, "GET", a.http.URL+"/tickets?opened=yesterday", nil, nil); res.status != 400 || !strings.Contains(res.body, "Choose today") {
			t.Errorf("opened=yesterday answered %d without naming the field", res.status)
		}
		today := listCount(t, do(t, agent, "GET", a.http.URL+"/tickets?opened=today", nil, nil).body)
		csvBody := do(t, agent, "GET", a.http.URL+"/tickets.csv?opened=today", nil, nil).body
		if rows := strings.Count(strings.TrimSpace(csvBody), "\n"); strconv.Itoa(rows) != today {
			t.Errorf("the CSV of tickets opened today has %d rows, the list counts %s", rows, today)
		}

		member := a.signedIn(t, "warp@ashcombe.example")
		unread := func() string {
			for _, f := range homeFigures(do(t, member, "GET", a.http.URL+"/", nil, nil).body) {
				if f.href == "/warp?unread=1" {
					return f.count
				}
			}
			t.Fatal("the member's home has no unread advisories figure")
			return ""
		}
		before := unread()
		list := do(t, member, "GET", a.http.URL+"/warp?unread=1", nil, nil).body
		m := regexp.MustCompile(`href="(/warp/advisories/[0-9]+)"`).FindStringSubmatch(list)
		if m == nil {
			t.Fatalf("the member has no unread advisory to read (home says %s)", before)
		}
		// Opening an advisory reads it, though only "Mark as read" tells
		// its author so.
		if page := do(t, member, "GET", a.http.URL+m[1], nil, nil).body; !strings.Contains(page, `id="mark-read"`) {
			t.Errorf("opening %s marked it read for its author", m[1])
		}
		after := unread()
		if after != strconv.Itoa(mustAtoi(t, before)-1) {
			t.Errorf("opening %s took the unread figure from %s to %s", m[1], before, after)
		}
		if got := listCount(t, do(t, member, "GET", a.http.URL+"/warp?unread=1", nil, nil).body); got != after {
			t.Errorf("after opening one the list counts %s, the home %s", got, after)
		}
		if strings.Contains(do(t, member, "GET", a.http.URL+"/warp?unread=1", nil, nil).body, `href="`+m[1]+`"`) {
			t.Errorf("%s, opened, is still listed unread", m[1])
		}
		do(t, member, "POST", a.http.URL+m[1]+"/acknowledge", url.Values{}, nil)
		if got := unread(); got != after {
			t.Errorf("marking an opened advisory read moved the unread figure from %s to %s", after, got)
		}
	})
}

func mustAtoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(strings.ReplaceAll(s, ",", ""))
	if err != nil {
		t.Fatalf("%q is not a count", s)
	}
	return n
}
