package majorsvc

import (
	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/store"
)

type storeMaintenanceFilter = store.MaintenanceFilter

// Cursor marks a place in a list.
type Cursor = keyset.Cursor
