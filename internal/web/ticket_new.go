package web

import (
	"net/http"
	"strings"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

type ticketNewData struct {
	Links      []deskLink
	Form       map[string]string
	Orgs       []accountsvc.Org // a choice, when the user sees several and has not switched to one
	OrgName    string           // the org the ticket goes to, when there is no choice
	Staff      bool             // desk staff also set the priority, channel and caller
	Types      []desk.Type
	Levels     []desk.Level
	Priorities []desk.Priority
	Channels   []desk.Channel
	MaxFile    string   // the attachment limit, for the hint
	Assignees  []choice // for desk staff: who may work the org's tickets
}

func (s *Server) ticketNewData(r *http.Request, rs *requestState, form map[string]string) ticketNewData {
	d := ticketNewData{Links: deskLinks(r, rs), Form: form, Staff: canWork(rs), Types: desk.Types,
		Levels: []desk.Level{desk.High, desk.Medium, desk.Low}, Priorities: desk.Priorities, Channels: desk.Channels,
		MaxFile: byteSize(s.desk.MaxAttachment())}
	if org, ok := s.formOrg(rs, ""); ok {
		d.OrgName = org.Name
	} else {
		d.Orgs = s.orgsInScope(rs)
	}
	if d.Staff {
		d.Assignees = s.newTicketAssignees(r, rs)
	}
	return d
}

func (s *Server) ticketNewForm(w http.ResponseWriter, r *http.Request, rs *requestState) {
	form := map[string]string{"type": "incident", "impact": "medium", "urgency": "medium", "channel": "portal"}
	s.render(w, r, rs, http.StatusOK, "ticket_new", page{Data: s.ticketNewData(r, rs, form)})
}

// ticketCreate logs a ticket from the portal form. An officer is the
// caller and the priority follows from impact and urgency; desk staff
// logging for someone else may name the caller, the channel and the
// priority.
func (s *Server) ticketCreate(w http.ResponseWriter, r *http.Request, rs *requestState) {
	files, fileErr := attachmentsFrom(r)
	_ = r.ParseForm()
	form := map[string]string{}
	for _, k := range []string{"org", "type", "title", "description", "category", "impact", "urgency", "priority", "channel", "caller", "assignee"} {
		form[k] = strings.TrimSpace(r.PostFormValue(k))
	}
	staff := canWork(rs)
	var errs []fieldError
	if fileErr != nil {
		errs = append(errs, *fileErr)
	}
	org, ok := s.formOrg(rs, form["org"])
	if !ok {
		fe := fieldError{"org", "Choose the organisation the ticket is for"}
		if _, fixed := s.formOrg(rs, ""); fixed {
			fe = fieldError{"", "You cannot log tickets for that organisation"} // the form offers no choice
		}
		errs = append(errs, fe)
	}
	n := desksvc.NewTicket{OrgID: org.ID, Title: form["title"], Description: r.PostFormValue("description"),
		Category: form["category"], Channel: desk.Portal, Caller: rs.user.Name, Attachments: files}
	var err error
	if n.Type, err = desk.ParseType(form["type"]); err != nil {
		errs = append(errs, fieldError{"type", "Choose whether something is broken or something is wanted"})
	}
	parseInto(&errs, &n.Impact, "impact", form["impact"], desk.ParseLevel, "Choose high, medium or low impact")
	parseInto(&errs, &n.Urgency, "urgency", form["urgency"], desk.ParseLevel, "Choose high, medium or low urgency")
	if staff {
		parseInto(&errs, &n.Priority, "priority", form["priority"], desk.ParsePriority, "Choose a priority from P1 to P4, or leave it to impact and urgency")
		parseInto(&errs, &n.Channel, "channel", form["channel"], desk.ParseChannel, "Choose how the ticket reached the desk")
		if form["caller"] != "" {
			n.Caller = form["caller"]
		}
		if id, ok := parseID(form["assignee"]); ok {
			n.AssigneeID = id
		} else {
			errs = append(errs, fieldError{"assignee", "Choose someone from the list"})
		}
	}
	fields := []string{"type", "title", "description", "priority", "channel", "assignee", "attachment"}
	if len(errs) == 0 {
		t, err := s.desk.Open(r.Context(), rs.principal, n)
		bad, again := s.ticketSaved(w, r, t, err, "logged", fields...)
		if !again {
			return
		}
		errs = append(errs, bad...)
	} else {
		// The form's own mistakes stop it here; the desk's checks name the
		// rest (an empty title), so every mistake is shown at once.
		errs = faultLines(faultLines(errs, n.Check(), fields...), s.desk.CheckFiles(files), "attachment")
	}
	s.render(w, r, rs, http.StatusUnprocessableEntity, "ticket_new", page{Errors: errs, Data: s.ticketNewData(r, rs, form)})
}
