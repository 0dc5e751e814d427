package api

import (
	"net/http"
	"strconv"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// warpIndicators lists the indicators the token may see: ?type=, ?tlp=,
// ?community=, ?advisory= (an id), ?q= (part of a value or name), ?limit=
// and ?cursor= (the answer's "next"). Values are as shared, not defanged: this is for machines.
func (a *API) warpIndicators(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	q := r.URL.Query()
	limit, cur, err := limitCursor(q, 1000)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	var advisory int64
	if v := q.Get("advisory"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			a.fail(w, r, fault.Invalid("advisory", "advisory must be an advisory's id"))
			return
		}
		advisory = n
	}
	list, err := a.warp.Indicators(r.Context(), p, warpsvc.IndicatorQuery{Community: q.Get("community"), Type: q.Get("type"),
		TLP: q.Get("tlp"), Query: q.Get("q"), AdvisoryID: advisory, Limit: limit + 1, After: cur})
	a.reply(w, r, http.StatusOK, paged(map[string]any{}, "indicators", list, limit, cur, warpsvc.IndicatorCursor), err)
}

// warpCheckIndicators says, before publishing, which indicators the
// community's warning lists flag: {"community": "…", "indicators":
// [{"value": "…"}, …]}. An empty "flagged" list means none.
func (a *API) warpCheckIndicators(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	var body struct {
		Community  string                 `json:"community"`
		Indicators []warpsvc.NewIndicator `json:"indicators"`
	}
	if !decode(w, r, &body) {
		return
	}
	flagged, err := a.warp.CheckIndicators(r.Context(), p, body.Community, body.Indicators)
	a.reply(w, r, http.StatusOK, map[string]any{"flagged": nonNil(flagged)}, err)
}

// warpSightings lists the sightings the token may see: its org's own and
// those other members shared. ?own=true for the org's own only,
// ?indicator= for one indicator's; ?limit= and ?cursor= page it.
func (a *API) warpSightings(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	q := r.URL.Query()
	limit, cur, err := limitCursor(q, 1000)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	sq := warpsvc.SightingQuery{OwnOnly: q.Get("own") == "true" || q.Get("own") == "1", Limit: limit + 1, After: cur}
	if v := q.Get("indicator"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			a.fail(w, r, fault.Invalid("indicator", "indicator must be an indicator's id"))
			return
		}
		sq.IndicatorID = n
	}
	list, err := a.warp.Sightings(r.Context(), p, sq)
	a.reply(w, r, http.StatusOK, paged(map[string]any{}, "sightings", list, limit, cur, warpsvc.SightingCursor), err)
}
