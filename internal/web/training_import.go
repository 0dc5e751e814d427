package web

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"

	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/reader/learningcsv"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/trainingsvc"
)

type trainingImportData struct {
	Org     accountsvc.Org
	Links   []deskLink
	Form    map[string]string
	Failure *importFailure
	Columns []string
}

// trainingImportForm is the upload form for an e-learning completion file.
func (s *Server) trainingImportForm(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	s.showTrainingImport(w, r, rs, org, http.StatusOK, nil, nil, nil)
}

func (s *Server) showTrainingImport(w http.ResponseWriter, r *http.Request, rs *requestState, org accountsvc.Org, status int, errs []fieldError, failure *importFailure, form map[string]string) {
	if form == nil {
		form = map[string]string{}
	}
	s.render(w, r, rs, status, "training_import", page{Errors: errs, Data: trainingImportData{Org: org, Links: trainingLinks(org, rs.principal),
		Form: form, Failure: failure, Columns: learningcsv.Columns}})
}

// trainingImport streams an uploaded completion file into the org: all or
// nothing, a refused file named by line and column.
func (s *Server) trainingImport(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	refuse := func(status int, field, msg string, failure *importFailure, form map[string]string) {
		s.showTrainingImport(w, r, rs, org, status, []fieldError{{field, msg}}, failure, form)
	}
	s.walkUpload(w, r, refuse, "skip_unknown", "Choose a completion file to upload", func(part *multipart.Part, form map[string]string) {
		if errs := fileMissing(nil, part, "file", "Choose a completion file to upload"); len(errs) > 0 {
			s.showTrainingImport(w, r, rs, org, http.StatusUnprocessableEntity, errs, nil, form)
			return
		}
		name := httpin.FileName(part.FileName(), "", "completions.csv")
		body := bufio.NewReaderSize(part, 64<<10)
		if _, err := body.Peek(1); errors.Is(err, io.EOF) {
			refuse(http.StatusUnprocessableEntity, "file", "The selected file is empty", nil, form)
			return
		}
		res, err := s.training.ImportCompletions(r.Context(), rs.principal, org.ID, name, body,
			trainingsvc.ImportOptions{SkipUnknown: form["skip_unknown"] == "yes"})
		var rowErr *learningcsv.Error
		switch {
		case errors.As(err, &rowErr):
			failure := &importFailure{File: rowErr.File, Line: rowErr.Line, Column: rowErr.Column, Reason: rowErr.Reason, Message: rowErr.Error()}
			refuse(http.StatusUnprocessableEntity, "file", "The file was refused and nothing was imported: "+rowErr.Error(), failure, form)
		case err != nil:
			if bad := s.uploadFailed(w, r, refuse, err, form); bad != nil {
				refuse(http.StatusUnprocessableEntity, "file", "The file was refused and nothing was imported: "+bad.Message, nil, form)
			}
		default:
			msg := fmt.Sprintf("%s: %d rows read, %d completions added", res.File, res.Rows, res.Added)
			if res.Skipped > 0 {
				msg += fmt.Sprintf(", %d rows skipped", res.Skipped)
			}
			s.flash(w, msg)
			http.Redirect(w, r, "/training/"+org.Slug, http.StatusSeeOther)
		}
	})
}
