package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// PolicyAcceptance is one person's acceptance of one version. The store
// only inserts them: there is no statement that changes or removes one.
type PolicyAcceptance struct {
	ID         int64     `json:"id"`
	OrgID      int64     `json:"org_id"`
	PersonID   int64     `json:"person_id"`
	VersionID  int64     `json:"version_id"`
	SHA256     string    `json:"sha256"`
	AcceptedAt time.Time `json:"accepted_at"`
	Method     string    `json:"method"` // signed-in, link or paper
	Client     string    `json:"client,omitempty"`
	RecordedBy string    `json:"recorded_by,omitempty"`
	// The scanned copy of a paper acceptance; Evidence is read only by
	// PolicyEvidence.
	Evidence       []byte `json:"-"`
	EvidenceName   string `json:"evidence_name,omitempty"`
	EvidenceSHA256 string `json:"evidence_sha256,omitempty"`
	EvidenceType   string `json:"evidence_type,omitempty"`
}

func acceptanceRow(a PolicyAcceptance) []any {
	var ev any
	if a.Evidence != nil {
		ev = a.Evidence
	}
	return []any{a.OrgID, a.PersonID, a.VersionID, a.SHA256, a.AcceptedAt.UTC(), a.Method, a.Client, a.RecordedBy,
		ev, a.EvidenceName, a.EvidenceSHA256, a.EvidenceType}
}

const acceptanceInsert = `INSERT INTO policy_acceptances (org_id, person_id, version_id, sha256, accepted_at, method, client,
	recorded_by, evidence, evidence_name, evidence_sha256, evidence_type)`

// AddPolicyAcceptance records one acceptance.
func (s *Store) AddPolicyAcceptance(ctx context.Context, scope tenancy.Scope, a PolicyAcceptance) (PolicyAcceptance, error) {
	if err := orgInScope(scope, a.OrgID); err != nil {
		return a, err
	}
	if a.AcceptedAt.IsZero() {
		a.AcceptedAt = s.Now()
	}
	id, err := s.insertID(ctx, acceptanceInsert+` VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, acceptanceRow(a)...)
	a.ID = id
	return a, classify(err)
}

// AddPolicyAcceptances records many acceptances of one org at once (the
// demo's history).
func (s *Store) AddPolicyAcceptances(ctx context.Context, scope tenancy.Scope, orgID int64, list []PolicyAcceptance) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	rows := make([][]any, len(list))
	for i, a := range list {
		a.OrgID = orgID
		rows[i] = acceptanceRow(a)
	}
	return s.insertRows(ctx, acceptanceInsert, "", rows)
}

// PolicyAcceptances lists an org's acceptances, without evidence bytes,
// oldest first.
func (s *Store) PolicyAcceptances(ctx context.Context, scope tenancy.Scope, orgID int64) ([]PolicyAcceptance, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT id, org_id, person_id, version_id, sha256, accepted_at, method, client, recorded_by,
		evidence_name, evidence_sha256, evidence_type FROM policy_acceptances WHERE org_id = ? ORDER BY accepted_at, id`, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PolicyAcceptance
	for rows.Next() {
		var a PolicyAcceptance
		if err := rows.Scan(&a.ID, &a.OrgID, &a.PersonID, &a.VersionID, &a.SHA256, &a.AcceptedAt, &a.Method, &a.Client,
			&a.RecordedBy, &a.EvidenceName, &a.EvidenceSHA256, &a.EvidenceType); err != nil {
			return nil, err
		}
		a.AcceptedAt = a.AcceptedAt.UTC()
		out = append(out, a)
	}
	return out, rows.Err()
}

// PolicyLink is a single-use link mailed to one person for one version.
type PolicyLink struct {
	ID, OrgID, PersonID, VersionID int64
	TokenHash                      string
	CreatedAt, ExpiresAt           time.Time
	UsedAt                         time.Time // zero while unused
}

// CreatePolicyLinks stores new links of one org.
func (s *Store) CreatePolicyLinks(ctx context.Context, scope tenancy.Scope, orgID int64, links []PolicyLink) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	now := s.Now()
	rows := make([][]any, len(links))
	for i, l := range links {
		rows[i] = []any{orgID, l.TokenHash, l.PersonID, l.VersionID, now, l.ExpiresAt.UTC()}
	}
	return s.insertRows(ctx, `INSERT INTO policy_links (org_id, token_hash, person_id, version_id, created_at, expires_at)`, "", rows)
}

// PolicyLinkByToken finds a link by its token's hash, in any org the
// scope allows.
func (s *Store) PolicyLinkByToken(ctx context.Context, scope tenancy.Scope, tokenHash string) (PolicyLink, error) {
	cond, args, err := scopeFilter(scope, "org_id")
	if err != nil {
		return PolicyLink{}, err
	}
	var l PolicyLink
	var used sql.NullTime
	err = s.queryRow(ctx, `SELECT id, org_id, person_id, version_id, token_hash, created_at, expires_at, used_at FROM policy_links
		WHERE token_hash = ? AND `+cond, append([]any{tokenHash}, args...)...).
		Scan(&l.ID, &l.OrgID, &l.PersonID, &l.VersionID, &l.TokenHash, &l.CreatedAt, &l.ExpiresAt, &used)
	l.ExpiresAt, l.CreatedAt = l.ExpiresAt.UTC(), l.CreatedAt.UTC()
	if used.Valid {
		l.UsedAt = used.Time.UTC()
	}
	return l, classify(err)
}

// UsePolicyLink marks a link used, saying whether this call did: a link
// already used is not used again.
func (s *Store) UsePolicyLink(ctx context.Context, scope tenancy.Scope, l PolicyLink) (bool, error) {
	if err := orgInScope(scope, l.OrgID); err != nil {
		return false, err
	}
	res, err := s.exec(ctx, `UPDATE policy_links SET used_at = ? WHERE id = ? AND org_id = ? AND used_at IS NULL`, s.Now(), l.ID, l.OrgID)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// PolicyChase is where one person stands with the mails for one version.
type PolicyChase struct {
	PersonID, VersionID int64
	Sent                int
	LastSent            time.Time
	Escalated           bool
}

// PolicyChases lists an org's reminder states.
func (s *Store) PolicyChases(ctx context.Context, scope tenancy.Scope, orgID int64) ([]PolicyChase, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT person_id, version_id, sent, last_sent_at, escalated FROM policy_reminders WHERE org_id = ?`, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PolicyChase
	for rows.Next() {
		var c PolicyChase
		var last sql.NullTime
		if err := rows.Scan(&c.PersonID, &c.VersionID, &c.Sent, &last, &c.Escalated); err != nil {
			return nil, err
		}
		if last.Valid {
			c.LastSent = last.Time.UTC()
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// SavePolicyChases writes reminder states of one org, new or changed.
func (s *Store) SavePolicyChases(ctx context.Context, scope tenancy.Scope, orgID int64, list []PolicyChase) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	rows := make([][]any, len(list))
	for i, c := range list {
		var last any
		if !c.LastSent.IsZero() {
			last = c.LastSent.UTC()
		}
		rows[i] = []any{orgID, c.PersonID, c.VersionID, c.Sent, last, c.Escalated}
	}
	return s.insertRows(ctx, `INSERT INTO policy_reminders (org_id, person_id, version_id, sent, last_sent_at, escalated)`,
		`ON CONFLICT (person_id, version_id) DO UPDATE SET sent = excluded.sent, last_sent_at = excluded.last_sent_at, escalated = excluded.escalated`, rows)
}

// PolicyAccepted is the least of an acceptance that status needs.
type PolicyAccepted struct {
	PersonID, VersionID int64
	At                  time.Time
}

// PolicyAcceptedAll lists who accepted which version when, for an org,
// in no order: the status read, kept narrow since an org has tens of
// thousands.
func (s *Store) PolicyAcceptedAll(ctx context.Context, scope tenancy.Scope, orgID int64) ([]PolicyAccepted, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT person_id, version_id, accepted_at FROM policy_acceptances WHERE org_id = ?`, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PolicyAccepted
	for rows.Next() {
		var a PolicyAccepted
		if err := rows.Scan(&a.PersonID, &a.VersionID, &a.At); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
