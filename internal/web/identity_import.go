package web

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"

	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/identitysvc"
)

// identityImport reads an uploaded directory export (a SharpHound zip or
// .json, or an Entra export) as the org's current snapshot of that domain
// or tenant, and analyses the org again. The import is one transaction: a
// bad value refuses the whole file, the page says where in the file, and
// nothing changes.
func (s *Server) identityImport(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	// The posture import's shape of refusal, so both uploads answer a
	// broken or oversized form the same way.
	refuse := func(status int, field, msg string, _ *importFailure, form map[string]string) {
		s.showIdentity(w, r, rs, org, status, []fieldError{{field, msg}}, form)
	}
	s.walkUpload(w, r, refuse, "source", "Choose a directory export to upload", func(part *multipart.Part, form map[string]string) {
		s.importDirectoryPart(w, r, rs, org, part, form, refuse)
	})
}

// importDirectoryPart imports the file part of the form, the source
// having come before it (browsers send fields in the form's order).
func (s *Server) importDirectoryPart(w http.ResponseWriter, r *http.Request, rs *requestState, org accountsvc.Org, part *multipart.Part,
	form map[string]string, refuse refuseUpload) {
	var errs []fieldError
	source := identity.Source(form["source"])
	if source != identity.ActiveDirectory && source != identity.EntraID {
		errs = append(errs, fieldError{"source", "Choose where the export comes from: Active Directory or Entra ID"})
	}
	if errs = fileMissing(errs, part, "file", "Choose a directory export to upload"); len(errs) > 0 {
		s.showIdentity(w, r, rs, org, http.StatusUnprocessableEntity, errs, form)
		return
	}
	body := bufio.NewReaderSize(part, 64<<10)
	head, err := body.Peek(4)
	if len(head) == 0 && errors.Is(err, io.EOF) {
		refuse(http.StatusUnprocessableEntity, "file", "The selected file is empty", nil, form)
		return
	}
	name := httpin.DirectoryFileName(httpin.FileName(part.FileName(), "", ""), source, head)
	res, err := s.identity.ImportUpload(r.Context(), rs.principal, org.ID, source, name, body)
	switch {
	case err != nil:
		bad := s.uploadFailed(w, r, refuse, err, form)
		switch {
		case bad != nil && bad.Field == "file":
			refuse(http.StatusUnprocessableEntity, "file", "The file was refused and nothing was imported: "+bad.Message, nil, form)
		case bad != nil:
			refuse(http.StatusUnprocessableEntity, bad.Field, sentence(bad.Message), nil, form)
		}
	default:
		s.flash(w, directoryImportSummary(res))
		http.Redirect(w, r, "/identity/"+org.Slug, http.StatusSeeOther)
	}
}

// directoryImportSummary is the one line the page shows after an import.
func directoryImportSummary(res identitysvc.ImportResult) string {
	run := res.Analysis
	c := run.Findings
	return fmt.Sprintf("Imported %s: %s %s, %d objects and %d relations. %d of %d accounts reach Tier Zero; the score is %d. Findings: %d opened, %d resolved, %d still failing.",
		res.File, sourceLabel(string(res.Source)), res.Directory, res.Nodes, res.Edges, run.Reaching, run.Accounts, run.Score.Score, c.Opened, c.Resolved, c.Kept)
}
