package store

import (
	"context"
	"fmt"

	"github.com/ward-shared-service/ward/internal/posture"
)

// fillDeviceColumns copies kind, operating system and primary user out of
// each held device's record into the columns migration 019 added, a
// thousand devices at a time, so the inventory can filter devices imported
// before the columns existed.
func fillDeviceColumns(ctx context.Context, s *Store) error {
	type fill struct {
		id                  int64
		kind, os, principal string
	}
	var after int64
	for {
		rows, err := s.query(ctx, `SELECT id, data FROM devices WHERE id > ? ORDER BY id LIMIT 1000`, after)
		if err != nil {
			return err
		}
		var batch []fill
		for rows.Next() {
			var id int64
			var data []byte
			if err := rows.Scan(&id, &data); err != nil {
				rows.Close()
				return err
			}
			var d posture.Device
			if err := decodeDevice(data, &d); err != nil {
				rows.Close()
				return fmt.Errorf("device %d: %w", id, err)
			}
			batch = append(batch, fill{id, string(d.Type), string(d.OS), d.PrimaryUser})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(batch) == 0 {
			return nil
		}
		for _, f := range batch {
			if _, err := s.exec(ctx, `UPDATE devices SET kind = ?, os = ?, primary_user = ? WHERE id = ?`, f.kind, f.os, f.principal, f.id); err != nil {
				return err
			}
		}
		after = batch[len(batch)-1].id
	}
}
