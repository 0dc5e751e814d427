package majorsvc

import (
	"context"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/major"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// TicketOpened applies the org's rules to a newly opened ticket, in the
// transaction that opened it (the desk calls it). A P1 incident on a
// critical service, or a burst of P1/P2 incidents on one service, proposes
// a candidate for a manager to accept (or opens a major incident at once,
// if the org says so), with the burst's other tickets as children. It
// proposes nothing when the service already has a live major incident.
func (s *Service) TicketOpened(ctx context.Context, p tenancy.Principal, t store.Ticket) error {
	if t.Type != desk.Incident || t.Priority > desk.P2 {
		return nil
	}
	st, err := s.Store.MajorSettings(ctx, p.Scope, t.OrgID)
	if err != nil || (st.BurstTickets == 0 && len(st.Critical) == 0) {
		return err
	}
	window := st.BurstWindow
	if window <= 0 {
		window = time.Minute
	}
	recent, err := s.Store.RecentIncidents(ctx, p.Scope, t.OrgID, t.Category, t.OpenedAt.Add(-window))
	if err != nil {
		return err
	}
	opened := major.Recent{TicketID: t.ID, Priority: int(t.Priority), Service: t.Category, Opened: t.OpenedAt}
	prop, ok := st.Propose(opened, recent)
	if !ok {
		return nil
	}
	if live, err := s.Store.LiveMajorOnService(ctx, p.Scope, t.OrgID, t.Category); err != nil || live {
		return err
	}
	m := Incident{OrgID: t.OrgID, TicketID: t.ID, TicketRef: t.Ref, Title: t.Title, State: major.Candidate,
		Phase: major.Investigating, RaisedBy: "rule", RaisedWhy: prop.Why,
		Impacts: []major.Impact{{OrgID: t.OrgID, Service: prop.Service, Site: t.Site}}}
	if st.RaiseDirectly {
		m.State, m.DecidedBy, m.DecidedAt = major.Open, "rule", s.Store.Now()
	}
	if err := s.create(ctx, p, &m, []major.Comms{{Audience: major.Staff, Every: time.Hour}}); err != nil {
		return err
	}
	for _, id := range prop.Children {
		if _, err := s.Store.LiveMajorOnTicket(ctx, p.Scope, id); err == nil {
			continue // already part of another
		} else if !fault.Is(err, fault.KindNotFound) {
			return err
		}
		child, err := s.Store.Ticket(ctx, p.Scope, id)
		if err != nil {
			return err
		}
		if err := s.Store.LinkMajorChild(ctx, p.Scope, m, child, "rule"); err != nil {
			return err
		}
	}
	_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: m.OrgID, Action: audit.MajorRaise,
		Target: Ref(m.ID) + " on " + m.TicketRef, Detail: map[string]string{"state": string(m.State), "why": m.RaisedWhy}, IP: p.IP})
	return err
}
