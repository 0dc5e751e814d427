package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// CalendarVersion is one saved version of an org's working calendar. The
// definition is kept as the calendar package's JSON.
type CalendarVersion struct {
	OrgID      int64           `json:"org_id"`
	Version    int             `json:"version"`
	Definition json.RawMessage `json:"definition"`
	CreatedAt  time.Time       `json:"created_at"`
	CreatedBy  string          `json:"created_by"`
}

// SaveCalendar stores a new version of an org's calendar; it is in force
// from now on, for measurements taken from now on.
func (s *Store) SaveCalendar(ctx context.Context, scope tenancy.Scope, orgID int64, definition json.RawMessage, by string) (CalendarVersion, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return CalendarVersion{}, err
	}
	v := CalendarVersion{OrgID: orgID, Definition: definition, CreatedAt: s.Now(), CreatedBy: by}
	err := s.InTx(ctx, func(ctx context.Context) error {
		if err := s.queryRow(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM calendars WHERE org_id = ?`, orgID).Scan(&v.Version); err != nil {
			return err
		}
		_, err := s.exec(ctx, `INSERT INTO calendars (org_id, version, definition, created_at, created_by) VALUES (?, ?, ?, ?, ?)`,
			orgID, v.Version, string(definition), v.CreatedAt, by)
		return classify(err)
	})
	return v, err
}

// Calendar is the org's calendar in force; ErrNotFound when it has none of
// its own and the default applies.
func (s *Store) Calendar(ctx context.Context, scope tenancy.Scope, orgID int64) (CalendarVersion, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return CalendarVersion{}, err
	}
	var v CalendarVersion
	var def string
	err := s.queryRow(ctx, `SELECT org_id, version, definition, created_at, created_by FROM calendars
		WHERE org_id = ? ORDER BY version DESC LIMIT 1`, orgID).Scan(&v.OrgID, &v.Version, &def, &v.CreatedAt, &v.CreatedBy)
	v.Definition = json.RawMessage(def)
	v.CreatedAt = v.CreatedAt.UTC()
	return v, classify(err)
}
