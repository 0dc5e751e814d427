package web_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/reader/ticketcsv"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// audited counts the audit entries of an action.
func (a *app) audited(t *testing.T, action string) int {
	t.Helper()
	entries, err := a.store.AuditEntries(context.Background(), tenancy.ForSystem(tenancy.JobTest), store.AuditQuery{Limit: 1000, Action: action})
	if err != nil {
		t.Fatal(err)
	}
	return len(entries)
}

func (a *app) org(t *testing.T, slug string) store.Org {
	t.Helper()
	o, err := a.store.OrgBySlug(context.Background(), tenancy.ForSystem(tenancy.JobTest), slug)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// importPastTicket brings in an incident of Ashcombe's, P3, opened on a
// Monday in March 2024 and resolved four working hours later: within the
// standard two working days, breached under a one-hour target.
func (a *app) importPastTicket(t *testing.T) {
	t.Helper()
	data := "ticket,event_at,opened_at,state,priority,title,resolved_at\n" +
		"PAST-1,2024-03-04T09:00,2024-03-04T09:00,new,P3,Printer jams,\n" +
		"PAST-1,2024-03-04T13:00,,resolved,P3,Printer jams,2024-03-04T13:00\n"
	r, err := ticketcsv.CSV(strings.NewReader(data), ticketcsv.Options{File: "past.csv"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := desksvc.New(a.store).Import(context.Background(), tenancy.Operator("cli:test"), a.org(t, "ashcombe").ID, "csv", "past.csv", r, nil); err != nil {
		t.Fatal(err)
	}
}

// policyForm is a full new-version form as the page sends it.
func policyForm(p3Resolution string) url.Values {
	return url.Values{"type": {"incident"}, "from": {"2024-01-01"},
		"response_P1": {"15m"}, "response_P2": {"30m"}, "response_P3": {"4h"}, "response_P4": {"8h"},
		"resolution_P1": {"4h"}, "resolution_P2": {"8h"}, "resolution_P3": {p3Resolution}, "resolution_P4": {"5d"},
		"target": {"90"}, "warnings": {"50,75,90"}, "pause": {"awaiting-user", "awaiting-supplier"}}
}

func TestSettingsSLAVersions(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		admin := a.signedIn(t, "admin@abc-shared.example")
		res := do(t, admin, "GET", a.http.URL+"/settings", nil, nil)
		if res.status != 200 || !strings.Contains(res.body, `href="/settings/ashcombe/sla"`) || !strings.Contains(res.body, `href="/settings" aria-current="true"`) {
			t.Fatalf("settings index for an admin: %d", res.status)
		}
		if res := do(t, admin, "GET", a.http.URL+"/", nil, nil); !strings.Contains(res.body, `navigation__link" href="/settings"`) {
			t.Error("an admin's menu does not offer settings")
		}
		res = do(t, admin, "GET", a.http.URL+"/settings/ashcombe/sla", nil, nil)
		if res.status != 200 || !strings.Contains(res.body, "Always (the standard targets)") {
			t.Fatalf("SLA page: %d", res.status)
		}

		before := a.audited(t, "sla-policy.change")
		res = do(t, admin, "POST", a.http.URL+"/settings/ashcombe/sla", policyForm("1h"), nil)
		if res.status != 200 || !strings.Contains(res.body, "Incidents targets version 1 in force from 1 Jan 2024") {
			t.Fatalf("new version: %d\n%s", res.status, res.body)
		}
		pols, err := a.store.Policies(context.Background(), tenancy.ForSystem(tenancy.JobTest), a.org(t, "ashcombe").ID)
		if err != nil || len(pols) != 1 || pols[0].Targets[3].Resolution.String() != "1 h" || len(pols[0].PauseStates) != 2 {
			t.Fatalf("stored versions: %+v (%v)", pols, err)
		}
		if got := a.audited(t, "sla-policy.change"); got != before+1 {
			t.Errorf("audit entries for the change: %d, want %d", got, before+1)
		}

		// Three mistakes, three lines in the summary, nothing saved.
		bad := policyForm("soon")
		bad.Set("target", "200")
		bad.Set("warnings", "50,abc")
		res = do(t, admin, "POST", a.http.URL+"/settings/ashcombe/sla", bad, nil)
		for _, link := range []string{`<a href="#resolution_P3">`, `<a href="#target">`, `<a href="#warnings">`} {
			if res.status != 422 || !strings.Contains(res.body, link) {
				t.Errorf("refused form: %d, missing %s", res.status, link)
			}
		}
		if !strings.Contains(res.body, `value="soon"`) {
			t.Error("the refused form does not keep what was typed")
		}
		if pols, _ := a.store.Policies(context.Background(), tenancy.ForSystem(tenancy.JobTest), a.org(t, "ashcombe").ID); len(pols) != 1 {
			t.Errorf("a refused form saved a version: %d versions", len(pols))
		}

		// An agent works tickets but does not set their targets.
		agent := a.signedIn(t, "agent@abc-shared.example")
		if res := do(t, agent, "GET", a.http.URL+"/settings/ashcombe/sla", nil, nil); res.status != 403 {
			t.Errorf("agent opens the SLA settings: %d", res.status)
		}
		if res := do(t, agent, "POST", a.http.URL+"/settings/ashcombe/sla", policyForm("2h"), nil); res.status != 403 {
			t.Errorf("agent posts a version: %d", res.status)
		}
		if res := do(t, agent, "GET", a.http.URL+"/", nil, nil); strings.Contains(res.body, `navigation__link" href="/settings"`) {
			t.Error("an agent's menu offers settings")
		}
	})
}

func TestSettingsRecomputePreviewThenApply(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		a.importPastTicket(t)
		admin := a.signedIn(t, "admin@abc-shared.example")
		if res := do(t, admin, "POST", a.http.URL+"/settings/ashcombe/sla", policyForm("1h"), nil); res.status != 200 {
			t.Fatalf("new version: %d", res.status)
		}
		verdict := func() string {
			tk, err := a.store.TicketByRef(context.Background(), tenancy.ForSystem(tenancy.JobTest), a.org(t, "ashcombe").ID, "PAST-1")
			if err != nil {
				t.Fatal(err)
			}
			if tk.SLA.Resolution.Used > tk.SLA.Resolution.Target {
				return "breached"
			}
			return "within target"
		}
		if v := verdict(); v != "within target" {
			t.Fatalf("before re-measuring the ticket is %s", v)
		}
		recomputes := a.audited(t, "sla.recompute")

		res := do(t, admin, "GET", a.http.URL+"/settings/ashcombe/sla/recompute?from=2024-03-01&to=2024-03-31", nil, nil)
		if res.status != 200 || !strings.Contains(res.body, `<dd class="govuk-summary-list__value" id="flips">1</dd>`) ||
			!strings.Contains(res.body, "PAST-1") || !strings.Contains(res.body, "Re-measure this ticket") {
			t.Fatalf("preview: %d\n%s", res.status, res.body)
		}
		if v := verdict(); v != "within target" || a.audited(t, "sla.recompute") != recomputes {
			t.Fatalf("the preview changed the ticket (%s) or wrote the audit log", v)
		}

		res = do(t, admin, "POST", a.http.URL+"/settings/ashcombe/sla/recompute", url.Values{"from": {"2024-03-01"}, "to": {"2024-03-31"}}, nil)
		if res.status != 200 || !strings.Contains(res.body, "Re-measured 1 ticket: 1 changed") {
			t.Fatalf("apply: %d", res.status)
		}
		if v := verdict(); v != "breached" {
			t.Errorf("after re-measuring the ticket is %s, want breached", v)
		}
		if got := a.audited(t, "sla.recompute"); got != recomputes+1 {
			t.Errorf("audit entries for re-measuring: %d, want %d", got, recomputes+1)
		}

		// Both days wrong: both named at once.
		res = do(t, admin, "GET", a.http.URL+"/settings/ashcombe/sla/recompute?from=2024-02-30&to=", nil, nil)
		if res.status != 422 || !strings.Contains(res.body, `<a href="#from">`) || !strings.Contains(res.body, `<a href="#to">`) {
			t.Errorf("bad period: %d", res.status)
		}
		officer := a.signedIn(t, "it.officer@ashcombe.example")
		if res := do(t, officer, "POST", a.http.URL+"/settings/ashcombe/sla/recompute", url.Values{"from": {"2024-03-01"}, "to": {"2024-03-31"}}, nil); res.status != 403 {
			t.Errorf("officer re-measures: %d", res.status)
		}
	})
}
