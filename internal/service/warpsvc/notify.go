package warpsvc

import (
	"context"
	"fmt"
	"strings"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/warp"
)

// notify queues an e-mail about an advisory (new, or a follow-up) to every
// WARP user the TLP rule lets see it, except the person who caused it. It
// runs in the change's transaction, so mail goes if and only if the change
// lands. E-mail leaves ward's control, so it carries no more than the
// title and summary, and for AMBER+STRICT and RED not even those: only
// that something is waiting, and the link.
func (s *Service) notify(ctx context.Context, p tenancy.Principal, a store.Advisory, followUp bool) error {
	if !s.Notify {
		return nil
	}
	users, err := s.Store.Users(ctx, tenancy.ForSystem(tenancy.JobWARPNotify))
	if err != nil {
		return err
	}
	names, err := s.orgNames(ctx)
	if err != nil {
		return err
	}
	a.Share.Orgs, a.Share.People = nil, nil // read afresh: the caller's copy may have them already
	if err := s.Store.FillAudiences(ctx, []*store.ShareRef{&a.Share}); err != nil {
		return err
	}
	var mails []store.Mail
	for _, u := range users {
		if u.Disabled || u.ID == p.UserID || !u.Role.Can(tenancy.ShareWarnings) {
			continue
		}
		scope, err := s.Store.ScopeFor(ctx, u.Role, u.OrgID, u.ID)
		if err != nil {
			return err
		}
		v, err := s.Store.ViewerFor(ctx, tenancy.Principal{UserID: u.ID, OrgID: u.OrgID, Role: u.Role, Scope: scope})
		if err != nil {
			return err
		}
		if !v.Sees(a.Share.Share) {
			continue
		}
		subject, body := s.advisoryMail(v, a, names, followUp)
		mails = append(mails, store.Mail{To: u.Email, Subject: subject, Body: body, Reason: fmt.Sprintf("advisory %d", a.ID)})
	}
	return s.Store.EnqueueMail(ctx, mails)
}

func (s *Service) advisoryMail(v warp.Viewer, a store.Advisory, names map[int64]string, followUp bool) (string, string) {
	sh := a.Share.Share
	link := strings.TrimSuffix(s.BaseURL, "/") + fmt.Sprintf("/warp/advisories/%d", a.ID)
	what := "A new advisory"
	if followUp {
		what = "An update to an advisory"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s — %s\n\n", sh.Marking, sh.Marking.Rule())
	if sh.Marking == warp.AmberStrict || sh.Marking == warp.Red {
		subject := fmt.Sprintf("[%s] %s is waiting for you in ward's WARP", sh.Marking, what)
		fmt.Fprintf(&b, "%s (%s severity) has been shared with you in the %s community.\n", what, a.Severity, a.CommunitySlug)
		b.WriteString("Under this marking its content is not sent by e-mail. Sign in to read it:\n\n")
		fmt.Fprintf(&b, "%s\n", link)
		return subject, b.String()
	}
	prefix := "Advisory"
	if followUp {
		prefix = "Update"
	}
	subject := fmt.Sprintf("[%s] %s: %s", sh.Marking, prefix, a.Title)
	fmt.Fprintf(&b, "%s\n%s severity, from %s, in %s.\n\n", a.Title, strings.ToUpper(a.Severity[:1])+a.Severity[1:],
		s.authorName(v, sh, names), a.CommunitySlug)
	if a.Summary != "" {
		fmt.Fprintf(&b, "%s\n\n", a.Summary)
	}
	fmt.Fprintf(&b, "Read it, its indicators and follow-ups in ward:\n%s\n", link)
	return subject, b.String()
}
