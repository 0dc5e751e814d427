package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/store"
)

// homeCount is the figure the home of c shows for the list at href.
func homeCount(t *testing.T, a *app, c *http.Client, href string) string {
	t.Helper()
	for _, f := range homeFigures(do(t, c, "GET", a.http.URL+"/", nil, nil).body) {
		if f.href == href {
			return f.count
		}
	}
	t.Fatalf("the home has no figure linking to %s", href)
	return ""
}

// The desk's figures follow the tickets: a P1 ticket raised at ten on a
// working day is near breach twenty minutes later (its four working hours end at
// two, within the next four), a P4 one is not, and once resolved the P1
// counts as resolved today and within target, and is near breach no more.
func TestTheDesksHomeFollowsTicketsNearBreachAndResolved(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		now := time.Now().In(london)
		tuesday := time.Date(now.Year(), now.Month(), now.Day(), 10, 0, 0, 0, london)
		for tuesday = tuesday.AddDate(0, 0, 1); tuesday.Weekday() != time.Tuesday; tuesday = tuesday.AddDate(0, 0, 1) {
		}
		at := func(d time.Time) { a.store.SetClock(func() time.Time { return d }) }
		at(tuesday)
		defer a.store.SetClock(time.Now)
		officer := a.signedIn(t, "it.officer@ashcombe.example")
		agent := a.signedIn(t, "agent@abc-shared.example")
		raise := func(title, level string) string {
			res := do(t, officer, "POST", a.http.URL+"/tickets", url.Values{"type": {"incident"}, "title": {title},
				"impact": {level}, "urgency": {level}}, nil)
			if res.status != http.StatusSeeOther {
				t.Fatalf("raise %s: %d", title, res.status)
			}
			return strings.TrimPrefix(res.location, "/tickets/")
		}
		const soon, today, month, met = "/tickets?breach=soon&sort=due", "/tickets?resolved=today", "/tickets?resolved=month", "/tickets?resolved=month&sla=met"
		// The figures before are read at the same moment as those after:
		// the demo's own tickets move towards breach as the clock moves, and
		// one may cross into the window in those twenty minutes.
		at(tuesday.Add(20 * time.Minute)) // within a session's idle time
		nearBefore, resolvedBefore := homeCount(t, a, agent, soon), homeCount(t, a, agent, today)
		monthBefore, metBefore := homeCount(t, a, officer, month), homeCount(t, a, officer, met)
		at(tuesday)
		urgent, later := raise("Switch down in the depot", "high"), raise("New starter's keyboard", "low")
		at(tuesday.Add(20 * time.Minute))
		list := do(t, agent, "GET", a.http.URL+soon, nil, nil).body
		if !strings.Contains(list, urgent) || strings.Contains(list, later) {
			t.Errorf("near breach lists P1 %s: %v, P4 %s: %v; want only the P1", urgent, strings.Contains(list, urgent), later, strings.Contains(list, later))
		}
		if got := homeCount(t, a, agent, soon); got != plusOne(t, nearBefore) {
			t.Errorf("near breach: %s before the P1, %s after", nearBefore, got)
		}
		if res := do(t, agent, "POST", a.http.URL+"/tickets/"+urgent, url.Values{"state": {"resolved"}, "note": {"Switch replaced"}}, nil); res.status != http.StatusSeeOther {
			t.Fatalf("resolve: %d", res.status)
		}
		if got := homeCount(t, a, agent, soon); got != nearBefore {
			t.Errorf("near breach after resolving the P1: %s, want %s", got, nearBefore)
		}
		if got := homeCount(t, a, agent, today); got != plusOne(t, resolvedBefore) {
			t.Errorf("resolved today: %s before, %s after resolving one", resolvedBefore, got)
		}
		if !strings.Contains(do(t, agent, "GET", a.http.URL+today, nil, nil).body, urgent) {
			t.Errorf("resolved today does not list %s", urgent)
		}
		if got := homeCount(t, a, officer, month); got != plusOne(t, monthBefore) {
			t.Errorf("the officer's resolved this month: %s before, %s after", monthBefore, got)
		}
		if got := homeCount(t, a, officer, met); got != plusOne(t, metBefore) {
			t.Errorf("the officer's within target this month: %s before, %s after", metBefore, got)
		}
		if !strings.Contains(do(t, officer, "GET", a.http.URL+met, nil, nil).body, urgent) {
			t.Errorf("resolved this month within target does not list %s", urgent)
		}
		if strings.Contains(do(t, officer, "GET", a.http.URL+"/tickets?resolved=month&sla=breached", nil, nil).body, urgent) {
			t.Errorf("%s, resolved in twenty minutes, is listed as breached", urgent)
		}
		for q, field := range map[string]string{"breach=later": "Choose soon", "resolved=yesterday": "Choose today, this month", "sla=maybe": "Choose met or breached"} {
			if res := do(t, agent, "GET", a.http.URL+"/tickets?"+q, nil, nil); res.status != 400 || !strings.Contains(res.body, field) {
				t.Errorf("%s answered %d without naming the field", q, res.status)
			}
		}
	})
}

// plusOne is a figure written as the home writes it, one more.
func plusOne(t *testing.T, n string) string {
	t.Helper()
	v, err := strconv.Atoi(strings.ReplaceAll(n, ",", ""))
	if err != nil {
		t.Fatalf("%q is not a count", n)
	}
	s := strconv.Itoa(v + 1)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// The administrator's home says how the service stands: mail waiting in
// the outbox, the last import of each kind, and the audit chain's end.
func TestTheAdminsHomeShowsTheServicesHealth(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		admin := a.signedIn(t, "admin@abc-shared.example")
		body := do(t, admin, "GET", a.http.URL+"/", nil, nil).body
		if !strings.Contains(body, `href="/admin/audit?action=posture.import">Posture imported</a></td>`) || strings.Count(body, "None yet") > 1 {
			t.Errorf("the health panel does not show the demo's imports")
		}
		if !strings.Contains(body, "Intact</strong> over its last") {
			t.Errorf("the audit chain is not shown intact")
		}
		if err := a.store.EnqueueMail(context.Background(), []store.Mail{{To: "a@example.org", Subject: "s", Body: "b"}}); err != nil {
			t.Fatal(err)
		}
		body = do(t, admin, "GET", a.http.URL+"/", nil, nil).body
		if !strings.Contains(body, `id="health-outbox">1 waiting, 0 of them failed at least once; the oldest has waited`) {
			t.Errorf("one mail queued, but the outbox reads otherwise")
		}
		for _, who := range []string{"agent@abc-shared.example", "analyst@abc-shared.example", "it.officer@ashcombe.example"} {
			if strings.Contains(do(t, a.signedIn(t, who), "GET", a.http.URL+"/", nil, nil).body, "health-outbox") {
				t.Errorf("%s sees the service's health", who)
			}
		}
	})
}

// A member whose logs matched shared indicators sees how many times on
// their home, and the list it links to shows those sightings; a later day
// narrows them away, and a day that is not one is refused by name.
func TestTheMembersHomeCountsTheirSightings(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		member := a.signedIn(t, "warp@brentmere.example") // the demo matched Brentmere's logs
		var fig shownFigure
		for _, f := range homeFigures(do(t, member, "GET", a.http.URL+"/", nil, nil).body) {
			if strings.HasPrefix(f.href, "/warp/sightings?own=1&since=") {
				fig = f
			}
		}
		if fig.count == "" || fig.count == "0" {
			t.Fatalf("the member's home shows sightings %q, want the demo's", fig.count)
		}
		if got := listCount(t, do(t, member, "GET", a.http.URL+fig.href, nil, nil).body); got != fig.count {
			t.Errorf("the home says %s sightings, %s lists %s", fig.count, fig.href, got)
		}
		if got := listCount(t, do(t, member, "GET", a.http.URL+"/warp/sightings?own=1&since=2999-01-01", nil, nil).body); got != "0" {
			t.Errorf("sightings since 2999: %s, want none", got)
		}
		if res := do(t, member, "GET", a.http.URL+"/warp/sightings?since=last-week", nil, nil); res.status != 400 || !strings.Contains(res.body, "Enter the first day as a date") {
			t.Errorf("since=last-week answered %d without naming the field", res.status)
		}
	})
}
