package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// surveyDimensions are the columns survey_days counts by, with each
// survey's value of them.
func surveyDimensions(v Survey) [][2]string {
	return [][2]string{{"channel", v.Channel}, {"priority", desk.Priority(v.Priority).String()}, {"category", v.Category},
		{"team", v.Team}, {"agent", v.Agent}}
}

// surveyDay is the org's local date a survey was due to go.
func (s *Store) surveyDay(ctx context.Context, orgID int64, at time.Time) (string, error) {
	var zone string
	if err := s.queryRow(ctx, `SELECT time_zone FROM orgs WHERE id = ?`, orgID).Scan(&zone); err != nil {
		return "", classify(err)
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return "", err
	}
	return at.In(loc).Format(time.DateOnly), nil
}

// countSurvey adds to the survey's day counts: sent (+1 made, -1
// cancelled, 0 answered) and a score given (0: none). Run it in the transaction of
// the change it counts.
func (s *Store) countSurvey(ctx context.Context, v Survey, sent, score int) error {
	day, err := s.surveyDay(ctx, v.OrgID, v.SendAt)
	if err != nil {
		return err
	}
	answered, scores := 0, [5]int{}
	if score > 0 { // made answered (a survey brought over), or just answered
		answered, scores[score-1] = 1, 1
	}
	dims := surveyDimensions(v)
	var args []any
	for _, d := range dims {
		args = append(args, v.OrgID, day, d[0], d[1], sent, answered, scores[0], scores[1], scores[2], scores[3], scores[4])
	}
	marks := strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?), ", len(dims)), ", ")
	_, err = s.exec(ctx, `INSERT INTO survey_days (org_id, day, dimension, value, sent, answered, score_1, score_2, score_3, score_4, score_5)
		VALUES `+marks+` ON CONFLICT (org_id, day, dimension, value) DO UPDATE SET sent = survey_days.sent + excluded.sent,
		answered = survey_days.answered + excluded.answered, score_1 = survey_days.score_1 + excluded.score_1,
		score_2 = survey_days.score_2 + excluded.score_2, score_3 = survey_days.score_3 + excluded.score_3,
		score_4 = survey_days.score_4 + excluded.score_4, score_5 = survey_days.score_5 + excluded.score_5`, args...)
	return err
}

// SurveyDayTallies adds up an org's day counts from the first to the last
// day (local dates, inclusive), by dimension and value, in the database.
func (s *Store) SurveyDayTallies(ctx context.Context, scope tenancy.Scope, orgID int64, first, last string) ([]report.SurveyTally, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT dimension, value, SUM(sent), SUM(answered), SUM(score_1), SUM(score_2), SUM(score_3), SUM(score_4), SUM(score_5)
		FROM survey_days WHERE org_id = ? AND day >= ? AND day <= ? GROUP BY dimension, value`, orgID, first, last)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []report.SurveyTally
	for rows.Next() {
		var t report.SurveyTally
		if err := rows.Scan(&t.Dimension, &t.Name, &t.Sent, &t.Answered, &t.Scores[0], &t.Scores[1], &t.Scores[2], &t.Scores[3], &t.Scores[4]); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RebuildSurveyDays counts an org's day counts again from its surveys: for
// surveys loaded around the service (a bulk load), or after the org's time
// zone changed. It says how many days it wrote counts for.
func (s *Store) RebuildSurveyDays(ctx context.Context, scope tenancy.Scope, orgID int64) (int, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return 0, err
	}
	var days map[string]bool
	err := s.InTx(ctx, func(ctx context.Context) error {
		days = map[string]bool{} // afresh should the transaction be run again
		if _, err := s.exec(ctx, `DELETE FROM survey_days WHERE org_id = ?`, orgID); err != nil {
			return err
		}
		var zone string
		if err := s.queryRow(ctx, `SELECT time_zone FROM orgs WHERE id = ?`, orgID).Scan(&zone); err != nil {
			return err
		}
		loc, err := time.LoadLocation(zone)
		if err != nil {
			return err
		}
		type key struct{ day, dim, value string }
		counts := map[key]*report.SurveyTally{}
		rows, err := s.query(ctx, `SELECT send_at, score, channel, priority, category, team, agent FROM surveys
			WHERE org_id = ? AND cancelled = ?`, orgID, false)
		if err != nil {
			return err
		}
		for rows.Next() {
			var v Survey
			if err := rows.Scan(&v.SendAt, &v.Score, &v.Channel, &v.Priority, &v.Category, &v.Team, &v.Agent); err != nil {
				rows.Close()
				return err
			}
			d := v.SendAt.In(loc).Format(time.DateOnly)
			days[d] = true
			for _, dim := range surveyDimensions(v) {
				k := key{d, dim[0], dim[1]}
				t := counts[k]
				if t == nil {
					t = &report.SurveyTally{}
					counts[k] = t
				}
				t.Sent++
				if v.Score > 0 {
					t.Answered++
					t.Scores[v.Score-1]++
				}
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		batch := make([][]any, 0, len(counts))
		for k, t := range counts {
			batch = append(batch, []any{orgID, k.day, k.dim, k.value, t.Sent, t.Answered, t.Scores[0], t.Scores[1], t.Scores[2], t.Scores[3], t.Scores[4]})
		}
		if len(batch) == 0 {
			return nil
		}
		if err := s.insertRows(ctx, `INSERT INTO survey_days (org_id, day, dimension, value, sent, answered, score_1, score_2, score_3, score_4, score_5)`, "", batch); err != nil {
			return fmt.Errorf("survey day counts: %w", err)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(days), nil
}
