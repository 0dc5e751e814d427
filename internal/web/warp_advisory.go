package web

import (
	"html/template"
	"net/http"
	"strconv"

	"github.com/ward-shared-service/ward/internal/service/warpsvc"
)

type followUpRow struct {
	Body template.HTML
	At   string
}

type ackRow struct {
	Name, Org string
	At        template.HTML
}

type advisoryPageData struct {
	Links               []deskLink
	CommunityName       string // the community's own name; its slug is for scripts
	Advisory            warpsvc.AdvisoryDetail
	TLP                 tlpBadge
	Severity            tag
	Body                template.HTML
	Published, Modified string
	FollowUps           []followUpRow
	ReadBy              []ackRow
	Indicators          []indicatorRow
	Sightings           []sightingRow
	Link                string
	CanFollowUp, Acked  bool
	Form                map[string]string
}

// warpAdvisory shows one advisory under its TLP banner and rule: the body
// rendered from Markdown with nothing active let through, the follow-ups,
// its indicators (defanged) and their sightings; the author's org also
// sees who has read it. An advisory the user may not see is not found.
// warpAdvisory shows an advisory; opening it takes it out of the reader's
// unread ones (the home's figure), though only "Mark as read" tells its
// author.
func (s *Server) warpAdvisory(w http.ResponseWriter, r *http.Request, rs *requestState) {
	if id, ok := advisoryID(r); ok {
		if err := s.warp.RecordOpen(r.Context(), rs.principal, id); err != nil {
			s.refused(w, r, err) // not found, as the page would say
			return
		}
	}
	s.showAdvisory(w, r, rs, http.StatusOK, nil, nil)
}

func (s *Server) showAdvisory(w http.ResponseWriter, r *http.Request, rs *requestState, status int, errs []fieldError, form map[string]string) {
	id, ok := advisoryID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	d, err := s.warp.Advisory(r.Context(), rs.principal, id)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	data := advisoryPageDataOf(d, rs.principal.UserID != 0)
	data.Links = warpLinks(r)
	data.CommunityName = d.CommunitySlug
	if c, err := s.warp.Community(r.Context(), rs.principal, d.CommunitySlug); err == nil {
		data.CommunityName = c.Name // a reader from outside the community sees its slug
	}
	if form != nil {
		data.Form = form
	}
	s.render(w, r, rs, status, "warp_advisory", page{Errors: errs, Data: data})
}

func advisoryPageDataOf(d warpsvc.AdvisoryDetail, signedIn bool) advisoryPageData {
	data := advisoryPageData{Advisory: d, TLP: tlpOf(d.TLP), Severity: severityTag(d.Severity), Body: renderMarkdown(d.Body),
		Published: localTime(d.PublishedAt, london), Link: "/warp/advisories/" + strconv.FormatInt(d.ID, 10),
		CanFollowUp: d.Mine, Acked: d.AckedByViewer || !signedIn, Form: map[string]string{}}
	if d.ModifiedAt.After(d.PublishedAt) {
		data.Modified = localTime(d.ModifiedAt, london)
	}
	for _, u := range d.FollowUps {
		data.FollowUps = append(data.FollowUps, followUpRow{Body: renderMarkdown(u.Body), At: localTime(u.CreatedAt, london)})
	}
	for _, a := range d.ReadBy {
		data.ReadBy = append(data.ReadBy, ackRow{Name: a.UserName, Org: a.OrgName, At: shortTime(a.At, london)})
	}
	for _, in := range d.IndicatorsOf {
		data.Indicators = append(data.Indicators, indicatorRowOf(in))
	}
	for _, g := range d.Sightings {
		data.Sightings = append(data.Sightings, sightingRowOf(g))
	}
	return data
}

// warpAcknowledge records that the user has read the advisory, so its
// author knows the warning landed.
func (s *Server) warpAcknowledge(w http.ResponseWriter, r *http.Request, rs *requestState) {
	id, ok := advisoryID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	if err := s.warp.Acknowledge(r.Context(), rs.principal, id); err != nil {
		s.refused(w, r, err)
		return
	}
	s.flash(w, "Marked as read: the author’s organisation can see that you have read it")
	http.Redirect(w, r, "/warp/advisories/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

// warpFollowUp adds an update to an advisory; only its author's org may.
// The advisory is looked up first, so one the user cannot see is not
// found whatever the form holds.
func (s *Server) warpFollowUp(w http.ResponseWriter, r *http.Request, rs *requestState) {
	id, ok := advisoryID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	if _, err := s.warp.Advisory(r.Context(), rs.principal, id); err != nil {
		s.refused(w, r, err)
		return
	}
	body := r.PostFormValue("body")
	_, err := s.warp.AddFollowUp(r.Context(), rs.principal, id, body)
	switch bad := s.refusedForm(w, r, err); {
	case bad != nil:
		s.showAdvisory(w, r, rs, http.StatusUnprocessableEntity, []fieldError{{"body-update", sentence(bad.Message)}}, map[string]string{"body": body})
	case err != nil: // refusedForm answered it
	default:
		s.flash(w, "Update added")
		http.Redirect(w, r, "/warp/advisories/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	}
}
