package desksvc

import (
	"context"
	"crypto/rand"
	"time"

	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// PastSurvey is a survey whose life is already written: sent at SentAt and,
// when Score is not 0, answered at AnsweredAt with Comment.
type PastSurvey struct {
	Ticket     store.Ticket
	Caller     string // the caller's e-mail address
	SentAt     time.Time
	LinkDays   int
	Score      int
	AnsweredAt time.Time
	Comment    string
}

// LogSurvey stores a past survey as Log stores a past ticket: demo data, or
// another desk tool's survey results brought over. No mail goes, and its
// link answers nothing (its token is thrown away unseen).
func (s *Service) LogSurvey(ctx context.Context, p tenancy.Principal, v PastSurvey) error {
	if err := require(p, tenancy.ManageDesk, v.Ticket.OrgID); err != nil {
		return err
	}
	if v.Score != 0 && !desk.ValidScore(v.Score) {
		return invalid("score", "a score is from 1 to 5")
	}
	t := v.Ticket
	sv := store.Survey{OrgID: t.OrgID, TicketID: t.ID, TokenHash: auth.HashSecret(rand.Text()), CallerEmail: store.NormaliseEmail(v.Caller),
		Channel: string(t.Channel), Priority: int(t.Priority), Category: t.Category, Team: t.AssignmentGroup, Agent: t.Assignee,
		SendAt: v.SentAt, ExpiresAt: v.SentAt.AddDate(0, 0, max(v.LinkDays, 1)), Score: v.Score, Comment: v.Comment}
	if v.Score != 0 {
		sv.AnsweredAt = v.AnsweredAt
	}
	return s.Store.CreateSurvey(ctx, p.Scope, &sv)
}
