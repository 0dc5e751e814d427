package store

import (
	"context"
	"time"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// MailTemplate is an org's own wording for one kind of e-mail to callers.
type MailTemplate struct {
	OrgID     int64     `json:"org_id"`
	Kind      string    `json:"kind"`
	Subject   string    `json:"subject"`
	Body      string    `json:"body"`
	UpdatedAt time.Time `json:"updated_at"`
	UpdatedBy string    `json:"updated_by"`
}

// MailTemplates is an org's own templates by kind; a kind it has not
// written is absent.
func (s *Store) MailTemplates(ctx context.Context, scope tenancy.Scope, orgID int64) (map[string]MailTemplate, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT org_id, kind, subject, body, updated_at, updated_by FROM mail_templates WHERE org_id = ?`, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]MailTemplate{}
	for rows.Next() {
		var m MailTemplate
		if err := rows.Scan(&m.OrgID, &m.Kind, &m.Subject, &m.Body, &m.UpdatedAt, &m.UpdatedBy); err != nil {
			return nil, err
		}
		m.UpdatedAt = m.UpdatedAt.UTC()
		out[m.Kind] = m
	}
	return out, rows.Err()
}

// SaveMailTemplate writes an org's template for a kind, replacing its last.
func (s *Store) SaveMailTemplate(ctx context.Context, scope tenancy.Scope, m *MailTemplate) error {
	if err := orgInScope(scope, m.OrgID); err != nil {
		return err
	}
	m.UpdatedAt = s.Now()
	_, err := s.exec(ctx, `INSERT INTO mail_templates (org_id, kind, subject, body, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (org_id, kind) DO UPDATE SET subject = excluded.subject, body = excluded.body,
		updated_at = excluded.updated_at, updated_by = excluded.updated_by`, m.OrgID, m.Kind, m.Subject, m.Body, m.UpdatedAt, m.UpdatedBy)
	return classify(err)
}

// DeleteMailTemplate puts an org back on ward's default wording for a kind.
func (s *Store) DeleteMailTemplate(ctx context.Context, scope tenancy.Scope, orgID int64, kind string) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	_, err := s.exec(ctx, `DELETE FROM mail_templates WHERE org_id = ? AND kind = ?`, orgID, kind)
	return err
}
