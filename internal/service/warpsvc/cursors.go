package warpsvc

import (
	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/store"
)

// The places of WARP items in their lists (newest first), for the next and
// previous page links.

// AdvisoryCursor is where an advisory stands in the advisories list.
func AdvisoryCursor(a AdvisoryView) keyset.Cursor { return store.AdvisoryCursor(a.Advisory) }

// IndicatorCursor is where an indicator stands in the indicators list.
func IndicatorCursor(in IndicatorView) keyset.Cursor {
	return store.IndicatorCursor(in.SharedIndicator)
}

// SightingCursor is where a sighting stands in the sightings list.
func SightingCursor(g SightingView) keyset.Cursor { return store.SightingCursor(g.Sighting) }
