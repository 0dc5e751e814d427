package store

import (
	"context"
	"database/sql"

	"github.com/ward-shared-service/ward/internal/audit"
)

// VerifyAuditTail checks the last n entries of the chain and the recorded
// head, as VerifyAudit checks the whole: the number checked, and the first
// break found or nil. It reads n rows by the primary key, whatever the
// log's length.
func (s *Store) VerifyAuditTail(ctx context.Context, n int64) (int64, *audit.Break, error) {
	var headSeq int64
	var headHash string
	err := s.queryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&headSeq, &headHash)
	if err != nil && err != sql.ErrNoRows {
		return 0, nil, err
	}
	from := max(headSeq-n+1, 1)
	rows, err := s.query(ctx, `SELECT `+auditColumns+` FROM audit_log WHERE seq >= ? ORDER BY seq`, from)
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	var v audit.Verifier
	first := from > 1 // the chain before it is taken as checked
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return v.Count(), nil, err
		}
		var b *audit.Break
		if first {
			if e.Seq != from {
				return 0, &audit.Break{Seq: from, Reason: "the entry is missing"}, nil
			}
			v, b = audit.VerifierFrom(e)
			first = false
		} else {
			b = v.Next(e)
		}
		if b != nil {
			return v.Count(), b, nil
		}
	}
	if err := rows.Err(); err != nil {
		return v.Count(), nil, err
	}
	return v.Count(), v.Finish(headSeq, headHash), nil
}
