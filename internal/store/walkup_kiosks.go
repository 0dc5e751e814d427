package store

import (
	"context"
	"errors"
	"time"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Kiosk is a link a site's tablet or screen opens: which site, for which
// purpose ("checkin" or "screen"), and when its token was made. The token
// itself is never kept, only its hash.
type Kiosk struct {
	OrgID     int64     `json:"org_id"`
	SiteID    int64     `json:"site_id"`
	Purpose   string    `json:"purpose"`
	CreatedAt time.Time `json:"created_at"`
}

// SetKioskToken replaces the token hash of a site's kiosk link for one
// purpose; the old link stops working in the same statement's transaction.
func (s *Store) SetKioskToken(ctx context.Context, scope tenancy.Scope, orgID, siteID int64, purpose, tokenHash string) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	if tokenHash == "" || purpose == "" {
		return errors.New("kiosk token without a hash or purpose")
	}
	return s.InTx(ctx, func(ctx context.Context) error {
		if _, err := s.SiteInOrg(ctx, scope, orgID, siteID); err != nil {
			return err
		}
		if _, err := s.exec(ctx, `DELETE FROM walkup_kiosks WHERE org_id = ? AND site_id = ? AND purpose = ?`, orgID, siteID, purpose); err != nil {
			return err
		}
		_, err := s.exec(ctx, `INSERT INTO walkup_kiosks (org_id, site_id, purpose, token_hash, created_at) VALUES (?, ?, ?, ?, ?)`,
			orgID, siteID, purpose, tokenHash, s.Now())
		return classify(err)
	})
}

// Kiosks lists the kiosk links an org's sites have, by site and purpose.
func (s *Store) Kiosks(ctx context.Context, scope tenancy.Scope, orgID int64) ([]Kiosk, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT site_id, purpose, created_at FROM walkup_kiosks WHERE org_id = ? ORDER BY site_id, purpose`, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Kiosk
	for rows.Next() {
		k := Kiosk{OrgID: orgID}
		if err := rows.Scan(&k.SiteID, &k.Purpose, &k.CreatedAt); err != nil {
			return nil, err
		}
		k.CreatedAt = k.CreatedAt.UTC()
		out = append(out, k)
	}
	return out, rows.Err()
}

// KioskByToken finds the kiosk link whose token hashes to tokenHash, among
// the orgs in scope: the one question a tablet that has not signed in asks.
func (s *Store) KioskByToken(ctx context.Context, scope tenancy.Scope, tokenHash string) (Kiosk, error) {
	cond, args, err := scopeFilter(scope, "org_id")
	if err != nil {
		return Kiosk{}, err
	}
	var k Kiosk
	err = s.queryRow(ctx, `SELECT org_id, site_id, purpose, created_at FROM walkup_kiosks WHERE token_hash = ? AND `+cond,
		append([]any{tokenHash}, args...)...).Scan(&k.OrgID, &k.SiteID, &k.Purpose, &k.CreatedAt)
	k.CreatedAt = k.CreatedAt.UTC()
	return k, classify(err)
}
