package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// PhishingCampaign is one phishing exercise of an org, imported from
// Gophish's results (migration 034).
type PhishingCampaign struct {
	ID         int64  `json:"id"`
	OrgID      int64  `json:"org_id"`
	Name       string `json:"name"`
	LaunchedOn string `json:"launched_on"` // yyyy-mm-dd
	// EnrolCourseID is the course those who clicked or submitted were
	// enrolled in; 0 when the import enrolled nobody.
	EnrolCourseID int64     `json:"enrol_course_id,omitempty"`
	File          string    `json:"file,omitempty"`
	ImportedAt    time.Time `json:"imported_at"`
	ImportedBy    string    `json:"imported_by,omitempty"`
}

// PhishingResult is one address's result in a campaign. The step times are
// zero when the export did not give them.
type PhishingResult struct {
	CampaignID int64  `json:"campaign_id"`
	OrgID      int64  `json:"org_id"`
	Email      string `json:"email"`               // lower case
	PersonID   int64  `json:"person_id,omitempty"` // 0: the address matched nobody
	// Status is the furthest step: sent, opened, clicked or submitted.
	Status      string    `json:"status"`
	Reported    bool      `json:"reported"`
	SentAt      time.Time `json:"sent_at,omitempty"`
	OpenedAt    time.Time `json:"opened_at,omitempty"`
	ClickedAt   time.Time `json:"clicked_at,omitempty"`
	SubmittedAt time.Time `json:"submitted_at,omitempty"`
	ReportedAt  time.Time `json:"reported_at,omitempty"`
	Line        int       `json:"line"` // of the export it came from
}

const campaignColumns = `id, org_id, name, launched_on, enrol_course_id, file, imported_at, imported_by`

func scanCampaign(sc interface{ Scan(...any) error }) (PhishingCampaign, error) {
	var c PhishingCampaign
	var course sql.NullInt64
	err := sc.Scan(&c.ID, &c.OrgID, &c.Name, &c.LaunchedOn, &course, &c.File, &c.ImportedAt, &c.ImportedBy)
	c.EnrolCourseID = course.Int64
	c.ImportedAt = c.ImportedAt.UTC()
	return c, err
}

// PhishingCampaignByName finds an org's campaign by its name.
func (s *Store) PhishingCampaignByName(ctx context.Context, scope tenancy.Scope, orgID int64, name string) (PhishingCampaign, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return PhishingCampaign{}, err
	}
	c, err := scanCampaign(s.queryRow(ctx, `SELECT `+campaignColumns+` FROM phishing_campaigns WHERE org_id = ? AND name = ?`, orgID, name))
	return c, classify(err)
}

// PhishingCampaign finds a campaign by id within the scope; another org's
// campaign is ErrNotFound.
func (s *Store) PhishingCampaign(ctx context.Context, scope tenancy.Scope, id int64) (PhishingCampaign, error) {
	cond, args, err := scopeFilter(scope, "org_id")
	if err != nil {
		return PhishingCampaign{}, err
	}
	c, err := scanCampaign(s.queryRow(ctx, `SELECT `+campaignColumns+` FROM phishing_campaigns WHERE id = ? AND `+cond, append([]any{id}, args...)...))
	return c, classify(err)
}

// SavePhishingCampaign writes a campaign and its results: a new campaign is
// added; one the org already has by that name (c.ID set by the caller after
// PhishingCampaignByName) has its details updated and its results replaced.
// The results go in as multi-row statements; call it inside InTx so the
// campaign and all its results land together or not at all.
func (s *Store) SavePhishingCampaign(ctx context.Context, scope tenancy.Scope, c PhishingCampaign, results []PhishingResult) (PhishingCampaign, error) {
	if err := orgInScope(scope, c.OrgID); err != nil {
		return PhishingCampaign{}, err
	}
	c.ImportedAt = s.Now()
	if c.ID == 0 {
		id, err := s.insertID(ctx, `INSERT INTO phishing_campaigns (org_id, name, launched_on, enrol_course_id, file, imported_at, imported_by)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, c.OrgID, c.Name, c.LaunchedOn, idOrNull(c.EnrolCourseID), c.File, c.ImportedAt, c.ImportedBy)
		if err != nil {
			return PhishingCampaign{}, classify(err)
		}
		c.ID = id
	} else {
		res, err := s.exec(ctx, `UPDATE phishing_campaigns SET launched_on = ?, enrol_course_id = ?, file = ?, imported_at = ?, imported_by = ?
			WHERE id = ? AND org_id = ?`, c.LaunchedOn, idOrNull(c.EnrolCourseID), c.File, c.ImportedAt, c.ImportedBy, c.ID, c.OrgID)
		if err != nil {
			return PhishingCampaign{}, err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return PhishingCampaign{}, ErrNotFound
		}
		if _, err := s.exec(ctx, `DELETE FROM phishing_results WHERE campaign_id = ? AND org_id = ?`, c.ID, c.OrgID); err != nil {
			return PhishingCampaign{}, err
		}
	}
	rows := make([][]any, len(results))
	for i, r := range results {
		rows[i] = []any{c.ID, c.OrgID, r.Email, idOrNull(r.PersonID), r.Status, r.Reported, timeOrNull(r.SentAt), timeOrNull(r.OpenedAt),
			timeOrNull(r.ClickedAt), timeOrNull(r.SubmittedAt), timeOrNull(r.ReportedAt), r.Line}
	}
	err := s.insertRows(ctx, `INSERT INTO phishing_results (campaign_id, org_id, email, person_id, status, reported, sent_at, opened_at,
		clicked_at, submitted_at, reported_at, line)`, "", rows)
	return c, classify(err)
}

// PhishingPeople lists an org's people, leavers included, for matching a
// campaign's addresses to them (the caller decides who is current).
func (s *Store) PhishingPeople(ctx context.Context, scope tenancy.Scope, orgID int64) ([]Person, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT `+personColumns+` FROM people WHERE org_id = ? AND email <> '' ORDER BY id`, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Person
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// EnrolForPhishing enrols each person in a course because of a campaign,
// from the campaign's launch day, unless they already have an enrolment in
// that course made on or after it; it says how many it enrolled.
func (s *Store) EnrolForPhishing(ctx context.Context, scope tenancy.Scope, c PhishingCampaign, courseID int64, personIDs []int64, dueOn, by string) (int, error) {
	if err := orgInScope(scope, c.OrgID); err != nil {
		return 0, err
	}
	held := map[int64]bool{}
	rows, err := s.query(ctx, `SELECT person_id FROM course_enrolments WHERE org_id = ? AND course_id = ? AND enrolled_on >= ?`, c.OrgID, courseID, c.LaunchedOn)
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, err
		}
		held[id] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	now := s.Now()
	var add [][]any
	for _, p := range personIDs {
		if held[p] {
			continue
		}
		held[p] = true
		add = append(add, []any{c.OrgID, courseID, p, c.LaunchedOn, dueOn, "phishing", c.ID, now, by})
	}
	err = s.insertRows(ctx, `INSERT INTO course_enrolments (org_id, course_id, person_id, enrolled_on, due_on, reason, campaign_id, created_at, created_by)`, "", add)
	return len(add), classify(err)
}

// PhishingEnrolments counts the enrolments a campaign made.
func (s *Store) PhishingEnrolments(ctx context.Context, scope tenancy.Scope, c PhishingCampaign) (int, error) {
	if err := orgInScope(scope, c.OrgID); err != nil {
		return 0, err
	}
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM course_enrolments WHERE org_id = ? AND campaign_id = ? AND reason = 'phishing'`, c.OrgID, c.ID).Scan(&n)
	return n, err
}
