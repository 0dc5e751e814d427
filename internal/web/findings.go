package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"

	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
)

// findingsPerPage is how many findings a page of the list shows.
const findingsPerPage = 50

type findingListData struct {
	Links      []deskLink
	Filter     map[string]string
	Orgs       []accountsvc.Org // for the org filter, when the user sees several
	States     []choice
	Controls   []posture.Control
	Severities []choice
	Kinds      []choice
	Rows       []findingRow
	ShowOrg    bool
	Total      int
	PrevURL    string
	NextURL    string
	CSVURL     string
}

// findingFilterKeys are the query parameters of the list, its CSV, and its page links.
var findingFilterKeys = []string{"org", "state", "control", "severity", "kind", "subject", "since"}

// findingFilter reads the list's filters from the query string; the org
// must be one the user sees.
func (s *Server) findingFilter(rs *requestState, q url.Values) (posturesvc.FindingFilter, map[string]string, []fieldError) {
	form := map[string]string{}
	for _, k := range findingFilterKeys {
		form[k] = q.Get(k)
	}
	var errs []fieldError
	f, bad := httpin.FindingFilter(q)
	for _, b := range bad {
		msg := map[string]string{"state": "Choose a state from the list", "control": "Choose a control from the list",
			"severity": "Choose a severity from the list", "kind": "Choose a kind of subject from the list"}[b.Field]
		errs = append(errs, fieldError{b.Field, msg})
	}
	f.Subject = form["subject"]
	if b := httpin.FindingSince(q, london, &f); b != nil {
		errs = append(errs, fieldError{b.Field, "Enter the first day as a date, like 2026-11-30"})
	}
	if v := form["org"]; v != "" {
		org, ok := s.formOrg(rs, v)
		if !ok {
			fe := fieldError{"org", "Choose an organisation you can see"}
			if len(s.orgsInScope(rs)) < 2 {
				fe.Field = "" // there is no list to choose from
			}
			errs = append(errs, fe)
		}
		f.OrgID = org.ID
	}
	return f, form, errs
}

// findingList lists the findings of the orgs in view, worst and oldest
// first, filtered by the query string so a list can be bookmarked.
func (s *Server) findingList(w http.ResponseWriter, r *http.Request, rs *requestState) {
	q := r.URL.Query()
	orgs := s.orgsInScope(rs)
	data := findingListData{Links: postureLinks("/findings", len(orgs) > 1), ShowOrg: len(orgs) > 1,
		Controls: posture.Catalogue()}
	if len(orgs) > 1 {
		data.Orgs = orgs
	}
	for _, st := range finding.States {
		data.States = append(data.States, choice{Value: string(st), Label: stateTag(st).Label})
	}
	for _, sev := range posture.Severities {
		data.Severities = append(data.Severities, choice{Value: string(sev), Label: severityTag(string(sev)).Label})
	}
	for _, k := range kindLabels { // identity findings (accounts, directories, relations) included
		data.Kinds = append(data.Kinds, choice{Value: string(k.Kind), Label: k.Label})
	}
	f, form, errs := s.findingFilter(rs, q)
	data.Filter = form
	if len(errs) > 0 {
		s.render(w, r, rs, http.StatusBadRequest, "findings", page{Errors: errs, Data: data})
		return
	}
	f.Limit, f.After = findingsPerPage+1, pageCursor(q)
	list, total, err := s.posture.Findings(r.Context(), rs.principal, f)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	byID := orgIndex(orgs)
	now := s.now()
	var prev, next *keyset.Cursor
	data.Rows, prev, next = keyedPage(list, findingsPerPage, f.After, posturesvc.FindingCursor, func(fd finding.Finding) findingRow {
		o := byID[fd.OrgID]
		return findingRowOf(fd, o.Name, zoneOf(o), now)
	})
	data.Total = total
	filters := url.Values{}
	for k, val := range form {
		if val != "" {
			filters.Set(k, val)
		}
	}
	data.PrevURL, data.NextURL = cursorLinks("/findings", filters, prev, next)
	data.CSVURL = "/findings.csv"
	if len(filters) > 0 {
		data.CSVURL += "?" + filters.Encode()
	}
	s.render(w, r, rs, http.StatusOK, "findings", page{Data: data})
}

// findingCSV downloads the whole filtered list for a spreadsheet. It is
// data leaving ward, so it is audited.
func (s *Server) findingCSV(w http.ResponseWriter, r *http.Request, rs *requestState) {
	f, _, errs := s.findingFilter(rs, r.URL.Query())
	if len(errs) > 0 {
		s.errorPage(w, r, http.StatusBadRequest, "The download's filters are not ones ward knows: go back to the findings and choose them again.")
		return
	}
	list, _, err := s.posture.Findings(r.Context(), rs.principal, f)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := finding.WriteCSV(&buf, list); err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.accounts.RecordExport(r.Context(), rs.principal, f.OrgID, "findings as CSV",
		map[string]string{"rows": strconv.Itoa(len(list)), "query": r.URL.RawQuery}); err != nil {
		s.serverError(w, r, err)
		return
	}
	name := "findings"
	if f.OrgID != 0 {
		name += "-" + orgIndex(s.orgsInScope(rs))[f.OrgID].Slug
	}
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="`+name+`-`+s.now().In(london).Format("2006-01-02")+`.csv"`)
	_, _ = w.Write(buf.Bytes())
}
