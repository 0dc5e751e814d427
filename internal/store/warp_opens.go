package store

import (
	"context"

	"github.com/ward-shared-service/ward/internal/warp"
)

// RecordOpen notes that the viewer's user opened an advisory, so it no
// longer counts as unread for them. Unlike an acknowledgement it tells
// the author nothing: opening a page is not saying one has read it.
func (s *Store) RecordOpen(ctx context.Context, v warp.Viewer, advisoryID int64) error {
	if v.UserID == 0 {
		return nil // a token reads for no person
	}
	if _, err := s.Advisory(ctx, v, advisoryID); err != nil {
		return err
	}
	_, err := s.exec(ctx, `INSERT INTO warp_opens (advisory_id, user_id, opened_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
		advisoryID, v.UserID, s.Now())
	return err
}

// unread adds the condition of an advisory the viewer has neither marked
// read nor opened.
func unread(v warp.Viewer, where []string, args []any) ([]string, []any) {
	return append(where, `NOT EXISTS (SELECT 1 FROM warp_acks k WHERE k.advisory_id = a.id AND k.user_id = ?)`,
			`NOT EXISTS (SELECT 1 FROM warp_opens r WHERE r.advisory_id = a.id AND r.user_id = ?)`),
		append(args, v.UserID, v.UserID)
}
