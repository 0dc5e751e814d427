package posturesvc

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Findings lists the findings the principal may see, narrowed by the filter.
func (s *Service) Findings(ctx context.Context, p tenancy.Principal, f store.FindingFilter) ([]finding.Finding, int, error) {
	if !p.Can(tenancy.ViewPosture) || (f.OrgID != 0 && !p.Scope.Allows(f.OrgID)) {
		return nil, 0, errForbidden
	}
	list, total, err := s.Store.Findings(ctx, p.Scope, f)
	return posture.Titled(list), total, err
}

// Finding reads one finding and its history.
func (s *Service) Finding(ctx context.Context, p tenancy.Principal, id int64) (finding.Finding, []finding.Event, error) {
	if !p.Can(tenancy.ViewPosture) {
		return finding.Finding{}, nil, errForbidden
	}
	f, err := s.Store.Finding(ctx, p.Scope, id)
	if err != nil {
		return f, nil, err
	}
	f.Title = posture.FindingTitle(f.Control, f.Subject)
	events, err := s.Store.FindingEvents(ctx, p.Scope, id)
	return f, events, err
}

// Accept records that an org lives with a finding's risk until a date.
func (s *Service) Accept(ctx context.Context, p tenancy.Principal, id int64, a finding.Acceptance) (finding.Finding, error) {
	return s.change(ctx, p, id, audit.FindingAccept, func(f finding.Finding, now time.Time) (finding.Finding, finding.Event, error) {
		a.By = p.Actor
		a.Reason, a.Owner = strings.TrimSpace(a.Reason), strings.TrimSpace(a.Owner)
		return finding.Accept(f, a, now)
	})
}

// Revoke ends an acceptance before its expiry.
func (s *Service) Revoke(ctx context.Context, p tenancy.Principal, id int64) (finding.Finding, error) {
	return s.change(ctx, p, id, audit.FindingRevoke, func(f finding.Finding, now time.Time) (finding.Finding, finding.Event, error) {
		return finding.Revoke(f, p.Actor, now)
	})
}

func (s *Service) change(ctx context.Context, p tenancy.Principal, id int64, action string,
	fn func(finding.Finding, time.Time) (finding.Finding, finding.Event, error)) (finding.Finding, error) {
	if !p.Can(tenancy.ManagePosture) {
		return finding.Finding{}, errForbidden
	}
	var out finding.Finding
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		f, err := s.Store.Finding(ctx, p.Scope, id)
		if err != nil {
			return err
		}
		next, ev, err := fn(f, s.Store.Now())
		if err != nil {
			return findingError(err)
		}
		if err := s.Store.SaveFinding(ctx, p.Scope, next, ev); err != nil {
			return err
		}
		out = next
		out.Title = posture.FindingTitle(out.Control, out.Subject)
		_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: f.OrgID, Action: action,
			Target: fmt.Sprintf("finding %d: %s on %s", f.ID, f.Control, f.Subject.Name), IP: p.IP})
		return err
	})
	return out, err
}

// priorityFor maps a finding's severity onto the desk's priorities: a
// critical finding is worked like a P2 incident, a low one like a P4.
func priorityFor(severity string) desk.Priority {
	switch posture.Severity(severity) {
	case posture.Critical:
		return desk.P2
	case posture.High, posture.Medium:
		return desk.P3
	}
	return desk.P4
}

// RaiseTicket opens a service-desk ticket to remediate a finding, with the
// control's remediation period (the org's own, or the catalogue's) as the
// finding's deadline. A finding has at most one ticket.
func (s *Service) RaiseTicket(ctx context.Context, p tenancy.Principal, id int64) (finding.Finding, store.Ticket, error) {
	if !p.Can(tenancy.ViewPosture) || !p.Can(tenancy.RaiseTickets) {
		return finding.Finding{}, store.Ticket{}, errForbidden
	}
	var f finding.Finding
	var t store.Ticket
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		var err error
		if f, err = s.Store.Finding(ctx, p.Scope, id); err != nil {
			return err
		}
		if f.TicketID != 0 {
			return invalid("ticket", "ticket %s already tracks this finding", f.TicketRef)
		}
		if f.State != finding.Open {
			return invalid("state", "only an open finding needs a ticket (this one is %s)", f.State)
		}
		settings, err := s.Settings(ctx, p, f.OrgID)
		if err != nil {
			return err
		}
		days := settings.RemediationDays(f.Control)
		if days <= 0 {
			days = 30
		}
		now := s.Store.Now()
		f.DueAt = now.AddDate(0, 0, days)
		f.Title = posture.FindingTitle(f.Control, f.Subject)
		title := f.Title
		var b strings.Builder
		fmt.Fprintf(&b, "%s (control %s, first seen %s).\n\n", f.Title, f.Control, f.FirstSeen.Format(time.DateOnly))
		for _, e := range f.Evidence {
			b.WriteString("- ")
			b.WriteString(e.String())
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "\nRemediation due by %s (%d days). The finding resolves itself when the next import shows the control passing.",
			f.DueAt.Format(time.DateOnly), days)
		t, err = s.Desk.Open(ctx, p, desksvc.NewTicket{OrgID: f.OrgID, Type: desk.Request, Priority: priorityFor(f.Severity),
			Category: "Security finding", Subcategory: f.Control, Channel: desk.Portal, Title: title,
			Description: b.String(), Caller: "ward posture", AssignmentGroup: "Security"})
		if err != nil {
			return err
		}
		f.TicketID, f.TicketRef = t.ID, t.Ref
		if err := s.Store.SaveFinding(ctx, p.Scope, f, finding.Event{At: now, Kind: finding.TicketRaised, Actor: p.Actor,
			Note: t.Ref + ", due " + f.DueAt.Format(time.DateOnly)}); err != nil {
			return err
		}
		_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: f.OrgID, Action: audit.FindingTicket,
			Target: fmt.Sprintf("finding %d: %s", f.ID, t.Ref), IP: p.IP})
		return err
	})
	return f, t, err
}

// FindingCursor is the place of a finding in the findings order, for the
// next and previous page links.
func FindingCursor(f finding.Finding) keyset.Cursor { return store.FindingCursor(f) }
