package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Survey is one ticket's satisfaction survey.
type Survey struct {
	ID, OrgID, TicketID int64
	TicketRef           string // read with the survey; not stored in it
	TokenHash           string
	CallerEmail         string
	Channel             string
	Priority            int
	Category, Team      string
	Agent               string
	MailID              int64
	SendAt, ExpiresAt   time.Time
	Cancelled           bool
	Score               int // 0: not answered
	AnsweredAt          time.Time
	Comment             string
	FollowUpTicketID    int64
}

// CreateSurvey stores a new survey; a ticket has at most one (ErrConflict).
// A survey brought over already answered (demo data) carries its answer.
func (s *Store) CreateSurvey(ctx context.Context, scope tenancy.Scope, v *Survey) error {
	if err := orgInScope(scope, v.OrgID); err != nil {
		return err
	}
	var mail any
	if v.MailID != 0 {
		mail = v.MailID
	}
	var answered any
	if !v.AnsweredAt.IsZero() {
		answered = v.AnsweredAt.UTC()
	}
	id, err := s.insertID(ctx, `INSERT INTO surveys (org_id, ticket_id, token_hash, caller_email, channel, priority, category,
		team, agent, mail_id, send_at, expires_at, cancelled, score, answered_at, comment)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		v.OrgID, v.TicketID, v.TokenHash, v.CallerEmail, v.Channel, v.Priority, v.Category, v.Team, v.Agent, mail,
		v.SendAt.UTC(), v.ExpiresAt.UTC(), v.Cancelled, v.Score, answered, v.Comment)
	if err != nil {
		return classify(err)
	}
	v.ID = id
	if v.Cancelled {
		return nil
	}
	return s.countSurvey(ctx, *v, 1, v.Score)
}

const surveyColumns = `v.id, v.org_id, v.ticket_id, t.ref, v.token_hash, v.caller_email, v.channel, v.priority, v.category, v.team,
	v.agent, v.mail_id, v.send_at, v.expires_at, v.cancelled, v.score, v.answered_at, v.comment, v.followup_ticket_id
	FROM surveys v JOIN tickets t ON t.id = v.ticket_id`

func scanSurvey(sc interface{ Scan(...any) error }) (Survey, error) {
	var v Survey
	var mail, follow sql.NullInt64
	var answered sql.NullTime
	err := sc.Scan(&v.ID, &v.OrgID, &v.TicketID, &v.TicketRef, &v.TokenHash, &v.CallerEmail, &v.Channel, &v.Priority,
		&v.Category, &v.Team, &v.Agent, &mail, &v.SendAt, &v.ExpiresAt, &v.Cancelled, &v.Score, &answered, &v.Comment, &follow)
	v.MailID, v.FollowUpTicketID = mail.Int64, follow.Int64
	v.SendAt, v.ExpiresAt = v.SendAt.UTC(), v.ExpiresAt.UTC()
	if answered.Valid {
		v.AnsweredAt = answered.Time.UTC()
	}
	return v, classify(err)
}

// SurveyOfTicket reads a ticket's survey; ErrNotFound when it has none.
func (s *Store) SurveyOfTicket(ctx context.Context, scope tenancy.Scope, ticketID int64) (Survey, error) {
	cond, args, err := scopeFilter(scope, "v.org_id")
	if err != nil {
		return Survey{}, err
	}
	return scanSurvey(s.queryRow(ctx, `SELECT `+surveyColumns+` WHERE v.ticket_id = ? AND `+cond, append([]any{ticketID}, args...)...))
}

// SurveyByToken reads the survey a link's token hash names, within scope.
func (s *Store) SurveyByToken(ctx context.Context, scope tenancy.Scope, tokenHash string) (Survey, error) {
	cond, args, err := scopeFilter(scope, "v.org_id")
	if err != nil {
		return Survey{}, err
	}
	return scanSurvey(s.queryRow(ctx, `SELECT `+surveyColumns+` WHERE v.token_hash = ? AND `+cond, append([]any{tokenHash}, args...)...))
}

// SurveyedSince says whether the caller was sent (or is due) a survey of the
// org at or after since, cancelled ones aside: the cool-off.
func (s *Store) SurveyedSince(ctx context.Context, scope tenancy.Scope, orgID int64, email string, since time.Time) (bool, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return false, err
	}
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM surveys WHERE org_id = ? AND caller_email = ? AND send_at >= ? AND cancelled = ?`,
		orgID, email, since.UTC(), false).Scan(&n)
	return n > 0, err
}

// CancelSurvey marks an unanswered survey cancelled, saying whether it was;
// it no longer counts as sent.
func (s *Store) CancelSurvey(ctx context.Context, scope tenancy.Scope, v Survey) (bool, error) {
	if err := orgInScope(scope, v.OrgID); err != nil {
		return false, err
	}
	res, err := s.exec(ctx, `UPDATE surveys SET cancelled = ? WHERE id = ? AND org_id = ? AND score = 0 AND cancelled = ?`, true, v.ID, v.OrgID, false)
	if err != nil {
		return false, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, err
	}
	return true, s.countSurvey(ctx, v, -1, 0)
}

// AnswerSurvey records a score on a survey not yet answered nor cancelled,
// saying whether it took: of two clicks at once, one records and one does not.
// Run it in a transaction, with the day counts it changes.
func (s *Store) AnswerSurvey(ctx context.Context, scope tenancy.Scope, v Survey, score int) (bool, error) {
	if err := orgInScope(scope, v.OrgID); err != nil {
		return false, err
	}
	res, err := s.exec(ctx, `UPDATE surveys SET score = ?, answered_at = ? WHERE id = ? AND org_id = ? AND score = 0 AND cancelled = ?`,
		score, s.Now(), v.ID, v.OrgID, false)
	if err != nil {
		return false, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, err
	}
	return true, s.countSurvey(ctx, v, 0, score)
}

// CommentSurvey adds the caller's comment to an answered survey that has
// none yet, saying whether it took.
func (s *Store) CommentSurvey(ctx context.Context, scope tenancy.Scope, orgID, id int64, comment string) (bool, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return false, err
	}
	res, err := s.exec(ctx, `UPDATE surveys SET comment = ? WHERE id = ? AND org_id = ? AND score > 0 AND comment = ''`, comment, id, orgID)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// SetSurveyFollowUp records the task a low score raised.
func (s *Store) SetSurveyFollowUp(ctx context.Context, scope tenancy.Scope, orgID, id, ticketID int64) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	_, err := s.exec(ctx, `UPDATE surveys SET followup_ticket_id = ? WHERE id = ? AND org_id = ?`, ticketID, id, orgID)
	return err
}
