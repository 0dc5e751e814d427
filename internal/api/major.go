package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/major"
	"github.com/ward-shared-service/ward/internal/service/majorsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// majorRoutes are the major incident, maintenance and status routes, all
// under one council; a major incident is found by its number within it.
func (a *API) majorRoutes() []Route {
	read, readAlso := tenancy.RaiseTickets, tenancy.ViewReports
	return []Route{
		{Method: "GET", Path: "/api/v1/orgs/{slug}/major-incidents", Permission: read, Also: readAlso, handle: a.listMajor},
		{Method: "POST", Path: "/api/v1/orgs/{slug}/major-incidents", Permission: tenancy.ManageDesk, handle: a.raiseMajor},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/major-incidents/{id}", Permission: read, Also: readAlso, handle: a.getMajor},
		{Method: "POST", Path: "/api/v1/orgs/{slug}/major-incidents/{id}/decision", Permission: tenancy.ManageDesk, handle: a.decideMajor},
		{Method: "POST", Path: "/api/v1/orgs/{slug}/major-incidents/{id}/updates", Permission: tenancy.WorkTickets, handle: a.updateMajor},
		{Method: "POST", Path: "/api/v1/orgs/{slug}/major-incidents/{id}/children", Permission: tenancy.WorkTickets, handle: a.linkMajorChild},
		{Method: "POST", Path: "/api/v1/orgs/{slug}/major-incidents/{id}/resolve", Permission: tenancy.ManageDesk, handle: a.resolveMajor},
		{Method: "PUT", Path: "/api/v1/orgs/{slug}/major-incidents/{id}/review", Permission: tenancy.ManageDesk, handle: a.reviewMajor},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/maintenance", Permission: read, Also: readAlso, handle: a.listMaintenance},
		{Method: "POST", Path: "/api/v1/orgs/{slug}/maintenance", Permission: tenancy.ManageDesk, handle: a.addMaintenance},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/status", handle: a.statusPage},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/major-settings", Permission: tenancy.ManageDesk, handle: a.majorSettings},
		{Method: "PUT", Path: "/api/v1/orgs/{slug}/major-settings", Permission: tenancy.ManageDesk, handle: a.saveMajorSettings},
	}
}

// majorInOrg finds the {id} major incident of the {slug} council; one of
// another council is not found, as one that does not exist.
func (a *API) majorInOrg(w http.ResponseWriter, r *http.Request, p tenancy.Principal) (majorsvc.Record, bool) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return majorsvc.Record{}, false
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(strings.ToUpper(r.PathValue("id")), "MI-"), 10, 64)
	var rec majorsvc.Record
	if err == nil {
		rec, err = a.major.Get(r.Context(), p, id)
	}
	if err != nil || rec.Incident.OrgID != org.ID {
		a.fail(w, r, fault.NotFound("no major incident %s in %s that this token can see", r.PathValue("id"), org.Slug))
		return rec, false
	}
	return rec, true
}

func (a *API) listMajor(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	q := r.URL.Query()
	limit, cur, err := limitCursor(q, 200)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	f := majorsvc.Filter{OrgID: org.ID, PerPage: limit, Cursor: cur}
	if st := q.Get("state"); st != "" {
		f.States = []major.State{major.State(st)}
	}
	list, page, err := a.major.List(r.Context(), p, f)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if list == nil {
		list = []majorsvc.Listed{}
	}
	answer := map[string]any{"major_incidents": list, "limit": limit}
	if page.Next != nil {
		answer["next"] = page.Next.Encode()
	}
	if page.Prev != nil {
		answer["prev"] = page.Prev.Encode()
	}
	writeJSON(w, http.StatusOK, answer)
}

type raiseBody struct {
	Ticket    string         `json:"ticket"`
	Title     string         `json:"title"`
	Why       string         `json:"why"`
	Impacts   []major.Impact `json:"impacts"`
	Comms     []commsBody    `json:"comms"`
	Candidate bool           `json:"candidate"`
}

type commsBody struct {
	Audience     major.Audience `json:"audience"`
	EveryMinutes int            `json:"every_minutes"`
}

func (a *API) raiseMajor(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	var b raiseBody
	if !decode(w, r, &b) {
		return
	}
	raise := majorsvc.Raise{OrgID: org.ID, TicketRef: b.Ticket, Title: b.Title, Why: b.Why, Impacts: b.Impacts, Candidate: b.Candidate}
	for _, c := range b.Comms {
		raise.Comms = append(raise.Comms, major.Comms{Audience: c.Audience, Every: time.Duration(c.EveryMinutes) * time.Minute})
	}
	m, err := a.major.Raise(r.Context(), p, raise)
	a.reply(w, r, http.StatusCreated, m, err)
}

func (a *API) getMajor(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	if rec, ok := a.majorInOrg(w, r, p); ok {
		writeJSON(w, http.StatusOK, rec)
	}
}

func (a *API) decideMajor(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	rec, ok := a.majorInOrg(w, r, p)
	if !ok {
		return
	}
	var b struct {
		Accept bool   `json:"accept"`
		Why    string `json:"why"`
	}
	if !decode(w, r, &b) {
		return
	}
	m, err := a.major.Decide(r.Context(), p, rec.Incident.ID, b.Accept, b.Why)
	a.reply(w, r, http.StatusOK, m, err)
}

func (a *API) updateMajor(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	rec, ok := a.majorInOrg(w, r, p)
	if !ok {
		return
	}
	var b struct {
		Audience major.Audience `json:"audience"`
		Phase    major.Phase    `json:"phase"`
		Body     string         `json:"body"`
	}
	if !decode(w, r, &b) {
		return
	}
	up, err := a.major.PostUpdate(r.Context(), p, rec.Incident.ID, majorsvc.NewUpdate{Audience: b.Audience, Phase: b.Phase, Body: b.Body})
	a.reply(w, r, http.StatusCreated, up, err)
}

func (a *API) linkMajorChild(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	rec, ok := a.majorInOrg(w, r, p)
	if !ok {
		return
	}
	var b struct {
		Ticket string `json:"ticket"`
	}
	if !decode(w, r, &b) {
		return
	}
	t, err := a.major.LinkChild(r.Context(), p, rec.Incident.ID, b.Ticket)
	a.reply(w, r, http.StatusCreated, map[string]string{"ticket": t.Ref, "major_incident": majorsvc.Ref(rec.Incident.ID)}, err)
}

func (a *API) resolveMajor(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	rec, ok := a.majorInOrg(w, r, p)
	if !ok {
		return
	}
	var b struct {
		Note string `json:"note"`
	}
	if !decode(w, r, &b) {
		return
	}
	m, err := a.major.Resolve(r.Context(), p, rec.Incident.ID, b.Note)
	a.reply(w, r, http.StatusOK, m, err)
}

func (a *API) reviewMajor(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	rec, ok := a.majorInOrg(w, r, p)
	if !ok {
		return
	}
	var b major.Review
	if !decode(w, r, &b) {
		return
	}
	b.ReviewedBy, b.ReviewedAt = "", time.Time{}
	out, err := a.major.Review(r.Context(), p, rec.Incident.ID, b)
	a.reply(w, r, http.StatusOK, out, err)
}

func (a *API) listMaintenance(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	q := r.URL.Query()
	limit, cur, err := limitCursor(q, 200)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	list, next, err := a.major.Maintenance(r.Context(), p, majorsvc.MaintenanceFilter{OrgID: org.ID, PerPage: limit, Cursor: cur}, q.Get("all") != "true")
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if list == nil {
		list = []majorsvc.Maintenance{}
	}
	answer := map[string]any{"maintenance": list, "limit": limit}
	if next != nil {
		answer["next"] = next.Encode()
	}
	writeJSON(w, http.StatusOK, answer)
}

func (a *API) addMaintenance(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	var b struct {
		Service     string    `json:"service"`
		Sites       []string  `json:"sites"`
		Starts      time.Time `json:"starts"`
		Ends        time.Time `json:"ends"`
		Description string    `json:"description"`
	}
	if !decode(w, r, &b) {
		return
	}
	m, err := a.major.AddMaintenance(r.Context(), p, majorsvc.NewMaintenance{OrgID: org.ID, Service: b.Service, Sites: b.Sites,
		Starts: b.Starts, Ends: b.Ends, Description: b.Description})
	a.reply(w, r, http.StatusCreated, m, err)
}

// statusPage is a council's status page as its staff see it. A token
// reads only the councils in its scope: the public view of a public page is
// the web page's, for people without an account.
func (a *API) statusPage(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	v, err := a.major.Status(r.Context(), &p, org.Slug)
	a.reply(w, r, http.StatusOK, v, err)
}

func (a *API) majorSettings(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	st, err := a.major.Settings(r.Context(), p, org.ID)
	a.reply(w, r, http.StatusOK, major.DocOf(st), err)
}

// saveMajorSettings replaces the settings whole.
func (a *API) saveMajorSettings(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	var b major.SettingsDoc
	if !decode(w, r, &b) {
		return
	}
	st := b.Settings()
	err := a.major.SaveSettings(r.Context(), p, org.ID, st)
	a.reply(w, r, http.StatusOK, major.DocOf(st), err)
}
