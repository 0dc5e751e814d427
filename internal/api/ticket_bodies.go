package api

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// The bodies of the ticket routes that write, each read so that every
// wrong field is named in one problem, as the other routes do.

// textOrNumber accepts "P3", "3" or 3, and "high" or 1, so scripts need not
// care how a priority or level is spelled.
type textOrNumber string

func (t *textOrNumber) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*t = textOrNumber(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	*t = textOrNumber(n.String())
	return nil
}

type newTicketBody struct {
	Type            string       `json:"type"`
	Priority        textOrNumber `json:"priority"`
	Impact          textOrNumber `json:"impact"`
	Urgency         textOrNumber `json:"urgency"`
	Category        string       `json:"category"`
	Subcategory     string       `json:"subcategory"`
	Channel         string       `json:"channel"`
	Title           string       `json:"title"`
	Description     string       `json:"description"`
	Caller          string       `json:"caller"`
	CallerPhone     string       `json:"caller_phone"`
	Site            string       `json:"site"`
	AssignmentGroup string       `json:"assignment_group"`
	Assignee        string       `json:"assignee"`
	AssigneeID      int64        `json:"assignee_id"`
	FixedNow        bool         `json:"fixed_now"`
}

// parseField reads v into dst with parse when v was given, adding a fault
// on field to bad when parse refuses it.
func parseField[T any](bad *fault.Fields, dst *T, field, v string, parse func(string) (T, error)) {
	if v == "" {
		return
	}
	x, err := parse(v)
	if err != nil {
		bad.Add(field, "%s", err.Error())
		return
	}
	*dst = x
}

// newTicket turns the body into what the service desk needs. A word it
// cannot read is an invalid field, named with every other mistake the
// desk's own checks find, all at once.
func (b newTicketBody) newTicket(orgID int64) (desksvc.NewTicket, error) {
	n := desksvc.NewTicket{OrgID: orgID, Category: b.Category, Subcategory: b.Subcategory, Title: b.Title,
		Description: b.Description, Caller: b.Caller, CallerPhone: b.CallerPhone, Site: b.Site,
		AssignmentGroup: b.AssignmentGroup, Assignee: b.Assignee, AssigneeID: b.AssigneeID, FixedNow: b.FixedNow}
	var bad fault.Fields
	parseField(&bad, &n.Type, "type", b.Type, desk.ParseType)
	parseField(&bad, &n.Channel, "channel", b.Channel, desk.ParseChannel)
	parseField(&bad, &n.Priority, "priority", string(b.Priority), desk.ParsePriority)
	parseField(&bad, &n.Impact, "impact", string(b.Impact), desk.ParseLevel)
	parseField(&bad, &n.Urgency, "urgency", string(b.Urgency), desk.ParseLevel)
	if len(bad) > 0 {
		for _, f := range fault.All(n.Check()) {
			if !fieldNamed(bad, f.Field) {
				bad = append(bad, f)
			}
		}
	}
	return n, bad.Err()
}

type changeBody struct {
	State           string       `json:"state"`
	Priority        textOrNumber `json:"priority"`
	AssignmentGroup *string      `json:"assignment_group"`
	Assignee        *string      `json:"assignee"`
	AssigneeID      *int64       `json:"assignee_id"`
	Note            string       `json:"note"`
	Respond         bool         `json:"respond"`
	Reopen          bool         `json:"reopen"`
	Internal        bool         `json:"internal"` // a note for the desk only, never shown or mailed to the caller
}

// addTicketEvent applies one change to a ticket, which appends events to
// its history, and answers with the ticket as it now stands.
func (a *API) addTicketEvent(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	if org, t, ok := a.ticketInScope(w, r, p); ok {
		a.changeTicket(w, r, p, org, t)
	}
}

// changeTicket applies the change the request's body asks for to t. A
// state and a priority it cannot read are named together, with whatever
// else the desk's checks find wrong in the change.
func (a *API) changeTicket(w http.ResponseWriter, r *http.Request, p tenancy.Principal, org accountsvc.Org, t desksvc.Ticket) {
	var body changeBody
	if !decode(w, r, &body) {
		return
	}
	c := desksvc.Change{AssignmentGroup: body.AssignmentGroup, Assignee: body.Assignee, AssigneeID: body.AssigneeID, Note: body.Note,
		Respond: body.Respond, Reopen: body.Reopen, Internal: body.Internal}
	var bad fault.Fields
	parseField(&bad, &c.State, "state", body.State, desk.ParseState)
	parseField(&bad, &c.Priority, "priority", string(body.Priority), desk.ParsePriority)
	if len(bad) > 0 {
		for _, f := range fault.All(a.desk.CheckChange(t, c)) {
			if !fieldNamed(bad, f.Field) {
				bad = append(bad, f)
			}
		}
		a.fail(w, r, bad.Err())
		return
	}
	t, err := a.desk.Update(r.Context(), p, t.ID, c)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	a.showTicket(w, r, p, org, t, http.StatusCreated)
}

func fieldNamed(bad fault.Fields, field string) bool {
	for _, f := range bad {
		if f.Field == field {
			return true
		}
	}
	return false
}
