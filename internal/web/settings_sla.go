package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

// policyVersion is one version of a policy as the settings page lists it.
type policyVersion struct {
	Type, Version, From, Target, Warnings, Paused string
	Targets                                       []priorityTarget
}

type priorityTarget struct{ Priority, Response, Resolution string }

type slaSettingsData struct {
	Org      accountsvc.Org
	Versions []policyVersion
	Form     map[string]string
	Rows     []policyFormRow // one per priority: its two target fields
	Types    []Item
	Pause    []Item
}

// policyFormRow is a priority's two target inputs on the new-version form.
type policyFormRow struct {
	Priority                       string
	ResponseField, ResolutionField string
	ResponseValue, ResolutionValue string
	ResponseLabel, ResolutionLabel string
}

// spanInput writes a target as the form takes it back: 15m, 4h, 2d.
func spanInput(s desk.Span) string {
	n := strconv.FormatFloat(s.Amount, 'f', -1, 64)
	switch s.Unit {
	case desk.Minutes:
		return n + "m"
	case desk.Days:
		return n + "d"
	}
	return n + "h"
}

func percents(vs []float64) string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strings.Join(out, ",")
}

func stateLabels(list []desk.State) string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = s.Label()
	}
	if len(out) == 0 {
		return "None"
	}
	return strings.Join(out, ", ")
}

// policyForm is a policy's values as the new-version form shows them.
func policyForm(pol desk.Policy) map[string]string {
	form := map[string]string{"type": string(pol.Type), "target": strconv.FormatFloat(pol.TargetPercent, 'f', -1, 64), "warnings": percents(pol.Warnings)}
	for _, pr := range desk.Priorities {
		form[desksvc.PolicyField("response", pr)] = spanInput(pol.Targets[pr].Response)
		form[desksvc.PolicyField("resolution", pr)] = spanInput(pol.Targets[pr].Resolution)
	}
	for _, st := range pol.PauseStates {
		form["pause:"+string(st)] = "yes"
	}
	return form
}

func (s *Server) slaSettings(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	t := desk.Incident
	if r.URL.Query().Get("type") == string(desk.Request) {
		t = desk.Request
	}
	pols, err := s.desk.Policies(r.Context(), rs.principal, org.ID)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	s.showSLASettings(w, r, rs, org, pols, http.StatusOK, nil, policyForm(desk.InForce(pols, t, time.Now().AddDate(100, 0, 0))), "")
}

func (s *Server) showSLASettings(w http.ResponseWriter, r *http.Request, rs *requestState, org accountsvc.Org, pols []desk.Policy,
	status int, errs []fieldError, form map[string]string, saved string) {
	data := slaSettingsData{Org: org, Form: form,
		Types: []Item{{Value: string(desk.Incident), Label: "Incidents"}, {Value: string(desk.Request), Label: "Service requests"}}}
	for _, t := range []desk.Type{desk.Incident, desk.Request} {
		if !hasType(pols, t) {
			data.Versions = append(data.Versions, versionRow(desk.DefaultPolicy(t), org))
		}
	}
	for i := len(pols) - 1; i >= 0; i-- {
		data.Versions = append(data.Versions, versionRow(pols[i], org))
	}
	for _, pr := range desk.Priorities {
		row := policyFormRow{Priority: pr.String(), ResponseField: desksvc.PolicyField("response", pr), ResolutionField: desksvc.PolicyField("resolution", pr),
			ResponseLabel: pr.String() + " response", ResolutionLabel: pr.String() + " resolution"}
		row.ResponseValue, row.ResolutionValue = form[row.ResponseField], form[row.ResolutionField]
		data.Rows = append(data.Rows, row)
	}
	for _, st := range desk.States {
		if !st.Done() && st != desk.New {
			data.Pause = append(data.Pause, Item{Value: string(st), Label: st.Label(), Checked: form["pause:"+string(st)] != ""})
		}
	}
	s.render(w, r, rs, status, "settings_sla", page{Errors: errs, Flash: saved, Data: data})
}

func hasType(pols []desk.Policy, t desk.Type) bool {
	for _, p := range pols {
		if p.Type == t {
			return true
		}
	}
	return false
}

func versionRow(p desk.Policy, org accountsvc.Org) policyVersion {
	v := policyVersion{Type: "Incidents", Version: strconv.Itoa(p.Version), From: "Always (the standard targets)",
		Target: strconv.FormatFloat(p.TargetPercent, 'f', -1, 64) + "%", Warnings: percents(p.Warnings), Paused: stateLabels(p.PauseStates)}
	if p.Type == desk.Request {
		v.Type = "Service requests"
	}
	if p.Version > 0 {
		v.From = p.EffectiveFrom.In(zoneOf(org)).Format("2 Jan 2006 15:04")
	} else {
		v.Version = "Standard"
	}
	for _, pr := range desk.Priorities {
		v.Targets = append(v.Targets, priorityTarget{pr.String(), p.Targets[pr].Response.String(), p.Targets[pr].Resolution.String()})
	}
	return v
}

// slaPolicySave puts a new version in force from the form, through the
// service method `ward sla policy set` calls.
func (s *Server) slaPolicySave(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	_ = r.ParseForm()
	form := map[string]string{}
	ed := desksvc.PolicyEdit{Response: map[desk.Priority]string{}, Resolution: map[desk.Priority]string{}, Pause: []string{}}
	fields := []string{"type", "from", "target", "warnings", "pause"}
	for _, name := range fields {
		form[name] = strings.TrimSpace(r.PostFormValue(name))
	}
	ed.Type, ed.From, ed.Target, ed.Warnings = form["type"], form["from"], form["target"], form["warnings"]
	for _, pr := range desk.Priorities {
		for _, kind := range []string{"response", "resolution"} {
			f := desksvc.PolicyField(kind, pr)
			fields = append(fields, f)
			form[f] = strings.TrimSpace(r.PostFormValue(f))
		}
		ed.Response[pr] = form[desksvc.PolicyField("response", pr)]
		ed.Resolution[pr] = form[desksvc.PolicyField("resolution", pr)]
	}
	for _, st := range r.PostForm["pause"] {
		ed.Pause = append(ed.Pause, st)
		form["pause:"+st] = "yes"
	}
	saved, err := s.desk.EditPolicy(r.Context(), rs.principal, org, ed)
	pols, perr := s.desk.Policies(r.Context(), rs.principal, org.ID)
	if perr != nil {
		s.refused(w, r, perr)
		return
	}
	if err != nil {
		if errs := s.formFaults(w, r, err, fields...); errs != nil {
			s.showSLASettings(w, r, rs, org, pols, http.StatusUnprocessableEntity, errs, form, "")
		}
		return
	}
	v := versionRow(saved, org)
	s.showSLASettings(w, r, rs, org, pols, http.StatusOK, nil, policyForm(saved),
		v.Type+" targets version "+v.Version+" in force from "+v.From)
}
