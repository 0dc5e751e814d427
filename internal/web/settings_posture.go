package web

import (
	"net/http"
	"strings"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
)

type postureSettingsData struct {
	Org      accountsvc.Org
	Domains  string // one a line, as the box shows them
	Controls []controlSetting
	Editing  *controlSetting // the control whose form is open
	Form     map[string]string
}

// controlSetting is a control with this org's values for its parameters.
type controlSetting struct {
	ID, Title, Severity string
	Off                 bool
	Params              []paramSetting
}

type paramSetting struct {
	Field, Name, Description, Default, Value string
	Changed                                  bool
}

// paramField is a parameter's form field; the service names a wrong one
// by its parameter name.
func paramField(name string) string { return "param-" + strings.ReplaceAll(name, "_", "-") }

func (s *Server) postureSettings(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	s.showPostureSettings(w, r, rs, org, r.URL.Query().Get("control"), http.StatusOK, nil, nil, "")
}

func (s *Server) showPostureSettings(w http.ResponseWriter, r *http.Request, rs *requestState, org accountsvc.Org, editing string,
	status int, errs []fieldError, form map[string]string, flash string) {
	set, err := s.posture.Settings(r.Context(), rs.principal, org.ID)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	data := postureSettingsData{Org: org, Domains: strings.Join(set.OfficialDomains, "\n"), Form: form}
	if form != nil && form["domains"] != "" {
		data.Domains = form["domains"]
	}
	for _, c := range posture.Catalogue() {
		row := controlSetting{ID: c.ID, Title: c.Title, Severity: string(c.Severity), Off: set.Disabled[c.ID]}
		for _, p := range c.Params {
			v, held := set.Params[c.ID][p.Name]
			if !held || v == "" {
				v = p.Default
			}
			pr := paramSetting{Field: paramField(p.Name), Name: p.Name, Description: p.Description, Default: p.Default, Value: v, Changed: held && v != p.Default}
			if c.ID == editing && form != nil {
				pr.Value = form[pr.Field]
			}
			row.Params = append(row.Params, pr)
		}
		if c.ID == editing {
			data.Editing = &row
		}
		data.Controls = append(data.Controls, row)
	}
	s.render(w, r, rs, status, "settings_posture", page{Errors: errs, Flash: flash, Data: data})
}

// postureDomainsSave replaces the official mail domains, as `ward posture
// domains set` does.
func (s *Server) postureDomainsSave(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	_ = r.ParseForm()
	text := r.PostFormValue("domains")
	domains := strings.FieldsFunc(text, func(c rune) bool { return c == ',' || c == '\n' || c == '\r' || c == ' ' || c == '\t' })
	held, err := s.posture.SetDomains(r.Context(), rs.principal, org.ID, domains)
	if err != nil {
		if errs := s.formFaults(w, r, err, "domains"); errs != nil {
			for i := range errs {
				errs[i].Field = "domains"
			}
			s.showPostureSettings(w, r, rs, org, "", http.StatusUnprocessableEntity, errs, map[string]string{"domains": text}, "")
		}
		return
	}
	flash := "Official mail domains saved: " + strings.Join(held, ", ")
	if len(held) == 0 {
		flash = "No official mail domains: forwarding cannot be checked"
	}
	s.showPostureSettings(w, r, rs, org, "", http.StatusOK, nil, nil, flash+". Evaluate the posture to apply them.")
}

// postureControlSave changes a control's parameters or switches it off or
// on, as `ward posture set` does.
func (s *Server) postureControlSave(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	_ = r.ParseForm()
	id := r.PostFormValue("control")
	ctl, _ := posture.ControlByID(id)
	form := map[string]string{"state": r.PostFormValue("state")}
	params := map[string]string{}
	for _, p := range ctl.Params {
		f := paramField(p.Name)
		form[f] = strings.TrimSpace(r.PostFormValue(f))
		params[p.Name] = form[f]
	}
	var disabled *bool
	switch form["state"] {
	case "on", "off":
		off := form["state"] == "off"
		disabled = &off
	}
	_, err := s.posture.SetControl(r.Context(), rs.principal, org.ID, id, params, disabled)
	if err != nil {
		if s.refusedForm(w, r, err) == nil {
			return
		}
		var errs []fieldError
		for _, f := range fault.All(err) {
			fe := fieldError{Message: sentence(f.Message)}
			if _, ok := ctl.Param(f.Field); ok {
				fe.Field = paramField(f.Field)
			}
			errs = append(errs, fe)
		}
		s.showPostureSettings(w, r, rs, org, id, http.StatusUnprocessableEntity, errs, form, "")
		return
	}
	s.showPostureSettings(w, r, rs, org, "", http.StatusOK, nil, nil, ctl.Title+": saved. Evaluate the posture to apply it.")
}
