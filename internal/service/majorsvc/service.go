// Package majorsvc runs major incidents and the status page: a manager (or
// an org's rule) raises an incident ticket to major, the desk keeps its
// timeline, communication plan and child tickets, resolves them together,
// and reviews it afterwards; each council's staff read a status page of
// current major incidents and planned maintenance, and subscribers hear of
// the services they chose by e-mail, damped so that a flapping incident
// does not flood them.
package majorsvc

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/major"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// The names adapters use for what this service returns.
type (
	Incident       = store.MajorIncident
	Update         = store.MajorUpdate
	Maintenance    = store.Maintenance
	StatusIncident = store.StatusIncident
	Page           = store.MajorPage
	Filter         = store.MajorFilter
)

var (
	errForbidden = fault.Forbidden("your role does not allow this on major incidents")
	errNotFound  = fault.NotFound("no such major incident")
)

// Service is major incidents and the status page over one store; it moves
// child tickets through the desk, so they are measured and their callers
// told as any other ticket.
type Service struct {
	Store *store.Store
	Desk  *desksvc.Service
	// BaseURL begins the links in subscribers' e-mail.
	BaseURL string
}

// New returns the service over a store and the desk.
func New(st *store.Store, d *desksvc.Service) *Service {
	return &Service{Store: st, Desk: d}
}

// Who may do what. Managers (those who manage the desk) raise, decide,
// resolve and review; the desk's agents keep the timeline and link tickets;
// anyone who raises tickets or reads the committee's reports reads them.
func canRead(p tenancy.Principal) bool {
	return p.Can(tenancy.RaiseTickets) || p.Can(tenancy.ViewReports)
}

func require(p tenancy.Principal, perm tenancy.Permission, orgID int64) error {
	if !p.Can(perm) || !p.Scope.Allows(orgID) {
		return errForbidden
	}
	return nil
}

// Ref is how people name a major incident.
func Ref(id int64) string { return fmt.Sprintf("MI-%d", id) }

// Raise is what raising an incident to major needs. The ticket is named by
// its id or its reference; impacts name councils by slug (Org) or id, and
// default to the ticket's own council.
type Raise struct {
	OrgID     int64
	TicketID  int64
	TicketRef string
	Title     string
	Why       string
	Impacts   []major.Impact
	Comms     []major.Comms // Audience and Every; none: staff hourly
	Candidate bool          // propose, for a manager to accept
}

// Raise makes an incident ticket a major incident (or a candidate). Only a
// manager of the desk may; a rule proposes through TicketOpened instead.
func (s *Service) Raise(ctx context.Context, p tenancy.Principal, r Raise) (Incident, error) {
	if !p.Can(tenancy.ManageDesk) {
		return Incident{}, errForbidden
	}
	var bad fault.Fields
	t, err := s.ticket(ctx, p, r.OrgID, r.TicketID, r.TicketRef)
	if err != nil {
		bad.Add("ticket", "no incident ticket %q in view", firstOf(r.TicketRef, fmt.Sprint(r.TicketID)))
	} else if t.Type != desk.Incident || t.State.Done() {
		bad.Add("ticket", "%s is not an open incident", t.Ref)
	}
	if r.Title = strings.TrimSpace(firstOf(r.Title, t.Title)); len(r.Title) > 200 {
		bad.Add("title", "keep the title under 200 characters")
	}
	impacts, err := s.impacts(ctx, p, t, r.Impacts)
	if err != nil {
		bad = append(bad, fault.All(err)...)
	}
	comms := r.Comms
	if len(comms) == 0 {
		comms = []major.Comms{{Audience: major.Staff, Every: time.Hour}}
	}
	for _, c := range comms {
		if err := major.CheckComms(c.Every); err != nil {
			bad.Add("every_"+string(c.Audience), "%s", err.Error())
		}
	}
	if err := bad.Err(); err != nil {
		return Incident{}, err
	}
	if err := require(p, tenancy.ManageDesk, t.OrgID); err != nil {
		return Incident{}, err
	}
	state := major.Open
	if r.Candidate {
		state = major.Candidate
	}
	m := Incident{OrgID: t.OrgID, TicketID: t.ID, TicketRef: t.Ref, Title: r.Title, State: state, Phase: major.Investigating,
		RaisedBy: p.Actor, RaisedWhy: firstOf(strings.TrimSpace(r.Why), "raised by a manager"), Impacts: impacts}
	if state == major.Open {
		m.DecidedBy, m.DecidedAt = p.Actor, s.Store.Now()
	}
	return m, s.Store.InTx(ctx, func(ctx context.Context) error {
		if _, err := s.Store.LiveMajorOnTicket(ctx, p.Scope, t.ID); err == nil {
			return fault.Conflict("%s is already part of a major incident", t.Ref)
		} else if !fault.Is(err, fault.KindNotFound) {
			return err
		}
		if err := s.create(ctx, p, &m, comms); err != nil {
			return err
		}
		return s.audit(ctx, p, m, audit.MajorRaise, map[string]string{"state": string(m.State), "why": m.RaisedWhy})
	})
}

// create stores a new major incident with its plan, and tells subscribers
// when it opens at once.
func (s *Service) create(ctx context.Context, p tenancy.Principal, m *Incident, comms []major.Comms) error {
	if err := s.Store.CreateMajorIncident(ctx, p.Scope, m); err != nil {
		return err
	}
	now := s.Store.Now()
	for _, c := range comms {
		c.NextDue = now.Add(c.Every)
		if err := s.Store.SetMajorComms(ctx, p.Scope, *m, c); err != nil {
			return err
		}
	}
	if m.State == major.Open {
		return s.notify(ctx, p.Scope, *m, "")
	}
	return nil
}

func (s *Service) ticket(ctx context.Context, p tenancy.Principal, orgID, id int64, ref string) (store.Ticket, error) {
	switch {
	case id != 0:
		return s.Store.Ticket(ctx, p.Scope, id)
	case orgID != 0:
		return s.Store.TicketByRef(ctx, p.Scope, orgID, ref)
	}
	return s.Store.TicketByReference(ctx, p.Scope, ref)
}

// impacts resolves the councils named by slug and checks each impact; none
// at all means the ticket's category (or "unnamed service") in its council.
func (s *Service) impacts(ctx context.Context, p tenancy.Principal, t store.Ticket, in []major.Impact) ([]major.Impact, error) {
	if len(in) == 0 && t.ID != 0 {
		return []major.Impact{{OrgID: t.OrgID, Service: firstOf(t.Category, "unnamed service"), Site: t.Site}}, nil
	}
	var bad fault.Fields
	var out []major.Impact
	for i, im := range in {
		field, n := "impacts", fmt.Sprintf("impact %d: ", i+1)
		im.Service, im.Site, im.Org = strings.TrimSpace(im.Service), strings.TrimSpace(im.Site), strings.TrimSpace(im.Org)
		if im.OrgID == 0 && im.Org != "" {
			o, err := s.Store.OrgBySlug(ctx, p.Scope, im.Org)
			if err != nil {
				bad.Add(field, "%sno council %q in view", n, im.Org)
				continue
			}
			im.OrgID = o.ID
		}
		if im.OrgID == 0 {
			im.OrgID = t.OrgID
		}
		switch {
		case !p.Scope.Allows(im.OrgID):
			bad.Add(field, "%sthat council is not in view", n)
		case im.Service == "" || len(im.Service) > 100:
			bad.Add(field, "%sname the service affected (up to 100 characters)", n)
		case len(im.Site) > 100:
			bad.Add(field, "%skeep the site under 100 characters", n)
		default:
			out = append(out, im)
		}
	}
	return out, bad.Err()
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func (s *Service) audit(ctx context.Context, p tenancy.Principal, m Incident, action string, detail map[string]string) error {
	_, err := s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: m.OrgID, Action: action,
		Target: Ref(m.ID) + " on " + m.TicketRef, Detail: detail, IP: p.IP})
	return err
}
