package web

import (
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/fault"
	markdownin "github.com/ward-shared-service/ward/internal/reader/markdown"
	"github.com/ward-shared-service/ward/internal/service/policysvc"
)

// policyPublishFields are the publish form's fields, as the service names
// them.
var policyPublishFields = []string{"slug", "title", "owner", "review_on", "kinds", "teams", "accept_days", "body", "file", "note"}

// policyPublish publishes a new version from the form: the text typed in,
// or a Markdown file uploaded, which is read through the bounded reader.
func (s *Server) policyPublish(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		s.showPolicies(w, r, rs, org, http.StatusBadRequest, []fieldError{{"file", "The form could not be read: " + err.Error()}}, nil)
		return
	}
	form := map[string]string{}
	for _, f := range policyPublishFields {
		form[f] = strings.TrimSpace(r.PostFormValue(f))
	}
	form["material"] = r.PostFormValue("material")
	in := policysvc.Publish{OrgID: org.ID, Slug: form["slug"], Title: form["title"], Owner: form["owner"], ReviewOn: form["review_on"],
		Kinds: form["kinds"], Teams: form["teams"], Material: form["material"] == "on", Note: form["note"], RemindDays: -1, RemindMax: -1,
		Body: r.PostFormValue("body")}
	var errs []fieldError
	if form["accept_days"] != "" {
		n, err := strconv.Atoi(form["accept_days"])
		if err != nil || n < 1 {
			errs = append(errs, fieldError{"accept_days", "Give the days to accept as a whole number from 1 to 365"})
		}
		in.AcceptDays = n
	}
	if f, h, err := r.FormFile("file"); err == nil {
		body, err := markdownin.Read(h.Filename, io.LimitReader(f, markdownin.MaxBody+1))
		f.Close()
		if err != nil {
			errs = append(errs, fieldError{"file", sentence(fault.As(err).Message)})
		}
		in.Body = body
	}
	var err error
	if len(errs) == 0 {
		_, err = s.policy.Publish(r.Context(), rs.principal, in)
	}
	if len(errs) > 0 || err != nil {
		errs = append(errs, s.formFaults(w, r, err, policyPublishFields...)...)
		if err != nil && len(errs) == 0 {
			return // refused outright, already answered
		}
		s.showPolicies(w, r, rs, org, http.StatusUnprocessableEntity, errs, form)
		return
	}
	http.Redirect(w, r, "/policies/"+org.Slug+"/"+in.Slug, http.StatusSeeOther)
}

// policyPaper records a signed paper acceptance with its scanned copy.
func (s *Server) policyPaper(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		s.showPolicies(w, r, rs, org, http.StatusBadRequest, []fieldError{{"scan", "The form could not be read: " + err.Error()}}, nil)
		return
	}
	in := policysvc.Paper{OrgID: org.ID, Slug: r.PostFormValue("document")}
	form := map[string]string{"document": in.Slug, "person": strings.TrimSpace(r.PostFormValue("person"))}
	var errs []fieldError
	id, err := s.policy.PersonID(r.Context(), rs.principal, org.ID, form["person"])
	if err != nil {
		errs = append(errs, fieldError{"person", "Give the e-mail address of one of " + org.Name + "'s people"})
	}
	in.PersonID = id
	if f, h, err := r.FormFile("scan"); err == nil {
		in.Scan, _ = io.ReadAll(io.LimitReader(f, policysvc.MaxEvidence+1))
		in.FileName = h.Filename
		f.Close()
	}
	if len(errs) == 0 {
		_, err = s.policy.AcceptPaper(r.Context(), rs.principal, in)
		if err != nil {
			errs = s.formFaults(w, r, err, "scan", "person", "document", "version")
			if len(errs) == 0 {
				return
			}
		}
	}
	if len(errs) > 0 {
		s.showPolicies(w, r, rs, org, http.StatusUnprocessableEntity, errs, form)
		return
	}
	http.Redirect(w, r, "/policies/"+org.Slug, http.StatusSeeOther)
}
