package store

import (
	"context"
	"database/sql"
	"time"
)

// OutboxStats is how the mail outbox stands: the mail not yet sent, how
// many of those failed at least once, and when the oldest was queued (zero
// when none waits).
type OutboxStats struct {
	Queued, Failed int
	Oldest         time.Time
}

// OutboxStats reads the outbox's unsent mail, from migration 023's partial
// index, so its cost is the mail waiting, not every mail ever sent.
func (s *Store) OutboxStats(ctx context.Context) (OutboxStats, error) {
	var o OutboxStats
	err := s.queryRow(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN last_error <> '' THEN 1 ELSE 0 END), 0)
		FROM mail_outbox WHERE sent_at IS NULL`).Scan(&o.Queued, &o.Failed)
	if err != nil || o.Queued == 0 {
		return o, err
	}
	err = s.queryRow(ctx, `SELECT created_at FROM mail_outbox WHERE sent_at IS NULL ORDER BY created_at LIMIT 1`).Scan(&o.Oldest)
	if err == sql.ErrNoRows { // sent between the two reads
		err = nil
	}
	o.Oldest = o.Oldest.UTC()
	return o, err
}
