package api

import (
	"bufio"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/reader/inventory"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// trendDays reads the days query parameter: how far back the trends go,
// 30 unless asked. A wrong one is answered, and ok is false.
func (a *API) trendDays(w http.ResponseWriter, r *http.Request) (days int, ok bool) {
	v := r.URL.Query().Get("days")
	if v == "" {
		return 30, true
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 366 {
		a.fail(w, r, fault.Invalid("days", "days must be a whole number from 1 to 366"))
		return 0, false
	}
	return n, true
}

// postureOverview is an org's posture: every control now and over time,
// the worst devices and mailboxes, and how old the open findings are.
func (a *API) postureOverview(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	days, ok := a.trendDays(w, r)
	if !ok {
		return
	}
	o, err := a.posture.Overview(r.Context(), p, org, days)
	a.reply(w, r, http.StatusOK, o, err)
}

// postureCompare is every council the token sees, side by side.
func (a *API) postureCompare(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	days, ok := a.trendDays(w, r)
	if !ok {
		return
	}
	list, err := a.posture.Compare(r.Context(), p, days)
	a.reply(w, r, http.StatusOK, map[string]any{"councils": nonNil(list), "trend_days": days}, err)
}

// postureEvaluate checks the org's devices and mailboxes against the
// baseline now, as an import does after reading a file.
func (a *API) postureEvaluate(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	ev, err := a.posture.Evaluate(r.Context(), p, org.ID)
	a.reply(w, r, http.StatusOK, ev, err)
}

func (a *API) importDevices(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	a.importExport(w, r, p, true)
}

func (a *API) importMailboxes(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	a.importExport(w, r, p, false)
}

// importExport reads the request body as one export file. The format comes
// from ?format=, or is worked out from the file; the file's name (for the
// messages that point at a line of it) from ?filename= or Content-Disposition.
func (a *API) importExport(w http.ResponseWriter, r *http.Request, p tenancy.Principal, devices bool) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	// Rights first: a token that may not import learns nothing from its file.
	if !p.Can(tenancy.ManagePosture) {
		a.fail(w, r, fault.Forbidden("this token's role (%s) may not import exports", p.Role))
		return
	}
	kind := "devices"
	if !devices {
		kind = "mailboxes"
	}
	name := httpin.FileName(r.URL.Query().Get("filename"), r.Header.Get("Content-Disposition"), kind)
	body := bufio.NewReaderSize(r.Body, 64<<10)
	format, err := httpin.ChooseFormat(r.URL.Query().Get("format"), name, body)
	switch {
	case err != nil:
	case devices && !format.Devices():
		err = errors.New("a " + string(format) + " export holds mailboxes, not devices: send it to mailboxes/import")
	case !devices && format.Devices():
		err = errors.New("a " + string(format) + " export holds devices, not mailboxes: send it to devices/import")
	}
	if err != nil {
		a.fail(w, r, fault.Invalid("format", "%s", err.Error()))
		return
	}
	res, err := httpin.Import(r.Context(), a.posture, p, org.ID, format, name, body)
	switch {
	case tooLarge(w, err, "File too large", "an export may be at most "+strconv.Itoa(httpin.MaxImport>>20)+" MiB; compress it (gzip or zip) or split it"):
	case errors.As(err, new(*httpin.UnreadableError)):
		problem(w, http.StatusBadRequest, "Cannot read the file", err.Error())
	case err != nil:
		a.fail(w, r, err)
	default:
		writeJSON(w, http.StatusOK, res)
	}
}

// importProblem is a problem document for a file refused whole, naming
// where in the file it went wrong (RFC 9457 extension members).
type importProblem struct {
	Problem
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column string `json:"column,omitempty"`
	Path   string `json:"path,omitempty"`
	Reason string `json:"reason"`
}

// writeImportProblem is fail's answer to a bad value in an uploaded file.
func writeImportProblem(w http.ResponseWriter, e *inventory.RowError) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(http.StatusUnprocessableEntity)
	doc := importProblem{Problem: Problem{Type: "about:blank", Title: "The file was refused; nothing was imported",
		Status: http.StatusUnprocessableEntity, Detail: e.Error()}, File: e.File, Line: e.Line, Column: e.Column, Path: e.Path, Reason: e.Reason}
	_ = json.NewEncoder(w).Encode(doc)
}
