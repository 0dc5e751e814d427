package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/walkupsvc"
)

// A desk manager gives each site's tablet and queue screen its link here.
// A new link is shown once, on the answer that made it; the site's old
// link of the same kind stops working at that moment.

type kioskRow struct {
	Site                    accountsvc.Site
	CheckInMade, ScreenMade string // when each link was made, or ""
}

type walkupSettingsData struct {
	Org  accountsvc.Org
	Rows []kioskRow
	// The link just made, shown this once.
	NewLink, NewFor string
}

func (s *Server) walkupSettings(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	s.showWalkupSettings(w, r, rs, org, walkupSettingsData{})
}

func (s *Server) showWalkupSettings(w http.ResponseWriter, r *http.Request, rs *requestState, org accountsvc.Org, d walkupSettingsData) {
	ctx := r.Context()
	links, err := s.walkup.KioskLinks(ctx, rs.principal, org.ID)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	sites, err := s.accounts.Sites(ctx, rs.principal, org.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Org = org
	for _, site := range sites {
		row := kioskRow{Site: site}
		for _, k := range links {
			if k.SiteID != site.ID {
				continue
			}
			made := k.CreatedAt.In(london).Format("2 Jan 2006 15:04")
			if k.Purpose == walkupsvc.KioskCheckIn {
				row.CheckInMade = made
			} else {
				row.ScreenMade = made
			}
		}
		d.Rows = append(d.Rows, row)
	}
	pg := page{Data: d}
	if d.NewLink != "" {
		pg.Flash = "New link made for " + d.NewFor + ": the old one no longer works"
	}
	s.render(w, r, rs, http.StatusOK, "settings_walkup", pg)
}

// walkupRotate makes a new check-in or screen link for one of the org's
// sites and shows it on this answer only; no page is cached.
func (s *Server) walkupRotate(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	siteID, _ := strconv.ParseInt(r.PostFormValue("site"), 10, 64)
	purpose := r.PostFormValue("purpose")
	token, err := s.walkup.NewKioskLink(r.Context(), rs.principal, org.ID, siteID, purpose)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	d := walkupSettingsData{NewLink: s.absolute(r, "/walkup/"+purpose+"/"+token)}
	for _, site := range mustSites(s, r, rs, org.ID) {
		if site.ID == siteID {
			d.NewFor = site.Name
		}
	}
	if purpose == walkupsvc.KioskCheckIn {
		d.NewFor += "'s check-in tablet"
	} else {
		d.NewFor += "'s queue screen"
	}
	s.showWalkupSettings(w, r, rs, org, d)
}

func mustSites(s *Server, r *http.Request, rs *requestState, orgID int64) []accountsvc.Site {
	sites, _ := s.accounts.Sites(r.Context(), rs.principal, orgID)
	return sites
}

// absolute is a path as a whole address to open on another device: under
// the configured base URL, else the address this request came to.
func (s *Server) absolute(r *http.Request, path string) string {
	if base := strings.TrimSuffix(s.cfg.BaseURL, "/"); base != "" {
		return base + path
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}
