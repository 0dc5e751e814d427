package web_test

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/walkupsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// TestTheWalkUpQueueThroughTheAPI, on both engines: a visitor checked in at
// the depot's tablet is read in its queue, called, served and resolved by
// the API; an officer's token may not call; the report answers as JSON and
// CSV, and names a wrong date.
func TestTheWalkUpQueueThroughTheAPI(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		ctx := context.Background()
		svc := walkupsvc.New(a.store, desksvc.New(a.store))
		org := a.org(t, "ashcombe")
		depot := siteNamed(t, a.store, "Marsh Lane Depot")
		tablet, err := svc.NewKioskLink(ctx, tenancy.Operator("cli:test"), org.ID, depot, walkupsvc.KioskCheckIn)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.CheckIn(ctx, tablet, "Cy Visitor", "Badge not working", false, ""); err != nil {
			t.Fatal(err)
		}
		c := a.browser()
		_, admin := a.token(t, "abc-shared", "admin", time.Hour)
		_, officer := a.token(t, "ashcombe", "officer", time.Hour)
		base := a.http.URL + "/api/v1/orgs/ashcombe/walkup"
		site := strconv.FormatInt(depot, 10)

		res := do(t, c, "GET", base+"?site="+site, nil, bearer(admin))
		var q struct {
			Site  struct{ Name string }
			Queue []struct {
				ID     int64
				Number int
				State  string
			}
		}
		if err := json.Unmarshal([]byte(res.body), &q); res.status != 200 || err != nil || q.Site.Name != "Marsh Lane Depot" || len(q.Queue) != 1 {
			t.Fatalf("queue: %d %s", res.status, res.body)
		}
		if res := doJSON(t, c, "POST", base+"/call", `{"site":`+site+`,"desk":"Desk 3"}`, bearer(officer)); res.status != 403 {
			t.Errorf("an officer's call: %d", res.status)
		}
		if res := doJSON(t, c, "POST", base+"/call", `{"site":`+site+`,"desk":""}`, bearer(admin)); res.status != 422 || !strings.Contains(res.body, `"field":"desk"`) {
			t.Errorf("a call to no desk: %d %s", res.status, res.body)
		}
		if res := doJSON(t, c, "POST", base+"/call", `{"site":`+site+`,"desk":"Desk 3"}`, bearer(admin)); res.status != 200 || !strings.Contains(res.body, `"state": "called"`) {
			t.Fatalf("call: %d %s", res.status, res.body)
		}
		visit := a.http.URL + "/api/v1/walkup/visits/" + strconv.FormatInt(q.Queue[0].ID, 10)
		if res := doJSON(t, c, "POST", visit+"/serve", ``, bearer(admin)); res.status != 200 || !strings.Contains(res.body, `"state": "serving"`) {
			t.Fatalf("serve: %d %s", res.status, res.body)
		}
		if res := doJSON(t, c, "POST", visit+"/no-show", ``, bearer(admin)); res.status != 409 {
			t.Errorf("a no-show once at the desk: %d %s", res.status, res.body)
		}
		if res := doJSON(t, c, "POST", visit+"/resolve", `{"outcome":"Re-enrolled the badge"}`, bearer(admin)); res.status != 200 || !strings.Contains(res.body, `"state": "resolved"`) {
			t.Fatalf("resolve: %d %s", res.status, res.body)
		}

		now := a.store.Now()
		period := "?from=" + now.AddDate(0, 0, -30).Format(time.DateOnly) + "&to=" + now.Format(time.DateOnly)
		_, committee := a.token(t, "ashcombe", "committee", time.Hour)
		res = do(t, c, "GET", a.http.URL+"/api/v1/orgs/ashcombe/reports/walkup"+period, nil, bearer(committee))
		if res.status != 200 || !strings.Contains(res.body, `"name": "Ashcombe Town Hall"`) || !strings.Contains(res.body, `"name": "Marsh Lane Depot"`) {
			t.Errorf("the report: %d %.300s", res.status, res.body)
		}
		res = do(t, c, "GET", a.http.URL+"/api/v1/orgs/ashcombe/reports/walkup"+period+"&format=csv", nil, bearer(committee))
		if res.status != 200 || !strings.HasPrefix(res.body, "from,to,time_zone,org,by,name,visits") {
			t.Errorf("the CSV report: %d %.200s", res.status, res.body)
		}
		if res := do(t, c, "GET", a.http.URL+"/api/v1/orgs/ashcombe/reports/walkup?from=2026-02-30", nil, bearer(committee)); res.status != 422 || !strings.Contains(res.body, `"field":"from"`) {
			t.Errorf("a wrong date: %d %s", res.status, res.body)
		}
	})
}
