package web

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/reader/inventory"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
)

// maxUpload is the largest multipart form the import takes: the file and
// a little room for the rest of the form.
const maxUpload = httpin.MaxImport + 64<<10

// postureImport reads an uploaded export into the org and evaluates it.
// The file is streamed from the form into the import, never kept on disk;
// the import is one transaction, so a bad row leaves everything as it was
// and the page says which row.
func (s *Server) postureImport(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	refuse := func(status int, field, msg string, failure *importFailure, form map[string]string) {
		s.showPosture(w, r, rs, org, status, []fieldError{{field, msg}}, failure, form)
	}
	s.walkUpload(w, r, refuse, "format", "Choose an export file to upload", func(part *multipart.Part, form map[string]string) {
		s.importPart(w, r, rs, org, part, form, refuse)
	})
}

// refuseUpload answers an upload the page cannot take, showing the form again.
type refuseUpload = func(status int, field, msg string, failure *importFailure, form map[string]string)

// walkUpload reads an import form as it arrives: the one small choice field
// (the export's format or source) into form, then the file part handed to
// onFile as a stream, never buffered whole; a form without a file part
// hands onFile nil, for it to name with the choice's own mistake.
func (s *Server) walkUpload(w http.ResponseWriter, r *http.Request, refuse refuseUpload, choice, missing string, onFile func(part *multipart.Part, form map[string]string)) {
	mr, err := r.MultipartReader()
	if err != nil {
		refuse(http.StatusBadRequest, "file", missing, nil, nil)
		return
	}
	form := map[string]string{}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if bad := s.uploadFailed(w, r, refuse, err, form); bad != nil {
				refuse(http.StatusUnprocessableEntity, bad.Field, sentence(bad.Message), nil, form)
			}
			return
		}
		switch part.FormName() {
		case choice:
			v, _ := io.ReadAll(io.LimitReader(part, 64))
			form[choice] = strings.TrimSpace(string(v))
		case "file":
			onFile(part, form)
			return
		}
		_ = part.Close()
	}
	onFile(nil, form) // no file part: onFile names it with the other mistakes
}

func (s *Server) importPart(w http.ResponseWriter, r *http.Request, rs *requestState, org accountsvc.Org, part *multipart.Part,
	form map[string]string, refuse refuseUpload) {
	var errs []fieldError
	if v := form["format"]; v != "" {
		if _, err := inventory.ParseFormat(v); err != nil {
			errs = append(errs, fieldError{"format", sentence(err.Error())})
		}
	}
	if errs = fileMissing(errs, part, "file", "Choose an export file to upload"); len(errs) > 0 {
		s.showPosture(w, r, rs, org, http.StatusUnprocessableEntity, errs, nil, form)
		return
	}
	name := httpin.FileName(part.FileName(), "", "upload")
	body := bufio.NewReaderSize(part, 64<<10)
	if _, err := body.Peek(1); errors.Is(err, io.EOF) {
		refuse(http.StatusUnprocessableEntity, "file", "The selected file is empty", nil, form)
		return
	}
	format, err := httpin.ChooseFormat(form["format"], name, body)
	if err != nil {
		refuse(http.StatusUnprocessableEntity, "format", sentence(err.Error()), nil, form)
		return
	}
	res, err := httpin.Import(r.Context(), s.posture, rs.principal, org.ID, format, name, body)
	var rowErr *inventory.RowError
	var unreadable *httpin.UnreadableError
	switch {
	case errors.As(err, &rowErr):
		failure := &importFailure{File: rowErr.File, Line: rowErr.Line, Column: rowErr.Column, Path: rowErr.Path,
			Reason: rowErr.Reason, Message: rowErr.Error()}
		refuse(http.StatusUnprocessableEntity, "file", "The file was refused and nothing was imported: "+rowErr.Error(), failure, form)
	case errors.As(err, &unreadable):
		refuse(http.StatusUnprocessableEntity, "file", "The file could not be read as an export: "+unreadable.Error(), nil, form)
	case err != nil:
		if bad := s.uploadFailed(w, r, refuse, err, form); bad != nil {
			refuse(http.StatusUnprocessableEntity, "format", sentence(bad.Message), nil, form)
		}
	default:
		s.flash(w, importSummary(res))
		http.Redirect(w, r, "/posture/"+org.Slug, http.StatusSeeOther)
	}
}

// uploadFailed answers a form that broke off or was too big; anything else
// is a service's refusal, answered by its kind, but for invalid input, which
// it returns for the form to show (as refusedForm does).
func (s *Server) uploadFailed(w http.ResponseWriter, r *http.Request, refuse refuseUpload, err error, form map[string]string) *fault.Error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		refuse(http.StatusRequestEntityTooLarge, "file", fmt.Sprintf("The file is larger than %d MB: compress it (zip or gzip) or split it", httpin.MaxImport>>20), nil, form)
		return nil
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "multipart") {
		refuse(http.StatusBadRequest, "file", "The upload did not arrive whole: try again", nil, form)
		return nil
	}
	return s.refusedForm(w, r, err)
}

// importSummary is the one line the page shows after an import.
func importSummary(res posturesvc.ImportResult) string {
	what := "devices"
	if !res.Format.Devices() {
		what = "mailboxes"
	}
	ev := res.Evaluation
	c := ev.Findings
	msg := fmt.Sprintf("Imported %s: %d %s read, %d new, %d matched to ones held. Findings: %d opened, %d resolved, %d reopened, %d still failing.",
		res.File, res.Read, what, res.Created, res.Merged, c.Opened, c.Resolved, c.Reopened, c.Kept)
	return msg + skippedNote(ev.Skipped)
}

// skippedNote names the controls an evaluation could not check; the page
// says why.
func skippedNote(skipped []string) string {
	if len(skipped) == 0 {
		return ""
	}
	ids := make([]string, len(skipped))
	for i, s := range skipped {
		ids[i], _, _ = strings.Cut(s, ":")
	}
	return " Not checked: " + strings.Join(ids, ", ") + "."
}

// postureEvaluate checks the org's devices and mailboxes again without an
// import: after a change of settings, or to let time-based checks (a
// device not seen for a month, an update now overdue) catch up.
func (s *Server) postureEvaluate(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	ev, err := s.posture.Evaluate(r.Context(), rs.principal, org.ID)
	if err != nil {
		if bad := s.refusedForm(w, r, err); bad != nil {
			s.showPosture(w, r, rs, org, http.StatusUnprocessableEntity, []fieldError{{"", sentence(bad.Message)}}, nil, nil)
		}
		return
	}
	c := ev.Findings
	s.flash(w, "Evaluated "+strconv.Itoa(ev.Devices)+" devices and "+strconv.Itoa(ev.Mailboxes)+" mailboxes. Findings: "+
		fmt.Sprintf("%d opened, %d resolved, %d reopened, %d still failing.", c.Opened, c.Resolved, c.Reopened, c.Kept)+skippedNote(ev.Skipped))
	http.Redirect(w, r, "/posture/"+org.Slug, http.StatusSeeOther)
}
