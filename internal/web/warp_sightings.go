package web

import (
	"net/http"

	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/service/warpsvc"
)

// sightingsPerPage is how many sightings a page of the list shows.
const sightingsPerPage = 100

type warpSightingsData struct {
	Links   []deskLink
	Own     bool
	Rows    []sightingRow
	Since   string // the since= filter, as given
	Count   string // how many of its own sightings the org's list holds
	PrevURL string
	NextURL string
}

// warpSightings lists the sightings the user may see: their own org's,
// and those other members shared of indicators the user may see (an
// anonymous one as "a member").
func (s *Server) warpSightings(w http.ResponseWriter, r *http.Request, rs *requestState) {
	q := r.URL.Query()
	data := warpSightingsData{Links: warpLinks(r), Own: q.Get("own") != ""}
	since, bad := httpin.SightingsSince(q, london)
	if bad != nil {
		s.render(w, r, rs, http.StatusBadRequest, "warp_sightings", page{Errors: []fieldError{{"since", "Enter the first day as a date, like 2026-11-30"}}, Data: data})
		return
	}
	if !since.IsZero() {
		data.Since = since.Format("2006-01-02")
	}
	cur := pageCursor(q)
	query := warpsvc.SightingQuery{OwnOnly: data.Own, Since: since, Limit: sightingsPerPage + 1, After: cur}
	list, err := s.warp.Sightings(r.Context(), rs.principal, query)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	if data.Own { // the org's own are all shown, so their count is the list's
		n, err := s.warp.CountOwnSightings(r.Context(), rs.principal, query)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		data.Count = thousands(n) + " sightings"
		if n == 1 {
			data.Count = "1 sighting"
		}
	}
	rows, prev, next := keyedPage(list, sightingsPerPage, cur, warpsvc.SightingCursor, sightingRowOf)
	data.Rows = rows
	data.PrevURL, data.NextURL = cursorLinks("/warp/sightings", q, prev, next)
	s.render(w, r, rs, http.StatusOK, "warp_sightings", page{Data: data})
}
