package api

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/estate"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/inventory"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// MaxImport is the largest export file ward takes in one request: an Intune
// export of tens of thousands of devices, with room to spare.
const MaxImport = 64 << 20

// trendDays reads the days query parameter: how far back the trends go.
func trendDays(r *http.Request) (int, error) {
	v := r.URL.Query().Get("days")
	if v == "" {
		return 30, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 366 {
		return 0, fault.Invalid("days", "days must be a whole number from 1 to 366")
	}
	return n, nil
}

// postureOverview is an org's posture: every control now and over time,
// the worst devices and mailboxes, and how old the open findings are.
func (a *API) postureOverview(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	days, err := trendDays(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	o, err := a.estate.Overview(r.Context(), p, org, days)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, o)
}

// postureCompare is every council the token sees, side by side.
func (a *API) postureCompare(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	days, err := trendDays(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	list, err := a.estate.Compare(r.Context(), p, days)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"councils": nonNil(list), "trend_days": days})
}

// postureEvaluate checks the org's devices and mailboxes against the
// baseline now, as an import does after reading a file.
func (a *API) postureEvaluate(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	ev, err := a.estate.Evaluate(r.Context(), p, org.ID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, ev)
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
	name := FileName(r.URL.Query().Get("filename"), r.Header.Get("Content-Disposition"), kind)
	body := bufio.NewReaderSize(r.Body, 64<<10)
	format, err := ChooseFormat(r.URL.Query().Get("format"), name, body)
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
	res, err := Import(r.Context(), a.estate, p, org.ID, format, name, body)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		problem(w, http.StatusRequestEntityTooLarge, "File too large",
			"an export may be at most "+strconv.Itoa(MaxImport>>20)+" MiB; compress it (gzip or zip) or split it")
	case errors.As(err, new(*UnreadableError)):
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

// FileName is the name an uploaded export goes by: the one given, else the
// one in a Content-Disposition header, else a plain word. Only the last
// element of a path is kept, since it is shown in messages and the audit log.
func FileName(given, disposition, fallback string) string {
	name := strings.TrimSpace(given)
	if name == "" && disposition != "" {
		if _, params, err := mime.ParseMediaType(disposition); err == nil {
			name = params["filename"]
		}
	}
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	if name == "." || name == "/" || name == "" {
		return fallback
	}
	if len(name) > 200 {
		name = name[:200]
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, name)
}

// UnreadableError is a file that could not be read as an export at all (a
// corrupt gzip stream, say): the sender's problem, not the server's.
type UnreadableError struct{ Err error }

func (e *UnreadableError) Error() string { return e.Err.Error() }
func (e *UnreadableError) Unwrap() error { return e.Err }

// ChooseFormat is the export format for a file: the one named, or the one
// its name and first bytes show.
func ChooseFormat(named, file string, head *bufio.Reader) (inventory.Format, error) {
	if strings.TrimSpace(named) != "" {
		return inventory.ParseFormat(named)
	}
	peek, _ := head.Peek(32 << 10)
	return inventory.DetectFormat(file, peek)
}

// Import reads an export of either kind into an org. A bad value is an
// *inventory.RowError; a file the readers could not read at all comes back
// as an *UnreadableError.
func Import(ctx context.Context, est *estate.Service, p tenancy.Principal, orgID int64, format inventory.Format, file string, r io.Reader) (estate.ImportResult, error) {
	var res estate.ImportResult
	var err error
	if format.Devices() {
		res, err = est.ImportDevices(ctx, p, orgID, format, file, r)
	} else {
		res, err = est.ImportMailboxes(ctx, p, orgID, format, file, r)
	}
	var rowErr *inventory.RowError
	var tooBig *http.MaxBytesError
	switch {
	case err == nil, fault.KindOf(err) != fault.KindInternal, errors.As(err, &rowErr),
		errors.As(err, &tooBig), errors.Is(err, context.Canceled):
		return res, err
	case file != "" && strings.HasPrefix(err.Error(), file+": "):
		// The readers name the file in every error of their own; the
		// store's errors never start with it.
		return res, &UnreadableError{Err: err}
	}
	return res, err
}
