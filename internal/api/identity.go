package api

import (
	"bufio"
	"net/http"
	"strconv"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/service/identitysvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// The identity risk routes: who can reach Tier Zero, the identity score,
// and the imports and Tier Zero changes that move them. The directories
// service checks rights and scope; these handlers read the request and
// word the answer.

// identityOverview is every org the token sees, with its identity standing.
func (a *API) identityOverview(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	list, err := a.identity.Overview(r.Context(), p)
	if err == nil {
		err = a.forCaller(r, p, list)
	}
	a.reply(w, r, http.StatusOK, map[string]any{"orgs": nonNil(list)}, err)
}

// identitySummary is one org's score, its parts and its history.
func (a *API) identitySummary(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	days, ok := a.trendDays(w, r)
	if !ok {
		return
	}
	sum, err := a.identity.SummaryOf(r.Context(), p, org.ID, days)
	list := []identitysvc.Summary{sum}
	if err == nil {
		err = a.forCaller(r, p, list)
	}
	a.reply(w, r, http.StatusOK, list[0], err)
}

// forCaller words summaries for the token's holder: who imported each
// directory and who added each Tier Zero object as the holder may know
// them, as findings do (a council's token learns that shared service
// staff did it, not who), and empty lists as [] rather than null.
func (a *API) forCaller(r *http.Request, p tenancy.Principal, sums []identitysvc.Summary) error {
	who, err := a.accounts.ActorNamer(r.Context(), p)
	if err != nil {
		return err
	}
	for i := range sums {
		for j := range sums[i].Directories {
			sums[i].Directories[j].ImportedBy = who(sums[i].Directories[j].ImportedBy)
		}
		for j := range sums[i].Additions {
			sums[i].Additions[j].AddedBy = who(sums[i].Additions[j].AddedBy)
		}
		sums[i].Directories, sums[i].Additions = nonNil(sums[i].Directories), nonNil(sums[i].Additions)
		sums[i].Categories, sums[i].ChokePoints, sums[i].History = nonNil(sums[i].Categories), nonNil(sums[i].ChokePoints), nonNil(sums[i].History)
	}
	return nil
}

// identityPaths lists the accounts that reach Tier Zero, each with one
// shortest path, nearest first.
func (a *API) identityPaths(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	limit, bad := httpin.Limit(r.URL.Query(), httpin.MaxPathsListed)
	if a.badQuery(w, r, nil, bad) {
		return
	}
	if limit == 0 {
		limit = 100
	}
	paths, err := a.identity.PathsOf(r.Context(), p, org.ID, r.URL.Query().Get("match"), limit)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	paths.Principals = nonNil(paths.Principals)
	writeJSON(w, http.StatusOK, paths)
}

// identityPrincipal is one object of the org's directories, by id.
func (a *API) identityPrincipal(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	pr, err := a.identity.PrincipalOf(r.Context(), p, org.ID, r.PathValue("id"))
	err = notFoundAs(err, "no object %s in the directories of %s", r.PathValue("id"), org.Slug)
	a.reply(w, r, http.StatusOK, pr, err)
}

// identityChanges says who gained and who lost a path with the last imports.
func (a *API) identityChanges(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	ch, err := a.identity.ChangeOf(r.Context(), p, org.ID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	ch.Gained, ch.Lost = nonNil(ch.Gained), nonNil(ch.Lost)
	writeJSON(w, http.StatusOK, ch)
}

// identityImport reads the body as one directory export: ?source=ad for a
// SharpHound zip or .json, ?source=entra for an Entra export. The file's
// name, which the messages about it use, comes from ?filename= or
// Content-Disposition.
func (a *API) identityImport(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	// Rights first: a token that may not import learns nothing from its file.
	if !p.Can(tenancy.ManagePosture) {
		a.fail(w, r, fault.Forbidden("this token's role (%s) may not import directories", p.Role))
		return
	}
	source := identity.Source(r.URL.Query().Get("source"))
	if source != identity.ActiveDirectory && source != identity.EntraID {
		a.fail(w, r, fault.Invalid("source", "source must be ad (a SharpHound collection) or entra (an Entra export)"))
		return
	}
	body := bufio.NewReaderSize(r.Body, 64<<10)
	head, _ := body.Peek(4)
	name := httpin.DirectoryFileName(httpin.FileName(r.URL.Query().Get("filename"), r.Header.Get("Content-Disposition"), ""), source, head)
	res, err := a.identity.ImportUpload(r.Context(), p, org.ID, source, name, body)
	switch {
	case tooLarge(w, err, "File too large", "a directory export may be at most "+strconv.Itoa(httpin.MaxImport>>20)+" MiB; zip the SharpHound collection"):
	case err != nil:
		a.fail(w, r, err)
	default:
		writeJSON(w, http.StatusOK, res)
	}
}

// tierZeroBody names the object to treat as Tier Zero and why.
type tierZeroBody struct {
	ObjectID string `json:"object_id"`
	Note     string `json:"note"`
}

// identityAddTierZero puts an object in the org's Tier Zero and answers
// with the analysis that follows.
func (a *API) identityAddTierZero(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	var body tierZeroBody
	if !decode(w, r, &body) {
		return
	}
	run, err := a.identity.AddTierZero(r.Context(), p, org.ID, body.ObjectID, body.Note)
	a.reply(w, r, http.StatusOK, run, err)
}

// identityRemoveTierZero takes an analyst's addition out of Tier Zero.
func (a *API) identityRemoveTierZero(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	run, err := a.identity.RemoveTierZero(r.Context(), p, org.ID, r.PathValue("id"))
	err = notFoundAs(err, "no Tier Zero addition %s in %s", r.PathValue("id"), org.Slug)
	a.reply(w, r, http.StatusOK, run, err)
}

// identityAnalyse runs the org's analysis again without an import.
func (a *API) identityAnalyse(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	run, err := a.identity.Reanalyse(r.Context(), p, org.ID)
	a.reply(w, r, http.StatusOK, run, err)
}
