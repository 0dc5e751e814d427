// Package api is ward's JSON API under /api/v1, for scripts and other tools.
// Callers present an API token (Authorization: Bearer ward_…) that acts as one
// role in one org; errors are RFC 9457 problem documents.
package api

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/app"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/reader/inventory"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/authsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/identitysvc"
	"github.com/ward-shared-service/ward/internal/service/majorsvc"
	"github.com/ward-shared-service/ward/internal/service/peoplesvc"
	"github.com/ward-shared-service/ward/internal/service/phishingsvc"
	"github.com/ward-shared-service/ward/internal/service/policysvc"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
	"github.com/ward-shared-service/ward/internal/service/searchsvc"
	"github.com/ward-shared-service/ward/internal/service/trainingsvc"
	"github.com/ward-shared-service/ward/internal/service/walkupsvc"
	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Route is one API route and the permission it needs ("" for any token).
type Route struct {
	Method, Path string
	Permission   tenancy.Permission
	Also         tenancy.Permission // a second permission that admits a token's role as well
	Confidential bool
	MaxBody      int64 // the largest request body taken; 0 for 1 MiB of JSON
	handle       func(w http.ResponseWriter, r *http.Request, p tenancy.Principal)
}

// Admits reports whether a token of the role may call the route.
func (rt Route) Admits(role tenancy.Role) bool {
	return rt.Permission == "" || role.Can(rt.Permission) || rt.Also != "" && role.Can(rt.Also)
}

// API serves /api/v1.
type API struct {
	now      func() time.Time
	accounts *accountsvc.Service
	auth     *authsvc.Service
	desk     *desksvc.Service
	posture  *posturesvc.Service
	identity *identitysvc.Service
	warp     *warpsvc.Service
	search   *searchsvc.Service
	walkup   *walkupsvc.Service
	major    *majorsvc.Service
	people   *peoplesvc.Service
	policy   *policysvc.Service
	training *trainingsvc.Service
	phishing *phishingsvc.Service
	log      *slog.Logger
	clientIP func(*http.Request) string
	routes   []Route
	mux      *http.ServeMux
}

// New builds the API over the services. clientIP says where a request came
// from, so the API records the same addresses as the pages (behind a proxy
// too).
func New(svcs *app.Services, log *slog.Logger, clientIP func(*http.Request) string) *API {
	a := &API{now: svcs.Now, accounts: svcs.Accounts, auth: svcs.Auth, desk: svcs.Desk, posture: svcs.Posture, identity: svcs.Identity, warp: svcs.Warp,
		log: log, clientIP: clientIP, mux: http.NewServeMux(), search: svcs.Search, walkup: svcs.Walkup, major: svcs.Major,
		people: svcs.People, policy: svcs.Policy, training: svcs.Training, phishing: svcs.Phishing}
	a.routes = a.routeTable()
	for _, rt := range a.routes {
		a.mux.Handle(rt.Method+" "+rt.Path, a.guard(rt))
	}
	a.mux.HandleFunc("/api/v1/", func(w http.ResponseWriter, r *http.Request) {
		problem(w, http.StatusNotFound, "No such API route", "See the README for the routes of /api/v1.")
	})
	return a
}

// Routes lists the API's routes, for the route × role × org test.
func (a *API) Routes() []Route { return a.routes }

// Handler serves the API.
func (a *API) Handler() http.Handler { return a.mux }

func (a *API) routeTable() []Route {
	return append([]Route{
		{Method: "GET", Path: "/api/v1/me", handle: a.me},
		// Search: any token; each kind is searched within the token's scope.
		{Method: "GET", Path: "/api/v1/search", handle: a.searchAll},
		{Method: "GET", Path: "/api/v1/orgs", Permission: tenancy.ViewOrgs, handle: a.listOrgs},
		{Method: "POST", Path: "/api/v1/orgs", Permission: tenancy.ManageOrgs, handle: a.createOrg},
		{Method: "GET", Path: "/api/v1/orgs/{slug}", Permission: tenancy.ViewOrgs, handle: a.getOrg},
		{Method: "PATCH", Path: "/api/v1/orgs/{slug}", Permission: tenancy.ManageOrgs, handle: a.updateOrg},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/sites", Permission: tenancy.ViewOrgs, handle: a.listSites},
		{Method: "POST", Path: "/api/v1/orgs/{slug}/sites", Permission: tenancy.ManageOrgs, handle: a.createSite},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/teams", Permission: tenancy.ViewOrgs, handle: a.listTeams},
		{Method: "POST", Path: "/api/v1/orgs/{slug}/teams", Permission: tenancy.ManageOrgs, handle: a.createTeam},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/users", Permission: tenancy.ViewPeople, handle: a.listOrgUsers},
		{Method: "GET", Path: "/api/v1/users", Permission: tenancy.ViewPeople, handle: a.listUsers},
		{Method: "POST", Path: "/api/v1/users", Permission: tenancy.ManageUsers, handle: a.createUser},
		{Method: "GET", Path: "/api/v1/tokens", Permission: tenancy.ManageTokens, handle: a.listTokens},
		{Method: "DELETE", Path: "/api/v1/tokens/{id}", Permission: tenancy.ManageTokens, handle: a.revokeToken},
		{Method: "GET", Path: "/api/v1/audit", Permission: tenancy.ViewAudit, Confidential: true, handle: a.listAudit},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/tickets", Permission: tenancy.RaiseTickets, handle: a.listTickets},
		{Method: "POST", Path: "/api/v1/orgs/{slug}/tickets", Permission: tenancy.RaiseTickets, MaxBody: a.ticketBodyMax(), handle: a.createTicket},
		{Method: "POST", Path: "/api/v1/orgs/{slug}/tickets/import", Permission: tenancy.ManageDesk, MaxBody: httpin.MaxImport, handle: a.importTickets},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/tickets/{ref}", Permission: tenancy.RaiseTickets, handle: a.getTicket},
		{Method: "POST", Path: "/api/v1/orgs/{slug}/tickets/{ref}/events", Permission: tenancy.RaiseTickets, handle: a.addTicketEvent},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/tickets/{ref}/attachments", Permission: tenancy.RaiseTickets, handle: a.listAttachments},
		{Method: "POST", Path: "/api/v1/orgs/{slug}/tickets/{ref}/attachments", Permission: tenancy.RaiseTickets, MaxBody: a.attachmentBodyMax(), handle: a.addAttachment},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/tickets/{ref}/attachments/{file}", Permission: tenancy.RaiseTickets, handle: a.getAttachment},
		{Method: "GET", Path: "/api/v1/tickets/{ref}", Permission: tenancy.RaiseTickets, handle: a.getTicketByReference},
		{Method: "POST", Path: "/api/v1/tickets/{ref}/events", Permission: tenancy.RaiseTickets, handle: a.addTicketEventByReference},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/reports/sla", Permission: tenancy.ViewReports, Also: tenancy.WorkTickets, handle: a.slaReport},
		{Method: "GET", Path: "/api/v1/reports/sla", Permission: tenancy.ViewReports, Also: tenancy.WorkTickets, handle: a.slaComparison},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/reports/satisfaction", Permission: tenancy.ViewReports, Also: tenancy.WorkTickets, handle: a.orgSatisfaction},
		{Method: "GET", Path: "/api/v1/reports/satisfaction", Permission: tenancy.ViewReports, Also: tenancy.WorkTickets, handle: a.allSatisfaction},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/reports/satisfaction/comments", Permission: tenancy.ViewReports, Confidential: true, handle: a.surveyComments},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/survey-settings", Permission: tenancy.ManageDesk, handle: a.getSurveySettings},
		{Method: "PUT", Path: "/api/v1/orgs/{slug}/survey-settings", Permission: tenancy.ManageDesk, handle: a.putSurveySettings},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/reports/telephony", Permission: tenancy.ViewReports, Also: tenancy.WorkTickets, handle: a.telephonyReport},
		{Method: "GET", Path: "/api/v1/reports/telephony", Permission: tenancy.ViewReports, Also: tenancy.WorkTickets, handle: a.allTelephony},
		{Method: "POST", Path: "/api/v1/orgs/{slug}/calls/import", Permission: tenancy.ManageDesk, MaxBody: httpin.MaxImport, handle: a.importCalls},
		{Method: "POST", Path: "/api/v1/orgs/{slug}/calls/{call}/link", Permission: tenancy.WorkTickets, handle: a.linkCall},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/reports/walkup", Permission: tenancy.ViewReports, Also: tenancy.WorkTickets, handle: a.walkupReport},
		// Walk-up queues at the org's sites (walkup.go).
		{Method: "GET", Path: "/api/v1/orgs/{slug}/walkup", Permission: tenancy.WorkTickets, handle: a.walkupQueue},
		{Method: "POST", Path: "/api/v1/orgs/{slug}/walkup/call", Permission: tenancy.WorkTickets, handle: a.walkupCall},
		{Method: "POST", Path: "/api/v1/walkup/visits/{id}/serve", Permission: tenancy.WorkTickets, handle: a.walkupMove(desk.VisitServing)},
		{Method: "POST", Path: "/api/v1/walkup/visits/{id}/resolve", Permission: tenancy.WorkTickets, handle: a.walkupMove(desk.VisitResolved)},
		{Method: "POST", Path: "/api/v1/walkup/visits/{id}/no-show", Permission: tenancy.WorkTickets, handle: a.walkupMove(desk.VisitNoShow)},
		{Method: "GET", Path: "/api/v1/posture", Permission: tenancy.ViewPosture, handle: a.postureCompare},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/posture", Permission: tenancy.ViewPosture, handle: a.postureOverview},
		{Method: "POST", Path: "/api/v1/orgs/{slug}/posture/evaluate", Permission: tenancy.ManagePosture, handle: a.postureEvaluate},
		{Method: "POST", Path: "/api/v1/orgs/{slug}/devices/import", Permission: tenancy.ManagePosture, MaxBody: httpin.MaxImport, handle: a.importDevices},
		{Method: "POST", Path: "/api/v1/orgs/{slug}/mailboxes/import", Permission: tenancy.ManagePosture, MaxBody: httpin.MaxImport, handle: a.importMailboxes},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/findings", Permission: tenancy.ViewPosture, handle: a.listFindings},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/devices", Permission: tenancy.ViewPosture, handle: a.listDevices},
		{Method: "GET", Path: "/api/v1/findings/{id}", Permission: tenancy.ViewPosture, handle: a.getFinding},
		{Method: "POST", Path: "/api/v1/findings/{id}/accept", Permission: tenancy.ManagePosture, handle: a.acceptFinding},
		{Method: "POST", Path: "/api/v1/findings/{id}/revoke", Permission: tenancy.ManagePosture, handle: a.revokeFinding},
		// Raising a ticket needs RaiseTickets as well, which every role that sees posture holds.
		{Method: "POST", Path: "/api/v1/findings/{id}/ticket", Permission: tenancy.ViewPosture, handle: a.raiseFindingTicket},
		{Method: "GET", Path: "/api/v1/identity", Permission: tenancy.ViewPosture, handle: a.identityOverview},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/identity", Permission: tenancy.ViewPosture, handle: a.identitySummary},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/identity/paths", Permission: tenancy.ViewPosture, handle: a.identityPaths},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/identity/principals/{id}", Permission: tenancy.ViewPosture, handle: a.identityPrincipal},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/identity/changes", Permission: tenancy.ViewPosture, handle: a.identityChanges},
		{Method: "POST", Path: "/api/v1/orgs/{slug}/identity/import", Permission: tenancy.ManagePosture, MaxBody: httpin.MaxImport, handle: a.identityImport},
		{Method: "POST", Path: "/api/v1/orgs/{slug}/identity/tier-zero", Permission: tenancy.ManagePosture, handle: a.identityAddTierZero},
		{Method: "DELETE", Path: "/api/v1/orgs/{slug}/identity/tier-zero/{id}", Permission: tenancy.ManagePosture, handle: a.identityRemoveTierZero},
		{Method: "POST", Path: "/api/v1/orgs/{slug}/identity/analyse", Permission: tenancy.ManagePosture, handle: a.identityAnalyse},
		// The WARP: what a token sees is what its org may see under TLP (never
		// RED, which is for named people).
		{Method: "GET", Path: "/api/v1/warp/communities", Permission: tenancy.ShareWarnings, Also: tenancy.ManageOrgs, handle: a.warpCommunities},
		{Method: "POST", Path: "/api/v1/warp/communities", Permission: tenancy.ManageOrgs, handle: a.warpCreateCommunity},
		{Method: "GET", Path: "/api/v1/warp/communities/{slug}", Permission: tenancy.ShareWarnings, Also: tenancy.ManageOrgs, handle: a.warpCommunity},
		{Method: "PUT", Path: "/api/v1/warp/communities/{slug}/members/{org}", Permission: tenancy.ManageOrgs, handle: a.warpSetMember},
		{Method: "DELETE", Path: "/api/v1/warp/communities/{slug}/members/{org}", Permission: tenancy.ManageOrgs, handle: a.warpRemoveMember},
		{Method: "GET", Path: "/api/v1/warp/advisories", Permission: tenancy.ShareWarnings, handle: a.warpAdvisories},
		{Method: "POST", Path: "/api/v1/warp/advisories", Permission: tenancy.ShareWarnings, handle: a.warpPublish},
		{Method: "GET", Path: "/api/v1/warp/advisories/{id}", Permission: tenancy.ShareWarnings, handle: a.warpAdvisory},
		{Method: "POST", Path: "/api/v1/warp/advisories/{id}/acknowledge", Permission: tenancy.ShareWarnings, handle: a.warpAcknowledge},
		{Method: "POST", Path: "/api/v1/warp/advisories/{id}/updates", Permission: tenancy.ShareWarnings, handle: a.warpFollowUp},
		{Method: "GET", Path: "/api/v1/warp/indicators", Permission: tenancy.ShareWarnings, handle: a.warpIndicators},
		{Method: "POST", Path: "/api/v1/warp/indicators/check", Permission: tenancy.ShareWarnings, handle: a.warpCheckIndicators},
		{Method: "GET", Path: "/api/v1/warp/sightings", Permission: tenancy.ShareWarnings, handle: a.warpSightings},
		{Method: "POST", Path: "/api/v1/orgs/{slug}/warp/match", Permission: tenancy.ShareWarnings, MaxBody: httpin.MaxImport, handle: a.warpMatch},
		{Method: "POST", Path: "/api/v1/warp/import", Permission: tenancy.ShareWarnings, MaxBody: warpsvc.MaxFeed, handle: a.warpImport},
		{Method: "GET", Path: "/api/v1/warp/export", Permission: tenancy.ShareWarnings, handle: a.warpExport},
	}, slices.Concat(a.majorRoutes(), a.peopleRoutes(), a.peopleAccountsRoutes(), a.policyRoutes(), a.trainingRoutes(), a.phishingRoutes())...)
}

// guard checks the bearer token, the route's permission, and audits views
// of confidential data before the handler runs.
func (a *API) guard(rt Route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, err := a.authenticate(r)
		if err != nil {
			w.Header().Set("WWW-Authenticate", `Bearer realm="ward"`)
			problem(w, http.StatusUnauthorized, "Not signed in", "Send an API token as 'Authorization: Bearer ward_…'. Tokens are made with 'ward token create'.")
			return
		}
		if !rt.Admits(p.Role) {
			problem(w, http.StatusForbidden, "Not allowed", "This token's role ("+string(p.Role)+") does not allow this request.")
			return
		}
		if rt.Confidential {
			if err := a.accounts.RecordView(r.Context(), p, p.OrgID, r.URL.Path); err != nil {
				a.fail(w, r, err)
				return
			}
		}
		limit := int64(1 << 20)
		if rt.MaxBody > 0 {
			limit = rt.MaxBody // an export's file
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		rt.handle(w, r, p)
	})
}

var errBadToken = authsvc.ErrBadToken

// Authenticate reads the request's API token as the principal it acts as;
// the TAXII server takes the same tokens.
func (a *API) Authenticate(r *http.Request) (tenancy.Principal, error) { return a.authenticate(r) }

func (a *API) authenticate(r *http.Request) (tenancy.Principal, error) {
	raw, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	raw = strings.TrimSpace(raw)
	if !ok {
		return tenancy.Principal{}, errBadToken
	}
	return a.auth.AuthenticateToken(r.Context(), raw, a.clientIP(r))
}

// writeJSON answers with a JSON document.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// Problem is an RFC 9457 problem document.
type Problem struct {
	Type   string       `json:"type"`
	Title  string       `json:"title"`
	Status int          `json:"status"`
	Detail string       `json:"detail,omitempty"`
	Errors []FieldError `json:"errors,omitempty"`
}

// FieldError names a field of the request that was wrong.
type FieldError struct {
	Field  string `json:"field"`
	Detail string `json:"detail"`
}

func problem(w http.ResponseWriter, status int, title, detail string, fields ...FieldError) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(Problem{Type: "about:blank", Title: title, Status: status, Detail: detail, Errors: fields})
}

// fail answers a request that ended in an error: the one place the API turns
// errors into statuses, by the fault's kind. A fault's message is safe to
// show; anything else is logged with its cause and answered with a generic
// 500, so no SQL or file path reaches a client.
func (a *API) fail(w http.ResponseWriter, r *http.Request, err error) {
	if r.Context().Err() != nil && fault.KindOf(err) == fault.KindInternal {
		// The client went away and the request failed for it: not ward's
		// failure, and nobody to answer (the server logs it as 499).
		a.log.Debug("api request abandoned by the client", "method", r.Method, "path", r.URL.Path, "err", err)
		return
	}
	f := fault.As(err)
	if f == nil {
		a.log.Error("api request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		problem(w, http.StatusInternalServerError, "Internal error", "The request failed on the server; it has been logged.")
		return
	}
	if f.Cause != nil {
		a.log.Info("api request refused", "method", r.Method, "path", r.URL.Path, "kind", f.Kind.String(), "err", err)
	}
	detail := sentenceOf(f.Message)
	if all := fault.All(err); len(all) > 1 {
		// Several mistakes: the detail names each, as errors lists them.
		parts := make([]string, len(all))
		for i, one := range all {
			parts[i] = one.Field + ": " + one.Message
		}
		detail = "The request has " + strconv.Itoa(len(all)) + " mistakes: " + strings.Join(parts, "; ")
	}
	switch f.Kind {
	case fault.KindNotFound:
		problem(w, http.StatusNotFound, "Not found", detail)
	case fault.KindForbidden:
		problem(w, http.StatusForbidden, "Not allowed", detail)
	case fault.KindConflict:
		problem(w, http.StatusConflict, "Conflict", detail, fieldsOf(err)...)
	case fault.KindInvalid:
		var rowErr *inventory.RowError
		if errors.As(err, &rowErr) {
			writeImportProblem(w, rowErr)
			return
		}
		var flagged *warpsvc.WarningsError
		if errors.As(err, &flagged) {
			// The author needs each indicator and the list it is on to decide.
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusUnprocessableEntity)
			writeBody(w, struct {
				Problem
				Flagged []warpsvc.Flagged `json:"flagged"`
			}{Problem{Type: "about:blank", Title: "Indicators look like false positives", Status: http.StatusUnprocessableEntity,
				Detail: flagged.Error() + `; send "allow_warnings": true to publish them anyway`,
				Errors: []FieldError{{Field: "indicators", Detail: "on a warning list"}}}, flagged.Flagged})
			return
		}
		problem(w, http.StatusUnprocessableEntity, "Invalid request", detail, fieldsOf(err)...)
	default:
		a.log.Error("api request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		problem(w, http.StatusInternalServerError, "Internal error", "The request failed on the server; it has been logged.")
	}
}

// fieldsOf is the problem's errors member: every field err names, so a
// client fixes a request's mistakes in one go (a fault.Fields holds them
// all; a single fault names one field, or none).
func fieldsOf(err error) []FieldError {
	var out []FieldError
	for _, f := range fault.All(err) {
		if f.Field != "" {
			out = append(out, FieldError{Field: f.Field, Detail: f.Message})
		}
	}
	return out
}

// orgInScope finds the {slug} org, 404 when outside the token's scope.
func (a *API) orgInScope(w http.ResponseWriter, r *http.Request, p tenancy.Principal) (accountsvc.Org, bool) {
	org, err := a.accounts.OrgBySlug(r.Context(), p, r.PathValue("slug"))
	err = notFoundAs(err, "no organisation %s that this token can see", r.PathValue("slug"))
	if err != nil {
		a.fail(w, r, err)
		return org, false
	}
	return org, true
}

// reply answers with v as JSON at status when err is nil, and with err as a
// problem otherwise: the close of most handlers.
func (a *API) reply(w http.ResponseWriter, r *http.Request, status int, v any, err error) {
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, status, v)
}

// badQuery answers every wrong query parameter, a list's filters before
// its paging and format, as one 422 problem naming each; false when every
// one was understood.
func (a *API) badQuery(w http.ResponseWriter, r *http.Request, bad []httpin.FieldError, more ...*httpin.FieldError) bool {
	for _, m := range more {
		if m != nil {
			bad = append(bad, *m)
		}
	}
	if len(bad) == 0 {
		return false
	}
	var all fault.Fields
	for _, b := range bad {
		all.Add(b.Field, "%s", b.Detail)
	}
	a.fail(w, r, all.Err())
	return true
}

// tooLarge answers a body over its route's limit as a 413 problem with the
// advice given; false when err is not that.
func tooLarge(w http.ResponseWriter, err error, title, advice string) bool {
	var tooBig *http.MaxBytesError
	if !errors.As(err, &tooBig) && (err == nil || !strings.Contains(err.Error(), "request body too large")) {
		return false
	}
	problem(w, http.StatusRequestEntityTooLarge, title, advice)
	return true
}

// notFoundAs is err, but when the service found nothing, a not-found fault
// saying in the API's words what was not there.
func notFoundAs(err error, format string, args ...any) error {
	if errors.Is(err, accountsvc.ErrNotFound) {
		return fault.NotFound(format, args...)
	}
	return err
}
