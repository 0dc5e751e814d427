package store

import (
	"context"
	"time"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Completion is one person's completion of a course on a day: history, never
// overwritten (migration 034).
type Completion struct {
	ID          int64     `json:"id"`
	OrgID       int64     `json:"org_id"`
	CourseID    int64     `json:"course_id"`
	PersonID    int64     `json:"person_id"`
	CompletedOn string    `json:"completed_on"` // yyyy-mm-dd
	Source      string    `json:"source"`       // import, attendance or manual
	Score       *int      `json:"score,omitempty"`
	RecordedAt  time.Time `json:"recorded_at"`
	RecordedBy  string    `json:"recorded_by,omitempty"`
	// CourseCode and CourseTitle are filled by PersonCompletions.
	CourseCode  string `json:"course_code,omitempty"`
	CourseTitle string `json:"course_title,omitempty"`
}

// AddCompletions writes completions of one org in a few multi-row
// statements, skipping any the org already holds (the same course, person
// and day), so an import run twice adds nothing. It answers how many were
// new. The caller found every course and person in the org.
func (s *Store) AddCompletions(ctx context.Context, scope tenancy.Scope, orgID int64, list []Completion) (int, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return 0, err
	}
	added := 0
	err := s.InTx(ctx, func(ctx context.Context) error {
		before, err := s.completionCount(ctx, orgID)
		if err != nil {
			return err
		}
		now := s.Now()
		rows := make([][]any, len(list))
		for i, c := range list {
			var score any
			if c.Score != nil {
				score = *c.Score
			}
			rows[i] = []any{orgID, c.CourseID, c.PersonID, c.CompletedOn, c.Source, score, now, c.RecordedBy}
		}
		if err := s.insertRows(ctx, `INSERT INTO course_completions (org_id, course_id, person_id, completed_on, source, score, recorded_at, recorded_by)`,
			`ON CONFLICT (course_id, person_id, completed_on) DO NOTHING`, rows); err != nil {
			return err
		}
		after, err := s.completionCount(ctx, orgID)
		added = after - before
		return err
	})
	return added, err
}

func (s *Store) completionCount(ctx context.Context, orgID int64) (int, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM course_completions WHERE org_id = ?`, orgID).Scan(&n)
	return n, err
}

// PersonCompletions is a person's whole completion history, newest first.
func (s *Store) PersonCompletions(ctx context.Context, scope tenancy.Scope, orgID, personID int64) ([]Completion, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT k.id, k.org_id, k.course_id, k.person_id, k.completed_on, k.source, k.score, k.recorded_at, k.recorded_by, c.code, c.title
		FROM course_completions k JOIN courses c ON c.id = k.course_id
		WHERE k.org_id = ? AND k.person_id = ? ORDER BY k.completed_on DESC, c.title, k.id`, orgID, personID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Completion
	for rows.Next() {
		var c Completion
		var score *int64
		if err := rows.Scan(&c.ID, &c.OrgID, &c.CourseID, &c.PersonID, &c.CompletedOn, &c.Source, &score, &c.RecordedAt, &c.RecordedBy, &c.CourseCode, &c.CourseTitle); err != nil {
			return nil, err
		}
		if score != nil {
			n := int(*score)
			c.Score = &n
		}
		c.RecordedAt = c.RecordedAt.UTC()
		out = append(out, c)
	}
	return out, rows.Err()
}

// Enrolment asks a person to complete a course by a day (migration 034).
type Enrolment struct {
	ID         int64     `json:"id"`
	OrgID      int64     `json:"org_id"`
	CourseID   int64     `json:"course_id"`
	PersonID   int64     `json:"person_id"`
	EnrolledOn string    `json:"enrolled_on"`
	DueOn      string    `json:"due_on"`
	Reason     string    `json:"reason"` // phishing or manual
	CampaignID int64     `json:"campaign_id,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	CreatedBy  string    `json:"created_by,omitempty"`
}

// CreateEnrolment enrols a person on a course; the same course, person and
// day twice is ErrConflict.
func (s *Store) CreateEnrolment(ctx context.Context, scope tenancy.Scope, e Enrolment) (Enrolment, error) {
	if err := orgInScope(scope, e.OrgID); err != nil {
		return Enrolment{}, err
	}
	e.CreatedAt = s.Now()
	var campaign any
	if e.CampaignID != 0 {
		campaign = e.CampaignID
	}
	id, err := s.insertID(ctx, `INSERT INTO course_enrolments (org_id, course_id, person_id, enrolled_on, due_on, reason, campaign_id, created_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.OrgID, e.CourseID, e.PersonID, e.EnrolledOn, e.DueOn, e.Reason, campaign, e.CreatedAt, e.CreatedBy)
	e.ID = id
	return e, classify(err)
}

// TrainingRecords reads what an org's training status is worked out from,
// in two queries whatever the number of people: every completion (course,
// person, day) and every enrolment.
func (s *Store) TrainingRecords(ctx context.Context, scope tenancy.Scope, orgID int64) ([]Completion, []Enrolment, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, nil, err
	}
	rows, err := s.query(ctx, `SELECT course_id, person_id, completed_on FROM course_completions WHERE org_id = ? ORDER BY person_id, course_id, completed_on`, orgID)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var done []Completion
	for rows.Next() {
		c := Completion{OrgID: orgID}
		if err := rows.Scan(&c.CourseID, &c.PersonID, &c.CompletedOn); err != nil {
			return nil, nil, err
		}
		done = append(done, c)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	rows.Close()
	erows, err := s.query(ctx, `SELECT id, org_id, course_id, person_id, enrolled_on, due_on, reason, COALESCE(campaign_id, 0), created_at, created_by
		FROM course_enrolments WHERE org_id = ? ORDER BY person_id, course_id, enrolled_on`, orgID)
	if err != nil {
		return nil, nil, err
	}
	defer erows.Close()
	var enrolled []Enrolment
	for erows.Next() {
		var e Enrolment
		if err := erows.Scan(&e.ID, &e.OrgID, &e.CourseID, &e.PersonID, &e.EnrolledOn, &e.DueOn, &e.Reason, &e.CampaignID, &e.CreatedAt, &e.CreatedBy); err != nil {
			return nil, nil, err
		}
		e.CreatedAt = e.CreatedAt.UTC()
		enrolled = append(enrolled, e)
	}
	return done, enrolled, erows.Err()
}
