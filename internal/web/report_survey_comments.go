package web

import (
	"net/http"
	"net/url"

	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

type surveyCommentsData struct {
	Org              accountsvc.Org
	From, To         string
	Comments         []desksvc.SurveyComment
	PrevURL, NextURL string
}

// surveyComments is what an org's callers wrote, newest first, a page at a
// time. The route is confidential (each view audited) and the service
// audits the tickets whose comments were read.
func (s *Server) surveyComments(w http.ResponseWriter, r *http.Request, rs *requestState) {
	q := r.URL.Query()
	org, ok := s.formOrg(rs, q.Get("org"))
	if !ok {
		s.notFound(w, r)
		return
	}
	first, last, bad := httpin.ReportDays(q, s.now(), org.TimeZone)
	var cur *keyset.Cursor
	if c := q.Get("cursor"); c != "" {
		got, err := keyset.Decode(c)
		if err != nil {
			bad = append(bad, httpin.FieldError{Field: "cursor", Detail: "not a page of this list"})
		}
		cur = &got
	}
	if len(bad) > 0 {
		s.errorPage(w, r, http.StatusBadRequest, sentence(bad[0].Detail)+".")
		return
	}
	list, prev, next, err := s.desk.SurveyComments(r.Context(), rs.principal, org, first, last, cur)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	d := surveyCommentsData{Org: org, From: first.String(), To: last.String(), Comments: list}
	link := func(c *keyset.Cursor) string {
		if c == nil {
			return ""
		}
		return "/reports/satisfaction/comments?" + url.Values{"org": {org.Slug}, "from": {d.From}, "to": {d.To}, "cursor": {c.Encode()}}.Encode()
	}
	d.PrevURL, d.NextURL = link(prev), link(next)
	s.render(w, r, rs, http.StatusOK, "survey_comments", page{Data: d})
}
