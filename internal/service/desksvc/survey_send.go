package desksvc

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// surveyOnChange is what a ticket's change means for its survey; run it in
// the transaction of the change. A resolution may schedule one; reopening
// cancels one not yet answered, and its mail with it if that has not gone.
//
// A ticket is surveyed once at most: once reopened, its cancelled survey
// stays, and resolving it again sends none. So "no survey when the ticket
// was reopened" holds whether the reopening came before the mail went (the
// mail is taken back) or after (the link then says so and records nothing).
func (s *Service) surveyOnChange(ctx context.Context, p tenancy.Principal, t store.Ticket, events []desk.Event) error {
	resolved := false
	for _, e := range events {
		switch {
		case e.Kind == desk.Reopened:
			if err := s.cancelSurvey(ctx, p.Scope, t); err != nil {
				return err
			}
		case e.Kind == desk.Moved && e.State == desk.Resolved:
			resolved = true
		}
	}
	if !resolved || t.State != desk.Resolved || !s.Notify {
		return nil
	}
	return s.scheduleSurvey(ctx, p, t)
}

func (s *Service) cancelSurvey(ctx context.Context, scope tenancy.Scope, t store.Ticket) error {
	v, err := s.Store.SurveyOfTicket(ctx, scope, t.ID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	} else if err != nil {
		return err
	}
	if _, err := s.Store.CancelSurvey(ctx, scope, v); err != nil {
		return err
	}
	if v.MailID != 0 && v.Score == 0 {
		_, err = s.Store.CancelMail(ctx, v.MailID)
	}
	return err
}

// scheduleSurvey makes a resolved ticket's survey and queues its mail to go
// after the org's delay, unless the org's settings or the caller rule it
// out: surveys off, no known address, the caller resolving their own
// ticket, the ticket outside the sample, or the caller asked within the
// cool-off.
func (s *Service) scheduleSurvey(ctx context.Context, p tenancy.Principal, t store.Ticket) error {
	set, err := s.Store.SurveySettingsOf(ctx, p.Scope, t.OrgID)
	if err != nil || !set.Enabled || !desk.Sampled(t.ID, set.SamplePercent) {
		return err
	}
	if _, err := s.Store.SurveyOfTicket(ctx, p.Scope, t.ID); err == nil || !errors.Is(err, store.ErrNotFound) {
		return err // surveyed once already (or cancelled by a reopening)
	}
	to, err := s.callerEmail(ctx, p.Scope, t)
	if err != nil || to == "" || p.Actor == audit.UserActor(to) {
		return err
	}
	to = store.NormaliseEmail(to)
	sendAt := s.Store.Now().Add(set.Delay)
	if set.CoolOffDays > 0 {
		asked, err := s.Store.SurveyedSince(ctx, p.Scope, t.OrgID, to, sendAt.AddDate(0, 0, -set.CoolOffDays))
		if err != nil || asked {
			return err
		}
	}
	token, err := auth.NewSessionToken()
	if err != nil {
		return err
	}
	org, err := s.Store.OrgByID(ctx, p.Scope, t.OrgID)
	if err != nil {
		return err
	}
	v := store.Survey{OrgID: t.OrgID, TicketID: t.ID, TokenHash: auth.HashSecret(token), CallerEmail: to,
		Channel: string(t.Channel), Priority: int(t.Priority), Category: t.Category, Team: t.AssignmentGroup,
		Agent: t.Assignee, SendAt: sendAt, ExpiresAt: sendAt.AddDate(0, 0, set.LinkDays)}
	subject, body := s.surveyMail(org, t, token, v.ExpiresAt)
	if v.MailID, err = s.Store.EnqueueMailID(ctx, store.Mail{To: to, Subject: subject, Body: body,
		Reason: desk.SurveyMailReason(t.Ref), NotBefore: sendAt}); err != nil {
		return err
	}
	return s.Store.CreateSurvey(ctx, p.Scope, &v)
}

// SurveyLink is the one-click link that scores a survey.
func (s *Service) SurveyLink(token string, score int) string {
	return strings.TrimSuffix(s.BaseURL, "/") + "/survey/" + url.PathEscape(token) + fmt.Sprintf("?score=%d", score)
}

func (s *Service) surveyMail(org store.Org, t store.Ticket, token string, expires time.Time) (string, string) {
	var b strings.Builder
	fmt.Fprintf(&b, "Your ticket %s (%s) with %s's service desk was resolved.\n\n", t.Ref, t.Title, org.Name)
	b.WriteString("How satisfied were you with how it was handled? Choose one link; nothing else is needed, and you need not sign in.\n\n")
	for i := len(desk.SurveyScores) - 1; i >= 0; i-- {
		n := desk.SurveyScores[i]
		fmt.Fprintf(&b, "%d - %s:\n%s\n\n", n, desk.ScoreLabel(n), s.SurveyLink(token, n))
	}
	fmt.Fprintf(&b, "The links work until %s. You may add a comment after choosing.\n", expires.Format("2 January 2006"))
	return "How did we do? " + t.Ref + ": " + t.Title, b.String()
}
