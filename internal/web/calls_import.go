package web

import (
	"net/http"

	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

type callsImportData struct {
	Links   []deskLink
	Form    map[string]string
	Orgs    []accountsvc.Org // a choice, when the user has not switched to one org
	OrgName string
	Result  *desksvc.CallImportResult
}

// callsImportForm is the form to import a phone system's call log, as
// `ward phone import` takes it (the columns are in the README).
func (s *Server) callsImportForm(w http.ResponseWriter, r *http.Request, rs *requestState) {
	s.showCallsImport(w, r, rs, http.StatusOK, nil, map[string]string{}, nil)
}

func (s *Server) showCallsImport(w http.ResponseWriter, r *http.Request, rs *requestState, status int, errs []fieldError,
	form map[string]string, res *desksvc.CallImportResult) {
	d := callsImportData{Links: deskLinks(r, rs), Form: form, Result: res}
	if org, fixed := s.formOrg(rs, ""); fixed {
		d.OrgName = org.Name
	} else {
		d.Orgs = s.orgsInScope(rs)
	}
	s.render(w, r, rs, status, "calls_import", page{Errors: errs, Data: d})
}

// callsImport reads the uploaded call log into the org in one transaction
// and says what it did; a mistake refuses the whole file, naming its line
// and column.
func (s *Server) callsImport(w http.ResponseWriter, r *http.Request, rs *requestState) {
	form := map[string]string{}
	refuse := func(status int, field, msg string) {
		s.showCallsImport(w, r, rs, status, []fieldError{{field, msg}}, form, nil)
	}
	_, part, ok := s.openUpload(w, r, refuse, s.deskUploadFailed, "file", "Choose a call log to import", form, "org")
	if !ok {
		return
	}
	var errs []fieldError
	org, ok := s.formOrg(rs, form["org"])
	if !ok {
		errs = append(errs, fieldError{"org", "Choose the organisation the calls belong to"})
	}
	if errs = fileMissing(errs, part, "file", "Choose a call log to import"); len(errs) > 0 {
		s.showCallsImport(w, r, rs, http.StatusUnprocessableEntity, errs, form, nil)
		return
	}
	res, err := s.desk.ImportCallLog(r.Context(), rs.principal, org, httpin.FileName(part.FileName(), "", "calls"), part)
	if err != nil {
		if bad := s.deskUploadFailed(w, r, refuse, err); bad != nil {
			refuse(http.StatusUnprocessableEntity, "file", "The file was refused and nothing was imported: "+bad.Message)
		}
		return
	}
	s.showCallsImport(w, r, rs, http.StatusOK, nil, form, &res)
}
