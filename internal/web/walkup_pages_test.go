package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/walkupsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// TestAKioskLinkShowsOnlyItsSiteAndTheDeskLogsATicketFromAVisit, on both
// engines: a tablet's link shows the site's name and nothing of its
// council, a wrong or other-purpose token is a plain not-found, a form
// posted from another site is refused, an empty check-in names both
// fields; an officer may not work the queue; a visitor turned into a
// ticket on the prefilled walk-up form is finished with the ticket linked.
func TestAKioskLinkShowsOnlyItsSiteAndTheDeskLogsATicketFromAVisit(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		ctx := context.Background()
		svc := walkupsvc.New(a.store, desksvc.New(a.store))
		org := a.org(t, "ashcombe")
		depot := siteNamed(t, a.store, "Marsh Lane Depot")
		op := tenancy.Operator("cli:test")
		tablet, err := svc.NewKioskLink(ctx, op, org.ID, depot, walkupsvc.KioskCheckIn)
		if err != nil {
			t.Fatal(err)
		}
		screen, err := svc.NewKioskLink(ctx, op, org.ID, depot, walkupsvc.KioskScreen)
		if err != nil {
			t.Fatal(err)
		}
		anyone := a.browser()
		res := do(t, anyone, "GET", a.http.URL+"/walkup/checkin/"+tablet, nil, nil)
		if res.status != 200 || !strings.Contains(res.body, "Marsh Lane Depot") {
			t.Fatalf("the tablet's page: %d", res.status)
		}
		for _, other := range []string{"ashcombe", org.Name, "Town Hall", "Sign out", "/desk"} {
			if strings.Contains(strings.ToLower(res.body), strings.ToLower(other)) {
				t.Errorf("the tablet's page shows %q", other)
			}
		}
		for _, path := range []string{"/walkup/checkin/" + screen, "/walkup/screen/" + tablet, "/walkup/checkin/not-a-token"} {
			if res := do(t, anyone, "GET", a.http.URL+path, nil, nil); res.status != 404 || strings.Contains(res.body, "Depot") {
				t.Errorf("%s: %d", path, res.status)
			}
		}
		res = do(t, anyone, "POST", a.http.URL+"/walkup/checkin/"+tablet, url.Values{"name": {""}, "reason": {""}}, nil)
		if res.status != 422 || !strings.Contains(res.body, `<a href="#name">`) || !strings.Contains(res.body, `<a href="#reason">`) {
			t.Errorf("an empty check-in: %d", res.status)
		}
		res = do(t, anyone, "POST", a.http.URL+"/walkup/checkin/"+tablet, url.Values{"name": {"Zed"}, "reason": {"x"}},
			map[string]string{"Origin": "https://elsewhere.example", "Sec-Fetch-Site": "cross-site"})
		if res.status != http.StatusForbidden {
			t.Errorf("a check-in posted from another site: %d", res.status)
		}
		res = do(t, anyone, "POST", a.http.URL+"/walkup/checkin/"+tablet, url.Values{"name": {"Bea Visitor"}, "reason": {"Screen cracked"}}, nil)
		if res.status != http.StatusSeeOther || !strings.HasSuffix(res.location, "?number=1") {
			t.Fatalf("check-in: %d → %q", res.status, res.location)
		}

		officer := a.signedIn(t, "it.officer@ashcombe.example")
		site := strconv.FormatInt(depot, 10)
		if res := do(t, officer, "POST", a.http.URL+"/desk/queue/call", url.Values{"site": {site}, "desk": {"Desk 1"}}, nil); res.status != 403 {
			t.Errorf("an officer calling the next visitor: %d", res.status)
		}
		agent := a.signedIn(t, "agent@abc-shared.example")
		res = do(t, agent, "POST", a.http.URL+"/desk/queue/call", url.Values{"site": {site}, "desk": {"Desk 1"}}, nil)
		if res.status != http.StatusSeeOther {
			t.Fatalf("calling: %d", res.status)
		}
		if s := do(t, anyone, "GET", a.http.URL+"/walkup/screen/"+screen, nil, nil); !strings.Contains(s.body, ">1</td>") || strings.Contains(s.body, "Bea") {
			t.Errorf("the screen does not show number 1 alone (she did not ask for her name)")
		}
		_, queue, err := svc.Queue(ctx, op, org.ID, depot)
		if err != nil || len(queue) != 1 {
			t.Fatalf("queue: %v, %v", queue, err)
		}
		visit := strconv.FormatInt(queue[0].ID, 10)
		form := do(t, agent, "GET", a.http.URL+"/desk/walk-up?visit="+visit, nil, nil)
		if form.status != 200 || !strings.Contains(form.body, `value="Bea Visitor"`) || !strings.Contains(form.body, `value="Screen cracked"`) ||
			!strings.Contains(form.body, `name="visit" value="`+visit+`"`) {
			t.Fatalf("the walk-up form is not prefilled from the visit: %d", form.status)
		}
		res = do(t, agent, "POST", a.http.URL+"/desk/walk-up", url.Values{"org": {"ashcombe"}, "caller": {"Bea Visitor"},
			"site": {"Marsh Lane Depot"}, "title": {"Screen cracked"}, "visit": {visit}}, nil)
		if res.status != http.StatusSeeOther || res.location != "/desk/queue?site="+site {
			t.Fatalf("logging the visit's ticket: %d → %q", res.status, res.location)
		}
		v, err := svc.Visit(ctx, op, queue[0].ID)
		if err != nil || v.State != desk.VisitTicket || v.TicketID == 0 {
			t.Errorf("the visit after its ticket: %+v (%v)", v, err)
		}
		now := a.store.Now()
		period := "&from=" + now.AddDate(0, 0, -30).Format(time.DateOnly) + "&to=" + now.Format(time.DateOnly)
		if res := do(t, agent, "GET", a.http.URL+"/reports/walkup?org=ashcombe"+period, nil, nil); res.status != 200 ||
			!strings.Contains(res.body, "Ashcombe Town Hall") {
			t.Errorf("the report: %d", res.status)
		}
	})
}
