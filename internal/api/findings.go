package api

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
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

// listFindings lists an org's findings, worst and oldest first, as JSON or
// (format=csv) as a spreadsheet; a CSV export is audited, as data leaving ward.
func (a *API) listFindings(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	q := r.URL.Query()
	f, bad := httpin.FindingFilter(q)
	var paging *httpin.FieldError
	f.Limit, paging = httpin.Limit(q, 10000)
	format, badFormat := httpin.Format(q, "json", "csv")
	if a.badQuery(w, r, bad, paging, badFormat) {
		return
	}
	limit, cur, err := limitCursor(q, 10000)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	f.OrgID, f.After = org.ID, cur
	if format != "csv" { // a CSV export is the whole list unless asked otherwise
		f.Limit = limit + 1
	}
	ctx := r.Context()
	list, total, err := a.posture.Findings(ctx, p, f)
	answer := map[string]any{"total": total, "limit": limit}
	if format != "csv" {
		var next *keyset.Cursor
		list, _, next = keyset.Trim(list, limit, cur, posturesvc.FindingCursor)
		if next != nil {
			answer["next"] = next.Encode()
		}
	}
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
		if err := a.accounts.RecordExport(ctx, p, org.ID, "findings of "+org.Slug+" as CSV",
			map[string]string{"rows": strconv.Itoa(len(list)), "query": r.URL.RawQuery}); err != nil {
			a.fail(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="findings-`+org.Slug+`.csv"`)
		_, _ = w.Write(buf.Bytes())
		return
	}
	who, err := a.accounts.ActorNamer(ctx, p)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	docs := make([]findingDoc, len(list))
	for i, fd := range list {
		docs[i] = docOfFinding(fd, org.Slug, who)
	}
	answer["findings"] = docs
	writeJSON(w, http.StatusOK, answer)
}

// findingInScope reads the {id} finding and its history; 404 when it is
// another org's, so a caller cannot tell which ids exist.
func (a *API) findingInScope(w http.ResponseWriter, r *http.Request, p tenancy.Principal) (finding.Finding, []finding.Event, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		a.fail(w, r, fault.NotFound("no finding %s that this token can see", r.PathValue("id")))
		return finding.Finding{}, nil, false
	}
	f, events, err := a.posture.Finding(r.Context(), p, id)
	err = notFoundAs(err, "no finding %s that this token can see", r.PathValue("id"))
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
	org, err := a.accounts.OrgByID(ctx, p, f.OrgID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	who, err := a.accounts.ActorNamer(ctx, p)
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
	org, err := a.accounts.OrgByID(r.Context(), p, f.OrgID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	// A missing field is a malformed request, each one named at once; the
	// service judges the rest (an expiry in the past, a finding already
	// resolved).
	var bad fault.Fields
	for _, f := range []struct{ name, value, detail string }{
		{"reason", body.Reason, "say why the risk is accepted"},
		{"owner", body.Owner, "name who owns the risk"},
	} {
		if strings.TrimSpace(f.value) == "" {
			bad.Add(f.name, "%s", f.detail)
		}
	}
	expires, err := httpin.ExpiryDate(body.Expires, org.TimeZone)
	if err != nil {
		bad.Add("expires", "%s", err.Error())
	}
	if err := bad.Err(); err != nil {
		a.fail(w, r, err)
		return
	}
	if _, err := a.posture.Accept(r.Context(), p, f.ID, finding.Acceptance{Reason: body.Reason, Owner: body.Owner, Expires: expires}); err != nil {
		a.fail(w, r, err)
		return
	}
	a.showFinding(w, r, p, http.StatusOK, nil)
}

func (a *API) revokeFinding(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	f, _, ok := a.findingInScope(w, r, p)
	if !ok {
		return
	}
	if _, err := a.posture.Revoke(r.Context(), p, f.ID); err != nil {
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
	_, t, err := a.posture.RaiseTicket(r.Context(), p, f.ID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	org, err := a.accounts.OrgByID(r.Context(), p, f.OrgID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	link := "/api/v1/orgs/" + org.Slug + "/tickets/" + t.Ref
	w.Header().Set("Location", link)
	a.showFinding(w, r, p, http.StatusCreated, map[string]any{"ticket": map[string]any{"ref": t.Ref, "id": t.ID, "url": link}})
}
