package posturesvc

import "github.com/ward-shared-service/ward/internal/store"

// FindingFilter narrows a findings list; named here so that adapters speak
// the service's vocabulary and never import the store.
type FindingFilter = store.FindingFilter
