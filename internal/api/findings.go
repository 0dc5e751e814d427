package api

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// findingDoc is a finding as the API shows it: with its org's slug, and the
// person who accepted its risk named as the caller may see them.
type findingDoc struct {
	finding.Finding
	Org string `json:"org"`
}

type findingEventDoc struct {
	At    time.Time         `json:"at"`
	Kind  finding.EventKind `json:"kind"`
	Actor string            `json:"actor,omitempty"`
	Note  string            `json:"note,omitempty"`
}

func docOfFinding(f finding.Finding, org string, who func(string) string) findingDoc {
	if f.Acceptance != nil {
		a := *f.Acceptance
		a.By = who(a.By)
		f.Acceptance = &a
	}
	if f.Evidence == nil {
		f.Evidence = []finding.Evidence{}
	}
	return findingDoc{Finding: f, Org: org}
}

// ActorNamer names the people in a finding's history as the principal may
// see them: a user of an org in scope by their email, anyone else by their
// part (a council officer does not learn the shared service's staff list).
func ActorNamer(ctx context.Context, st *store.Store, p tenancy.Principal) (func(string) string, error) {
	users, err := st.Users(ctx, p.Scope)
	if err != nil {
		return nil, err
	}
	visible := make(map[string]bool, len(users))
	for _, u := range users {
		visible[strings.ToLower(u.Email)] = true
	}
	return func(actor string) string {
		kind, name, found := strings.Cut(actor, ":")
		switch {
		case actor == "":
			return ""
		case !found:
			return actor
		case kind == "user" && visible[strings.ToLower(name)]:
			return name
		case kind == "user":
			return "shared service staff"
		case kind == "token":
			return "API client"
		}
		return "ward" // the command line and scheduled runs
	}, nil
}

// FindingQuery reads the filters a findings list takes: state, control,
// severity and kind. A value ward does not know is an error naming its field.
func FindingQuery(get func(string) string) (store.FindingFilter, *FieldError) {
	var f store.FindingFilter
	if v := strings.TrimSpace(get("state")); v != "" {
		st, err := finding.ParseState(v)
		if err != nil {
			return f, &FieldError{Field: "state", Detail: err.Error()}
		}
		f.State = st
	}
	if v := strings.TrimSpace(get("control")); v != "" {
		if _, ok := posture.ControlByID(v); !ok {
			return f, &FieldError{Field: "control", Detail: strconv.Quote(v) + " is not a control"}
		}
		f.Control = v
	}
	if v := strings.TrimSpace(get("severity")); v != "" {
		sev, err := posture.ParseSeverity(v)
		if err != nil {
			return f, &FieldError{Field: "severity", Detail: err.Error()}
		}
		f.Severity = string(sev)
	}
	if v := strings.ToLower(strings.TrimSpace(get("kind"))); v != "" {
		k := finding.SubjectKind(v)
		switch k {
		case finding.Device, finding.Mailbox, finding.Account, finding.Person, finding.Org:
			f.Kind = k
		default:
			return f, &FieldError{Field: "kind", Detail: strconv.Quote(v) + " is not a kind of subject (device, mailbox, account, person or org)"}
		}
	}
	return f, nil
}

// listFindings lists an org's findings, worst and oldest first, as JSON or
// (format=csv) as a spreadsheet; a CSV export is audited, as data leaving ward.
func (a *API) listFindings(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	q := r.URL.Query()
	f, bad := FindingQuery(q.Get)
	if bad != nil {
		a.fail(w, r, fault.Invalid(bad.Field, "%s", bad.Detail))
		return
	}
	f.OrgID = org.ID
	format := strings.ToLower(q.Get("format"))
	var err error
	field := ""
	if v := q.Get("limit"); v != "" {
		field = "limit"
		if f.Limit, err = strconv.Atoi(v); err == nil && (f.Limit < 1 || f.Limit > 10000) {
			err = errors.New("limit must be from 1 to 10000")
		}
	}
	if v := q.Get("offset"); v != "" && err == nil {
		field = "offset"
		if f.Offset, err = strconv.Atoi(v); err == nil && f.Offset < 0 {
			err = errors.New("offset must not be negative")
		}
	}
	if err == nil && format != "" && format != "json" && format != "csv" {
		field, err = "format", errors.New("format must be json or csv")
	}
	if err != nil {
		a.fail(w, r, fault.Invalid(field, "%s", err.Error()))
		return
	}
	if f.Limit == 0 && format != "csv" {
		f.Limit = 100 // a CSV export is the whole list unless asked otherwise
	}
	ctx := r.Context()
	list, total, err := a.estate.Findings(ctx, p, f)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if format == "csv" {
		var buf bytes.Buffer
		if err := finding.WriteCSV(&buf, list); err != nil {
			a.fail(w, r, err)
			return
		}
		if _, err := a.store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: org.ID, Action: audit.Export,
			Target: "findings of " + org.Slug + " as CSV", Detail: map[string]string{"rows": strconv.Itoa(len(list)), "query": r.URL.RawQuery},
			IP: p.IP}); err != nil {
			a.fail(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="findings-`+org.Slug+`.csv"`)
		_, _ = w.Write(buf.Bytes())
		return
	}
	who, err := ActorNamer(ctx, a.store, p)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	docs := make([]findingDoc, len(list))
	for i, fd := range list {
		docs[i] = docOfFinding(fd, org.Slug, who)
	}
	writeJSON(w, http.StatusOK, map[string]any{"findings": docs, "total": total, "limit": f.Limit, "offset": f.Offset})
}

// findingInScope reads the {id} finding and its history; 404 when it is
// another org's, so a caller cannot tell which ids exist.
func (a *API) findingInScope(w http.ResponseWriter, r *http.Request, p tenancy.Principal) (finding.Finding, []finding.Event, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		a.fail(w, r, fault.NotFound("no finding %s that this token can see", r.PathValue("id")))
		return finding.Finding{}, nil, false
	}
	f, events, err := a.estate.Finding(r.Context(), p, id)
	if errors.Is(err, store.ErrNotFound) {
		err = fault.NotFound("no finding %s that this token can see", r.PathValue("id"))
	}
	if err != nil {
		a.fail(w, r, err)
		return f, nil, false
	}
	return f, events, true
}

// showFinding answers with a finding and its whole history.
func (a *API) showFinding(w http.ResponseWriter, r *http.Request, p tenancy.Principal, status int, extra map[string]any) {
	f, events, ok := a.findingInScope(w, r, p)
	if !ok {
		return
	}
	ctx := r.Context()
	org, err := a.store.OrgByID(ctx, p.Scope, f.OrgID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	who, err := ActorNamer(ctx, a.store, p)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	history := make([]findingEventDoc, len(events))
	for i, e := range events {
		history[i] = findingEventDoc{At: e.At, Kind: e.Kind, Actor: who(e.Actor), Note: e.Note}
	}
	doc := map[string]any{"finding": docOfFinding(f, org.Slug, who), "events": history}
	if c, ok := posture.ControlByID(f.Control); ok {
		doc["control"] = map[string]any{"id": c.ID, "title": c.Title, "description": c.Description, "policy": c.Policy,
			"severity": c.Severity, "remediation_days": c.RemediationDays}
	}
	for k, v := range extra {
		doc[k] = v
	}
	writeJSON(w, status, doc)
}

func (a *API) getFinding(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	a.showFinding(w, r, p, http.StatusOK, nil)
}

type acceptBody struct {
	Reason  string `json:"reason"`
	Owner   string `json:"owner"`
	Expires string `json:"expires"` // YYYY-MM-DD in the org's time zone: the day the finding opens again
}

// acceptFinding records that the org lives with a finding's risk until a date.
func (a *API) acceptFinding(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	f, _, ok := a.findingInScope(w, r, p)
	if !ok {
		return
	}
	var body acceptBody
	if !decode(w, r, &body) {
		return
	}
	// A missing field is a malformed request; the service judges the rest
	// (an expiry in the past, a finding already resolved).
	for _, f := range []struct{ name, value, detail string }{
		{"reason", body.Reason, "say why the risk is accepted"},
		{"owner", body.Owner, "name who owns the risk"},
	} {
		if strings.TrimSpace(f.value) == "" {
			a.fail(w, r, fault.Invalid(f.name, "%s", f.detail))
			return
		}
	}
	org, err := a.store.OrgByID(r.Context(), p.Scope, f.OrgID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	expires, err := ExpiryDate(body.Expires, org.TimeZone)
	if err != nil {
		a.fail(w, r, fault.Invalid("expires", "%s", err.Error()))
		return
	}
	if _, err := a.estate.Accept(r.Context(), p, f.ID, finding.Acceptance{Reason: body.Reason, Owner: body.Owner, Expires: expires}); err != nil {
		a.fail(w, r, err)
		return
	}
	a.showFinding(w, r, p, http.StatusOK, nil)
}

// ExpiryDate reads an acceptance's end, YYYY-MM-DD, as the start of that
// day in the org's zone: the day the finding opens again if still failing.
func ExpiryDate(v, zone string) (time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, errors.New("give the date the acceptance ends, as YYYY-MM-DD")
	}
	loc, err := time.LoadLocation(zone)
	if err != nil || zone == "" {
		loc, _ = time.LoadLocation("Europe/London")
	}
	d, err := time.ParseInLocation(time.DateOnly, v, loc)
	if err != nil {
		return time.Time{}, errors.New(strconv.Quote(v) + " is not a date written YYYY-MM-DD")
	}
	return d, nil
}

func (a *API) revokeFinding(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	f, _, ok := a.findingInScope(w, r, p)
	if !ok {
		return
	}
	if _, err := a.estate.Revoke(r.Context(), p, f.ID); err != nil {
		a.fail(w, r, err)
		return
	}
	a.showFinding(w, r, p, http.StatusOK, nil)
}

// raiseFindingTicket opens a service-desk ticket to remediate the finding,
// due by the control's remediation period.
func (a *API) raiseFindingTicket(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	f, _, ok := a.findingInScope(w, r, p)
	if !ok {
		return
	}
	_, t, err := a.estate.RaiseTicket(r.Context(), p, f.ID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	org, err := a.store.OrgByID(r.Context(), p.Scope, f.OrgID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	link := "/api/v1/orgs/" + org.Slug + "/tickets/" + t.Ref
	w.Header().Set("Location", link)
	a.showFinding(w, r, p, http.StatusCreated, map[string]any{"ticket": map[string]any{"ref": t.Ref, "id": t.ID, "url": link}})
}
