package desksvc

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// SurveyAnswer is what the caller's link shows after a click: which
// ticket, the score held, and whether this click was the one that recorded it.
type SurveyAnswer struct {
	Ref, OrgName string
	Score        int
	Recorded     bool // this click recorded the score; false: it was already recorded
	Comment      string
	CanComment   bool // answered, no comment yet, and the link still open
}

// The refusals a survey link meets. Each says what happened without
// telling anything of the ticket to whoever holds a wrong link.
var (
	errSurveyUnknown   = fault.NotFound("this survey link is not one ward sent, or has been mistyped")
	errSurveyExpired   = fault.Conflict("this survey link has expired: thank you all the same")
	errSurveyCancelled = fault.Conflict("this ticket was reopened, so it is no longer being surveyed")
)

// MaxSurveyComment is the longest comment a caller may leave, in characters.
const MaxSurveyComment = 2000

// surveyFor finds a link's survey. Nobody is signed in: the token is the
// only credential, found by its hash across every org and then used only
// for its own org.
func (s *Service) surveyFor(ctx context.Context, token string) (store.Survey, tenancy.Scope, error) {
	if len(token) < 20 || len(token) > 100 {
		return store.Survey{}, tenancy.Scope{}, errSurveyUnknown
	}
	v, err := s.Store.SurveyByToken(ctx, tenancy.ForSystem(tenancy.JobSurveyLink), auth.HashSecret(token))
	if errors.Is(err, store.ErrNotFound) {
		return v, tenancy.Scope{}, errSurveyUnknown
	} else if err != nil {
		return v, tenancy.Scope{}, err
	}
	scope := tenancy.ScopeOf(v.OrgID)
	now := s.Store.Now()
	switch {
	case v.Cancelled:
		return v, scope, errSurveyCancelled
	case now.Before(v.SendAt):
		return v, scope, errSurveyUnknown // not sent yet: nobody should hold it
	case !now.Before(v.ExpiresAt):
		return v, scope, errSurveyExpired
	}
	return v, scope, nil
}

func (s *Service) surveyAnswer(ctx context.Context, v store.Survey, scope tenancy.Scope) (SurveyAnswer, error) {
	org, err := s.Store.OrgByID(ctx, scope, v.OrgID)
	if err != nil {
		return SurveyAnswer{}, err
	}
	return SurveyAnswer{Ref: v.TicketRef, OrgName: org.Name, Score: v.Score, Comment: v.Comment,
		CanComment: v.Score > 0 && v.Comment == ""}, nil
}

// AnswerSurvey records the score a caller's link carries, once: the first
// click records it (and, for a low score, raises the follow-up task in the
// same transaction); any later click changes nothing and says so.
func (s *Service) AnswerSurvey(ctx context.Context, token string, score int, ip string) (SurveyAnswer, error) {
	if !desk.ValidScore(score) {
		return SurveyAnswer{}, invalid("score", "choose a score from 1 to 5")
	}
	v, scope, err := s.surveyFor(ctx, token)
	if err != nil {
		return SurveyAnswer{}, err
	}
	took := false
	err = s.Store.InTx(ctx, func(ctx context.Context) error {
		if took, err = s.Store.AnswerSurvey(ctx, scope, v, score); err != nil || !took {
			return err
		}
		v.Score = score
		if _, err := s.Store.Audit(ctx, audit.Entry{Actor: "survey:" + v.TicketRef, OrgID: v.OrgID, Action: audit.SurveyAnswer,
			Target: "ticket " + v.TicketRef, Detail: map[string]string{"score": strconv.Itoa(score)}, IP: ip}); err != nil {
			return err
		}
		return s.followUp(ctx, scope, v)
	})
	if err != nil {
		return SurveyAnswer{}, err
	}
	if !took { // read what the first click recorded
		if v, _, err = s.surveyFor(ctx, token); err != nil {
			return SurveyAnswer{}, err
		}
	}
	a, err := s.surveyAnswer(ctx, v, scope)
	a.Recorded = took
	return a, err
}

// CommentOnSurvey adds the caller's comment to a scored survey, once.
func (s *Service) CommentOnSurvey(ctx context.Context, token, comment string) (SurveyAnswer, error) {
	comment = strings.TrimSpace(comment)
	switch {
	case comment == "":
		return SurveyAnswer{}, invalid("comment", "write a comment, or close this page: your score is already recorded")
	case utf8.RuneCountInString(comment) > MaxSurveyComment:
		return SurveyAnswer{}, invalid("comment", "keep the comment under %d characters", MaxSurveyComment)
	}
	v, scope, err := s.surveyFor(ctx, token)
	if err != nil {
		return SurveyAnswer{}, err
	}
	if v.Score == 0 {
		return SurveyAnswer{}, invalid("comment", "choose a score first")
	}
	took, err := s.Store.CommentSurvey(ctx, scope, v.OrgID, v.ID, comment)
	if err != nil {
		return SurveyAnswer{}, err
	}
	if !took {
		return SurveyAnswer{}, fault.Conflict("a comment has already been left on this survey: thank you")
	}
	v.Comment = comment
	return s.surveyAnswer(ctx, v, scope)
}

// followUp raises a request for the ticket's team to get back to a caller
// who scored at or below the org's threshold; it names the ticket surveyed.
func (s *Service) followUp(ctx context.Context, scope tenancy.Scope, v store.Survey) error {
	set, err := s.Store.SurveySettingsOf(ctx, scope, v.OrgID)
	if err != nil || set.FollowUpScore == 0 || v.Score > set.FollowUpScore {
		return err
	}
	orig, err := s.Store.Ticket(ctx, scope, v.TicketID)
	if err != nil {
		return err
	}
	now := s.Store.Now()
	actor := "survey:" + v.TicketRef
	note := fmt.Sprintf("raised by a satisfaction score of %d (%s) on %s", v.Score, desk.ScoreLabel(v.Score), v.TicketRef)
	t := store.Ticket{OrgID: v.OrgID, CallerPersonID: orig.CallerPersonID, Ticket: desk.Ticket{
		Type: desk.Request, Priority: desk.P3, Impact: desk.Medium, Urgency: desk.Medium, Category: orig.Category,
		Channel: desk.Portal, Title: "Follow up low satisfaction score on " + v.TicketRef,
		Description: "The caller of " + v.TicketRef + " (" + orig.Title + ") " + note + ". Get in touch to find out what went wrong.",
		Caller:      orig.Caller, CallerPhone: orig.CallerPhone, Site: orig.Site, AssignmentGroup: v.Team,
		State: desk.New, OpenedAt: now}}
	events := []desk.Event{{At: now, Kind: desk.Opened, State: desk.New, Priority: desk.P3, Actor: actor,
		AssignmentGroup: v.Team, Note: note}}
	if err := s.create(ctx, scope, &t, events); err != nil {
		return err
	}
	if err := s.Store.SetSurveyFollowUp(ctx, scope, v.OrgID, v.ID, t.ID); err != nil {
		return err
	}
	_, err = s.Store.Audit(ctx, audit.Entry{Actor: actor, OrgID: v.OrgID, Action: audit.SurveyFollowUp,
		Target: "ticket " + t.Ref, Detail: map[string]string{"surveyed": v.TicketRef}})
	return err
}
