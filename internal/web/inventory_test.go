package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// deviceNames are the device names in an inventory page's table.
var deviceName = regexp.MustCompile(`<tr class="govuk-table__row">\s*<td class="govuk-table__cell">([^<]+)`)

func devicesOn(body string) []string {
	var out []string
	for _, m := range deviceName.FindAllStringSubmatch(sectionOf(body, "devices"), -1) {
		out = append(out, m[1])
	}
	return out
}

// A council's devices: linked from its posture page, filtered by what an
// analyst asks, paged by key, and downloaded whole as audited CSV.
func TestDeviceInventoryPage(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		analyst := a.signedIn(t, "analyst@abc-shared.example")
		res := do(t, analyst, "GET", a.http.URL+"/posture/ashcombe", nil, nil)
		if !strings.Contains(res.body, `href="/posture/ashcombe/devices" id="inventory-link"`) {
			t.Fatal("the posture page does not link to the inventory")
		}
		base := a.http.URL + "/posture/ashcombe/devices"
		for query, want := range map[string][]string{
			"?q=ashcombe-lt":                         {"ASHCOMBE-LT-1", "ASHCOMBE-LT-2", "ASHCOMBE-LT-3"},
			"?q=ASHCOMBE-SN2":                        {"ASHCOMBE-LT-2"},
			"?q=ASHCOMBE-LT&failing=disk-encryption": {"ASHCOMBE-LT-1"},
			"?q=ASHCOMBE-LT&failing=none":            {"ASHCOMBE-LT-3"},
			"?q=ASHCOMBE-LT&kind=laptop&os=windows":  {"ASHCOMBE-LT-1", "ASHCOMBE-LT-2", "ASHCOMBE-LT-3"},
			"?q=ASHCOMBE-LT&kind=smartphone":         nil,
			"?q=ASHCOMBE-LT&seen=week":               {"ASHCOMBE-LT-1", "ASHCOMBE-LT-2", "ASHCOMBE-LT-3"},
			"?q=ASHCOMBE-LT&seen=stale":              nil,
			"?owner=ashcombe-lt-2@ashcombe.gov.uk":   {"ASHCOMBE-LT-2"},
			"?q=BRENTMERE-LT-1":                      nil, // another council's device is not in Ashcombe's list
		} {
			res := do(t, analyst, "GET", base+query, nil, nil)
			if got := devicesOn(res.body); res.status != 200 || strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("%s: %d %v, want %v", query, res.status, got, want)
			}
		}
		res = do(t, analyst, "GET", base+"?q=ASHCOMBE-LT-1", nil, nil)
		if !strings.Contains(res.body, "Storage is not encrypted") || !strings.Contains(res.body, `id="total">1 device,`) {
			t.Errorf("LT-1's row does not say what is wrong, or the count is off: %s", between(res.body, `id="devices"`, "</table>"))
		}

		// Every device once, page after page, each next link a cursor.
		res = do(t, analyst, "GET", base, nil, nil)
		count := between(res.body, `id="total">`, " device")
		seen := map[string]bool{}
		pages := 0
		for next := base; next != ""; pages++ {
			res := do(t, analyst, "GET", next, nil, nil)
			for _, n := range devicesOn(res.body) {
				if seen[n] {
					t.Fatalf("%s shown twice (page %d)", n, pages+1)
				}
				seen[n] = true
			}
			next = ""
			if href := regexp.MustCompile(`href="([^"]+)" rel="next"`).FindStringSubmatch(res.body); href != nil {
				next = a.http.URL + strings.ReplaceAll(href[1], "&amp;", "&")
				if !strings.Contains(next, "cursor=") || strings.Contains(next, "offset") || strings.Contains(next, "page=") {
					t.Fatalf("the next link is not a cursor: %s", next)
				}
			}
		}
		if pages < 2 || count == "" || count != strconv.Itoa(len(seen)) {
			t.Errorf("%d pages held %d devices; the page said %s", pages, len(seen), count)
		}

		// Refusals name the filter.
		res = do(t, analyst, "GET", base+"?kind=printer&failing=tier-zero-path", nil, nil)
		if res.status != http.StatusBadRequest || !strings.Contains(res.body, "Choose a kind of device from the list") ||
			!strings.Contains(res.body, "Choose a control from the list") {
			t.Errorf("bad filters: %d", res.status)
		}

		// The CSV is every matching device, audited as data leaving ward.
		res = do(t, analyst, "GET", base+".csv?q=ASHCOMBE-LT", nil, nil)
		lines := strings.Split(strings.TrimSpace(res.body), "\n")
		if res.status != 200 || !strings.HasPrefix(res.header.Get("Content-Type"), "text/csv") || len(lines) != 4 ||
			!strings.HasPrefix(lines[0], "id,name,serial,kind") || !strings.Contains(lines[1], "ASHCOMBE-LT-1") ||
			!strings.HasSuffix(lines[1], ",Storage is not encrypted") {
			t.Fatalf("CSV: %d %s", res.status, res.body)
		}
		entries, _ := a.store.AuditEntries(context.Background(), tenancy.ForSystem(tenancy.JobTest), store.AuditQuery{Limit: 1, Action: "export"})
		if len(entries) != 1 || entries[0].Target != "device inventory of ashcombe as CSV" {
			t.Errorf("the export is not audited: %+v", entries)
		}

		// An officer sees their own council's devices and no other's.
		officer := a.signedIn(t, "it.officer@ashcombe.example")
		if res := do(t, officer, "GET", base+"?q=ASHCOMBE-LT-3", nil, nil); res.status != 200 || len(devicesOn(res.body)) != 1 {
			t.Errorf("officer's own inventory: %d", res.status)
		}
		for _, path := range []string{"/posture/brentmere/devices", "/posture/brentmere/devices.csv"} {
			if res := do(t, officer, "GET", a.http.URL+path, nil, nil); res.status != http.StatusNotFound || strings.Contains(res.body, "BRENTMERE-LT") {
				t.Errorf("officer at %s: %d", path, res.status)
			}
		}
	})
}

// The API lists the inventory with the same filters, paged by the cursor
// each answer gives, and streams it as CSV.
func TestDeviceInventoryAPI(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		c := a.browser()
		_, officer := a.token(t, "ashcombe", "officer", time.Hour)
		list := a.http.URL + "/api/v1/orgs/ashcombe/devices"
		type page struct {
			Devices []struct {
				ID      int64
				Name    string
				Failing []struct{ Control, Failure string }
			}
			Count int
			Next  string
		}
		var p page
		res := do(t, c, "GET", list+"?q=ASHCOMBE-LT&failing=any", nil, bearer(officer))
		if err := json.Unmarshal([]byte(res.body), &p); err != nil || res.status != 200 || p.Count != 2 || len(p.Devices) != 2 ||
			p.Devices[0].Name != "ASHCOMBE-LT-1" || p.Devices[0].Failing[0].Failure != "Storage is not encrypted" || p.Next != "" {
			t.Fatalf("failing devices: %d %s", res.status, res.body)
		}
		var names []string
		after := ""
		for i := 0; i < 5; i++ {
			res := do(t, c, "GET", list+"?q=ASHCOMBE-LT&limit=1&cursor="+after, nil, bearer(officer))
			p = page{}
			if err := json.Unmarshal([]byte(res.body), &p); err != nil || len(p.Devices) != 1 {
				t.Fatalf("page %d: %d %s", i, res.status, res.body)
			}
			names = append(names, p.Devices[0].Name)
			if after = p.Next; after == "" {
				break
			}
		}
		if strings.Join(names, ",") != "ASHCOMBE-LT-1,ASHCOMBE-LT-2,ASHCOMBE-LT-3" {
			t.Errorf("paged by one: %v", names)
		}
		for q, field := range map[string]string{"?kind=printer": "kind", "?os=beos": "os", "?seen=yesterday": "seen",
			"?failing=nope": "failing", "?cursor=%21%21": "cursor", "?limit=0": "limit", "?format=xml": "format"} {
			if res := do(t, c, "GET", list+q, nil, bearer(officer)); res.status != 422 || !strings.Contains(res.body, `"field":"`+field+`"`) {
				t.Errorf("%s: %d %s", q, res.status, res.body)
			}
		}
		res = do(t, c, "GET", list+"?format=csv&q=ASHCOMBE-LT-2", nil, bearer(officer))
		if res.status != 200 || strings.Count(res.body, "\n") != 2 || !strings.Contains(res.body, ",Host firewall is off\n") {
			t.Errorf("CSV: %d %s", res.status, res.body)
		}
		if res := do(t, c, "GET", a.http.URL+"/api/v1/orgs/brentmere/devices", nil, bearer(officer)); res.status != 404 {
			t.Errorf("another council's inventory: %d", res.status)
		}
	})
}
