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
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// incident reads a major incident for a change needing perm.
func (s *Service) incident(ctx context.Context, p tenancy.Principal, id int64, perm tenancy.Permission) (Incident, error) {
	if !p.Can(perm) {
		return Incident{}, errForbidden
	}
	m, err := s.Store.MajorIncident(ctx, p.Scope, id)
	if err != nil {
		if fault.Is(err, fault.KindNotFound) {
			return m, errNotFound
		}
		return m, err
	}
	return m, require(p, perm, m.OrgID)
}

// Decide accepts or declines a candidate a rule proposed.
func (s *Service) Decide(ctx context.Context, p tenancy.Principal, id int64, accept bool, why string) (Incident, error) {
	m, err := s.incident(ctx, p, id, tenancy.ManageDesk)
	if err != nil {
		return m, err
	}
	if m.State != major.Candidate {
		return m, fault.Invalid("state", "%s is %s, not a candidate", Ref(m.ID), strings.ToLower(m.State.Label()))
	}
	m.State, m.DecidedBy, m.DecidedAt = major.Declined, p.Actor, s.Store.Now()
	if accept {
		m.State = major.Open
	}
	return m, s.Store.InTx(ctx, func(ctx context.Context) error {
		if err := s.Store.SaveMajorIncident(ctx, p.Scope, &m); err != nil {
			return err
		}
		if accept {
			if err := s.notify(ctx, p.Scope, m, ""); err != nil {
				return err
			}
		}
		return s.audit(ctx, p, m, audit.MajorDecide, map[string]string{"state": string(m.State), "why": strings.TrimSpace(why)})
	})
}

// NewUpdate is an entry for the timeline: who it is for, what it says, and
// perhaps a new phase.
type NewUpdate struct {
	Audience major.Audience
	Phase    major.Phase // "": unchanged
	Body     string
}

// PostUpdate adds an update to an open major incident's timeline, moves its
// phase, resets the plan's clock for that audience, and (when public)
// e-mails the subscribers of the services it affects, damped.
func (s *Service) PostUpdate(ctx context.Context, p tenancy.Principal, id int64, u NewUpdate) (Update, error) {
	var bad fault.Fields
	if _, err := major.ParseAudience(string(u.Audience)); err != nil {
		bad.Add("audience", "%s", err.Error())
	}
	if u.Phase != "" {
		if _, err := major.ParsePhase(string(u.Phase)); err != nil {
			bad.Add("phase", "%s", err.Error())
		} else if u.Phase == major.Fixed {
			bad.Add("phase", "resolve the major incident to say it is resolved; its child tickets are resolved with it")
		}
	}
	if u.Body = strings.TrimSpace(u.Body); u.Body == "" || len(u.Body) > 5000 {
		bad.Add("body", "write the update (up to 5,000 characters)")
	}
	if err := bad.Err(); err != nil {
		return Update{}, err
	}
	m, err := s.incident(ctx, p, id, tenancy.WorkTickets)
	if err != nil {
		return Update{}, err
	}
	if m.State != major.Open {
		return Update{}, fault.Invalid("state", "%s is not open", Ref(m.ID))
	}
	if u.Phase != "" {
		m.Phase = u.Phase
	}
	up := Update{Actor: p.Actor, Audience: u.Audience, Phase: m.Phase, Body: u.Body}
	return up, s.Store.InTx(ctx, func(ctx context.Context) error {
		if err := s.record(ctx, p, &m, &up); err != nil {
			return err
		}
		return s.audit(ctx, p, m, audit.MajorUpdate, map[string]string{"audience": string(up.Audience), "phase": string(up.Phase)})
	})
}

// record appends the update, moves the plan on and tells subscribers.
func (s *Service) record(ctx context.Context, p tenancy.Principal, m *Incident, up *Update) error {
	if err := s.Store.SaveMajorIncident(ctx, p.Scope, m); err != nil {
		return err
	}
	if err := s.Store.AddMajorUpdate(ctx, p.Scope, *m, up); err != nil {
		return err
	}
	plan, err := s.Store.MajorComms(ctx, p.Scope, m.ID)
	if err != nil {
		return err
	}
	for _, c := range plan {
		// A public update reaches everyone; others only their audience.
		if c.Audience == up.Audience || up.Audience == major.Public {
			if err := s.Store.SetMajorComms(ctx, p.Scope, *m, c.AfterUpdate(up.At)); err != nil {
				return err
			}
		}
	}
	if up.Audience == major.Public {
		return s.notify(ctx, p.Scope, *m, up.Body)
	}
	return nil
}

// SetComms sets how often an audience hears of an open major incident; the
// next update to it falls due that long from now.
func (s *Service) SetComms(ctx context.Context, p tenancy.Principal, id int64, aud major.Audience, every time.Duration) (major.Comms, error) {
	var bad fault.Fields
	if _, err := major.ParseAudience(string(aud)); err != nil {
		bad.Add("audience", "%s", err.Error())
	}
	if err := major.CheckComms(every); err != nil {
		bad.Add("every", "%s", err.Error())
	}
	if err := bad.Err(); err != nil {
		return major.Comms{}, err
	}
	m, err := s.incident(ctx, p, id, tenancy.WorkTickets)
	if err != nil {
		return major.Comms{}, err
	}
	c := major.Comms{Audience: aud, Every: every, NextDue: s.Store.Now().Add(every)}
	return c, s.Store.InTx(ctx, func(ctx context.Context) error {
		if err := s.Store.SetMajorComms(ctx, p.Scope, m, c); err != nil {
			return err
		}
		return s.audit(ctx, p, m, audit.MajorUpdate, map[string]string{"comms": string(aud), "every": every.String()})
	})
}

// LinkChild makes a ticket (by its whole reference) a child of a major
// incident: it will be resolved with it.
func (s *Service) LinkChild(ctx context.Context, p tenancy.Principal, id int64, ref string) (desksvc.Ticket, error) {
	m, err := s.incident(ctx, p, id, tenancy.WorkTickets)
	if err != nil {
		return desksvc.Ticket{}, err
	}
	if m.State == major.Resolved || m.State == major.Declined {
		return desksvc.Ticket{}, fault.Invalid("state", "%s is %s", Ref(m.ID), strings.ToLower(m.State.Label()))
	}
	t, err := s.Store.TicketByReference(ctx, p.Scope, ref)
	if err != nil {
		return t, fault.Invalid("ticket", "no ticket %q in view", ref)
	}
	if t.ID == m.TicketID {
		return t, fault.Invalid("ticket", "%s is the major incident's own ticket", t.Ref)
	}
	if err := require(p, tenancy.WorkTickets, t.OrgID); err != nil {
		return t, err
	}
	return t, s.Store.InTx(ctx, func(ctx context.Context) error {
		if err := s.Store.LinkMajorChild(ctx, p.Scope, m, t, p.Actor); err != nil {
			if fault.Is(err, fault.KindConflict) {
				return fault.Conflict("%s is already the child of a major incident", t.Ref)
			}
			return err
		}
		return s.audit(ctx, p, m, audit.MajorUpdate, map[string]string{"child": t.Ref})
	})
}

// Resolve resolves a major incident, its own ticket and every child ticket
// not yet resolved, in one transaction: each ticket gets an event saying it
// was resolved with the major incident, and why. A child the manager cannot
// see stops the whole resolution rather than being left behind.
func (s *Service) Resolve(ctx context.Context, p tenancy.Principal, id int64, note string) (Incident, error) {
	if note = strings.TrimSpace(note); note == "" || len(note) > 5000 {
		return Incident{}, fault.Invalid("note", "say how the incident was resolved (up to 5,000 characters)")
	}
	m, err := s.incident(ctx, p, id, tenancy.ManageDesk)
	if err != nil {
		return m, err
	}
	if m.State != major.Open {
		return m, fault.Invalid("state", "%s is %s, not open", Ref(m.ID), strings.ToLower(m.State.Label()))
	}
	now := s.Store.Now()
	m.State, m.Phase, m.ResolvedAt = major.Resolved, major.Fixed, now
	why := fmt.Sprintf("Resolved with major incident %s (%s): %s", Ref(m.ID), m.Title, note)
	return m, s.Store.InTx(ctx, func(ctx context.Context) error {
		children, err := s.Store.MajorChildren(ctx, p.Scope, m.ID)
		if err != nil {
			return err
		}
		if all, err := s.Store.MajorChildCount(ctx, p.Scope, m.ID); err != nil {
			return err
		} else if all != len(children) {
			return fault.Forbidden("%d of %s's child tickets are in councils outside your view: a manager who sees them all must resolve it",
				all-len(children), Ref(m.ID))
		}
		parent, err := s.Store.Ticket(ctx, p.Scope, m.TicketID)
		if err != nil {
			return err
		}
		for _, t := range append(children, parent) {
			if t.State.Done() {
				continue
			}
			if _, err := s.Desk.Update(ctx, p, t.ID, desksvc.Change{State: desk.Resolved, Note: why}); err != nil {
				return fmt.Errorf("resolve %s with %s: %w", t.Ref, Ref(m.ID), err)
			}
		}
		up := Update{Actor: p.Actor, Audience: major.Public, Phase: major.Fixed, At: now, Body: note}
		if err := s.record(ctx, p, &m, &up); err != nil {
			return err
		}
		return s.audit(ctx, p, m, audit.MajorResolve, map[string]string{"children": fmt.Sprint(len(children))})
	})
}

// Review writes the post-incident review of a resolved major incident.
func (s *Service) Review(ctx context.Context, p tenancy.Principal, id int64, r major.Review) (major.Review, error) {
	var bad fault.Fields
	addAll(&bad, r.Check())
	if err := bad.Err(); err != nil {
		return r, err
	}
	m, err := s.incident(ctx, p, id, tenancy.ManageDesk)
	if err != nil {
		return r, err
	}
	if m.State != major.Resolved {
		return r, fault.Invalid("state", "review %s once it is resolved", Ref(m.ID))
	}
	r.ReviewedBy, r.ReviewedAt = p.Actor, s.Store.Now()
	return r, s.Store.InTx(ctx, func(ctx context.Context) error {
		if err := s.Store.SaveMajorReview(ctx, p.Scope, m, r); err != nil {
			return err
		}
		return s.audit(ctx, p, m, audit.MajorReview, map[string]string{"actions": fmt.Sprint(len(r.Actions))})
	})
}
