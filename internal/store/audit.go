package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Audit appends an entry to the hash-chained log: in the caller's
// transaction when there is one, so a change and its record land together.
func (s *Store) Audit(ctx context.Context, e audit.Entry) (audit.Entry, error) {
	var out audit.Entry
	err := s.InTx(ctx, func(ctx context.Context) error {
		var err error
		out, err = s.appendAudit(ctx, e)
		return err
	})
	return out, err
}

func (s *Store) appendAudit(ctx context.Context, e audit.Entry) (audit.Entry, error) {
	if s.dialect == Postgres {
		// Entries must be chained one after another; the lock queues writers
		// from every replica until this transaction ends.
		if _, err := s.exec(ctx, `SELECT pg_advisory_xact_lock(7715002)`); err != nil {
			return e, err
		}
	}
	var headSeq int64
	var headHash string
	err := s.queryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&headSeq, &headHash)
	if err != nil && err != sql.ErrNoRows {
		return e, fmt.Errorf("audit: read head: %w", err)
	}
	if e.At.IsZero() {
		e.At = s.Now()
	}
	e.At = e.At.UTC().Truncate(time.Microsecond)
	if err := checkEncoded("detail", e.Detail); err != nil {
		return e, err
	}
	e = audit.Seal(e, headSeq, headHash)
	if _, err := s.exec(ctx, `INSERT INTO audit_log (seq, at, actor, org_id, action, target, detail, ip, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, e.At, e.Actor, nullID(e.OrgID), e.Action, e.Target, e.DetailJSON(), e.IP, e.PrevHash, e.Hash); err != nil {
		return e, fmt.Errorf("audit: append: %w", err)
	}
	if headSeq == 0 {
		_, err = s.exec(ctx, `INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)`, e.Seq, e.Hash)
	} else {
		_, err = s.exec(ctx, `UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`, e.Seq, e.Hash)
	}
	if err != nil {
		return e, fmt.Errorf("audit: move head: %w", err)
	}
	return e, nil
}

const auditColumns = `seq, at, actor, org_id, action, target, detail, ip, prev_hash, hash`

func scanAudit(sc interface{ Scan(...any) error }) (audit.Entry, error) {
	var e audit.Entry
	var org sql.NullInt64
	var detail string
	if err := sc.Scan(&e.Seq, &e.At, &e.Actor, &org, &e.Action, &e.Target, &detail, &e.IP, &e.PrevHash, &e.Hash); err != nil {
		return e, err
	}
	e.At = e.At.UTC()
	e.OrgID = org.Int64
	d, err := audit.ParseDetail(detail)
	if err != nil {
		// A detail column that is not JSON was edited by hand; keep the raw
		// text so the hash check reports it rather than failing to read.
		d = map[string]string{"unreadable": detail}
	}
	e.Detail = d
	return e, nil
}

// AuditQuery selects audit entries for a page or export. Every field left
// zero filters nothing.
type AuditQuery struct {
	BeforeSeq int64 // 0: from the newest
	Limit     int   // default 100, at most 1000; an export ignores it
	Action    string
	Actor     string    // the raw actor, "user:ann@example.org"
	OrgID     int64     // one org of the scope
	From, To  time.Time // at >= From and at < To
	Text      string    // found in the target or the detail, as typed
}

// auditWhere is the condition on audit_log for a scope and a query.
func auditWhere(scope tenancy.Scope, q AuditQuery) (string, []any, error) {
	where, args, err := scopeFilter(scope, "org_id")
	if err != nil {
		return "", nil, err
	}
	add := func(cond string, vals ...any) {
		where += " AND " + cond
		args = append(args, vals...)
	}
	if q.BeforeSeq > 0 {
		add("seq < ?", q.BeforeSeq)
	}
	if q.Action != "" {
		add("action = ?", q.Action)
	}
	if q.Actor != "" {
		add("actor = ?", q.Actor)
	}
	if q.OrgID != 0 {
		add("org_id = ?", q.OrgID)
	}
	if !q.From.IsZero() {
		add("at >= ?", q.From.UTC())
	}
	if !q.To.IsZero() {
		add("at < ?", q.To.UTC())
	}
	if q.Text != "" {
		like := containing(strings.ToLower(q.Text))
		add("(LOWER(target) LIKE ?"+likeEscape+" OR LOWER(detail) LIKE ?"+likeEscape+")", like, like)
	}
	return where, args, nil
}

// AuditEntries lists entries about the orgs in scope, newest first. Entries
// with no org (sign-in failures for unknown emails, CLI actions on the whole
// system) are shown only to a scope of every org.
func (s *Store) AuditEntries(ctx context.Context, scope tenancy.Scope, q AuditQuery) ([]audit.Entry, error) {
	if q.Limit <= 0 || q.Limit > 1000 {
		q.Limit = 100
	}
	var out []audit.Entry
	err := s.eachAudit(ctx, scope, q, " LIMIT ?", []any{q.Limit}, func(e audit.Entry) error {
		out = append(out, e)
		return nil
	})
	return out, err
}

// EachAuditEntry calls fn for every entry AuditEntries would list, over
// every page, reading them as it goes so an export is never held whole.
func (s *Store) EachAuditEntry(ctx context.Context, scope tenancy.Scope, q AuditQuery, fn func(audit.Entry) error) error {
	return s.eachAudit(ctx, scope, q, "", nil, fn)
}

func (s *Store) eachAudit(ctx context.Context, scope tenancy.Scope, q AuditQuery, tail string, tailArgs []any, fn func(audit.Entry) error) error {
	where, args, err := auditWhere(scope, q)
	if err != nil {
		return err
	}
	rows, err := s.query(ctx, `SELECT `+auditColumns+` FROM audit_log WHERE `+where+` ORDER BY seq DESC`+tail, append(args, tailArgs...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return err
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}

// VerifyAudit walks the whole chain in order and reports the first break,
// or nil with the number of entries checked.
func (s *Store) VerifyAudit(ctx context.Context) (int64, *audit.Break, error) {
	var v audit.Verifier
	rows, err := s.query(ctx, `SELECT `+auditColumns+` FROM audit_log ORDER BY seq`)
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return v.Count(), nil, err
		}
		if b := v.Next(e); b != nil {
			return v.Count(), b, nil
		}
	}
	if err := rows.Err(); err != nil {
		return v.Count(), nil, err
	}
	var headSeq int64
	var headHash string
	err = s.queryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&headSeq, &headHash)
	if err != nil && err != sql.ErrNoRows {
		return v.Count(), nil, err
	}
	return v.Count(), v.Finish(headSeq, headHash), nil
}
