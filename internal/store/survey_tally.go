package store

import (
	"context"
	"time"

	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// SurveyTallies counts an org's surveys due from from until to (and not
// after now: one still held back has not been sent), cancelled ones aside,
// by dimension and value, from the surveys themselves: for today, whose
// day counts may hold surveys not yet due (SurveyDayTallies has the days
// before). The database counts them, reading surveys_due alone.
func (s *Store) SurveyTallies(ctx context.Context, scope tenancy.Scope, orgID int64, from, to time.Time) ([]report.SurveyTally, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	if due := s.Now().Add(time.Microsecond); to.After(due) {
		to = due // due by now: sent (the store keeps microseconds)
	}
	rows, err := s.query(ctx, `SELECT channel, priority, category, team, agent, COUNT(*),
		SUM(CASE WHEN score > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN score = 1 THEN 1 ELSE 0 END),
		SUM(CASE WHEN score = 2 THEN 1 ELSE 0 END), SUM(CASE WHEN score = 3 THEN 1 ELSE 0 END),
		SUM(CASE WHEN score = 4 THEN 1 ELSE 0 END), SUM(CASE WHEN score = 5 THEN 1 ELSE 0 END)
		FROM surveys WHERE org_id = ? AND send_at >= ? AND send_at < ? AND cancelled = ?
		GROUP BY channel, priority, category, team, agent`, orgID, from.UTC(), to.UTC(), false)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []report.SurveyTally
	for rows.Next() {
		var v Survey
		var t report.SurveyTally
		if err := rows.Scan(&v.Channel, &v.Priority, &v.Category, &v.Team, &v.Agent, &t.Sent, &t.Answered,
			&t.Scores[0], &t.Scores[1], &t.Scores[2], &t.Scores[3], &t.Scores[4]); err != nil {
			return nil, err
		}
		for _, d := range surveyDimensions(v) {
			t.Dimension, t.Name = d[0], d[1]
			out = append(out, t)
		}
	}
	return out, rows.Err()
}

// SurveyComment is a caller's comment as managers read it.
type SurveyComment struct {
	SurveyID   int64     `json:"-"`
	TicketRef  string    `json:"ticket"`
	Score      int       `json:"score"`
	Comment    string    `json:"comment"`
	AnsweredAt time.Time `json:"answered_at"`
	Team       string    `json:"team"`
	Agent      string    `json:"agent"`
}

// SurveyComments lists an org's comments answered from from until to,
// newest first, a page at a time from cursor c (nil: the first page); it
// reads one row more than limit so keyset.Trim can tell a next page.
func (s *Store) SurveyComments(ctx context.Context, scope tenancy.Scope, orgID int64, from, to time.Time, c *keyset.Cursor, limit int) ([]SurveyComment, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	var at time.Time
	var id int64
	if c != nil {
		at, id = c.Time, c.ID
	}
	cond, args, order := keysetOrder([]string{"v.answered_at", "v.id"}, true, c, at, id)
	q := `SELECT v.id, t.ref, v.score, v.comment, v.answered_at, v.team, v.agent FROM surveys v JOIN tickets t ON t.id = v.ticket_id
		WHERE v.org_id = ? AND v.comment <> '' AND v.answered_at >= ? AND v.answered_at < ?`
	qargs := []any{orgID, from.UTC(), to.UTC()}
	if cond != "" {
		q += " AND " + cond
		qargs = append(qargs, args...)
	}
	rows, err := s.query(ctx, q+" ORDER BY "+order+" LIMIT ?", append(qargs, limit+1)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SurveyComment
	for rows.Next() {
		var m SurveyComment
		if err := rows.Scan(&m.SurveyID, &m.TicketRef, &m.Score, &m.Comment, &m.AnsweredAt, &m.Team, &m.Agent); err != nil {
			return nil, err
		}
		m.AnsweredAt = m.AnsweredAt.UTC()
		out = append(out, m)
	}
	return backwards(c, out), rows.Err()
}
