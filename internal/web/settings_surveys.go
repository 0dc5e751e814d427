package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

type surveySettingsData struct {
	Org  accountsvc.Org
	Form map[string]string
	Now  string // the settings in a sentence
}

// surveyFields are the settings form's fields, as the service names them.
var surveyFields = []string{"enabled", "delay", "sample", "link_days", "cooloff_days", "followup_score"}

func (s *Server) surveySettings(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	s.showSurveySettings(w, r, rs, org, http.StatusOK, nil, nil)
}

func (s *Server) showSurveySettings(w http.ResponseWriter, r *http.Request, rs *requestState, org accountsvc.Org, status int, errs []fieldError, form map[string]string) {
	set, err := s.desk.SurveySettingsOf(r.Context(), rs.principal, org.ID)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	if form == nil {
		on := "off"
		if set.Enabled {
			on = "on"
		}
		form = map[string]string{"enabled": on, "delay": strconv.Itoa(int(set.Delay / time.Minute)),
			"sample": strconv.Itoa(set.SamplePercent), "link_days": strconv.Itoa(set.LinkDays),
			"cooloff_days": strconv.Itoa(set.CoolOffDays), "followup_score": strconv.Itoa(set.FollowUpScore)}
	}
	s.render(w, r, rs, status, "settings_surveys", page{Errors: errs,
		Data: surveySettingsData{Org: org, Form: form, Now: desksvc.DescribeSurveySettings(set)}})
}

// surveySettingsSave changes the settings as `ward survey set` does,
// naming every wrong field at once.
func (s *Server) surveySettingsSave(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	_ = r.ParseForm()
	form := map[string]string{}
	for _, f := range surveyFields {
		form[f] = strings.TrimSpace(r.PostFormValue(f))
	}
	edit := desksvc.SurveyEdit{DelayMinutes: form["delay"], SamplePercent: form["sample"], LinkDays: form["link_days"],
		CoolOffDays: form["cooloff_days"], FollowUpScore: form["followup_score"]}
	var errs []fieldError
	switch form["enabled"] {
	case "on", "off":
		on := form["enabled"] == "on"
		edit.Enabled = &on
	default:
		errs = append(errs, fieldError{"enabled", "Choose whether callers are sent surveys"})
	}
	var set desksvc.SurveySettings
	var err error
	if errs != nil {
		err = desksvc.CheckSurveyEdit(edit) // the rest of the mistakes, all at once; nothing saved
	} else {
		set, err = s.desk.SaveSurveySettings(r.Context(), rs.principal, org.ID, edit)
	}
	if errs != nil || err != nil {
		more := s.formFaults(w, r, err, surveyFields...)
		if err != nil && more == nil {
			return // answered with the error page
		}
		s.showSurveySettings(w, r, rs, org, http.StatusUnprocessableEntity, append(errs, more...), form)
		return
	}
	s.flash(w, "Saved: "+desksvc.DescribeSurveySettings(set))
	http.Redirect(w, r, "/settings/"+org.Slug+"/surveys", http.StatusSeeOther)
}
