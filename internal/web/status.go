package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/authsvc"
	"github.com/ward-shared-service/ward/internal/service/majorsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

type statusData struct {
	View        majorsvc.StatusView
	Incidents   []statusIncidentRow
	Resolved    []statusIncidentRow // staff view only: resolved this past week
	Maintenance []maintenanceRow
	Form        map[string]string
	SignedIn    bool
}

type statusIncidentRow struct {
	Title, Phase, Since, Services, Sites string
	ResolvedAt                           string
	Updates                              []majorUpdateRow
}

// statusVisitor is whoever is asking for a status page: the signed-in
// user's state, or nil for a visitor without a full session.
func (s *Server) statusVisitor(r *http.Request) (*requestState, error) {
	sess, user, err := s.loadSession(r)
	if errors.Is(err, errNoSession) {
		return nil, nil
	}
	if err != nil || sess.Stage != authsvc.StageFull {
		return nil, err
	}
	rs := &requestState{session: sess, user: user}
	return rs, s.loadScope(r, rs)
}

// statusPage is a council's status page: current major incidents and
// planned maintenance side by side. Its staff see it signed in; anyone may
// see the public view when the council made it public, and otherwise a
// visitor is sent to sign in.
func (s *Server) statusPage(w http.ResponseWriter, r *http.Request, _ *requestState) {
	s.showStatus(w, r, http.StatusOK, nil, map[string]string{})
}

func (s *Server) showStatus(w http.ResponseWriter, r *http.Request, status int, errs []fieldError, form map[string]string) {
	rs, err := s.statusVisitor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v, err := s.major.Status(r.Context(), principalOf(rs), r.PathValue("slug"))
	if err == majorsvc.ErrSignIn {
		s.toSignIn(w, r)
		return
	}
	if err != nil {
		s.refused(w, r, err)
		return
	}
	d := statusData{View: v, Form: form, SignedIn: rs != nil}
	loc := london // a visitor without an account: the councils are in England
	for _, o := range orgsOf(rs) {
		if o.Slug == v.Org {
			loc = zoneOf(o)
		}
	}
	for _, e := range v.Incidents {
		row := statusIncidentRow{Title: e.Title, Phase: e.Phase.Label(), Since: localTime(e.RaisedAt, loc),
			Services: strings.Join(e.Services, ", "), Sites: strings.Join(e.Sites, ", ")}
		for _, u := range e.Updates {
			row.Updates = append(row.Updates, majorUpdateRow{At: localTime(u.At, loc), Audience: string(u.Audience), Phase: u.Phase.Label(), Body: u.Body})
		}
		if e.ResolvedAt != nil {
			row.ResolvedAt = localTime(*e.ResolvedAt, loc)
			d.Resolved = append(d.Resolved, row)
			continue
		}
		d.Incidents = append(d.Incidents, row)
	}
	for _, m := range v.Maintenance {
		d.Maintenance = append(d.Maintenance, maintenanceRow{Service: m.Service, Sites: strings.Join(m.Sites, ", "),
			Starts: localTime(m.Starts, loc), Ends: localTime(m.Ends, loc), Description: m.Description})
	}
	if rs == nil {
		w.Header().Set("Cache-Control", "no-store")
	}
	s.render(w, r, rs, status, "status", page{Errors: errs, Data: d})
}

func principalOf(rs *requestState) *tenancy.Principal {
	if rs == nil {
		return nil
	}
	return &rs.principal
}

func orgsOf(rs *requestState) []authsvc.Org {
	if rs == nil {
		return nil
	}
	return rs.orgs
}

// statusSubscribe asks for e-mail about a service; the answer is the same
// whether or not the address was subscribed already.
func (s *Server) statusSubscribe(w http.ResponseWriter, r *http.Request, _ *requestState) {
	form := postForm(r, "email", "service")
	rs, err := s.statusVisitor(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	err = s.major.Subscribe(r.Context(), principalOf(rs), r.PathValue("slug"), form["email"], form["service"])
	switch {
	case err == majorsvc.ErrSignIn:
		s.toSignIn(w, r)
	case fault.Is(err, fault.KindInvalid):
		s.showStatus(w, r, http.StatusUnprocessableEntity, formErrors(err, ""), form)
	case err != nil:
		s.refused(w, r, err)
	default:
		s.flash(w, "Check your e-mail: follow the link we sent to start receiving notices about "+strings.TrimSpace(form["service"]))
		http.Redirect(w, r, "/status/"+r.PathValue("slug"), http.StatusSeeOther)
	}
}

type statusLinkData struct {
	Action, Token, Question, Button string
	Done                            string
}

// statusLinkForm is the page a mailed link opens: a button that confirms,
// so a mail scanner fetching the link changes nothing.
func (s *Server) statusLinkForm(action, question, button string) func(http.ResponseWriter, *http.Request, *requestState) {
	return func(w http.ResponseWriter, r *http.Request, _ *requestState) {
		w.Header().Set("Referrer-Policy", "no-referrer") // the token is in the address
		d := statusLinkData{Action: "/status/" + r.PathValue("slug") + "/" + action, Token: r.URL.Query().Get("token"), Question: question, Button: button}
		s.render(w, r, nil, http.StatusOK, "status_link", page{Data: d})
	}
}

func (s *Server) statusVerify(w http.ResponseWriter, r *http.Request, _ *requestState) {
	_ = r.ParseForm()
	a, err := s.major.Verify(r.Context(), r.PostFormValue("token"))
	s.statusLinkDone(w, r, err, func() string {
		return "You will now receive e-mail about " + a.Service + " from the " + a.OrgName + " status page."
	})
}

func (s *Server) statusUnsubscribe(w http.ResponseWriter, r *http.Request, _ *requestState) {
	_ = r.ParseForm()
	a, err := s.major.Unsubscribe(r.Context(), r.PostFormValue("token"))
	s.statusLinkDone(w, r, err, func() string {
		return "You will no longer receive e-mail about " + a.Service + " from the " + a.OrgName + " status page."
	})
}

func (s *Server) statusLinkDone(w http.ResponseWriter, r *http.Request, err error, said func() string) {
	if fault.Is(err, fault.KindNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "This link has expired or was already used.")
		return
	}
	if err != nil {
		s.refused(w, r, err)
		return
	}
	s.render(w, r, nil, http.StatusOK, "status_link", page{Data: statusLinkData{Done: said()}})
}
