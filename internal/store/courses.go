package store

import (
	"context"
	"time"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Course is a security awareness course or briefing of an org (migration
// 034): e-learning, a briefing, or the training a phishing exercise leads to.
type Course struct {
	ID    int64  `json:"id"`
	OrgID int64  `json:"org_id"`
	Code  string `json:"code"` // the e-learning platform's id, matched on import
	Title string `json:"title"`
	Kind  string `json:"kind"` // elearning, briefing or phishing
	// RefreshDays is how long a completion stays current; 0 is for ever.
	RefreshDays int `json:"refresh_days"`
	// Kinds and Teams are the audience, comma separated; empty is everyone.
	Kinds     string    `json:"kinds,omitempty"`
	Teams     string    `json:"teams,omitempty"`
	Retired   bool      `json:"retired,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	CreatedBy string    `json:"created_by,omitempty"`
}

const courseColumns = `id, org_id, code, title, kind, refresh_days, kinds, teams, retired, created_at, created_by`

func scanCourse(sc interface{ Scan(...any) error }) (Course, error) {
	var c Course
	err := sc.Scan(&c.ID, &c.OrgID, &c.Code, &c.Title, &c.Kind, &c.RefreshDays, &c.Kinds, &c.Teams, &c.Retired, &c.CreatedAt, &c.CreatedBy)
	c.CreatedAt = c.CreatedAt.UTC()
	return c, err
}

// CreateCourse adds a course to an org; a code the org already uses is
// ErrConflict. CreatedAt is now unless given (a course brought over with
// its history began to bind people earlier).
func (s *Store) CreateCourse(ctx context.Context, scope tenancy.Scope, c Course) (Course, error) {
	if err := orgInScope(scope, c.OrgID); err != nil {
		return Course{}, err
	}
	if c.CreatedAt.IsZero() {
		c.CreatedAt = s.Now()
	}
	id, err := s.insertID(ctx, `INSERT INTO courses (org_id, code, title, kind, refresh_days, kinds, teams, retired, created_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.OrgID, c.Code, c.Title, c.Kind, c.RefreshDays, c.Kinds, c.Teams, c.Retired, c.CreatedAt, c.CreatedBy)
	c.ID = id
	return c, classify(err)
}

// CourseByCode finds an org's course by its code, in any case.
func (s *Store) CourseByCode(ctx context.Context, scope tenancy.Scope, orgID int64, code string) (Course, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return Course{}, err
	}
	c, err := scanCourse(s.queryRow(ctx, `SELECT `+courseColumns+` FROM courses WHERE org_id = ? AND lower(code) = lower(?)`, orgID, code))
	return c, classify(err)
}

// Courses lists an org's courses by title, retired ones included.
func (s *Store) Courses(ctx context.Context, scope tenancy.Scope, orgID int64) ([]Course, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT `+courseColumns+` FROM courses WHERE org_id = ? ORDER BY title, id`, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Course
	for rows.Next() {
		c, err := scanCourse(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CourseByID finds a course in scope.
func (s *Store) CourseByID(ctx context.Context, scope tenancy.Scope, id int64) (Course, error) {
	cond, args, err := scopeFilter(scope, "org_id")
	if err != nil {
		return Course{}, err
	}
	c, err := scanCourse(s.queryRow(ctx, `SELECT `+courseColumns+` FROM courses WHERE id = ? AND `+cond, append([]any{id}, args...)...))
	return c, classify(err)
}

// UpdateCourse changes a course's code, title, kind, refresh period,
// audience and whether it is retired. Its completions stay: retiring a
// course stops it binding anyone, it does not forget who did it.
func (s *Store) UpdateCourse(ctx context.Context, scope tenancy.Scope, c Course) error {
	if err := orgInScope(scope, c.OrgID); err != nil {
		return err
	}
	res, err := s.exec(ctx, `UPDATE courses SET code = ?, title = ?, kind = ?, refresh_days = ?, kinds = ?, teams = ?, retired = ?
		WHERE id = ? AND org_id = ?`, c.Code, c.Title, c.Kind, c.RefreshDays, c.Kinds, c.Teams, c.Retired, c.ID, c.OrgID)
	if err != nil {
		return classify(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}
