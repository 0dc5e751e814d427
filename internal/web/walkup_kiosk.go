package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/service/walkupsvc"
)

// A site's tablet and queue screen sign in as no one: each opens a kiosk
// link whose token a desk manager made (/settings/{slug}/walkup). The
// token is the site's key, kept hashed; a page opened by it shows the
// site's name and nothing else of the org. A wrong or replaced token is
// the ordinary page-not-found.

type kioskData struct {
	Title, SiteName string
	Action          string // the form's own address, token and all
	Refresh         string // a meta refresh: seconds, and where to
	Form            map[string]string
	Number          int // the queue number just given
	Screen          walkupsvc.Screen
}

// renderKiosk writes a kiosk page: the "kiosk" shell, not the signed-in
// layout, around the page's own content.
func (s *Server) renderKiosk(w http.ResponseWriter, r *http.Request, status int, name string, pg page) {
	t, ok := s.pages.byName[name]
	if !ok {
		s.serverError(w, r, fmt.Errorf("no page template %q", name))
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "kiosk", pg); err != nil {
		s.serverError(w, r, fmt.Errorf("render %s: %w", name, err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

func checkInPath(token string) string { return "/walkup/checkin/" + url.PathEscape(token) }

// kioskCheckInForm is the tablet's page: the form, or, just after a
// check-in (?number=N), the number given, until the page goes back to an
// empty form for the next person.
func (s *Server) kioskCheckInForm(w http.ResponseWriter, r *http.Request, _ *requestState) {
	token := r.PathValue("token")
	k, err := s.walkup.Kiosk(r.Context(), token, walkupsvc.KioskCheckIn)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	d := kioskData{Title: "Check in", SiteName: k.SiteName, Action: checkInPath(token), Form: map[string]string{}}
	if n, err := strconv.Atoi(r.URL.Query().Get("number")); err == nil && n > 0 {
		d.Number, d.Title = n, "Your number"
		d.Refresh = "20; url=" + d.Action
	}
	s.renderKiosk(w, r, http.StatusOK, "walkup_checkin", page{Data: d})
}

// kioskCheckIn puts the person in the queue and shows their number.
func (s *Server) kioskCheckIn(w http.ResponseWriter, r *http.Request, _ *requestState) {
	token := r.PathValue("token")
	k, err := s.walkup.Kiosk(r.Context(), token, walkupsvc.KioskCheckIn)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	_ = r.ParseForm()
	form := map[string]string{}
	for _, f := range []string{"name", "reason", "show_name"} {
		form[f] = strings.TrimSpace(r.PostFormValue(f))
	}
	v, err := s.walkup.CheckIn(r.Context(), token, form["name"], form["reason"], form["show_name"] == "yes", s.clientIP(r))
	if bad := s.refusedForm(w, r, err); bad != nil {
		d := kioskData{Title: "Check in", SiteName: k.SiteName, Action: checkInPath(token), Form: form}
		s.renderKiosk(w, r, http.StatusUnprocessableEntity, "walkup_checkin", page{Errors: formErrors(err, ""), Data: d})
		return
	} else if err != nil {
		return
	}
	http.Redirect(w, r, checkInPath(token)+"?number="+strconv.Itoa(v.Number), http.StatusSeeOther)
}

// kioskScreen is the site's queue screen: who is called to which desk, and
// the numbers waiting, read again every few seconds by a meta refresh.
func (s *Server) kioskScreen(w http.ResponseWriter, r *http.Request, _ *requestState) {
	sc, err := s.walkup.QueueScreen(r.Context(), r.PathValue("token"))
	if err != nil {
		s.refused(w, r, err)
		return
	}
	d := kioskData{Title: "Queue", SiteName: sc.SiteName, Refresh: "5", Screen: sc}
	s.renderKiosk(w, r, http.StatusOK, "walkup_screen", page{Data: d})
}
