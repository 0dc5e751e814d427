package store

import (
	"context"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// FindingTally counts an org's findings by control, severity and state.
type FindingTally struct {
	Control  string `json:"control"`
	Severity string `json:"severity"`
	State    string `json:"state"`
	Count    int    `json:"count"`
}

// FindingTallies counts the findings of the orgs in scope (or one org).
func (s *Store) FindingTallies(ctx context.Context, scope tenancy.Scope, orgID int64) ([]FindingTally, error) {
	cond, args, err := scopeFilter(scope, "org_id")
	if err != nil {
		return nil, err
	}
	q := `SELECT control, severity, state, COUNT(*) FROM findings WHERE ` + cond
	if orgID != 0 {
		q += ` AND org_id = ?`
		args = append(args, orgID)
	}
	rows, err := s.query(ctx, q+` GROUP BY control, severity, state ORDER BY control, severity, state`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []FindingTally
	for rows.Next() {
		var t FindingTally
		if err := rows.Scan(&t.Control, &t.Severity, &t.State, &t.Count); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
