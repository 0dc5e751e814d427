package api

import (
	"net/http"
	"strconv"

	markdownin "github.com/ward-shared-service/ward/internal/reader/markdown"
	"github.com/ward-shared-service/ward/internal/service/policysvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// policyRoutes are the policy document routes of one org: the documents
// with their shares by kind, the status of each current version, the
// people past a deadline by manager, every council side by side, and
// publishing a version.
func (a *API) policyRoutes() []Route {
	read, also := tenancy.ViewAwareness, tenancy.ManagePolicy
	return []Route{
		{Method: "GET", Path: "/api/v1/policies", Permission: read, Also: also, handle: a.policyCouncils},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/policies", Permission: read, Also: also, handle: a.policyDocuments},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/policies/status", Permission: read, Also: also, handle: a.policyStatus},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/policies/overdue", Permission: read, Also: also, handle: a.policyOverdue},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/policies/trend", Permission: read, Also: also, handle: a.policyTrend},
		{Method: "POST", Path: "/api/v1/orgs/{slug}/policies", Permission: tenancy.ManagePolicy, MaxBody: 2 * markdownin.MaxBody, handle: a.policyPublish},
	}
}

func (a *API) policyCouncils(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	list, err := a.policy.Councils(r.Context(), p)
	if list == nil {
		list = []policysvc.Council{}
	}
	a.reply(w, r, http.StatusOK, list, err)
}

func (a *API) policyDocuments(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	if org, ok := a.orgInScope(w, r, p); ok {
		list, err := a.policy.Documents(r.Context(), p, org.ID)
		if list == nil {
			list = []policysvc.Document{}
		}
		a.reply(w, r, http.StatusOK, list, err)
	}
}

func (a *API) policyStatus(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	if org, ok := a.orgInScope(w, r, p); ok {
		list, err := a.policy.Status(r.Context(), p, org.ID)
		a.reply(w, r, http.StatusOK, list, err)
	}
}

func (a *API) policyOverdue(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	if org, ok := a.orgInScope(w, r, p); ok {
		list, err := a.policy.Overdue(r.Context(), p, org.ID)
		a.reply(w, r, http.StatusOK, list, err)
	}
}

type publishBody struct {
	Document   string `json:"document"`
	Title      string `json:"title"`
	Owner      string `json:"owner"`
	ReviewOn   string `json:"review_on"`
	Kinds      string `json:"kinds"`
	Teams      string `json:"teams"`
	AcceptDays int    `json:"accept_days"`
	Body       string `json:"body"` // Markdown
	Material   bool   `json:"material"`
	Note       string `json:"note"`
}

func (a *API) policyPublish(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	var b publishBody
	if !decode(w, r, &b) {
		return
	}
	body, err := markdownin.String("body", b.Body)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out, err := a.policy.Publish(r.Context(), p, policysvc.Publish{OrgID: org.ID, Slug: b.Document, Title: b.Title, Owner: b.Owner,
		ReviewOn: b.ReviewOn, Kinds: b.Kinds, Teams: b.Teams, AcceptDays: b.AcceptDays, Body: body, Material: b.Material, Note: b.Note,
		RemindDays: -1, RemindMax: -1})
	a.reply(w, r, http.StatusCreated, out, err)
}

// policyTrend is the weekly share accepted, ?weeks=N (26 unless said).
func (a *API) policyTrend(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	if org, ok := a.orgInScope(w, r, p); ok {
		weeks, err := strconv.Atoi(r.URL.Query().Get("weeks"))
		if err != nil {
			weeks = 26
		}
		list, err := a.policy.Trend(r.Context(), p, org.ID, weeks)
		a.reply(w, r, http.StatusOK, list, err)
	}
}
