package api

import (
	"net/http"
	"strconv"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/service/phishingsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// phishingRoutes are the phishing exercises: campaigns imported from
// Gophish, their funnels, and results per person and team over time.
func (a *API) phishingRoutes() []Route {
	view := tenancy.ViewAwareness
	return []Route{
		{Method: "GET", Path: "/api/v1/phishing/councils", Permission: view, handle: a.phishingCouncils},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/phishing/campaigns", Permission: view, handle: a.phishingCampaigns},
		{Method: "POST", Path: "/api/v1/orgs/{slug}/phishing/campaigns", Permission: tenancy.ManageTraining, MaxBody: httpin.MaxImport, handle: a.phishingImport},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/phishing/campaigns/{id}", Permission: view, handle: a.phishingCampaign},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/phishing/campaigns/{id}/results", Permission: view, handle: a.phishingResults},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/phishing/people/{id}", Permission: view, handle: a.phishingPerson},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/phishing/teams", Permission: view, handle: a.phishingTeams},
	}
}

func (a *API) phishingCouncils(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	rows, err := a.phishing.Councils(r.Context(), p)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if rows == nil {
		rows = []phishingsvc.CouncilRow{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"councils": rows})
}

func (a *API) phishingCampaigns(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	rows, err := a.phishing.Campaigns(r.Context(), p, org.ID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if rows == nil {
		rows = []phishingsvc.CampaignRow{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"campaigns": rows})
}

// phishingImport reads the body as Gophish's results export:
// ?campaign=NAME (required), ?enrol=COURSE, ?launched=YYYY-MM-DD,
// ?due_days=N, ?replace=true, and the file's name from ?filename= or
// Content-Disposition.
func (a *API) phishingImport(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	if !p.Can(tenancy.ManageTraining) {
		a.fail(w, r, fault.Forbidden("this token's role (%s) may not import phishing results", p.Role))
		return
	}
	q := r.URL.Query()
	in := phishingsvc.Import{Org: org, Campaign: q.Get("campaign"), Enrol: q.Get("enrol"), Launched: q.Get("launched"),
		File: httpin.FileName(q.Get("filename"), r.Header.Get("Content-Disposition"), "results")}
	var problems fault.Fields
	if v := q.Get("due_days"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			problems.Add("due_days", "due_days must be a whole number of days, not %q", v)
		}
		in.DueDays = n
	}
	if v := q.Get("replace"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			problems.Add("replace", "replace must be true or false, not %q", v)
		}
		in.Replace = b
	}
	if err := problems.Err(); err != nil {
		a.fail(w, r, err)
		return
	}
	res, err := a.phishing.ImportFile(r.Context(), p, in, r.Body)
	if err == nil {
		writeJSON(w, http.StatusOK, res)
		return
	}
	if tooLarge(w, err, "File too large", "a results file may be at most "+strconv.Itoa(httpin.MaxImport>>20)+" MiB; compress it with gzip") {
		return
	}
	a.fail(w, r, err)
}

// phishingCampaignOf finds the {id} campaign of the {slug} org; another
// org's is not found, as one that does not exist.
func (a *API) phishingCampaignOf(w http.ResponseWriter, r *http.Request, p tenancy.Principal) (phishingsvc.CampaignView, bool) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return phishingsvc.CampaignView{}, false
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	var v phishingsvc.CampaignView
	if err == nil {
		v, err = a.phishing.Campaign(r.Context(), p, id)
	}
	if err != nil && fault.Is(err, fault.KindForbidden) {
		a.fail(w, r, err)
		return v, false
	}
	if err != nil || v.Campaign.OrgID != org.ID {
		a.fail(w, r, fault.NotFound("no phishing campaign %s in %s that this token can see", r.PathValue("id"), org.Slug))
		return v, false
	}
	return v, true
}

func (a *API) phishingCampaign(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	if v, ok := a.phishingCampaignOf(w, r, p); ok {
		writeJSON(w, http.StatusOK, v)
	}
}

func (a *API) phishingResults(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	v, ok := a.phishingCampaignOf(w, r, p)
	if !ok {
		return
	}
	limit, cur, err := limitCursor(r.URL.Query(), 500)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	page, err := a.phishing.Results(r.Context(), p, v.Campaign, cur, limit)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	answer := map[string]any{"results": page.Results, "limit": limit}
	if page.Results == nil {
		answer["results"] = []any{}
	}
	if page.Next != nil {
		answer["next"] = page.Next.Encode()
	}
	if page.Prev != nil {
		answer["prev"] = page.Prev.Encode()
	}
	writeJSON(w, http.StatusOK, answer)
}

func (a *API) phishingPerson(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		a.fail(w, r, fault.NotFound("no person %s in %s", r.PathValue("id"), org.Slug))
		return
	}
	h, err := a.phishing.Person(r.Context(), p, org.ID, id)
	if err != nil {
		a.fail(w, r, notFoundAs(err, "no person %s in %s that this token can see", r.PathValue("id"), org.Slug))
		return
	}
	writeJSON(w, http.StatusOK, h)
}

func (a *API) phishingTeams(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	trend, err := a.phishing.Teams(r.Context(), p, org.ID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if trend == nil {
		trend = []phishingsvc.TeamTrend{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"teams": trend})
}
