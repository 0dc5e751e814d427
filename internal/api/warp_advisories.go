package api

import (
	"net/http"
	"strconv"

	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// warpAdvisories lists the advisories the token may see, newest first:
// ?community=, ?tlp=, ?severity=, ?q= (words), ?limit= and ?cursor= (the
// answer's "next").
func (a *API) warpAdvisories(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	q := r.URL.Query()
	limit, cur, err := limitCursor(q, 500)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	list, err := a.warp.Advisories(r.Context(), p, warpsvc.AdvisoryQuery{Community: q.Get("community"), TLP: q.Get("tlp"),
		Severity: q.Get("severity"), Query: q.Get("q"), Limit: limit + 1, After: cur})
	a.reply(w, r, http.StatusOK, paged(map[string]any{}, "advisories", list, limit, cur, warpsvc.AdvisoryCursor), err)
}

// warpAdvisory is one advisory with its follow-ups, indicators and
// sightings; its author's org also reads who has acknowledged it.
func (a *API) warpAdvisory(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	d, ok := a.advisoryIn(w, r, p)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, detailDoc(d))
}

func detailDoc(d warpsvc.AdvisoryDetail) warpsvc.AdvisoryDetail {
	d.FollowUps, d.IndicatorsOf, d.Sightings = nonNil(d.FollowUps), nonNil(d.IndicatorsOf), nonNil(d.Sightings)
	return d
}

// warpPublish publishes an advisory as the token's org: the body is
// warpsvc.NewAdvisory. Indicators on a warning list refuse it (422, with
// the list of them) unless "allow_warnings" is true. A token cannot share
// TLP:RED, which goes from a person to named people.
func (a *API) warpPublish(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	var n warpsvc.NewAdvisory
	if !decode(w, r, &n) {
		return
	}
	v, err := a.warp.Publish(r.Context(), p, n)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/warp/advisories/"+strconv.FormatInt(v.ID, 10))
	writeJSON(w, http.StatusCreated, v)
}

// warpAcknowledge would record that the caller has read the advisory. An
// acknowledgement says a person read it, and a token is no person: it is
// refused with a 422 that says so, after the advisory is found, so an
// advisory the token may not see is still a 404.
func (a *API) warpAcknowledge(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	d, ok := a.advisoryIn(w, r, p)
	if !ok {
		return
	}
	if err := a.warp.Acknowledge(r.Context(), p, d.ID); err != nil {
		a.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// warpFollowUp adds an update, {"body": "…"} in Markdown, to an advisory of
// the token's org.
func (a *API) warpFollowUp(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	d, ok := a.advisoryIn(w, r, p)
	if !ok {
		return
	}
	var body struct {
		Body string `json:"body"`
	}
	if !decode(w, r, &body) {
		return
	}
	u, err := a.warp.AddFollowUp(r.Context(), p, d.ID, body.Body)
	a.reply(w, r, http.StatusCreated, u, err)
}
