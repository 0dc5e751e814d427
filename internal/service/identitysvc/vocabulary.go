package identitysvc

import "github.com/ward-shared-service/ward/internal/store"

// The identity records the service's views return, named here so that
// adapters speak the service's vocabulary and never import the store.
type (
	IdentitySnapshot = store.IdentitySnapshot
	IdentityDay      = store.IdentityDay
	TierZeroAddition = store.TierZeroAddition
)
