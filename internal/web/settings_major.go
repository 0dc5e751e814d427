package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/major"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
)

type majorSettingsData struct {
	Org  accountsvc.Org
	Form map[string]string
}

// majorSettings shows a council's major incident rules and whether its
// status page is public, as `ward major settings` sets them.
func (s *Server) majorSettings(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	st, err := s.major.Settings(r.Context(), rs.principal, org.ID)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	form := map[string]string{"public": yesNo(st.StatusPublic), "gap": strconv.Itoa(int(st.NoticeGap / time.Minute)),
		"burst": strconv.Itoa(st.BurstTickets), "window": strconv.Itoa(int(st.BurstWindow / time.Minute)),
		"critical": strings.Join(st.Critical, "\n"), "direct": yesNo(st.RaiseDirectly)}
	s.render(w, r, rs, http.StatusOK, "settings_major", page{Data: majorSettingsData{Org: org, Form: form}})
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func (s *Server) majorSettingsSave(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	form := postForm(r, "public", "gap", "burst", "window", "critical", "direct")
	var errs []fieldError
	number := func(field, msg string) int {
		n, err := strconv.Atoi(strings.TrimSpace(form[field]))
		if err != nil {
			errs = append(errs, fieldError{field, msg})
		}
		return n
	}
	st := major.Settings{StatusPublic: form["public"] == "yes", RaiseDirectly: form["direct"] == "yes",
		NoticeGap:    time.Duration(number("gap", "Enter the minutes between notices as a whole number")) * time.Minute,
		BurstTickets: number("burst", "Enter the number of tickets as a whole number (0 turns the rule off)"),
		BurstWindow:  time.Duration(number("window", "Enter the window in minutes as a whole number")) * time.Minute}
	for _, c := range strings.Split(form["critical"], "\n") {
		if c = strings.TrimSpace(c); c != "" {
			st.Critical = append(st.Critical, c)
		}
	}
	if len(errs) > 0 { // the rest is still checked: every mistake at once
		for _, field := range []string{"gap", "burst", "window", "critical"} {
			if msg, bad := st.Check()[field]; bad && errorFor(errs, field) == "" {
				errs = append(errs, fieldError{field, sentence(msg)})
			}
		}
	}
	if len(errs) == 0 {
		err := s.major.SaveSettings(r.Context(), rs.principal, org.ID, st)
		if err == nil {
			s.flash(w, "Major incident settings saved")
			http.Redirect(w, r, "/settings/"+org.Slug+"/major", http.StatusSeeOther)
			return
		}
		if errs = s.formFaults(w, r, err, "gap", "burst", "window", "critical"); errs == nil {
			return
		}
	}
	s.render(w, r, rs, http.StatusUnprocessableEntity, "settings_major", page{Errors: errs, Data: majorSettingsData{Org: org, Form: form}})
}
