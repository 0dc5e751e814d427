package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/ward-shared-service/ward/internal/report"
)

// callFiguresGrouped has PostgreSQL add up a period's call keys in one pass
// over the calls_figures index, in two groupings: by slot (an hour, or a
// quarter-hour in a zone with such offsets), flags and the 20 s and 60 s
// marks, for the counts; and by flags and queue seconds, for the 90th
// percentile. Some tens of thousands of rows come back for a year rather
// than a row a call.
func (s *Store) callFiguresGrouped(ctx context.Context, orgID int64, from, to time.Time, tally *report.TelephonyTally) error {
	slot := report.SlotSeconds(tally.Location(), from, to)
	rows, err := s.query(ctx, `SELECT GROUPING(slot), slot, flags, w20, w60, qs, COUNT(*), SUM(qs) FROM (
			SELECT (figure_key >> ?) / ? AS slot, (figure_key >> ?) & ? AS flags, figure_key & ? AS qs,
				CASE WHEN (figure_key & ?) <= 20 THEN 1 ELSE 0 END AS w20,
				CASE WHEN (figure_key & ?) <= 60 THEN 1 ELSE 0 END AS w60
			FROM calls WHERE org_id = ? AND figure_key >= ? AND figure_key < ?) AS c
		GROUP BY GROUPING SETS ((slot, flags, w20, w60), (flags, qs))`,
		report.KeyShift, slot, report.FlagShift, report.KeyFlags, report.QueueMask, report.QueueMask, report.QueueMask,
		orgID, report.KeyAt(from), report.KeyAt(to))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var grouping int
		var slotN, w20, w60, qs sql.NullInt64
		var flags, n, sum int64
		if err := rows.Scan(&grouping, &slotN, &flags, &w20, &w60, &qs, &n, &sum); err != nil {
			return err
		}
		key := flags << report.FlagShift
		if grouping == 0 {
			tally.AddSlot(slotN.Int64*slot, key, w20.Int64 == 1, w60.Int64 == 1, int(n), sum)
		} else {
			tally.AddWaits(key, qs.Int64, int(n))
		}
	}
	return rows.Err()
}
