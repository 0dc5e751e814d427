package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/major"
	"github.com/ward-shared-service/ward/internal/service/majorsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

type majorData struct {
	Ref, Title, State, Phase, Org, Raised, RaisedBy, Why, Ticket, Resolved string
	ID                                                                     int64
	Impacts                                                                []major.Impact
	Updates                                                                []majorUpdateRow
	Comms                                                                  []majorCommsRow
	Children                                                               []majorChildRow
	Review                                                                 *major.Review
	IsCandidate, IsOpen, IsResolved                                        bool
	CanDecide, CanUpdate, CanResolve, CanReview                            bool
	Form                                                                   map[string]string
}

type majorUpdateRow struct{ At, Audience, Phase, Who, Body string }
type majorCommsRow struct {
	Audience, Every, NextDue string
	Overdue                  bool
}
type majorChildRow struct{ Ref, Title, State string }

// majorInScope reads the {id} major incident; another council's is not
// found, as one that does not exist.
func (s *Server) majorInScope(w http.ResponseWriter, r *http.Request, rs *requestState) (majorsvc.Record, bool) {
	id, err := strconv.ParseInt(strings.TrimPrefix(strings.ToUpper(r.PathValue("id")), "MI-"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return majorsvc.Record{}, false
	}
	rec, err := s.major.Get(r.Context(), rs.principal, id)
	if err != nil {
		s.refused(w, r, err)
		return rec, false
	}
	return rec, true
}

func (s *Server) majorDetail(w http.ResponseWriter, r *http.Request, rs *requestState) {
	if rec, ok := s.majorInScope(w, r, rs); ok {
		s.showMajor(w, r, rs, http.StatusOK, rec, nil, map[string]string{})
	}
}

// showMajor renders one major incident: what it affects, the plan with
// overdue audiences marked, the timeline, the children, the review, and
// the forms the user's role allows at its state.
func (s *Server) showMajor(w http.ResponseWriter, r *http.Request, rs *requestState, status int, rec majorsvc.Record, errs []fieldError, form map[string]string) {
	m := rec.Incident
	org := orgIndex(rs.orgs)[m.OrgID]
	loc := zoneOf(org)
	who, err := s.actorNames(r, rs)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := majorData{ID: m.ID, Ref: majorsvc.Ref(m.ID), Title: m.Title, State: m.State.Label(), Phase: m.Phase.Label(), Org: org.Name,
		Raised: localTime(m.RaisedAt, loc), RaisedBy: or(who(m.RaisedBy), m.RaisedBy), Why: m.RaisedWhy, Ticket: m.TicketRef,
		Impacts: m.Impacts, Review: rec.Review, Form: form,
		IsCandidate: m.State == major.Candidate, IsOpen: m.State == major.Open, IsResolved: m.State == major.Resolved}
	if !m.ResolvedAt.IsZero() {
		d.Resolved = localTime(m.ResolvedAt, loc)
	}
	manage, work := rs.principal.Can(tenancy.ManageDesk), rs.principal.Can(tenancy.WorkTickets)
	d.CanDecide, d.CanResolve, d.CanReview = manage && d.IsCandidate, manage && d.IsOpen, manage && d.IsResolved
	d.CanUpdate = work && (d.IsOpen || d.IsCandidate)
	for _, u := range rec.Updates {
		d.Updates = append(d.Updates, majorUpdateRow{At: localTime(u.At, loc), Audience: string(u.Audience), Phase: u.Phase.Label(),
			Who: or(who(u.Actor), u.Actor), Body: u.Body})
	}
	for _, c := range rec.Comms {
		d.Comms = append(d.Comms, majorCommsRow{Audience: string(c.Audience), Every: c.Every.String(), NextDue: localTime(c.NextDue, loc), Overdue: c.Overdue})
	}
	for _, t := range rec.Children {
		d.Children = append(d.Children, majorChildRow{Ref: t.Ref, Title: t.Title, State: t.State.Label()})
	}
	s.render(w, r, rs, status, "major", page{Errors: errs, Data: d})
}

// majorChange runs one change from the incident's page: on a refusal the
// page again with the mistakes, otherwise back to it with a message.
func (s *Server) majorChange(w http.ResponseWriter, r *http.Request, rs *requestState, form map[string]string, fields []string,
	change func(rec majorsvc.Record) (string, error)) {
	rec, ok := s.majorInScope(w, r, rs)
	if !ok {
		return
	}
	done, err := change(rec)
	if err != nil {
		if errs := s.formFaults(w, r, err, fields...); errs != nil {
			s.showMajor(w, r, rs, http.StatusUnprocessableEntity, rec, errs, form)
		}
		return
	}
	s.flash(w, done)
	http.Redirect(w, r, "/major/"+strconv.FormatInt(rec.Incident.ID, 10), http.StatusSeeOther)
}

func postForm(r *http.Request, keys ...string) map[string]string {
	_ = r.ParseForm()
	form := map[string]string{}
	for _, k := range keys {
		form[k] = r.PostFormValue(k)
	}
	return form
}

func (s *Server) majorDecide(w http.ResponseWriter, r *http.Request, rs *requestState) {
	form := postForm(r, "decision", "why")
	s.majorChange(w, r, rs, form, []string{"decision", "why"}, func(rec majorsvc.Record) (string, error) {
		m, err := s.major.Decide(r.Context(), rs.principal, rec.Incident.ID, form["decision"] == "accept", form["why"])
		return majorsvc.Ref(m.ID) + ": " + m.State.Label(), err
	})
}

func (s *Server) majorUpdate(w http.ResponseWriter, r *http.Request, rs *requestState) {
	form := postForm(r, "audience", "phase", "body")
	s.majorChange(w, r, rs, form, []string{"audience", "phase", "body"}, func(rec majorsvc.Record) (string, error) {
		_, err := s.major.PostUpdate(r.Context(), rs.principal, rec.Incident.ID, majorsvc.NewUpdate{
			Audience: major.Audience(form["audience"]), Phase: major.Phase(form["phase"]), Body: form["body"]})
		return "Update posted", err
	})
}

func (s *Server) majorChild(w http.ResponseWriter, r *http.Request, rs *requestState) {
	form := postForm(r, "child")
	s.majorChange(w, r, rs, form, []string{"ticket"}, func(rec majorsvc.Record) (string, error) {
		t, err := s.major.LinkChild(r.Context(), rs.principal, rec.Incident.ID, strings.TrimSpace(form["child"]))
		return t.Ref + " linked; it will be resolved with " + majorsvc.Ref(rec.Incident.ID), err
	})
}

func (s *Server) majorResolve(w http.ResponseWriter, r *http.Request, rs *requestState) {
	form := postForm(r, "note")
	s.majorChange(w, r, rs, form, []string{"note"}, func(rec majorsvc.Record) (string, error) {
		open := 0
		for _, c := range rec.Children {
			if c.State != desk.Resolved && c.State != desk.Closed {
				open++
			}
		}
		_, err := s.major.Resolve(r.Context(), rs.principal, rec.Incident.ID, form["note"])
		return majorsvc.Ref(rec.Incident.ID) + " resolved with " + strconv.Itoa(open) + " child tickets", err
	})
}

func (s *Server) majorReview(w http.ResponseWriter, r *http.Request, rs *requestState) {
	form := postForm(r, "cause", "lessons", "actions")
	s.majorChange(w, r, rs, form, []string{"cause", "lessons", "actions"}, func(rec majorsvc.Record) (string, error) {
		rv := major.Review{Cause: form["cause"], Lessons: form["lessons"]}
		for _, line := range strings.Split(form["actions"], "\n") {
			if line = strings.TrimSpace(line); line == "" {
				continue
			}
			p := strings.Split(line, "|")
			for len(p) < 3 {
				p = append(p, "")
			}
			rv.Actions = append(rv.Actions, major.Action{Action: p[0], Owner: p[1], Due: p[2]})
		}
		_, err := s.major.Review(r.Context(), rs.principal, rec.Incident.ID, rv)
		return "Review saved", err
	})
}
