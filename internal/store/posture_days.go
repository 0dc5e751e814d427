package store

import (
	"context"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// ControlDay is one control's pass and fail counts for an org on a day.
type ControlDay struct {
	Day           string `json:"day"`
	Control       string `json:"control"`
	Pass          int    `json:"pass"`
	Fail          int    `json:"fail"`
	Unknown       int    `json:"unknown"`
	NotApplicable int    `json:"not_applicable"`
}

// SavePostureDay records an evaluation's counts for the day, replacing any
// earlier evaluation's counts of the same day.
func (s *Store) SavePostureDay(ctx context.Context, scope tenancy.Scope, orgID int64, days []ControlDay) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	rows := make([][]any, 0, len(days))
	for _, d := range days {
		rows = append(rows, []any{orgID, d.Day, d.Control, d.Pass, d.Fail, d.Unknown, d.NotApplicable})
	}
	return s.insertRows(ctx, `INSERT INTO posture_daily (org_id, day, control, pass, fail, unknown, not_applicable)`,
		`ON CONFLICT (org_id, day, control) DO UPDATE SET pass = excluded.pass, fail = excluded.fail,
		unknown = excluded.unknown, not_applicable = excluded.not_applicable`, rows)
}

// PostureDays reads an org's daily counts from the first day to the last, inclusive.
func (s *Store) PostureDays(ctx context.Context, scope tenancy.Scope, orgID int64, first, last string) ([]ControlDay, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT day, control, pass, fail, unknown, not_applicable FROM posture_daily
		WHERE org_id = ? AND day >= ? AND day <= ? ORDER BY day, control`, orgID, first, last)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ControlDay
	for rows.Next() {
		var d ControlDay
		if err := rows.Scan(&d.Day, &d.Control, &d.Pass, &d.Fail, &d.Unknown, &d.NotApplicable); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
