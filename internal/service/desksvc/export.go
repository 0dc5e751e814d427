package desksvc

import (
	"context"
	"io"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/csvout"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// TicketCSVHeader is the first row of a ticket list's export.
var TicketCSVHeader = []string{"reference", "organisation", "type", "title", "priority", "state", "channel",
	"category", "caller", "assignment_group", "assignee", "assignee_email", "opened_at", "resolved_at",
	"resolution_deadline", "sla_response", "sla_resolution"}

// ExportTickets writes every ticket of the filtered list as CSV, newest
// first, however many pages the list has; the filter's limit is ignored.
// Rows are streamed from the database as they are written, so a large
// export is never held in memory. It is data leaving ward: the export and
// its filter (query, as the caller wrote it) are audited before the first
// row is sent. Cells go through csvout, since titles and callers are typed
// by anyone.
func (s *Service) ExportTickets(ctx context.Context, p tenancy.Principal, f TicketFilter, query string, w io.Writer) (int, error) {
	if !p.Can(tenancy.RaiseTickets) && !p.Can(tenancy.WorkTickets) {
		return 0, errForbidden
	}
	if f.OrgID != 0 && !p.Scope.Allows(f.OrgID) {
		return 0, errForbidden
	}
	orgs, err := s.Store.Orgs(ctx, p.Scope)
	if err != nil {
		return 0, err
	}
	orgName := map[int64]string{}
	for _, o := range orgs {
		orgName[o.ID] = o.Name
	}
	users, err := s.Store.Users(ctx, p.Scope)
	if err != nil {
		return 0, err
	}
	email := map[int64]string{}
	for _, u := range users {
		email[u.ID] = u.Email
	}
	if _, err := s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: f.OrgID, Action: audit.Export,
		Target: "tickets as CSV", Detail: map[string]string{"query": query}, IP: p.IP}); err != nil {
		return 0, err
	}
	return csvout.Stream(w, TicketCSVHeader, func(emit func([]string) error) error {
		return s.Store.EachListedTicket(ctx, p.Scope, s.withBreachBy(ctx, p, f), func(t Ticket) error {
			return emit([]string{t.Ref, orgName[t.OrgID], string(t.Type), t.Title, t.Priority.String(), t.State.Label(),
				string(t.Channel), t.Category, t.Caller, t.AssignmentGroup, t.Assignee, email[t.AssigneeID],
				stamp(t.OpenedAt), stamp(t.ResolvedAt), stamp(t.SLA.Resolution.Deadline),
				string(t.SLA.Response.Status), string(t.SLA.Resolution.Status)})
		})
	})
}

// stamp writes a time for a spreadsheet: UTC, to the second; empty if unset.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
