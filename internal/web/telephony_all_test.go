package web_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// The shared service's admin reads every council's telephony report in one
// request, as a JSON list or one CSV; a council's committee reads only its
// own council's through the same address.
func TestTelephonyForEveryCouncilThroughTheAPI(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		c := a.browser()
		_, admin := a.token(t, "abc-shared", "admin", time.Hour)
		_, committee := a.token(t, "ashcombe", "committee", time.Hour)
		day := a.store.Now().In(london).AddDate(0, 0, -1).Format(time.DateOnly)
		log := "call_id,queued_at,answered_at,ended_at,agent\nall-1," + day + " 09:00:00," + day + " 09:00:05," + day + " 09:04:00,Ann Lee\n"
		if res := send2(t, c, a.http.URL+"/api/v1/orgs/ashcombe/calls/import?filename=log.csv", log, admin); res.status != 200 {
			t.Fatalf("call log: %d %s", res.status, res.body)
		}
		url := a.http.URL + "/api/v1/reports/telephony?from=" + day + "&to=" + day
		var reports []struct {
			Org   string
			Calls struct{ Offered, Answered int }
		}
		res := do(t, c, "GET", url, nil, bearer(admin))
		if err := json.Unmarshal([]byte(res.body), &reports); err != nil || res.status != 200 || len(reports) < 2 {
			t.Fatalf("every council: %d %v %.300s", res.status, err, res.body)
		}
		seen := map[string]int{}
		for _, r := range reports {
			seen[r.Org] = r.Calls.Offered
		}
		if offered, ok := seen["ashcombe"]; !ok || offered != 1 {
			t.Errorf("Ashcombe's calls among every council's: %+v", reports)
		}
		if _, ok := seen["brentmere"]; !ok {
			t.Errorf("Brentmere is missing from the shared admin's reports: %+v", reports)
		}
		if _, ok := seen["abc-shared"]; ok {
			t.Errorf("the shared service is not a council, yet has a report: %+v", reports)
		}
		csv := do(t, c, "GET", url+"&format=csv", nil, bearer(admin))
		if csv.status != 200 || !strings.HasPrefix(csv.body, "org,from,to,") || !strings.Contains(csv.body, "\nashcombe,"+day+","+day+",1,1,") ||
			!strings.Contains(csv.body, "\nbrentmere,") || !strings.Contains(csv.header.Get("Content-Disposition"), "telephony-councils-") {
			t.Errorf("every council as CSV: %d %s", csv.status, csv.body)
		}

		// Ashcombe's committee sees Ashcombe alone.
		res = do(t, c, "GET", url, nil, bearer(committee))
		if err := json.Unmarshal([]byte(res.body), &reports); err != nil || res.status != 200 || len(reports) != 1 ||
			reports[0].Org != "ashcombe" || reports[0].Calls.Offered != 1 {
			t.Errorf("Ashcombe's committee: %d %v %.300s", res.status, err, res.body)
		}
		if own := do(t, c, "GET", url+"&format=csv", nil, bearer(committee)); own.status != 200 || strings.Contains(own.body, "brentmere") {
			t.Errorf("Ashcombe's committee as CSV: %d %s", own.status, own.body)
		}
		if q := do(t, c, "GET", url+"&format=html", nil, bearer(committee)); q.status != 422 || !strings.Contains(q.body, `"field":"format"`) {
			t.Errorf("every council as HTML: %d %s", q.status, q.body)
		}
	})
}
