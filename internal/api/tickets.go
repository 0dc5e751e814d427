package api

import (
	"net/http"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// clockDoc is an SLA clock in working minutes, which scripts can compare
// and people can read, rather than Go's nanoseconds.
type clockDoc struct {
	Status        desk.Status `json:"status"`
	TargetMinutes float64     `json:"target_working_minutes"`
	UsedMinutes   float64     `json:"used_working_minutes"`
	PausedMinutes float64     `json:"paused_working_minutes"`
	LeftMinutes   float64     `json:"left_working_minutes"`
	Deadline      time.Time   `json:"deadline,omitzero"`
	StoppedAt     time.Time   `json:"stopped_at,omitzero"`
	// Warning is the highest warning threshold (percent of the target) reached.
	Warning float64 `json:"warning"`
}

type slaDoc struct {
	Priority      string    `json:"priority"`
	PolicyVersion int       `json:"policy_version"`
	MeasuredAt    time.Time `json:"measured_at"`
	Response      clockDoc  `json:"response"`
	Resolution    clockDoc  `json:"resolution"`
}

func minutes(d time.Duration) float64 { return float64(d.Round(time.Second)) / float64(time.Minute) }

func clockOf(c desk.Clock) clockDoc {
	return clockDoc{Status: c.Status, TargetMinutes: minutes(c.Target), UsedMinutes: minutes(c.Used), PausedMinutes: minutes(c.Paused),
		LeftMinutes: minutes(c.Left), Deadline: c.Deadline, StoppedAt: c.StoppedAt, Warning: c.Warning}
}

func slaOf(m desk.Measurement) slaDoc {
	return slaDoc{Priority: m.Priority.String(), PolicyVersion: m.PolicyVersion, MeasuredAt: m.At,
		Response: clockOf(m.Response), Resolution: clockOf(m.Resolution)}
}

// ticketDoc is a ticket as the API shows it: its fields with the priority
// written P1–P4, and its clocks measured when asked.
type ticketDoc struct {
	ID              int64        `json:"id"`
	Org             string       `json:"org"`
	Ref             string       `json:"ref"`
	Source          string       `json:"source"`
	Type            desk.Type    `json:"type"`
	Priority        string       `json:"priority"`
	Impact          string       `json:"impact,omitempty"`
	Urgency         string       `json:"urgency,omitempty"`
	Category        string       `json:"category"`
	Subcategory     string       `json:"subcategory"`
	Channel         desk.Channel `json:"channel"`
	Title           string       `json:"title"`
	Description     string       `json:"description"`
	Caller          string       `json:"caller"`
	CallerPhone     string       `json:"caller_phone,omitempty"`
	Site            string       `json:"site"`
	AssignmentGroup string       `json:"assignment_group"`
	Assignee        string       `json:"assignee"`
	AssigneeID      int64        `json:"assignee_id,omitempty"`
	State           desk.State   `json:"state"`
	OpenedAt        time.Time    `json:"opened_at"`
	ResolvedAt      time.Time    `json:"resolved_at,omitzero"`
	ClosedAt        time.Time    `json:"closed_at,omitzero"`
	UpdatedAt       time.Time    `json:"updated_at"`
	SLA             slaDoc       `json:"sla"`
}

func level(l desk.Level) string {
	if l == 0 {
		return ""
	}
	return l.String()
}

func docOf(org accountsvc.Org, t desksvc.Ticket, m desk.Measurement) ticketDoc {
	return ticketDoc{ID: t.ID, Org: org.Slug, Ref: t.Ref, Source: t.Source, Type: t.Type, Priority: t.Priority.String(),
		Impact: level(t.Impact), Urgency: level(t.Urgency), Category: t.Category, Subcategory: t.Subcategory,
		Channel: t.Channel, Title: t.Title, Description: t.Description, Caller: t.Caller, CallerPhone: t.CallerPhone,
		Site: t.Site, AssignmentGroup: t.AssignmentGroup, Assignee: t.Assignee, AssigneeID: t.AssigneeID, State: t.State, OpenedAt: t.OpenedAt,
		ResolvedAt: t.ResolvedAt, ClosedAt: t.ClosedAt, UpdatedAt: t.UpdatedAt, SLA: slaOf(m)}
}

type eventDoc struct {
	At              time.Time      `json:"at"`
	Kind            desk.EventKind `json:"kind"`
	State           desk.State     `json:"state,omitempty"`
	Priority        string         `json:"priority,omitempty"`
	AssignmentGroup string         `json:"assignment_group,omitempty"`
	Assignee        string         `json:"assignee,omitempty"`
	Actor           string         `json:"actor,omitempty"`
	Note            string         `json:"note,omitempty"`
}

// eventsOf words the history for the API; actors the token cannot see are
// named for their part (see desksvc.Actors).
func eventsOf(events []desk.Event, who func(string) string) []eventDoc {
	out := make([]eventDoc, len(events))
	for i, e := range events {
		out[i] = eventDoc{At: e.At, Kind: e.Kind, State: e.State, AssignmentGroup: e.AssignmentGroup, Assignee: e.Assignee,
			Actor: who(e.Actor), Note: e.Note}
		if e.Priority != 0 {
			out[i].Priority = e.Priority.String()
		}
	}
	return out
}

// listTickets lists an org's tickets with live clocks, a page at a time:
// newest first, or by ?sort= (opened, priority, due, updated, ref). Filters:
// state, open=true, priority, channel, type, q, assigned (mine or
// unassigned), limit. The answer's "next" is the cursor of the following
// page (?cursor=), absent on the last.
func (a *API) listTickets(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	q := r.URL.Query()
	f, bad := httpin.TicketFilter(q)
	bad = append(bad, httpin.TicketAssigned(q, p.UserID, &f)...)
	bad = append(bad, httpin.TicketOrder(q, &f)...)
	var paging *httpin.FieldError
	f.Limit, paging = httpin.Limit(q, 1000)
	if q.Has("offset") {
		paging = &httpin.FieldError{Field: "offset", Detail: "the list pages by cursor: pass the answer's next as ?cursor="}
	}
	if a.badQuery(w, r, bad, paging) {
		return
	}
	f.OrgID = org.ID
	if f.Limit == 0 {
		f.Limit = 100
	}
	ctx := r.Context()
	page, err := a.desk.TicketPage(ctx, p, f)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	clocks, err := a.desk.MeasureAll(ctx, p, page.Tickets)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	docs := make([]ticketDoc, len(page.Tickets))
	for i, t := range page.Tickets {
		docs[i] = docOf(org, t, clocks[i])
	}
	answer := map[string]any{"tickets": docs, "limit": f.Limit, "sort": string(f.Sort)}
	if f.Sort == "" {
		answer["sort"] = "opened"
	}
	if page.Next != nil {
		answer["next"] = page.Next.Encode()
	}
	if page.Prev != nil {
		answer["prev"] = page.Prev.Encode()
	}
	writeJSON(w, http.StatusOK, answer)
}

// ticketInScope finds the {ref} ticket of the {slug} org, 404 when either is
// outside the token's scope.
func (a *API) ticketInScope(w http.ResponseWriter, r *http.Request, p tenancy.Principal) (accountsvc.Org, desksvc.Ticket, bool) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return org, desksvc.Ticket{}, false
	}
	t, err := a.desk.TicketByRef(r.Context(), p, org.ID, r.PathValue("ref"))
	if desksvc.IsNotFound(err) && a.redirectRenamed(w, r, p, org.ID, "/api/v1/orgs/"+r.PathValue("slug")+"/tickets/") {
		return org, t, false
	}
	err = notFoundAs(err, "no ticket %s in %s", r.PathValue("ref"), org.Slug)
	if err != nil {
		a.fail(w, r, err)
		return org, t, false
	}
	return org, t, true
}

func (a *API) getTicket(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	if org, t, ok := a.ticketInScope(w, r, p); ok {
		a.showTicket(w, r, p, org, t, http.StatusOK)
	}
}

// showTicket answers with the ticket, its whole history and its clocks as
// they stand now.
func (a *API) showTicket(w http.ResponseWriter, r *http.Request, p tenancy.Principal, org accountsvc.Org, t desksvc.Ticket, status int) {
	ctx := r.Context()
	t, events, err := a.desk.Ticket(ctx, p, t.ID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	m, err := a.desk.Measure(ctx, p, t, events)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	who, err := a.desk.Actors(ctx, p)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if status == http.StatusCreated {
		w.Header().Set("Location", "/api/v1/orgs/"+org.Slug+"/tickets/"+t.Ref)
	}
	doc := docOf(org, t, m)
	writeJSON(w, status, map[string]any{"ticket": doc, "events": eventsOf(events, who), "sla": doc.SLA})
}
