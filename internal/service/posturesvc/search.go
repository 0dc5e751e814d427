package posturesvc

import (
	"context"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// DevicesByKey finds the orgs' devices whose serial, name or primary user is
// or starts with what was typed, in any case, at most limit for each key:
// the search box's indexed reading.
func (s *Service) DevicesByKey(ctx context.Context, p tenancy.Principal, orgIDs []int64, typed string, limit int) ([]store.StoredDevice, error) {
	for _, id := range orgIDs {
		if err := require(p, tenancy.ViewPosture, id); err != nil {
			return nil, err
		}
	}
	return s.Store.DevicesByKey(ctx, p.Scope, orgIDs, typed, limit)
}

// DevicesContaining finds, among each org's window most recently added
// devices, those whose serial, name or primary user contain term.
func (s *Service) DevicesContaining(ctx context.Context, p tenancy.Principal, orgIDs []int64, term string, window, limit int) ([]store.StoredDevice, error) {
	for _, id := range orgIDs {
		if err := require(p, tenancy.ViewPosture, id); err != nil {
			return nil, err
		}
	}
	return s.Store.DevicesContaining(ctx, p.Scope, orgIDs, term, window, limit)
}
