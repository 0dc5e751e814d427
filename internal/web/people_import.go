package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/reader/hrcsv"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/peoplesvc"
)

type peopleImportData struct {
	Org      accountsvc.Org
	Form     map[string]string
	Result   *peoplesvc.ImportResult
	Mistakes hrcsv.Errors // a refused file's mistakes, each by line and column
}

// peopleImportForm is the form to upload an HR export, as `ward people
// import` takes it (the format is in the README).
func (s *Server) peopleImportForm(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	s.render(w, r, rs, http.StatusOK, "people_import", page{Data: peopleImportData{Org: org, Form: map[string]string{}}})
}

// peopleImport reads the uploaded HR file in one transaction: all of it,
// or on any mistake none of it, with every mistake listed by line and
// column.
func (s *Server) peopleImport(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	d := peopleImportData{Org: org, Form: map[string]string{}}
	refuse := func(status int, field, msg string) {
		s.render(w, r, rs, status, "people_import", page{Errors: []fieldError{{field, msg}}, Data: d})
	}
	_, part, ok := s.openUpload(w, r, refuse, s.deskUploadFailed, "file", "Choose an HR file to import", d.Form, "partial")
	if !ok {
		return
	}
	if errs := fileMissing(nil, part, "file", "Choose an HR file to import"); len(errs) > 0 {
		s.render(w, r, rs, http.StatusUnprocessableEntity, "people_import", page{Errors: errs, Data: d})
		return
	}
	res, err := s.people.Import(r.Context(), rs.principal, org.ID, httpin.FileName(part.FileName(), "", "people.csv"), part, d.Form["partial"] == "yes")
	if err != nil {
		if errors.As(err, &d.Mistakes) {
			refuse(http.StatusUnprocessableEntity, "file", fmt.Sprintf("The file was refused and nothing was imported: %d mistakes, listed below", len(d.Mistakes)))
			return
		}
		if bad := s.deskUploadFailed(w, r, refuse, err); bad != nil {
			refuse(http.StatusUnprocessableEntity, "file", "The file was refused and nothing was imported: "+bad.Message)
		}
		return
	}
	d.Result = &res
	s.render(w, r, rs, http.StatusOK, "people_import", page{Data: d})
}
