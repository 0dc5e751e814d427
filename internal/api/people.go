package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/reader/hrcsv"
	"github.com/ward-shared-service/ward/internal/service/peoplesvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// peopleRoutes are an org's people: listed, read, added, changed, imported
// from an HR export and summed up per kind.
func (a *API) peopleRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/orgs/{slug}/people", Permission: tenancy.ViewPeople, handle: a.listPeople},
		{Method: "POST", Path: "/api/v1/orgs/{slug}/people", Permission: tenancy.ManagePeople, handle: a.createPerson},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/people/summary", Permission: tenancy.ViewPeople, handle: a.peopleSummary},
		{Method: "POST", Path: "/api/v1/orgs/{slug}/people/import", Permission: tenancy.ManagePeople, MaxBody: httpin.MaxImport, handle: a.importPeople},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/people/{id}", Permission: tenancy.ViewPeople, handle: a.getPerson},
		{Method: "PATCH", Path: "/api/v1/orgs/{slug}/people/{id}", Permission: tenancy.ManagePeople, handle: a.updatePerson},
	}
}

func (a *API) listPeople(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	q := r.URL.Query()
	limit, cur, err := limitCursor(q, 1000)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	f := peoplesvc.Filter{Kind: q.Get("kind"), Team: q.Get("team"), State: q.Get("state"), Search: q.Get("q"), After: cur, PerPage: limit}
	var bad fault.Fields
	if f.Kind != "" && !validKind(f.Kind) {
		bad.Add("kind", "kind must be staff, councillor, contractor or consultant")
	}
	if f.State != "" && f.State != "current" && f.State != "left" && f.State != "all" {
		bad.Add("state", "state must be current, left or all")
	}
	if err := bad.Err(); err != nil {
		a.fail(w, r, err)
		return
	}
	page, err := a.people.List(r.Context(), p, org.ID, f)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	list := page.People
	if list == nil {
		list = []peoplesvc.Person{}
	}
	answer := map[string]any{"people": list, "limit": limit}
	if page.Next != nil {
		answer["next"] = page.Next.Encode()
	}
	if page.Prev != nil {
		answer["prev"] = page.Prev.Encode()
	}
	writeJSON(w, http.StatusOK, answer)
}

func validKind(k string) bool {
	switch k {
	case "staff", "councillor", "contractor", "consultant":
		return true
	}
	return false
}

// personInOrg reads the {id} person of the {slug} org; one of another
// org is not found, like one that does not exist.
func (a *API) personInOrg(w http.ResponseWriter, r *http.Request, p tenancy.Principal) (peoplesvc.Profile, bool) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return peoplesvc.Profile{}, false
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	var prof peoplesvc.Profile
	if err == nil {
		prof, err = a.people.Profile(r.Context(), p, org.ID, id)
	}
	if err != nil {
		if fault.Is(err, fault.KindForbidden) {
			a.fail(w, r, err)
		} else {
			a.fail(w, r, fault.NotFound("no person %s in %s that this token can see", r.PathValue("id"), org.Slug))
		}
		return prof, false
	}
	return prof, true
}

func (a *API) getPerson(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	if prof, ok := a.personInOrg(w, r, p); ok {
		writeJSON(w, http.StatusOK, prof)
	}
}

// personBody is a person as a client sends one; on PATCH a field left out
// keeps its value.
type personBody struct {
	Name      *string `json:"name"`
	Email     *string `json:"email"`
	Phone     *string `json:"phone"`
	Kind      *string `json:"kind"`
	Team      *string `json:"team"`
	ManagerID *int64  `json:"manager_id"`
	StartOn   *string `json:"start_on"`
	EndOn     *string `json:"end_on"`
	LeftOn    *string `json:"left_on"`
	HRID      *string `json:"hr_id"`
	UPN       *string `json:"upn"`
}

func (b personBody) apply(p *peoplesvc.Person) {
	for _, f := range []struct {
		from *string
		to   *string
	}{{b.Name, &p.Name}, {b.Email, &p.Email}, {b.Phone, &p.Phone}, {b.Kind, &p.Kind}, {b.Team, &p.Team},
		{b.StartOn, &p.StartOn}, {b.EndOn, &p.EndOn}, {b.LeftOn, &p.LeftOn}, {b.HRID, &p.HRID}, {b.UPN, &p.UPN}} {
		if f.from != nil {
			*f.to = *f.from
		}
	}
	if b.ManagerID != nil {
		p.ManagerID = *b.ManagerID
	}
}

func (a *API) createPerson(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	var b personBody
	if !decode(w, r, &b) {
		return
	}
	person := peoplesvc.Person{OrgID: org.ID}
	b.apply(&person)
	added, err := a.people.Add(r.Context(), p, person)
	a.reply(w, r, http.StatusCreated, added, err)
}

func (a *API) updatePerson(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	prof, ok := a.personInOrg(w, r, p)
	if !ok {
		return
	}
	var b personBody
	if !decode(w, r, &b) {
		return
	}
	person := prof.Person
	b.apply(&person)
	saved, err := a.people.Edit(r.Context(), p, person)
	a.reply(w, r, http.StatusOK, saved, err)
}

func (a *API) peopleSummary(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	sum, err := a.people.Summary(r.Context(), p, org.ID)
	a.reply(w, r, http.StatusOK, sum, err)
}

// importPeople loads an HR export sent as the body (CSV); ?partial=true
// when the file is an extract. A refused file is one problem listing every
// mistake by line and column; nothing is imported.
func (a *API) importPeople(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	if !p.Can(tenancy.ManagePeople) {
		a.fail(w, r, fault.Forbidden("this token's role (%s) may not import people", p.Role))
		return
	}
	q := r.URL.Query()
	partial := false
	if v := q.Get("partial"); v != "" {
		var err error
		if partial, err = strconv.ParseBool(v); err != nil {
			a.fail(w, r, fault.Invalid("partial", "partial must be true or false, not %q", v))
			return
		}
	}
	name := httpin.FileName(q.Get("filename"), r.Header.Get("Content-Disposition"), "people.csv")
	res, err := a.people.Import(r.Context(), p, org.ID, name, r.Body, partial)
	var errs hrcsv.Errors
	switch {
	case err == nil:
		writeJSON(w, http.StatusOK, res)
	case tooLarge(w, err, "File too large", "an HR export may be at most "+strconv.Itoa(httpin.MaxImport>>20)+" MiB"):
	case errors.As(err, &errs):
		type mistake struct {
			Line   int    `json:"line"`
			Column string `json:"column,omitempty"`
			Reason string `json:"reason"`
		}
		doc := struct {
			Problem
			File     string    `json:"file"`
			Mistakes []mistake `json:"mistakes"`
		}{Problem: Problem{Type: "about:blank", Title: "The file was refused; nothing was imported",
			Status: http.StatusUnprocessableEntity, Detail: errs.Error()}, File: name}
		for _, e := range errs {
			doc.Mistakes = append(doc.Mistakes, mistake{e.Line, e.Column, e.Reason})
		}
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusUnprocessableEntity)
		_ = json.NewEncoder(w).Encode(doc)
	default:
		a.fail(w, r, err)
	}
}
