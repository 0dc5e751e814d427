package desksvc

import (
	"context"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// NewTicket is what logging a ticket needs. Priority may be left zero to be
// worked out from Impact and Urgency.
type NewTicket struct {
	OrgID           int64
	Type            desk.Type
	Priority        desk.Priority
	Impact, Urgency desk.Level
	Category        string
	Subcategory     string
	Channel         desk.Channel
	Title           string
	Description     string
	Caller          string
	CallerPhone     string
	CallerPersonID  int64
	Site            string
	AssignmentGroup string
	// Assignee names who works the ticket: a user who may work the org's
	// tickets, by AssigneeID or by e-mail address or name.
	Assignee   string
	AssigneeID int64
	// FixedNow marks a walk-up visit or call dealt with on the spot: the
	// ticket is logged, answered and resolved in one go.
	FixedNow bool
	// Attachments are files the caller sends with the ticket.
	Attachments []NewAttachment
}

// Check tells every mistake in a new ticket at once (a fault.Fields), and
// fills in the defaults; a page checks with it before Open when its own
// fields are wrong, so the summary names the service's mistakes too.
func (n *NewTicket) Check() error {
	var bad fault.Fields
	n.Title = strings.TrimSpace(n.Title)
	switch {
	case n.Title == "":
		bad.Add("title", "say in a few words what is wrong or wanted")
	case len(n.Title) > 200:
		bad.Add("title", "keep the title under 200 characters; put the detail in the description")
	}
	if len(n.Description) > 20000 {
		bad.Add("description", "the description is too long (20,000 characters at most)")
	}
	if n.Type == "" {
		n.Type = desk.Incident
	}
	if _, err := desk.ParseType(string(n.Type)); err != nil {
		bad.Add("type", "%s", err.Error())
	}
	if n.Channel == "" {
		n.Channel = desk.Portal
	}
	if _, err := desk.ParseChannel(string(n.Channel)); err != nil {
		bad.Add("channel", "%s", err.Error())
	}
	if n.Priority == 0 {
		if n.Impact == 0 {
			n.Impact = desk.Medium
		}
		if n.Urgency == 0 {
			n.Urgency = desk.Medium
		}
		n.Priority = desk.PriorityFor(n.Impact, n.Urgency)
	}
	if !n.Priority.Valid() {
		bad.Add("priority", "choose a priority from P1 to P4")
	}
	n.Caller = strings.TrimSpace(n.Caller)
	return bad.Err()
}

// Open logs a new ticket. Officers raise tickets for their own org from the
// portal; desk staff log any channel, walk-ups included.
func (s *Service) Open(ctx context.Context, p tenancy.Principal, n NewTicket) (store.Ticket, error) {
	if err := require(p, tenancy.RaiseTickets, n.OrgID); err != nil {
		return store.Ticket{}, err
	}
	bad := n.Check()
	if bad == nil && (n.Channel != desk.Portal || n.FixedNow || n.Assignee != "" || n.AssigneeID != 0) && !p.Can(tenancy.WorkTickets) {
		return store.Ticket{}, errForbidden
	}
	files, err := s.checkAttachments(n.Attachments)
	if err = allFaults(bad, err); err != nil {
		return store.Ticket{}, err // the ticket's mistakes and its files' at once
	}
	who, err := s.assignee(ctx, p.Scope, n.OrgID, n.AssigneeID, n.Assignee)
	if err != nil {
		return store.Ticket{}, err
	}
	n.Assignee, n.AssigneeID = who.Name, who.ID
	now := s.Store.Now()
	t := store.Ticket{OrgID: n.OrgID, CallerPersonID: n.CallerPersonID, Ticket: desk.Ticket{
		Type: n.Type, Priority: n.Priority, Impact: n.Impact, Urgency: n.Urgency, Category: n.Category,
		Subcategory: n.Subcategory, Channel: n.Channel, Title: n.Title, Description: n.Description,
		Caller: n.Caller, CallerPhone: n.CallerPhone, Site: n.Site, AssignmentGroup: n.AssignmentGroup,
		Assignee: n.Assignee, State: desk.New, OpenedAt: now}, AssigneeID: n.AssigneeID}
	events := []desk.Event{{At: now, Kind: desk.Opened, State: desk.New, Priority: n.Priority, Actor: p.Actor,
		AssignmentGroup: n.AssignmentGroup, Assignee: n.Assignee, Note: "logged via " + string(n.Channel)}}
	if n.Assignee != "" {
		t.State = desk.Assigned
		events[0].State = desk.Assigned
	}
	if n.FixedNow {
		t.State, t.ResolvedAt = desk.Resolved, now
		events = append(events, desk.Event{At: now, Kind: desk.Moved, State: desk.Resolved, Actor: p.Actor, Note: "fixed on the spot"})
	}
	return t, s.Store.InTx(ctx, func(ctx context.Context) error {
		if err := s.create(ctx, p.Scope, &t, events); err != nil {
			return err
		}
		if err := s.storeAttachments(ctx, p, t, files); err != nil {
			return err
		}
		for _, hook := range s.OnOpen {
			if err := hook(ctx, p, t); err != nil {
				return err
			}
		}
		if err := s.mailCaller(ctx, p, t, MailLogged, ""); err != nil {
			return err
		}
		return s.surveyOnChange(ctx, p, t, events) // a ticket fixed on the spot is resolved
	})
}

// create measures a new ticket with its first events and stores it, in
// one transaction; the store numbers it.
func (s *Service) create(ctx context.Context, scope tenancy.Scope, t *store.Ticket, events []desk.Event) error {
	return s.Store.InTx(ctx, func(ctx context.Context) error {
		m, err := s.measurer(ctx, scope, t.OrgID)
		if err != nil {
			return err
		}
		if err := m.measure(t, events, s.Store.Now()); err != nil {
			return err
		}
		if err := s.Store.CreateTicket(ctx, scope, t, events); err != nil {
			return err
		}
		t.SLA.Ref = t.Ref
		return nil
	})
}

// save re-measures a ticket with its whole history and stores it with the
// new events, in one transaction.
func (s *Service) save(ctx context.Context, scope tenancy.Scope, t *store.Ticket, newEvents []desk.Event) error {
	return s.Store.InTx(ctx, func(ctx context.Context) error {
		held, err := s.Store.TicketEvents(ctx, scope, t.ID)
		if err != nil {
			return err
		}
		return s.append(ctx, scope, t, held, newEvents)
	})
}

// append is save for a caller that has already read the history held.
func (s *Service) append(ctx context.Context, scope tenancy.Scope, t *store.Ticket, held, newEvents []desk.Event) error {
	m, err := s.measurer(ctx, scope, t.OrgID)
	if err != nil {
		return err
	}
	history := append(held[:len(held):len(held)], newEvents...)
	if err := m.measure(t, history, s.Store.Now()); err != nil {
		return err
	}
	if err := s.Store.UpdateTicket(ctx, scope, t, newEvents); err != nil {
		return err
	}
	// A call on the ticket may have become, or stopped being, a first-time fix.
	return s.Store.RefreshCallFixes(ctx, scope, t.OrgID, t.ID)
}

// Change is an update to a ticket. Nil and zero fields are left alone.
type Change struct {
	State           desk.State
	Priority        desk.Priority
	AssignmentGroup *string
	// Assignee (an e-mail address or name, "" for nobody) or AssigneeID
	// (0 for nobody) reassigns the ticket to a user who may work it.
	Assignee   *string
	AssigneeID *int64
	Note       string
	// Respond records an answer to the caller, which stops the response clock.
	Respond bool
	// Reopen takes a resolved ticket back into progress; its resolution
	// clock resumes where it stopped.
	Reopen bool
	// Internal keeps the note for the desk: the caller neither sees it nor
	// is mailed about it.
	Internal bool
	// Attachments are files added to the ticket with the change.
	Attachments []NewAttachment
}

// Ticket finds a ticket the principal may see, with its history.
func (s *Service) Ticket(ctx context.Context, p tenancy.Principal, id int64) (store.Ticket, []desk.Event, error) {
	if !p.Can(tenancy.RaiseTickets) && !p.Can(tenancy.WorkTickets) {
		return store.Ticket{}, nil, errForbidden
	}
	t, err := s.Store.Ticket(ctx, p.Scope, id)
	if err != nil {
		return t, nil, err
	}
	events, err := s.history(ctx, p, id)
	return t, events, err
}

// Update applies a change to a ticket and appends what happened to its
// history. Desk staff may change anything; an officer may add a note or
// reopen a ticket of their org that did not stay fixed.
func (s *Service) Update(ctx context.Context, p tenancy.Principal, id int64, c Change) (store.Ticket, error) {
	t, err := s.Store.Ticket(ctx, p.Scope, id)
	if err != nil {
		return t, err
	}
	if err := require(p, tenancy.RaiseTickets, t.OrgID); err != nil {
		return t, err
	}
	working := p.Can(tenancy.WorkTickets)
	if !working && (c.State != "" || c.Priority != 0 || c.AssignmentGroup != nil || c.Assignee != nil || c.AssigneeID != nil || c.Respond || c.Internal) {
		return t, errForbidden
	}
	if err := s.CheckChange(t, c); err != nil {
		return t, err // every mistake at once; what follows may assume none
	}
	files, err := s.checkAttachments(c.Attachments)
	if err != nil {
		return t, err
	}
	internalNote := ""
	if c.Internal {
		internalNote, c.Note = strings.TrimSpace(c.Note), ""
	}
	now := s.Store.Now()
	var events []desk.Event
	add := func(e desk.Event) { e.At, e.Actor = now, p.Actor; events = append(events, e) }

	if c.Reopen {
		t.State, t.ResolvedAt = desk.InProgress, time.Time{}
		add(desk.Event{Kind: desk.Reopened, State: desk.InProgress, Note: c.Note})
		c.Note = ""
	}
	if c.Priority != 0 && c.Priority != t.Priority {
		t.Priority = c.Priority
		add(desk.Event{Kind: desk.Escalated, Priority: c.Priority})
	}
	if c.AssignmentGroup != nil || c.Assignee != nil || c.AssigneeID != nil {
		group, who, whoID := t.AssignmentGroup, t.Assignee, t.AssigneeID
		if c.AssignmentGroup != nil {
			group = strings.TrimSpace(*c.AssignmentGroup)
		}
		if c.Assignee != nil || c.AssigneeID != nil {
			var id int64
			var name string
			if c.AssigneeID != nil {
				id = *c.AssigneeID
			} else {
				name = *c.Assignee
			}
			w, err := s.assignee(ctx, p.Scope, t.OrgID, id, name)
			if err != nil {
				return t, err
			}
			who, whoID = w.Name, w.ID
		}
		if group != t.AssignmentGroup || who != t.Assignee || whoID != t.AssigneeID {
			t.AssignmentGroup, t.Assignee, t.AssigneeID = group, who, whoID
			e := desk.Event{Kind: desk.Reassign, AssignmentGroup: group, Assignee: who}
			if t.State == desk.New && who != "" && c.State == "" {
				t.State, e.State = desk.Assigned, desk.Assigned
			}
			add(e)
		}
	}
	if c.State != "" && c.State != t.State {
		t.State = c.State
		switch c.State {
		case desk.Resolved:
			t.ResolvedAt = now
		case desk.Closed:
			t.ClosedAt = now
			if t.ResolvedAt.IsZero() {
				t.ResolvedAt = now
			}
		}
		add(desk.Event{Kind: desk.Moved, State: c.State, Note: c.Note})
		c.Note = ""
	}
	if c.Respond {
		add(desk.Event{Kind: desk.Responded, Note: c.Note})
		c.Note = ""
	}
	if c.Note = strings.TrimSpace(c.Note); c.Note != "" {
		add(desk.Event{Kind: desk.Commented, Note: c.Note})
	}
	if internalNote != "" {
		add(desk.Event{Kind: desk.Internal, Note: internalNote})
	}
	if len(events) == 0 && len(files) == 0 {
		return t, invalid("change", "nothing to change")
	}
	return t, s.Store.InTx(ctx, func(ctx context.Context) error {
		if len(events) > 0 {
			if err := s.save(ctx, p.Scope, &t, events); err != nil {
				return err
			}
		}
		if err := s.storeAttachments(ctx, p, t, files); err != nil {
			return err
		}
		if kind, note := callerNews(events); kind != "" {
			if err := s.mailCaller(ctx, p, t, kind, note); err != nil {
				return err
			}
		}
		return s.surveyOnChange(ctx, p, t, events)
	})
}

// Log stores a ticket whose history is already written — demo data, or a
// desk tool's records brought over by a program — measured like any other.
func (s *Service) Log(ctx context.Context, p tenancy.Principal, t *store.Ticket, history []desk.Event) error {
	if err := require(p, tenancy.ManageDesk, t.OrgID); err != nil {
		return err
	}
	if err := desk.CheckHistory(t.Ticket, history); err != nil {
		return err
	}
	return s.create(ctx, p.Scope, t, history)
}
