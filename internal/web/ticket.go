package web

import (
	"errors"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

type eventRow struct {
	When            template.HTML
	Who, What, Note string
	WhoID           string // the raw identifier behind Who, shown as its title
}

type clockRow struct {
	Name     string
	Target   string
	Used     string
	Paused   string
	Deadline template.HTML
	Left     string
	Status   tag
	Warning  string
	Stopped  template.HTML
	Verdict  string // a finished ticket's clock: met or breached, with the figures
}

type ticketData struct {
	Links      []deskLink
	Ticket     desksvc.Ticket
	OrgName    string
	Opened     string
	Resolved   string
	Impact     string
	Urgency    string
	Events     []eventRow
	Clocks     []clockRow
	Policy     int
	SLA        tag
	CanWork    bool
	CanReopen  bool
	Finished   bool // resolved or closed: verdicts, no time left, no update form
	States     []desk.State
	Priorities []desk.Priority
	Form       map[string]string
	Files      []attachmentRow // the ticket's attachments
	Calls      []callRow       // the calls put on it, for the desk
	MaxFile    string          // the attachment limit, for the hint
	// Assignees are the users who may work the ticket's org, by id and
	// name; NobodyLabel is the select's empty choice.
	Assignees   []choice
	NobodyLabel string
}

// showTicket renders a ticket with its history and its clocks measured now.
// form is what the user sent, if anything, shown again beside errs.
func (s *Server) showTicket(w http.ResponseWriter, r *http.Request, rs *requestState, status int,
	t desksvc.Ticket, events []desk.Event, errs []fieldError, form map[string]string) {
	m, err := s.desk.Measure(r.Context(), rs.principal, t, events)
	if err != nil {
		var bad *desk.HistoryError
		if !errors.As(err, &bad) {
			s.serverError(w, r, err)
			return
		}
		m = t.SLA // an imported history the engine refuses: show what was stored
		errs = append(errs, fieldError{"", "The clocks shown were stored when the ticket last changed: " + bad.Error()})
	}
	org := orgIndex(rs.orgs)[t.OrgID]
	loc := zoneOf(org)
	data := ticketData{Links: deskLinks(r, rs), Ticket: t, OrgName: org.Name, Opened: localTime(t.OpenedAt, loc),
		Policy: m.PolicyVersion, SLA: slaTag(m), CanWork: canWork(rs), CanReopen: t.State == desk.Resolved,
		Finished: t.State.Done(), Priorities: desk.Priorities}
	if !t.ResolvedAt.IsZero() {
		data.Resolved = localTime(t.ResolvedAt, loc)
	}
	if t.Impact != 0 {
		data.Impact = t.Impact.String()
	}
	if t.Urgency != 0 {
		data.Urgency = t.Urgency.String()
	}
	for _, st := range desk.States {
		if st != desk.New || t.State == desk.New {
			data.States = append(data.States, st)
		}
	}
	who, err := s.desk.ActorPeople(r.Context(), rs.principal)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, e := range events {
		data.Events = append(data.Events, eventRow{When: shortTime(e.At, loc), Who: or(who(e.Actor).Name, "—"), WhoID: who(e.Actor).ID, What: describe(e), Note: e.Note})
	}
	for _, c := range []struct {
		name  string
		clock desk.Clock
	}{{"Response", m.Response}, {"Resolution", m.Resolution}} {
		row := clockRow{Name: c.name, Target: workingTime(c.clock.Target), Used: workingTime(c.clock.Used),
			Paused: workingTime(c.clock.Paused), Deadline: shortTime(c.clock.Deadline, loc), Left: timeLeft(c.clock),
			Status: clockTag(c.clock), Stopped: shortTime(c.clock.StoppedAt, loc)}
		if data.Finished {
			row.Left, row.Verdict = "", verdict(c.clock)
		}
		if c.clock.Warning > 0 && !data.Finished {
			row.Warning = strconv.FormatFloat(c.clock.Warning, 'f', -1, 64) + "% of the target used"
		}
		data.Clocks = append(data.Clocks, row)
	}
	if data.Files, err = s.attachmentRows(r, rs, t); err != nil {
		s.serverError(w, r, err)
		return
	}
	data.MaxFile = byteSize(s.desk.MaxAttachment())
	if data.CanWork {
		if data.Calls, err = s.callRows(r, rs, t, loc); err != nil {
			s.serverError(w, r, err)
			return
		}
		if data.Assignees, err = s.assigneeChoices(r, rs, t.OrgID); err != nil {
			s.serverError(w, r, err)
			return
		}
		data.NobodyLabel = nobodyLabel(t)
	}
	data.Form = map[string]string{"state": string(t.State), "priority": t.Priority.String(),
		"assignment_group": t.AssignmentGroup, "assignee": idValue(t.AssigneeID)}
	for k, v := range form {
		data.Form[k] = v
	}
	s.render(w, r, rs, status, "ticket", page{Errors: errs, Data: data})
}

// describe says in words what an event did.
func describe(e desk.Event) string {
	var parts []string
	switch e.Kind {
	case desk.Opened:
		parts = append(parts, "Logged")
	case desk.Moved:
		parts = append(parts, "State changed")
	case desk.Escalated:
		parts = append(parts, "Priority changed")
	case desk.Reassign:
		parts = append(parts, "Reassigned")
	case desk.Responded:
		parts = append(parts, "Responded to the caller")
	case desk.Commented:
		parts = append(parts, "Note added")
	case desk.Internal:
		parts = append(parts, "Internal note (not shown to the caller)")
	case desk.Reopened:
		parts = append(parts, "Reopened")
	case desk.Call:
		parts = append(parts, "Phone call")
	case desk.Updated:
		parts = append(parts, "Updated")
	default:
		parts = append(parts, string(e.Kind))
	}
	if e.State != "" && e.Kind != desk.Commented {
		parts = append(parts, "state "+e.State.Label())
	}
	if e.Priority != 0 {
		parts = append(parts, "priority "+e.Priority.String())
	}
	if e.Kind == desk.Reassign || e.Kind == desk.Opened && (e.AssignmentGroup != "" || e.Assignee != "") {
		to := strings.TrimSpace(strings.Join(nonEmpty(e.AssignmentGroup, e.Assignee), ", "))
		if to == "" {
			to = "nobody"
		}
		parts = append(parts, "assigned to "+to)
	}
	return strings.Join(parts, "; ")
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// ticketUpdate applies the change form. Only what the user changed is sent
// to the service desk, so re-submitting the current state is not an event.
// Officers send a note or a reopen; anything else from them is refused by
// the service desk.
func (s *Server) ticketUpdate(w http.ResponseWriter, r *http.Request, rs *requestState) {
	t, events, ok := s.ticketInScope(w, r, rs)
	if !ok {
		return
	}
	files, fileErr := attachmentsFrom(r)
	_ = r.ParseForm()
	form := map[string]string{}
	for _, k := range []string{"state", "priority", "assignment_group", "assignee", "note", "respond", "reopen", "internal"} {
		if _, sent := r.PostForm[k]; sent {
			form[k] = r.PostFormValue(k)
		}
	}
	c := desksvc.Change{Note: form["note"], Respond: form["respond"] == "yes", Reopen: form["reopen"] == "yes",
		Internal: form["internal"] == "yes", Attachments: files}
	var errs []fieldError
	if fileErr != nil {
		errs = append(errs, *fileErr)
	}
	if bad := reopenReason(form); bad != nil {
		errs = append(errs, *bad)
	}
	if v, sent := form["state"]; sent && v != string(t.State) {
		parseInto(&errs, &c.State, "state", v, desk.ParseState, "Choose a state from the list")
	}
	if v, sent := form["priority"]; sent && v != t.Priority.String() {
		parseInto(&errs, &c.Priority, "priority", v, desk.ParsePriority, "Choose a priority from P1 to P4")
	}
	if v, sent := form["assignment_group"]; sent && v != t.AssignmentGroup {
		c.AssignmentGroup = ptr(form["assignment_group"])
	}
	if v, sent := form["assignee"]; sent && v != idValue(t.AssigneeID) {
		if id, ok := parseID(v); ok {
			c.AssigneeID = &id
		} else {
			errs = append(errs, fieldError{"assignee", "Choose someone from the list"})
		}
	}
	fields := []string{"state", "priority", "assignment_group", "assignee", "note", "attachment"}
	if len(errs) == 0 {
		updated, err := s.desk.Update(r.Context(), rs.principal, t.ID, c)
		bad, again := s.ticketSaved(w, r, updated, err, "updated", fields...)
		if !again {
			return
		}
		errs = append(errs, bad...)
	} else {
		// The form's own mistakes stop it here; the desk's checks of the
		// rest (a file refused, a state the ticket cannot reach) join them.
		errs = faultLines(errs, s.desk.CheckChange(t, c), fields...)
	}
	s.showTicket(w, r, rs, http.StatusUnprocessableEntity, t, events, errs, form)
}

// ticketSaved answers a ticket form the desk service took or refused. Taken,
// it flashes "Ticket REF done" and goes to the ticket. Refused as invalid,
// it returns every mistake, each on whichever of fields it names, for the
// form to be shown again (again is true); any other refusal refusedForm has
// answered.
func (s *Server) ticketSaved(w http.ResponseWriter, r *http.Request, t desksvc.Ticket, err error, done string, fields ...string) (bad []fieldError, again bool) {
	switch refused := s.refusedForm(w, r, err); {
	case refused != nil:
		return faultLines(nil, err, fields...), true
	case err != nil: // refusedForm answered it
		return nil, false
	}
	s.flash(w, "Ticket "+t.Ref+" "+done)
	http.Redirect(w, r, ticketPath(t.Ref), http.StatusSeeOther)
	return nil, false
}

func ptr[T any](v T) *T { return &v }

func or(s, otherwise string) string {
	if s == "" {
		return otherwise
	}
	return s
}
