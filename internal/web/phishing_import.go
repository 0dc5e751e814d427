package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/phishingsvc"
)

type phishingImportData struct {
	Org    accountsvc.Org
	Links  []deskLink
	Form   map[string]string
	Result *phishingsvc.ImportResult
	Funnel funnelCells
}

func (s *Server) phishingImportForm(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	s.showPhishingImport(w, r, rs, org, http.StatusOK, nil, map[string]string{"due_days": strconv.Itoa(phishingsvc.DefaultDueDays)}, nil)
}

func (s *Server) showPhishingImport(w http.ResponseWriter, r *http.Request, rs *requestState, org accountsvc.Org, status int, errs []fieldError,
	form map[string]string, res *phishingsvc.ImportResult) {
	d := phishingImportData{Org: org, Links: phishingLinks(r.URL.Path, org.Slug, true), Form: form, Result: res}
	if res != nil {
		d.Funnel = funnelCellsOf(res.Funnel)
	}
	s.render(w, r, rs, status, "phishing_import", page{Errors: errs, Data: d})
}

// phishingImport reads an uploaded Gophish results export into a campaign
// in one transaction; every mistake in the form is named at once, and a
// mistake in the file refuses all of it, naming its line and column.
func (s *Server) phishingImport(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	form := map[string]string{}
	refuse := func(status int, field, msg string) {
		s.showPhishingImport(w, r, rs, org, status, []fieldError{{field, msg}}, form, nil)
	}
	_, part, ok := s.openUpload(w, r, refuse, s.deskUploadFailed, "file", "Choose Gophish’s results CSV to import", form,
		"campaign", "launched", "enrol", "due_days", "replace")
	if !ok {
		return
	}
	in := phishingsvc.Import{Org: org, Campaign: strings.TrimSpace(form["campaign"]), Launched: strings.TrimSpace(form["launched"]),
		Enrol: strings.TrimSpace(form["enrol"]), Replace: form["replace"] == "yes"}
	var errs []fieldError
	if in.Campaign == "" {
		errs = append(errs, fieldError{"campaign", "Enter the campaign’s name"})
	}
	if v := strings.TrimSpace(form["due_days"]); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 366 {
			errs = append(errs, fieldError{"due_days", "Enter the days to complete the course as a whole number from 1 to 366"})
		}
		in.DueDays = n
	}
	if errs = fileMissing(errs, part, "file", "Choose Gophish’s results CSV to import"); len(errs) > 0 {
		s.showPhishingImport(w, r, rs, org, http.StatusUnprocessableEntity, errs, form, nil)
		return
	}
	in.File = httpin.FileName(part.FileName(), "", "results")
	res, err := s.phishing.ImportFile(r.Context(), rs.principal, in, part)
	if err != nil {
		if bad := s.deskUploadFailed(w, r, refuse, err); bad != nil {
			status := http.StatusUnprocessableEntity
			if bad.Kind == fault.KindConflict {
				status = http.StatusConflict
			}
			for _, f := range fault.All(err) {
				fe := fieldError{f.Field, sentence(f.Message)}
				if f.Field == "" || f.Field == "file" {
					// The reader's message starts with the file's name, kept as it is.
					fe = fieldError{"file", "The file was refused and nothing was imported: " + f.Message}
				}
				errs = append(errs, fe)
			}
			s.showPhishingImport(w, r, rs, org, status, errs, form, nil)
		}
		return
	}
	s.showPhishingImport(w, r, rs, org, http.StatusOK, nil, form, &res)
}
