package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/reader/ticketcsv"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// importTickets reads the request body as one ticket export, as
// `ward import servicenow` and `ward import tickets` do: ?source=servicenow
// (the default) or csv, the file's name from ?filename= or
// Content-Disposition, and ?strict=true to refuse a ServiceNow export's
// quirks instead of mending them. The answer lists every mend.
func (a *API) importTickets(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	// Rights first: a token that may not import learns nothing from its file.
	if !p.Can(tenancy.ManageDesk) {
		a.fail(w, r, fault.Forbidden("this token's role (%s) may not import tickets", p.Role))
		return
	}
	q := r.URL.Query()
	source := q.Get("source")
	open := ticketcsv.ServiceNow
	switch source {
	case "", "servicenow":
		source = "servicenow"
	case "csv":
		open = ticketcsv.CSV
	default:
		a.fail(w, r, fault.Invalid("source", "source %q is not servicenow or csv", source))
		return
	}
	strict := false
	if v := q.Get("strict"); v != "" {
		var err error
		if strict, err = strconv.ParseBool(v); err != nil {
			a.fail(w, r, fault.Invalid("strict", "strict must be true or false, not %q", v))
			return
		}
	}
	loc, err := time.LoadLocation(org.TimeZone)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	name := httpin.FileName(q.Get("filename"), r.Header.Get("Content-Disposition"), "tickets")
	opt := ticketcsv.Options{File: name, Location: loc, Strict: strict}
	rd, err := open(r.Body, opt)
	if err == nil {
		res, ierr := a.desk.Import(r.Context(), p, org.ID, source, name, rd, nil)
		if ierr == nil {
			writeJSON(w, http.StatusOK, res)
			return
		}
		err = ierr
	}
	var rowErr *ticketcsv.RowError
	var history *desk.HistoryError
	switch {
	case tooLarge(w, err, "File too large", "an export may be at most "+strconv.Itoa(httpin.MaxImport>>20)+" MiB; compress it with gzip or split it"):
	case errors.As(err, &rowErr):
		writeTicketImportProblem(w, rowErr.Error(), rowErr.File, rowErr.Line, rowErr.Column, rowErr.Reason)
	case errors.As(err, &history):
		writeTicketImportProblem(w, err.Error(), name, 0, "", history.Reason)
	case fault.As(err) == nil && errors.Unwrap(err) == nil && strings.HasPrefix(err.Error(), name+": "):
		// The import's own refusals of the file as a whole (a ticket twice,
		// a history that would shrink) name the file and wrap nothing.
		writeTicketImportProblem(w, err.Error(), name, 0, "", strings.TrimPrefix(err.Error(), name+": "))
	default:
		a.fail(w, r, err)
	}
}

// writeTicketImportProblem answers a ticket file refused whole, naming
// where in the file it went wrong, as the device imports do.
func writeTicketImportProblem(w http.ResponseWriter, detail, file string, line int, column, reason string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(http.StatusUnprocessableEntity)
	doc := importProblem{Problem: Problem{Type: "about:blank", Title: "The file was refused; nothing was imported",
		Status: http.StatusUnprocessableEntity, Detail: detail}, File: file, Line: line, Column: column, Reason: reason}
	_ = json.NewEncoder(w).Encode(doc)
}
