package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

const findingColumns = `f.id, f.org_id, f.control, f.subject_kind, f.subject_key, f.subject_name, f.severity, f.evidence,
	f.state, f.first_seen, f.last_seen, f.resolved_at, f.accepted_reason, f.accepted_owner, f.accepted_by,
	f.accepted_at, f.accepted_until, f.due_at, f.ticket_id, COALESCE(t.ref, '')`

const findingFrom = ` FROM findings f LEFT JOIN tickets t ON t.id = f.ticket_id `

func scanFinding(sc interface{ Scan(...any) error }) (finding.Finding, error) {
	var f finding.Finding
	var evidence []byte
	var kind, state string
	var resolved, acceptedAt, until, due sql.NullTime
	var ticket sql.NullInt64
	var reason, owner, by string
	err := sc.Scan(&f.ID, &f.OrgID, &f.Control, &kind, &f.Subject.Key, &f.Subject.Name, &f.Severity, &evidence,
		&state, &f.FirstSeen, &f.LastSeen, &resolved, &reason, &owner, &by, &acceptedAt, &until, &due, &ticket, &f.TicketRef)
	if err != nil {
		return f, err
	}
	f.Subject.Kind, f.State = finding.SubjectKind(kind), finding.State(state)
	f.ResolvedAt, f.DueAt, f.TicketID = nullTime(resolved), nullTime(due), ticket.Int64
	f.FirstSeen, f.LastSeen = f.FirstSeen.UTC(), f.LastSeen.UTC()
	if reason != "" || owner != "" {
		f.Acceptance = &finding.Acceptance{Reason: reason, Owner: owner, By: by, At: nullTime(acceptedAt), Expires: nullTime(until)}
	}
	if err := json.Unmarshal(evidence, &f.Evidence); err != nil {
		return f, err
	}
	return f, nil
}

// OrgFindings reads every finding an org holds on the given kinds of
// subject, in any state, for a run to reconcile against. Callers check
// rights first.
func (s *Store) OrgFindings(ctx context.Context, scope tenancy.Scope, orgID int64, kinds ...finding.SubjectKind) ([]finding.Finding, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	args := []any{orgID}
	q := `SELECT ` + findingColumns + findingFrom + `WHERE f.org_id = ?`
	if len(kinds) > 0 {
		q += ` AND f.subject_kind IN (` + strings.TrimSuffix(strings.Repeat("?,", len(kinds)), ",") + `)`
		for _, k := range kinds {
			args = append(args, string(k))
		}
	}
	return s.findings(ctx, q, args...)
}

func (s *Store) findings(ctx context.Context, q string, args ...any) ([]finding.Finding, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []finding.Finding
	for rows.Next() {
		f, err := scanFinding(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// FindingFilter narrows a list of findings.
type FindingFilter struct {
	OrgID    int64 // 0 for every org in scope
	State    finding.State
	Control  string
	Severity string
	Kind     finding.SubjectKind
	Subject  string // subject key
	// Since, when set, keeps the findings first seen at or after it.
	Since time.Time
	Limit int // 0 for all
	// After, when set, starts the page at a cursor FindingCursor gave out.
	After *keyset.Cursor
}

// findingRank is the severity's place in the findings order, worst first.
const findingRank = `CASE f.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END`

// FindingCursor is the place of a finding in the findings order.
func FindingCursor(f finding.Finding) keyset.Cursor {
	rank, ok := map[string]int64{"critical": 0, "high": 1, "medium": 2}[f.Severity]
	if !ok {
		rank = 3
	}
	return keyset.Cursor{Rank: rank, Time: f.FirstSeen.UTC(), ID: f.ID}
}

// Findings lists findings within the scope, worst and oldest first.
func (s *Store) Findings(ctx context.Context, scope tenancy.Scope, f FindingFilter) ([]finding.Finding, int, error) {
	cond, args, err := scopeFilter(scope, "f.org_id")
	if err != nil {
		return nil, 0, err
	}
	where := ` WHERE ` + cond
	for _, c := range []struct {
		col string
		val any
		set bool
	}{
		{"f.org_id", f.OrgID, f.OrgID != 0}, {"f.state", string(f.State), f.State != ""},
		{"f.control", f.Control, f.Control != ""}, {"f.severity", f.Severity, f.Severity != ""},
		{"f.subject_kind", string(f.Kind), f.Kind != ""}, {"f.subject_key", f.Subject, f.Subject != ""},
	} {
		if c.set {
			where += ` AND ` + c.col + ` = ?`
			args = append(args, c.val)
		}
	}
	if !f.Since.IsZero() {
		where += ` AND f.first_seen >= ?`
		args = append(args, f.Since.UTC())
	}
	var total int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM findings f`+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	var from []any
	if f.After != nil {
		from = []any{f.After.Rank, f.After.Time, f.After.ID}
	}
	seek, from, order := keysetOrder([]string{findingRank, "f.first_seen", "f.id"}, false, f.After, from...)
	if seek != "" {
		where += ` AND ` + seek
		args = append(args, from...)
	}
	q := `SELECT ` + findingColumns + findingFrom + where + ` ORDER BY ` + order
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	list, err := s.findings(ctx, q, args...)
	return backwards(f.After, list), total, err
}

// Finding reads one finding within the scope.
func (s *Store) Finding(ctx context.Context, scope tenancy.Scope, id int64) (finding.Finding, error) {
	cond, args, err := scopeFilter(scope, "f.org_id")
	if err != nil {
		return finding.Finding{}, err
	}
	f, err := scanFinding(s.queryRow(ctx, `SELECT `+findingColumns+findingFrom+`WHERE f.id = ? AND `+cond,
		append([]any{id}, args...)...))
	return f, classify(err)
}

// FindingEvents reads a finding's history, oldest first, within the scope.
func (s *Store) FindingEvents(ctx context.Context, scope tenancy.Scope, id int64) ([]finding.Event, error) {
	cond, args, err := scopeFilter(scope, "f.org_id")
	if err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT e.at, e.kind, e.actor, e.note FROM finding_events e
		JOIN findings f ON f.id = e.finding_id WHERE e.finding_id = ? AND `+cond+` ORDER BY e.id`,
		append([]any{id}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []finding.Event
	for rows.Next() {
		var e finding.Event
		var kind string
		if err := rows.Scan(&e.At, &kind, &e.Actor, &e.Note); err != nil {
			return nil, err
		}
		e.Kind, e.At = finding.EventKind(kind), e.At.UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}
