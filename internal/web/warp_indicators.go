package web

import (
	"net/http"

	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/service/warpsvc"
)

// indicatorsPerPage is how many indicators a page of the list shows.
const indicatorsPerPage = 100

type warpIndicatorsData struct {
	Links    []deskLink
	Filter   map[string]string
	Types    []choice
	Markings []choice
	Rows     []indicatorRow
	PrevURL  string
	NextURL  string
}

// warpIndicators lists the indicators the user may see, from advisories
// and feeds alike, defanged, with a search over values and names.
func (s *Server) warpIndicators(w http.ResponseWriter, r *http.Request, rs *requestState) {
	q := r.URL.Query()
	data := warpIndicatorsData{Links: warpLinks(r), Filter: filterOf(q, "type", "tlp", "q"), Types: indicatorTypeChoices(),
		Markings: markingChoices(true)}
	cur := pageCursor(q)
	f := data.Filter
	list, err := s.warp.Indicators(r.Context(), rs.principal, warpsvc.IndicatorQuery{Type: f["type"], TLP: f["tlp"], Query: f["q"],
		Limit: indicatorsPerPage + 1, After: cur})
	if err != nil {
		if bad := s.refusedForm(w, r, err); bad != nil {
			s.render(w, r, rs, http.StatusBadRequest, "warp_indicators", page{Errors: formErrors(err, ""), Data: data})
		}
		return
	}
	var prev, next *keyset.Cursor
	data.Rows, prev, next = keyedPage(list, indicatorsPerPage, cur, warpsvc.IndicatorCursor, indicatorRowOf)
	data.PrevURL, data.NextURL = cursorLinks("/warp/indicators", q, prev, next)
	s.render(w, r, rs, http.StatusOK, "warp_indicators", page{Data: data})
}
