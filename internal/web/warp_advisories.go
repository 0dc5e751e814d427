package web

import (
	"html/template"
	"net/http"
	"net/url"

	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/service/warpsvc"
)

// advisoriesPerPage is how many advisories a page of the list shows.
const advisoriesPerPage = 50

// advisoryRow is one advisory in the list.
type advisoryRow struct {
	ID                                int64
	Title, Summary, Author, Community string
	Published                         template.HTML
	TLP                               tlpBadge
	Severity                          tag
	Acked, Mine                       bool
	Indicators, Updates               int
}

type warpListData struct {
	Links       []deskLink
	Filter      map[string]string
	Communities []choice
	Markings    []choice
	Severities  []choice
	Rows        []advisoryRow
	PrevURL     string
	NextURL     string
	ExportURL   string
	Unread      bool   // unread=1: only those the user has not marked as read
	Count       string // "3 advisories", over every page
}

// warpAdvisoryFilters are the list's query parameters, which its export
// link carries on.
var warpAdvisoryFilters = []string{"community", "tlp", "severity", "q"}

// warpAdvisories lists the advisories the user may see, newest first, each
// with its TLP label; the filters are a GET form, so a list can be
// bookmarked and exported as it stands.
func (s *Server) warpAdvisories(w http.ResponseWriter, r *http.Request, rs *requestState) {
	q := r.URL.Query()
	data := warpListData{Links: warpLinks(r), Filter: filterOf(q, warpAdvisoryFilters...), Markings: markingChoices(true),
		Severities: severityChoices()}
	cur := pageCursor(q)
	communities, err := s.warp.Communities(r.Context(), rs.principal)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	for _, c := range communities {
		data.Communities = append(data.Communities, choice{Value: c.Slug, Label: c.Name})
	}
	f := data.Filter
	data.Unread = q.Get("unread") == "1"
	aq := warpsvc.AdvisoryQuery{Community: f["community"], TLP: f["tlp"], Severity: f["severity"], Query: f["q"],
		Unread: data.Unread, Limit: advisoriesPerPage + 1, After: cur}
	list, err := s.warp.Advisories(r.Context(), rs.principal, aq)
	var n int
	if err == nil {
		n, err = s.warp.CountAdvisories(r.Context(), rs.principal, aq)
	}
	data.Count = thousands(n) + " advisories"
	if n == 1 {
		data.Count = "1 advisory"
	}
	if err != nil {
		if bad := s.refusedForm(w, r, err); bad != nil {
			s.render(w, r, rs, http.StatusBadRequest, "warp", page{Errors: formErrors(err, ""), Data: data})
		}
		return
	}
	var prev, next *keyset.Cursor
	data.Rows, prev, next = keyedPage(list, advisoriesPerPage, cur, warpsvc.AdvisoryCursor, advisoryRowOf)
	data.PrevURL, data.NextURL = cursorLinks("/warp", q, prev, next)
	export := url.Values{}
	for _, k := range warpAdvisoryFilters {
		if f[k] != "" {
			export.Set(k, f[k])
		}
	}
	data.ExportURL = "/warp/export.json"
	if len(export) > 0 {
		data.ExportURL += "?" + export.Encode()
	}
	s.render(w, r, rs, http.StatusOK, "warp", page{Data: data})
}

func advisoryRowOf(a warpsvc.AdvisoryView) advisoryRow {
	return advisoryRow{ID: a.ID, Title: a.Title, Summary: a.Summary, Author: a.Author, Community: a.CommunitySlug,
		Published: shortTime(a.PublishedAt, london), TLP: tlpOf(a.TLP), Severity: severityTag(a.Severity), Acked: a.ReadByViewer,
		Mine: a.Mine, Indicators: a.Indicators, Updates: a.Updates}
}
