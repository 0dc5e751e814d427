package store

import (
	"context"
	"time"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// PolicyDocument is one of an org's policy documents (migration 035).
type PolicyDocument struct {
	ID         int64     `json:"id"`
	OrgID      int64     `json:"org_id"`
	Slug       string    `json:"slug"`
	Title      string    `json:"title"`
	Owner      string    `json:"owner"`
	ReviewOn   string    `json:"review_on,omitempty"` // yyyy-mm-dd
	Kinds      string    `json:"kinds,omitempty"`     // comma separated; empty is every kind
	Teams      string    `json:"teams,omitempty"`     // comma separated; empty is every team
	AcceptDays int       `json:"accept_days"`
	RemindDays int       `json:"remind_every_days"`
	RemindMax  int       `json:"remind_max"`
	CreatedAt  time.Time `json:"created_at"`
}

// PolicyVersion is one published version of a document. Body is read only
// by PolicyVersion; lists leave it empty.
type PolicyVersion struct {
	ID          int64     `json:"id"`
	DocumentID  int64     `json:"document_id"`
	OrgID       int64     `json:"org_id"`
	Number      int       `json:"number"`
	Body        string    `json:"body,omitempty"`
	SHA256      string    `json:"sha256"`
	Material    bool      `json:"material"`
	PublishedAt time.Time `json:"published_at"`
	PublishedBy string    `json:"published_by,omitempty"`
	Note        string    `json:"note,omitempty"`
}

const policyDocColumns = `id, org_id, slug, title, owner, review_on, kinds, teams, accept_days, remind_every_days, remind_max, created_at`

func scanPolicyDoc(sc interface{ Scan(...any) error }) (PolicyDocument, error) {
	var d PolicyDocument
	err := sc.Scan(&d.ID, &d.OrgID, &d.Slug, &d.Title, &d.Owner, &d.ReviewOn, &d.Kinds, &d.Teams, &d.AcceptDays, &d.RemindDays, &d.RemindMax, &d.CreatedAt)
	d.CreatedAt = d.CreatedAt.UTC()
	return d, err
}

// CreatePolicyDocument adds a document to an org; a slug the org already
// uses is ErrConflict.
func (s *Store) CreatePolicyDocument(ctx context.Context, scope tenancy.Scope, d PolicyDocument) (PolicyDocument, error) {
	if err := orgInScope(scope, d.OrgID); err != nil {
		return d, err
	}
	d.CreatedAt = s.Now()
	id, err := s.insertID(ctx, `INSERT INTO policy_documents (org_id, slug, title, owner, review_on, kinds, teams, accept_days,
		remind_every_days, remind_max, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.OrgID, d.Slug, d.Title, d.Owner, d.ReviewOn, d.Kinds, d.Teams, d.AcceptDays, d.RemindDays, d.RemindMax, d.CreatedAt)
	d.ID = id
	return d, classify(err)
}

// UpdatePolicyDocument changes a document's title, owner, review day,
// audience and schedule.
func (s *Store) UpdatePolicyDocument(ctx context.Context, scope tenancy.Scope, d PolicyDocument) error {
	if err := orgInScope(scope, d.OrgID); err != nil {
		return err
	}
	_, err := s.exec(ctx, `UPDATE policy_documents SET title = ?, owner = ?, review_on = ?, kinds = ?, teams = ?, accept_days = ?,
		remind_every_days = ?, remind_max = ? WHERE id = ? AND org_id = ?`,
		d.Title, d.Owner, d.ReviewOn, d.Kinds, d.Teams, d.AcceptDays, d.RemindDays, d.RemindMax, d.ID, d.OrgID)
	return classify(err)
}

// PolicyDocuments lists an org's documents by title.
func (s *Store) PolicyDocuments(ctx context.Context, scope tenancy.Scope, orgID int64) ([]PolicyDocument, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT `+policyDocColumns+` FROM policy_documents WHERE org_id = ? ORDER BY title, id`, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PolicyDocument
	for rows.Next() {
		d, err := scanPolicyDoc(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// PolicyDocumentBySlug finds one of an org's documents.
func (s *Store) PolicyDocumentBySlug(ctx context.Context, scope tenancy.Scope, orgID int64, slug string) (PolicyDocument, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return PolicyDocument{}, err
	}
	d, err := scanPolicyDoc(s.queryRow(ctx, `SELECT `+policyDocColumns+` FROM policy_documents WHERE org_id = ? AND slug = ?`, orgID, slug))
	return d, classify(err)
}

// AddPolicyVersion publishes a version; its number must be new to the
// document (ErrConflict otherwise).
func (s *Store) AddPolicyVersion(ctx context.Context, scope tenancy.Scope, v PolicyVersion) (PolicyVersion, error) {
	if err := orgInScope(scope, v.OrgID); err != nil {
		return v, err
	}
	if v.PublishedAt.IsZero() {
		v.PublishedAt = s.Now()
	}
	v.PublishedAt = v.PublishedAt.UTC()
	id, err := s.insertID(ctx, `INSERT INTO policy_versions (document_id, org_id, number, body, sha256, material, published_at, published_by, note)
		SELECT id, org_id, ?, ?, ?, ?, ?, ?, ? FROM policy_documents WHERE id = ? AND org_id = ?`,
		v.Number, v.Body, v.SHA256, v.Material, v.PublishedAt, v.PublishedBy, v.Note, v.DocumentID, v.OrgID)
	v.ID = id
	return v, classify(err)
}

const policyVersionColumns = `id, document_id, org_id, number, sha256, material, published_at, published_by, note`

func scanPolicyVersion(sc interface{ Scan(...any) error }, body *string) (PolicyVersion, error) {
	var v PolicyVersion
	dest := []any{&v.ID, &v.DocumentID, &v.OrgID, &v.Number, &v.SHA256, &v.Material, &v.PublishedAt, &v.PublishedBy, &v.Note}
	if body != nil {
		dest = append(dest, body)
	}
	err := sc.Scan(dest...)
	v.PublishedAt = v.PublishedAt.UTC()
	return v, err
}

// PolicyVersions lists every version of an org's documents, without their
// bodies, by document and number.
func (s *Store) PolicyVersions(ctx context.Context, scope tenancy.Scope, orgID int64) ([]PolicyVersion, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT `+policyVersionColumns+` FROM policy_versions WHERE org_id = ? ORDER BY document_id, number`, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PolicyVersion
	for rows.Next() {
		v, err := scanPolicyVersion(rows, nil)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// PolicyVersion reads one version with its body.
func (s *Store) PolicyVersion(ctx context.Context, scope tenancy.Scope, orgID, id int64) (PolicyVersion, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return PolicyVersion{}, err
	}
	var body string
	v, err := scanPolicyVersion(s.queryRow(ctx, `SELECT `+policyVersionColumns+`, body FROM policy_versions WHERE org_id = ? AND id = ?`, orgID, id), &body)
	v.Body = body
	return v, classify(err)
}
