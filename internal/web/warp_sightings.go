package web

import (
	"net/http"

	"github.com/ward-shared-service/ward/internal/service/warpsvc"
)

// sightingsPerPage is how many sightings a page of the list shows.
const sightingsPerPage = 100

type warpSightingsData struct {
	Links   []deskLink
	Own     bool
	Rows    []sightingRow
	PrevURL string
	NextURL string
}

// warpSightings lists the sightings the user may see: their own org's,
// and those other members shared of indicators the user may see (an
// anonymous one as "a member").
func (s *Server) warpSightings(w http.ResponseWriter, r *http.Request, rs *requestState) {
	q := r.URL.Query()
	data := warpSightingsData{Links: warpLinks(r), Own: q.Get("own") != ""}
	cur := pageCursor(q)
	list, err := s.warp.Sightings(r.Context(), rs.principal, warpsvc.SightingQuery{OwnOnly: data.Own,
		Limit: sightingsPerPage + 1, After: cur})
	if err != nil {
		s.refused(w, r, err)
		return
	}
	rows, prev, next := keyedPage(list, sightingsPerPage, cur, warpsvc.SightingCursor, sightingRowOf)
	data.Rows = rows
	data.PrevURL, data.NextURL = cursorLinks("/warp/sightings", q, prev, next)
	s.render(w, r, rs, http.StatusOK, "warp_sightings", page{Data: data})
}
