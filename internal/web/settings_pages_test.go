package web_test

import (
	"context"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

const govukFile = `{"england-and-wales":{"division":"england-and-wales","events":[
  {"title":"Christmas Day","date":"2026-12-25","notes":"","bunting":true},
  {"title":"Made-up jubilee","date":"2026-06-15","notes":"","bunting":true}]},
 "scotland":{"division":"scotland","events":[{"title":"St Andrew's Day","date":"2026-11-30","notes":"","bunting":true}]}}`

func TestSettingsCalendarAndGovUKUpload(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		admin := a.signedIn(t, "admin@abc-shared.example")
		res := do(t, admin, "GET", a.http.URL+"/settings/ashcombe/calendar", nil, nil)
		if res.status != 200 || !strings.Contains(res.body, "England and Wales") || !strings.Contains(res.body, "Christmas Day") {
			t.Fatalf("calendar page: %d", res.status)
		}
		changes := a.audited(t, "calendar.change")

		// The day the holiday library lacks is added; Christmas is not doubled.
		res = upload(t, admin, a.http.URL+"/settings/ashcombe/calendar/govuk", "", "bank-holidays.json", govukFile)
		if res.status != 200 || !strings.Contains(res.body, "Added 1 bank holidays from bank-holidays.json: calendar version 1 in force") ||
			!strings.Contains(res.body, "2026-06-15 Made-up jubilee") {
			t.Fatalf("upload: %d\n%s", res.status, res.body)
		}
		cal, v, err := desksvc.New(a.store).Calendar(context.Background(), tenancy.Operator("cli:test"), a.org(t, "ashcombe").ID)
		if err != nil || v != 1 || len(cal.Definition().Additions) != 1 {
			t.Fatalf("stored calendar: version %d, %+v (%v)", v, cal.Definition().Additions, err)
		}
		if got := a.audited(t, "calendar.change"); got != changes+1 {
			t.Errorf("audit entries: %d, want %d", got, changes+1)
		}
		// The same file again adds nothing and makes no version.
		res = upload(t, admin, a.http.URL+"/settings/ashcombe/calendar/govuk", "", "bank-holidays.json", govukFile)
		if res.status != 200 || !strings.Contains(res.body, "Every England and Wales bank holiday in bank-holidays.json is already in the calendar") {
			t.Errorf("second upload: %d", res.status)
		}

		// A wrong date is refused whole, naming where it is.
		res = upload(t, admin, a.http.URL+"/settings/ashcombe/calendar/govuk", "", "bank-holidays.json", strings.Replace(govukFile, "2026-06-15", "2026-02-30", 1))
		if res.status != 422 || !strings.Contains(res.body, `<a href="#file">`) || !strings.Contains(res.body, "england-and-wales.events[1].date") {
			t.Errorf("bad file: %d", res.status)
		}
		// A file past the limit is refused having read no more than the limit.
		res = upload(t, admin, a.http.URL+"/settings/ashcombe/calendar/govuk", "", "bank-holidays.json", strings.Repeat(" ", 3<<20))
		if res.status != 422 || !strings.Contains(res.body, "the file size limit is 1 MiB") {
			t.Errorf("a 3 MB file: %d", res.status)
		}
		// A definition with a misspelt key is refused, as from the command line.
		res = do(t, admin, "POST", a.http.URL+"/settings/ashcombe/calendar", url.Values{"definition": {`{"name":"x","closure":[]}`}}, nil)
		if res.status != 422 || !strings.Contains(res.body, `<a href="#definition">`) || !strings.Contains(res.body, "unknown field") {
			t.Errorf("misspelt definition: %d", res.status)
		}
		if _, v, _ := desksvc.New(a.store).Calendar(context.Background(), tenancy.Operator("cli:test"), a.org(t, "ashcombe").ID); v != 1 {
			t.Errorf("refused changes made calendar version %d", v)
		}

		analyst := a.signedIn(t, "analyst@abc-shared.example")
		if res := upload(t, analyst, a.http.URL+"/settings/ashcombe/calendar/govuk", "", "bank-holidays.json", govukFile); res.status != 403 {
			t.Errorf("analyst uploads bank holidays: %d", res.status)
		}
	})
}

func TestSettingsMailDomainsAndControls(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		analyst := a.signedIn(t, "analyst@abc-shared.example")
		res := do(t, analyst, "GET", a.http.URL+"/settings", nil, nil)
		if res.status != 200 || !strings.Contains(res.body, `href="/settings/ashcombe/posture"`) || strings.Contains(res.body, `href="/settings/ashcombe/sla"`) {
			t.Fatalf("an analyst's settings: %d", res.status)
		}
		settings := a.audited(t, "posture.settings")
		res = do(t, analyst, "POST", a.http.URL+"/settings/ashcombe/posture/domains", url.Values{"domains": {"Ashcombe.gov.uk\nmail.ashcombe.gov.uk, ashcombe.gov.uk"}}, nil)
		if res.status != 200 || !strings.Contains(res.body, "Official mail domains saved: ashcombe.gov.uk, mail.ashcombe.gov.uk") {
			t.Fatalf("domains: %d", res.status)
		}
		res = do(t, analyst, "POST", a.http.URL+"/settings/ashcombe/posture/domains", url.Values{"domains": {"not a domain!"}}, nil)
		if res.status != 422 || !strings.Contains(res.body, `<a href="#domains">`) {
			t.Errorf("bad domain: %d", res.status)
		}

		res = do(t, analyst, "POST", a.http.URL+"/settings/ashcombe/posture/controls", url.Values{"control": {"security-updates"}, "state": {"on"},
			"param-max-age-days": {"7"}, "param-min-severity": {"critical"}}, nil)
		if res.status != 200 || !strings.Contains(res.body, "max_age_days: 7 (standard 14)") {
			t.Fatalf("control: %d", res.status)
		}
		// Both thresholds wrong: both named at once, beside their boxes.
		res = do(t, analyst, "POST", a.http.URL+"/settings/ashcombe/posture/controls", url.Values{"control": {"security-updates"}, "state": {"on"},
			"param-max-age-days": {"soon"}, "param-min-severity": {"urgent"}}, nil)
		if res.status != 422 || !strings.Contains(res.body, `<a href="#param-max-age-days">`) || !strings.Contains(res.body, `<a href="#param-min-severity">`) {
			t.Errorf("bad thresholds: %d", res.status)
		}
		if got := a.audited(t, "posture.settings"); got != settings+2 {
			t.Errorf("audit entries: %d, want %d (domains and one control)", got, settings+2)
		}

		officer := a.signedIn(t, "it.officer@ashcombe.example")
		if res := do(t, officer, "POST", a.http.URL+"/settings/ashcombe/posture/domains", url.Values{"domains": {"evil.example"}}, nil); res.status != 403 {
			t.Errorf("officer sets domains: %d", res.status)
		}
	})
}

func TestSettingsCallers(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		admin := a.signedIn(t, "admin@abc-shared.example")
		res := do(t, admin, "POST", a.http.URL+"/settings/ashcombe/people", url.Values{"name": {"Rhona Adebayo"}, "email": {"rhona@ashcombe.example"}, "phone": {"01632 960777"}}, nil)
		if res.status != 200 || !strings.Contains(res.body, "Rhona Adebayo added") {
			t.Fatalf("add: %d", res.status)
		}
		id := regexp.MustCompile(`people\?edit=(\d+)">Change<span class="govuk-visually-hidden"> Rhona Adebayo`).FindStringSubmatch(res.body)
		if id == nil {
			t.Fatal("the new caller has no change link")
		}
		res = do(t, admin, "GET", a.http.URL+"/settings/ashcombe/people?edit="+id[1], nil, nil)
		if res.status != 200 || !strings.Contains(res.body, `value="01632 960777"`) {
			t.Fatalf("edit form: %d", res.status)
		}
		res = do(t, admin, "POST", a.http.URL+"/settings/ashcombe/people/edit", url.Values{"id": {id[1]}, "name": {"Rhona Adebayo-Smith"}, "email": {"rhona@ashcombe.example"}, "phone": {"01632 960778"}}, nil)
		if res.status != 200 || !strings.Contains(res.body, "Rhona Adebayo-Smith") {
			t.Fatalf("edit: %d", res.status)
		}
		// No name and a bad address: both at once.
		res = do(t, admin, "POST", a.http.URL+"/settings/ashcombe/people", url.Values{"name": {" "}, "email": {"rhona at ashcombe"}}, nil)
		if res.status != 422 || !strings.Contains(res.body, `<a href="#name">`) || !strings.Contains(res.body, `<a href="#email">`) {
			t.Errorf("bad caller: %d", res.status)
		}
		res = do(t, admin, "POST", a.http.URL+"/settings/ashcombe/people/leave", url.Values{"id": {id[1]}}, nil)
		if res.status != 200 || !strings.Contains(res.body, "Rhona Adebayo-Smith has left") || !strings.Contains(res.body, "Rhona Adebayo-Smith, left ") {
			t.Errorf("leave: %d", res.status)
		}
		for action, want := range map[string]int{"person.add": 1, "person.edit": 1, "person.leave": 1} {
			if got := a.audited(t, action); got != want {
				t.Errorf("%s audit entries: %d, want %d", action, got, want)
			}
		}
		// Another council's caller is not found from Ashcombe's page.
		brentmere, _ := a.store.People(context.Background(), tenancy.ScopeOf(a.org(t, "brentmere").ID))
		if len(brentmere) == 0 {
			t.Fatal("no Brentmere caller seeded")
		}
		if res := do(t, admin, "POST", a.http.URL+"/settings/ashcombe/people/leave", url.Values{"id": {strconv.FormatInt(brentmere[0].ID, 10)}}, nil); res.status != 404 {
			t.Errorf("Brentmere's caller through Ashcombe's page: %d", res.status)
		}

		agent := a.signedIn(t, "agent@abc-shared.example")
		if res := do(t, agent, "POST", a.http.URL+"/settings/ashcombe/people", url.Values{"name": {"Someone"}}, nil); res.status != 403 {
			t.Errorf("agent adds a caller: %d", res.status)
		}
	})
}

func TestSettingsPhoneSecret(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		admin := a.signedIn(t, "admin@abc-shared.example")
		res := do(t, admin, "GET", a.http.URL+"/settings/ashcombe/phone", nil, nil)
		if res.status != 200 || !strings.Contains(res.body, "/hooks/phone/ashcombe") {
			t.Fatalf("phone page: %d", res.status)
		}
		res = do(t, admin, "POST", a.http.URL+"/settings/ashcombe/phone", nil, nil)
		m := regexp.MustCompile(`<code class="ward-secret" id="new-secret">([0-9a-f]{64})</code>`).FindStringSubmatch(res.body)
		if res.status != 200 || m == nil {
			t.Fatalf("rotate: %d", res.status)
		}
		held, err := a.store.WebhookSecret(context.Background(), tenancy.ForSystem(tenancy.JobTest), a.org(t, "ashcombe").ID, desksvc.PhoneHook)
		if err != nil || held != m[1] {
			t.Errorf("the shown secret is not the one the webhook checks (%v)", err)
		}
		if got := a.audited(t, "phone.secret"); got != 1 {
			t.Errorf("audit entries: %d, want 1", got)
		}
		// Shown once: the page does not show it again.
		res = do(t, admin, "GET", a.http.URL+"/settings/ashcombe/phone", nil, nil)
		if strings.Contains(res.body, m[1]) || !strings.Contains(res.body, "A secret is set") {
			t.Error("the secret is shown again")
		}
		entries, _ := a.store.AuditEntries(context.Background(), tenancy.ForSystem(tenancy.JobTest), store.AuditQuery{Limit: 10, Action: "phone.secret"})
		for _, e := range entries {
			for _, v := range e.Detail {
				if strings.Contains(v, m[1]) {
					t.Error("the audit log holds the secret")
				}
			}
		}

		analyst := a.signedIn(t, "analyst@abc-shared.example")
		if res := do(t, analyst, "POST", a.http.URL+"/settings/ashcombe/phone", nil, nil); res.status != 403 {
			t.Errorf("analyst rotates the phone secret: %d", res.status)
		}
	})
}
