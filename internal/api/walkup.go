package api

import (
	"net/http"
	"strconv"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/service/walkupsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// walkupReport is an org's walk-up waits and service times for a period:
// the previous month unless ?period=NAME or ?from=&to= say otherwise, as
// JSON or (?format=csv) CSV.
func (a *API) walkupReport(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	first, last, format, ok := a.reportQuery(w, r, org.TimeZone, "json", "csv")
	if !ok {
		return
	}
	rep, err := a.walkup.Report(r.Context(), p, org, first, last)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if format != "csv" {
		writeJSON(w, http.StatusOK, rep)
		return
	}
	a.sendReport(w, r, format, "walkup-"+org.Slug+"-"+rep.From+"-to-"+rep.To, report.WalkupReports{rep}.WriteCSV)
}

// walkupQueue is a site's queue: GET /api/v1/orgs/{slug}/walkup?site=ID.
func (a *API) walkupQueue(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	siteID, err := strconv.ParseInt(r.URL.Query().Get("site"), 10, 64)
	if err != nil {
		a.fail(w, r, fault.Invalid("site", "give the site's id as ?site=N (see /api/v1/orgs/%s/sites)", org.Slug))
		return
	}
	site, visits, err := a.walkup.Queue(r.Context(), p, org.ID, siteID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if visits == nil {
		visits = []walkupsvc.Visit{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"site": site, "queue": visits})
}

type callBody struct {
	Site int64  `json:"site"`
	Desk string `json:"desk"`
}

// walkupCall calls the longest-waiting visitor at a site to a desk.
func (a *API) walkupCall(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	var body callBody
	if !decode(w, r, &body) {
		return
	}
	v, err := a.walkup.CallNext(r.Context(), p, org.ID, body.Site, body.Desk)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

type finishBody struct {
	Outcome string `json:"outcome"`
}

// walkupMove serves, resolves or marks a no-show: POST
// /api/v1/walkup/visits/{id}/serve, /resolve {"outcome": "…"} or /no-show.
func (a *API) walkupMove(to desk.VisitState) func(http.ResponseWriter, *http.Request, tenancy.Principal) {
	return func(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil {
			a.fail(w, r, fault.NotFound("no such walk-up visit"))
			return
		}
		var body finishBody
		if err := decodeOptional(r, &body); err != nil {
			badBody(w, err)
			return
		}
		var v walkupsvc.Visit
		switch to {
		case desk.VisitServing:
			v, err = a.walkup.Serve(r.Context(), p, id)
		case desk.VisitNoShow:
			v, err = a.walkup.NoShow(r.Context(), p, id)
		default:
			v, err = a.walkup.Resolve(r.Context(), p, id, body.Outcome)
		}
		if err != nil {
			a.fail(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, v)
	}
}
