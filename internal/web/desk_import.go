package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/reader/ticketcsv"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

type deskImportData struct {
	Links   []deskLink
	Form    map[string]string
	Orgs    []accountsvc.Org // a choice, when the user has not switched to one org
	OrgName string
	Result  *desksvc.ImportResult
}

// deskImportForm is the form to import a desk export: a ServiceNow
// incident event log or ward's ticket CSV, as `ward import` takes them.
func (s *Server) deskImportForm(w http.ResponseWriter, r *http.Request, rs *requestState) {
	s.showDeskImport(w, r, rs, http.StatusOK, nil, map[string]string{"source": "servicenow"}, nil)
}

func (s *Server) showDeskImport(w http.ResponseWriter, r *http.Request, rs *requestState, status int, errs []fieldError,
	form map[string]string, res *desksvc.ImportResult) {
	d := deskImportData{Links: deskLinks(r, rs), Form: form, Result: res}
	if org, fixed := s.formOrg(rs, ""); fixed {
		d.OrgName = org.Name
	} else {
		d.Orgs = s.orgsInScope(rs)
	}
	s.render(w, r, rs, status, "desk_import", page{Errors: errs, Data: d})
}

// deskImport streams the uploaded export into the org in one transaction
// and shows what it did, every mend of the export's quirks among it; a bad
// row refuses the whole file and the page says which.
func (s *Server) deskImport(w http.ResponseWriter, r *http.Request, rs *requestState) {
	form := map[string]string{}
	refuse := func(status int, field, msg string) {
		s.showDeskImport(w, r, rs, status, []fieldError{{field, msg}}, form, nil)
	}
	_, part, ok := s.openUpload(w, r, refuse, s.deskUploadFailed, "file", "Choose an export file to import", form, "org", "source", "strict")
	if !ok {
		return
	}
	var errs []fieldError
	org, ok := s.formOrg(rs, form["org"])
	if !ok {
		errs = append(errs, fieldError{"org", "Choose the organisation the tickets belong to"})
	}
	open := ticketcsv.ServiceNow
	switch form["source"] {
	case "servicenow":
	case "csv":
		open = ticketcsv.CSV
	default:
		errs = append(errs, fieldError{"source", "Choose the kind of export"})
	}
	if errs = fileMissing(errs, part, "file", "Choose an export file to import"); len(errs) > 0 {
		s.showDeskImport(w, r, rs, http.StatusUnprocessableEntity, errs, form, nil)
		return
	}
	loc, err := time.LoadLocation(org.TimeZone)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	name := httpin.FileName(part.FileName(), "", "tickets")
	rd, err := open(part, ticketcsv.Options{File: name, Location: loc, Strict: form["strict"] != ""})
	var res desksvc.ImportResult
	if err == nil {
		res, err = s.desk.Import(r.Context(), rs.principal, org.ID, form["source"], name, rd, nil)
	}
	var rowErr *ticketcsv.RowError
	switch {
	case err == nil:
		s.showDeskImport(w, r, rs, http.StatusOK, nil, form, &res)
	case errors.As(err, &rowErr):
		refuse(http.StatusUnprocessableEntity, "file", "The file was refused and nothing was imported: "+rowErr.Error())
	case fault.As(err) == nil && errors.Unwrap(err) == nil && strings.HasPrefix(err.Error(), name+": "):
		// The import's own refusals of a file as a whole name it and wrap nothing.
		refuse(http.StatusUnprocessableEntity, "file", "The file was refused and nothing was imported: "+err.Error())
	default:
		if bad := s.deskUploadFailed(w, r, refuse, err); bad != nil {
			refuse(http.StatusUnprocessableEntity, "file", sentence(bad.Message))
		}
	}
}

// deskUploadFailed answers a form that broke off or was too big; anything
// else as refusedForm does, returning invalid input for the form to show.
func (s *Server) deskUploadFailed(w http.ResponseWriter, r *http.Request, refuse func(int, string, string), err error) *fault.Error {
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		refuse(http.StatusRequestEntityTooLarge, "file", fmt.Sprintf("The file is larger than %d MB: gzip it or split it", httpin.MaxImport>>20))
	case errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "multipart"):
		refuse(http.StatusBadRequest, "file", "The upload did not arrive whole: try again")
	default:
		return s.refusedForm(w, r, err)
	}
	return nil
}
