package store

import (
	"context"
	"time"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// TAXIIStatus is what became of an envelope of objects a member posted to
// a TAXII collection. Details is the JSON of the per-object outcomes, which
// only the TAXII server reads.
type TAXIIStatus struct {
	ID           string
	OrgID        int64
	CollectionID string
	Status       string // "pending" or "complete"
	Total        int
	Successes    int
	Failures     int
	Pendings     int
	Details      string
	RequestedAt  time.Time
}

// CreateTAXIIStatus records a status.
func (s *Store) CreateTAXIIStatus(ctx context.Context, scope tenancy.Scope, st *TAXIIStatus) error {
	if err := orgInScope(scope, st.OrgID); err != nil {
		return err
	}
	if st.RequestedAt.IsZero() {
		st.RequestedAt = s.Now()
	}
	_, err := s.exec(ctx, `INSERT INTO taxii_statuses (id, org_id, collection_id, status, total_count, success_count, failure_count,
		pending_count, details, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, st.ID, st.OrgID, st.CollectionID, st.Status,
		st.Total, st.Successes, st.Failures, st.Pendings, st.Details, st.RequestedAt.UTC())
	return classify(err)
}

// TAXIIStatusOf reads a status the org posted; ErrNotFound for another
// org's, exactly as for one that does not exist.
func (s *Store) TAXIIStatusOf(ctx context.Context, scope tenancy.Scope, orgID int64, id string) (TAXIIStatus, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return TAXIIStatus{}, err
	}
	var st TAXIIStatus
	err := s.queryRow(ctx, `SELECT id, org_id, collection_id, status, total_count, success_count, failure_count, pending_count, details, requested_at
		FROM taxii_statuses WHERE id = ? AND org_id = ?`, id, orgID).Scan(&st.ID, &st.OrgID, &st.CollectionID, &st.Status,
		&st.Total, &st.Successes, &st.Failures, &st.Pendings, &st.Details, &st.RequestedAt)
	st.RequestedAt = st.RequestedAt.UTC()
	return st, classify(err)
}
