package warpsvc

import "github.com/ward-shared-service/ward/internal/store"

// Where a TAXII page ends, named here so that adapters speak the service's
// vocabulary and never import the store.
type (
	CollectionCursor = store.CollectionCursor
	EntryKind        = store.EntryKind
)
