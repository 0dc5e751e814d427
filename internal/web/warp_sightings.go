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
	Page    int
	PrevURL string
	NextURL string
}

// warpSightings lists the sightings the user may see: their own org's,
// and those other members shared of indicators the user may see (an
// anonymous one as "a member").
func (s *Server) warpSightings(w http.ResponseWriter, r *http.Request, rs *requestState) {
	q := r.URL.Query()
	data := warpSightingsData{Links: warpLinks(r), Own: q.Get("own") != "", Page: pageNumber(q)}
	list, err := s.warp.Sightings(r.Context(), rs.principal, warpsvc.SightingQuery{OwnOnly: data.Own,
		Limit: sightingsPerPage + 1, Offset: (data.Page - 1) * sightingsPerPage})
	if err != nil {
		s.refused(w, r, err)
		return
	}
	var more bool
	data.Rows, more = pageOf(list, sightingsPerPage, sightingRowOf)
	data.PrevURL, data.NextURL = pageLinks("/warp/sightings", q, data.Page, more)
	s.render(w, r, rs, http.StatusOK, "warp_sightings", page{Data: data})
}
