package store

import (
	"context"
	"time"

	"github.com/ward-shared-service/ward/internal/major"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// MajorUpdate is one entry in a major incident's timeline.
type MajorUpdate struct {
	ID       int64          `json:"id"`
	MajorID  int64          `json:"major_id"`
	At       time.Time      `json:"at"`
	Actor    string         `json:"actor"`
	Audience major.Audience `json:"audience"`
	Phase    major.Phase    `json:"phase"`
	Body     string         `json:"body"`
}

// AddMajorUpdate appends an update to a major incident's timeline.
func (s *Store) AddMajorUpdate(ctx context.Context, scope tenancy.Scope, m MajorIncident, u *MajorUpdate) error {
	if err := orgInScope(scope, m.OrgID); err != nil {
		return err
	}
	if u.At.IsZero() {
		u.At = s.Now()
	}
	u.MajorID = m.ID
	id, err := s.insertID(ctx, `INSERT INTO major_updates (major_id, org_id, at, actor, audience, phase, body) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		m.ID, m.OrgID, u.At.UTC(), u.Actor, string(u.Audience), string(u.Phase), u.Body)
	u.ID = id
	return classify(err)
}

// MajorUpdates is a major incident's timeline, oldest first; audiences
// limits it to those audiences (none: every one).
func (s *Store) MajorUpdates(ctx context.Context, scope tenancy.Scope, majorID int64, audiences ...major.Audience) ([]MajorUpdate, error) {
	cond, args, err := scopeFilter(scope, "org_id")
	if err != nil {
		return nil, err
	}
	q := `SELECT id, major_id, at, actor, audience, phase, body FROM major_updates WHERE major_id = ? AND ` + cond
	all := append([]any{majorID}, args...)
	if len(audiences) > 0 {
		q += ` AND audience IN (?` + repeatMarks(len(audiences)-1) + `)`
		for _, a := range audiences {
			all = append(all, string(a))
		}
	}
	return s.majorUpdates(ctx, q+` ORDER BY at, id`, all...)
}

func (s *Store) majorUpdates(ctx context.Context, q string, args ...any) ([]MajorUpdate, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []MajorUpdate
	for rows.Next() {
		var u MajorUpdate
		var aud, phase string
		if err := rows.Scan(&u.ID, &u.MajorID, &u.At, &u.Actor, &aud, &phase, &u.Body); err != nil {
			return nil, err
		}
		u.At, u.Audience, u.Phase = u.At.UTC(), major.Audience(aud), major.Phase(phase)
		out = append(out, u)
	}
	return out, rows.Err()
}

// SetMajorComms writes one line of a major incident's communication plan.
func (s *Store) SetMajorComms(ctx context.Context, scope tenancy.Scope, m MajorIncident, c major.Comms) error {
	if err := orgInScope(scope, m.OrgID); err != nil {
		return err
	}
	_, err := s.exec(ctx, `INSERT INTO major_comms (major_id, org_id, audience, every_minutes, next_due_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (major_id, audience) DO UPDATE SET every_minutes = excluded.every_minutes, next_due_at = excluded.next_due_at`,
		m.ID, m.OrgID, string(c.Audience), int(c.Every/time.Minute), c.NextDue.UTC())
	return classify(err)
}

// MajorComms is a major incident's communication plan, in audience order.
func (s *Store) MajorComms(ctx context.Context, scope tenancy.Scope, majorID int64) ([]major.Comms, error) {
	cond, args, err := scopeFilter(scope, "org_id")
	if err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT audience, every_minutes, next_due_at FROM major_comms WHERE major_id = ? AND `+cond+` ORDER BY audience`,
		append([]any{majorID}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []major.Comms
	for rows.Next() {
		var c major.Comms
		var aud string
		var mins int
		if err := rows.Scan(&aud, &mins, &c.NextDue); err != nil {
			return nil, err
		}
		c.Audience, c.Every, c.NextDue = major.Audience(aud), time.Duration(mins)*time.Minute, c.NextDue.UTC()
		out = append(out, c)
	}
	return out, rows.Err()
}

// SaveMajorReview writes a major incident's post-incident review, replacing
// an earlier one with its actions.
func (s *Store) SaveMajorReview(ctx context.Context, scope tenancy.Scope, m MajorIncident, r major.Review) error {
	if err := orgInScope(scope, m.OrgID); err != nil {
		return err
	}
	return s.InTx(ctx, func(ctx context.Context) error {
		if _, err := s.exec(ctx, `DELETE FROM major_review_actions WHERE major_id = ? AND org_id = ?`, m.ID, m.OrgID); err != nil {
			return err
		}
		if _, err := s.exec(ctx, `INSERT INTO major_reviews (major_id, org_id, cause, lessons, reviewed_by, reviewed_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (major_id) DO UPDATE SET cause = excluded.cause, lessons = excluded.lessons,
			reviewed_by = excluded.reviewed_by, reviewed_at = excluded.reviewed_at`,
			m.ID, m.OrgID, r.Cause, r.Lessons, r.ReviewedBy, r.ReviewedAt.UTC()); err != nil {
			return classify(err)
		}
		for _, a := range r.Actions {
			if _, err := s.exec(ctx, `INSERT INTO major_review_actions (major_id, org_id, action, owner, due_on) VALUES (?, ?, ?, ?, ?)`,
				m.ID, m.OrgID, a.Action, a.Owner, a.Due); err != nil {
				return classify(err)
			}
		}
		return nil
	})
}

// MajorReview reads a major incident's review; ErrNotFound when it has none.
func (s *Store) MajorReview(ctx context.Context, scope tenancy.Scope, majorID int64) (major.Review, error) {
	cond, args, err := scopeFilter(scope, "org_id")
	if err != nil {
		return major.Review{}, err
	}
	var r major.Review
	err = s.queryRow(ctx, `SELECT cause, lessons, reviewed_by, reviewed_at FROM major_reviews WHERE major_id = ? AND `+cond,
		append([]any{majorID}, args...)...).Scan(&r.Cause, &r.Lessons, &r.ReviewedBy, &r.ReviewedAt)
	if err != nil {
		return r, classify(err)
	}
	r.ReviewedAt = r.ReviewedAt.UTC()
	rows, err := s.query(ctx, `SELECT action, owner, due_on FROM major_review_actions WHERE major_id = ? AND `+cond+` ORDER BY id`,
		append([]any{majorID}, args...)...)
	if err != nil {
		return r, err
	}
	defer rows.Close()
	for rows.Next() {
		var a major.Action
		if err := rows.Scan(&a.Action, &a.Owner, &a.Due); err != nil {
			return r, err
		}
		r.Actions = append(r.Actions, a)
	}
	return r, rows.Err()
}
