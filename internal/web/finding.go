package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

type acceptanceView struct {
	Reason, Owner, Until, By, At string
}

type findingData struct {
	Links        []deskLink
	Finding      finding.Finding
	Row          findingRow
	Org          accountsvc.Org
	Control      posture.Control
	KnownControl bool
	Acceptance   *acceptanceView
	Resolved     string
	Events       []eventRow
	SubjectLink  string
	PostureLink  string
	CanAccept    bool
	CanRevoke    bool
	CanTicket    bool
	Form         map[string]string
}

// findingInScope reads the {id} finding and its history, 404 when it is
// another org's: a user must not learn which ids exist.
func (s *Server) findingInScope(w http.ResponseWriter, r *http.Request, rs *requestState) (finding.Finding, []finding.Event, bool) {
	return recordInScope(s, w, r, rs, s.posture.Finding)
}

func (s *Server) findingDetail(w http.ResponseWriter, r *http.Request, rs *requestState) {
	f, events, ok := s.findingInScope(w, r, rs)
	if !ok {
		return
	}
	s.showFinding(w, r, rs, http.StatusOK, f, events, nil, nil)
}

// showFinding renders a finding: what failed and why, who accepted its
// risk, its ticket, its history, and the changes the user may make.
func (s *Server) showFinding(w http.ResponseWriter, r *http.Request, rs *requestState, status int,
	f finding.Finding, events []finding.Event, errs []fieldError, form map[string]string) {
	org := orgIndex(rs.orgs)[f.OrgID]
	who, err := s.actorNames(r, rs)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	manage := rs.principal.Can(tenancy.ManagePosture)
	data := findingDataOf(f, events, org, who, s.now())
	data.Links = postureLinks("", len(s.orgsInScope(rs)) > 1)
	data.CanAccept, data.CanRevoke = manage && f.State == finding.Open, manage && f.State == finding.Accepted
	data.CanTicket = canRaiseFromFinding(rs) && f.State == finding.Open && f.TicketID == 0
	for k, v := range form {
		data.Form[k] = v
	}
	s.render(w, r, rs, status, "finding", page{Errors: errs, Data: data})
}

// findingDataOf lays out a finding for its page, times in the org's zone
// and people named by who.
func findingDataOf(f finding.Finding, events []finding.Event, org accountsvc.Org, who func(string) string, now time.Time) findingData {
	loc := zoneOf(org)
	data := findingData{Finding: f, Row: findingRowOf(f, org.Name, loc, now), Org: org,
		SubjectLink: findingsLink("org", org.Slug, "subject", f.Subject.Key), PostureLink: "/posture/" + org.Slug, Form: map[string]string{}}
	data.Control, data.KnownControl = posture.ControlByID(f.Control)
	if !f.ResolvedAt.IsZero() {
		data.Resolved = localTime(f.ResolvedAt, loc)
	}
	if a := f.Acceptance; a != nil {
		data.Acceptance = &acceptanceView{Reason: a.Reason, Owner: a.Owner, Until: localDate(a.Expires, loc), By: or(who(a.By), "—"), At: localTime(a.At, loc)}
	}
	for _, e := range events {
		data.Events = append(data.Events, eventRow{When: shortTime(e.At, loc), Who: or(who(e.Actor), "ward"), What: describeFindingEvent(e.Kind), Note: e.Note})
	}
	return data
}

// describeFindingEvent says in words what happened to a finding.
func describeFindingEvent(k finding.EventKind) string {
	switch k {
	case finding.Opened:
		return "Found failing"
	case finding.Reopened:
		return "Failing again"
	case finding.ResolvedByCheck:
		return "Resolved: the check passed"
	case finding.AcceptedRisk:
		return "Risk accepted"
	case finding.AcceptExpired:
		return "Acceptance expired"
	case finding.AcceptRevoked:
		return "Acceptance revoked"
	case finding.TicketRaised:
		return "Ticket raised"
	case finding.SeverityChanged:
		return "Severity changed"
	}
	return string(k)
}

// findingChange runs one change of a finding's state from its page and
// shows the finding again with the refusal, or goes back to it with a
// message.
func (s *Server) findingChange(w http.ResponseWriter, r *http.Request, rs *requestState, form map[string]string, fields []string,
	change func(f finding.Finding) (string, error)) {
	f, events, ok := s.findingInScope(w, r, rs)
	if !ok {
		return
	}
	done, err := change(f)
	switch {
	case err != nil:
		if errs := s.formFaults(w, r, err, fields...); errs != nil {
			s.showFinding(w, r, rs, http.StatusUnprocessableEntity, f, events, errs, form)
		}
	default:
		s.flash(w, done)
		http.Redirect(w, r, "/findings/"+strconv.FormatInt(f.ID, 10), http.StatusSeeOther)
	}
}

// findingAccept records that the org lives with the risk until a date,
// with a reason and an owner who answers for it.
func (s *Server) findingAccept(w http.ResponseWriter, r *http.Request, rs *requestState) {
	_ = r.ParseForm()
	form := map[string]string{"reason": r.PostFormValue("reason"), "owner": r.PostFormValue("owner"), "expires": strings.TrimSpace(r.PostFormValue("expires"))}
	s.findingChange(w, r, rs, form, []string{"reason", "owner", "expires"}, func(f finding.Finding) (string, error) {
		org := orgIndex(rs.orgs)[f.OrgID]
		// Every mistake at once: an acceptance is not three submits.
		var bad fault.Fields
		for _, req := range []struct{ field, msg string }{
			{"reason", "say why the risk is accepted"}, {"owner", "name who owns the risk"},
		} {
			if strings.TrimSpace(form[req.field]) == "" {
				bad.Add(req.field, "%s", req.msg)
			}
		}
		expires, err := httpin.ExpiryDate(form["expires"], org.TimeZone)
		if err != nil {
			bad.Add("expires", "enter the date the acceptance ends, for example %s",
				s.now().In(zoneOf(org)).AddDate(0, 3, 0).Format("2006-01-02"))
		}
		if err := bad.Err(); err != nil {
			return "", err
		}
		if _, err := s.posture.Accept(r.Context(), rs.principal, f.ID, finding.Acceptance{Reason: form["reason"], Owner: form["owner"], Expires: expires}); err != nil {
			return "", err
		}
		return "Risk accepted until " + localDate(expires, zoneOf(org)), nil
	})
}

// findingRevoke ends an acceptance: the finding is open again.
func (s *Server) findingRevoke(w http.ResponseWriter, r *http.Request, rs *requestState) {
	s.findingChange(w, r, rs, nil, nil, func(f finding.Finding) (string, error) {
		if _, err := s.posture.Revoke(r.Context(), rs.principal, f.ID); err != nil {
			return "", err
		}
		return "Acceptance revoked: the finding is open again", nil
	})
}

// findingTicket raises a service-desk ticket to remediate the finding.
func (s *Server) findingTicket(w http.ResponseWriter, r *http.Request, rs *requestState) {
	s.findingChange(w, r, rs, nil, nil, func(f finding.Finding) (string, error) {
		got, t, err := s.posture.RaiseTicket(r.Context(), rs.principal, f.ID)
		if err != nil {
			return "", err
		}
		return "Ticket " + t.Ref + " raised, due " + localDate(got.DueAt, zoneOf(orgIndex(rs.orgs)[f.OrgID])), nil
	})
}
