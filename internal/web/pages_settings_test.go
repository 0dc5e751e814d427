package web

import (
	"regexp"

	"github.com/ward-shared-service/ward/internal/calendar"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
)

// settingsRecomputeGET is the period form of the re-measuring preview: a
// GET, since a preview changes nothing.
var settingsRecomputeGET = regexp.MustCompile(`^/settings/[^/]+/sla/recompute$`)

// settingsPageCases are the settings pages, rendered as TestPagesRender
// renders every page.
func settingsPageCases(signedIn func(page) page, north, south store.Org) []pageCase {
	pol := desk.DefaultPolicy(desk.Incident)
	sla := func(errs []fieldError, form map[string]string) page {
		rows := []policyFormRow{}
		for _, pr := range desk.Priorities {
			r := policyFormRow{Priority: pr.String(), ResponseField: desksvc.PolicyField("response", pr), ResolutionField: desksvc.PolicyField("resolution", pr),
				ResponseLabel: pr.String() + " response", ResolutionLabel: pr.String() + " resolution"}
			r.ResponseValue, r.ResolutionValue = form[r.ResponseField], form[r.ResolutionField]
			rows = append(rows, r)
		}
		return signedIn(page{Errors: errs, Data: slaSettingsData{Org: north, Versions: []policyVersion{versionRow(pol, north)}, Form: form, Rows: rows,
			Types: []Item{{Value: "incident", Label: "Incidents"}, {Value: "request", Label: "Service requests"}},
			Pause: []Item{{Value: "awaiting-user", Label: "Awaiting user", Checked: true}}}})
	}
	result := &desksvc.RecomputeResult{Tickets: 12, Changed: 2, DryRun: true, Changes: []desksvc.Remeasured{
		{Ref: "INC-10007", What: "verdict", Before: "within target", After: "breached"}, {Ref: "INC-10008", What: "resolution target", Before: "2 working days", After: "1 working day"}}}
	preview := recomputeData{Org: north, Form: map[string]string{"from": "2026-10-01", "to": "2026-10-31"}, Result: result, NFlips: 1,
		Flips: result.VerdictFlips(), Others: result.Changes[1:]}
	cal := calendarSettingsData{Org: north, Version: 2, Name: "north", Zone: "Europe/London", Region: "England and Wales",
		Days: []workingDay{{"Monday", "09:00-17:00"}, {"Sunday", ""}}, Year: 2026,
		Holidays: []calendar.Holiday{{Date: calendar.Date{Year: 2026, Month: 12, Day: 25}, Title: "Christmas Day"}},
		Form:     map[string]string{"definition": `{"name":"north"}`}, Added: []calendar.Holiday{{Date: calendar.Date{Year: 2027, Month: 5, Day: 3}, Title: "Early May bank holiday"}}}
	controls := []controlSetting{{ID: "disk-encryption", Title: "Storage is encrypted", Params: []paramSetting{{Field: "param-remediation-days", Name: "remediation_days", Default: "30", Value: "14", Changed: true}}}}
	people := peopleSettingsData{Org: north, People: []desksvc.Person{{ID: 4, OrgID: north.ID, Name: "Priya Shah", Phone: "01632 960001"}},
		Left: []desksvc.Person{{ID: 5, Name: "Tom Ellis", LeftOn: "2026-11-01"}}, Form: map[string]string{"name": "", "email": "not-an-address"}}
	return []pageCase{
		{name: "settings", label: "index", pg: signedIn(page{Data: []settingsOrg{{Org: north, Links: []settingsLink{{"SLA targets", "/settings/north-shire/sla", "Targets"}}}}}),
			want: []string{"North Shire Council", `href="/settings/north-shire/sla"`}},
		{name: "settings_sla", label: "versions and form", pg: sla(nil, policyForm(pol)),
			want: []string{"Standard", "Always (the standard targets)", `name="response_P1"`, `value="16h"`, `action="/settings/north-shire/sla"`}, ids: []string{"versions"}},
		{name: "settings_sla", label: "every error at once", pg: sla([]fieldError{{"response_P1", "P1 response target: \"soon\" is not a target"}, {"target", "The target percentage must be a number"}},
			map[string]string{"type": "incident", "response_P1": "soon", "target": "x"}),
			want: []string{`<a href="#response_P1">`, `<a href="#target">`, `value="soon"`}, ids: []string{"response_P1-error", "target-error"}},
		{name: "settings_recompute", label: "preview", pg: signedIn(page{Data: &preview}),
			want: []string{"What re-measuring would change", "INC-10007", "breached", "Re-measure these 12 tickets", `name="from" value="2026-10-01"`}, ids: []string{"flips", "flip-examples", "other-changes"}},
		{name: "settings_recompute", label: "date error", pg: signedIn(page{Errors: []fieldError{{"to", "The last day is before the first"}},
			Data: &recomputeData{Org: north, Form: map[string]string{"from": "2026-10-31", "to": "2026-10-01"}}}),
			want: []string{`<a href="#to">`}, wantNot: []string{"Re-measure these"}},
		{name: "settings_calendar", label: "calendar", pg: signedIn(page{Data: cal}),
			want: []string{"Christmas Day", "Early May bank holiday", "Closed", `enctype="multipart/form-data"`}, ids: []string{"holidays", "file", "definition", "added"}},
		{name: "settings_posture", label: "controls", pg: signedIn(page{Data: postureSettingsData{Org: north, Domains: "north-shire.gov.uk", Controls: controls}}),
			want: []string{"north-shire.gov.uk", "remediation_days: 14 (standard 30)", `href="/settings/north-shire/posture?control=disk-encryption"`}, ids: []string{"domains", "controls"}},
		{name: "settings_posture", label: "one control's form with an error", pg: signedIn(page{Errors: []fieldError{{"param-remediation-days", "Not a number"}},
			Data: postureSettingsData{Org: north, Controls: controls, Editing: &controls[0], Form: map[string]string{"state": "on"}}}),
			want: []string{`<a href="#param-remediation-days">`, `name="control" value="disk-encryption"`}, wantNot: []string{`id="controls"`}},
		{name: "settings_people", label: "callers", pg: signedIn(page{Errors: []fieldError{{"name", "Enter the person's name"}, {"email", "Enter an e-mail address in the right form"}}, Data: people}),
			want: []string{"Priya Shah", "Tom Ellis, left 2026-11-01", `<a href="#name">`, `<a href="#email">`, `action="/settings/north-shire/people/leave"`}, ids: []string{"people", "left"}},
		{name: "settings_phone", label: "new secret shown once", pg: signedIn(page{Data: phoneSettingsData{Org: south, Hook: "/hooks/phone/south-vale", Secret: "abc123"}}),
			want: []string{"abc123", "shown once", "/hooks/phone/south-vale"}, wantNot: []string{"A secret is set"}},
		{name: "settings_phone", label: "no secret", pg: signedIn(page{Data: phoneSettingsData{Org: south, Hook: "/hooks/phone/south-vale"}}),
			want: []string{"No secret is set"}, ids: []string{"secret-state"}},
	}
}
