package desksvc

import (
	"context"
	"fmt"
	"net/mail"
	"net/url"
	"strings"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// callerEmail is where a ticket's caller is mailed: the known person the
// ticket names, else the caller field when it is an address, else the one
// person or user of the ticket's org who goes by the caller's name. A name
// two people share, or nobody, gets no mail: ward does not guess.
func (s *Service) callerEmail(ctx context.Context, scope tenancy.Scope, t store.Ticket) (string, error) {
	scope = scope.Narrow(t.OrgID)
	people, err := s.Store.People(ctx, scope)
	if err != nil {
		return "", err
	}
	if t.CallerPersonID != 0 {
		for _, p := range people {
			if p.ID == t.CallerPersonID {
				return p.Email, nil
			}
		}
	}
	caller := strings.TrimSpace(t.Caller)
	if a, err := mail.ParseAddress(caller); err == nil && a.Name == "" {
		return a.Address, nil
	}
	if caller == "" {
		return "", nil
	}
	found := map[string]bool{}
	for _, p := range people {
		if p.OrgID == t.OrgID && p.Email != "" && p.LeftOn == "" && strings.EqualFold(p.Name, caller) {
			found[store.NormaliseEmail(p.Email)] = true
		}
	}
	if len(found) == 0 {
		users, err := s.Store.Users(ctx, scope)
		if err != nil {
			return "", err
		}
		for _, u := range users {
			if u.OrgID == t.OrgID && !u.Disabled && strings.EqualFold(u.Name, caller) {
				found[u.Email] = true
			}
		}
	}
	if len(found) != 1 {
		return "", nil
	}
	for e := range found {
		return e, nil
	}
	return "", nil
}

// ticketLink is where a ticket is seen in ward: by its reference, which
// the caller can read out to the desk.
func (s *Service) ticketLink(t store.Ticket) string {
	return strings.TrimSuffix(s.BaseURL, "/") + "/tickets/" + url.PathEscape(t.Ref)
}

// mailCaller queues the caller's e-mail about a ticket; run it in the
// transaction of the change it tells of. Nothing is queued when ward has no
// mail server, when the caller has no known address, or when the caller
// made the change themselves (other than logging it, which they are told
// of so they have the reference).
func (s *Service) mailCaller(ctx context.Context, p tenancy.Principal, t store.Ticket, kind MailKind, note string) error {
	if !s.Notify {
		return nil
	}
	to, err := s.callerEmail(ctx, p.Scope, t)
	if err != nil || to == "" {
		return err
	}
	if kind != MailLogged && p.Actor == audit.UserActor(to) {
		return nil
	}
	tpls, err := s.templates(ctx, p.Scope, t.OrgID)
	if err != nil {
		return err
	}
	org, err := s.Store.OrgByID(ctx, p.Scope, t.OrgID)
	if err != nil {
		return err
	}
	link := s.ticketLink(t)
	f := MailFields{Ref: t.Ref, Title: t.Title, Org: org.Name, Caller: t.Caller, State: t.State.Label(), Note: note,
		Link: link, ReopenLink: link + "#reopen"}
	for _, tpl := range tpls {
		if tpl.Kind != kind {
			continue
		}
		subject, body, err := tpl.render(f)
		if err != nil {
			return fmt.Errorf("%s's %s mail template: %w", org.Name, kind, err)
		}
		return s.Store.EnqueueMail(ctx, []store.Mail{{To: to, Subject: subject, Body: body, Reason: fmt.Sprintf("ticket %s %s", t.Ref, kind)}})
	}
	return nil
}

// callerNews is what of an update the caller hears of: its resolution, or
// else the last note they may read. Internal notes never reach them.
func callerNews(events []desk.Event) (MailKind, string) {
	kind, note := MailKind(""), ""
	for _, e := range events {
		switch {
		case e.Kind == desk.Moved && e.State == desk.Resolved:
			kind, note = MailResolved, e.Note
		case kind == MailResolved:
		case e.Kind == desk.Commented, e.Kind == desk.Responded, e.Kind == desk.Reopened, e.Kind == desk.Moved:
			if strings.TrimSpace(e.Note) != "" {
				kind, note = MailNote, e.Note
			}
		}
	}
	return kind, note
}
