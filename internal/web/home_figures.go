package web

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// homeFigure is one number on a home page and the list it was counted
// from: following Href shows a list whose count is Count.
type homeFigure struct {
	Label string
	Href  string
	Count string
	n     int
}

// homeLink is a way into the work that has no number of its own.
type homeLink struct {
	Label string
	Href  string
}

// homeWork is what a role's home leads to: figures first, then links.
type homeWork struct {
	Figures []homeFigure
	Links   []homeLink
	Raise   bool        // the "Raise a ticket" button
	Health  *homeHealth // the service's health, for its administrators
}

// homeWorkOf gathers the figures the principal's role works from. Each
// figure is counted by parsing its own link the way the list parses it, so
// the number on the home and the count on the list cannot drift apart.
func (s *Server) homeWorkOf(ctx context.Context, rs *requestState) (homeWork, error) {
	p := rs.principal
	var w homeWork
	var err error
	switch {
	case p.Can(tenancy.WorkTickets) && rs.user.ID != 0:
		err = s.ticketFigures(ctx, rs, &w, [][2]string{
			{"Your open tickets", "/tickets?assigned=mine&state=open"},
			{"Open tickets nobody is working on", "/tickets?assigned=unassigned&state=open"},
			{"Open tickets breaching within " + breachSoonWords + ", or breached", "/tickets?breach=soon&sort=due"},
			{"Tickets opened today", "/tickets?opened=today"},
			{"Tickets resolved today", "/tickets?resolved=today"},
		})
	case p.Role == tenancy.RoleOfficer: // a council's own desk view
		err = s.officerFigures(ctx, rs, &w)
	}
	if err != nil {
		return w, err
	}
	w.Raise = p.Role == tenancy.RoleOfficer
	if p.Can(tenancy.ViewPosture) {
		week := s.now().In(london).AddDate(0, 0, -7).Format("2006-01-02")
		if err := s.findingFigures(ctx, rs, &w, [][2]string{
			{"Open findings", "/findings?state=open"},
			{"Findings first seen in the last 7 days", "/findings?since=" + week},
			{"New paths to Tier Zero in the last 7 days", "/findings?control=tier-zero-path&state=open&since=" + week},
		}); err != nil {
			return w, err
		}
	}
	if p.Can(tenancy.ShareWarnings) {
		if err := s.warpFigures(ctx, rs, &w); err != nil {
			return w, err
		}
	}
	if p.Role == tenancy.RoleCommittee {
		w.Links = append(w.Links, s.committeeReports(rs)...)
	} else if p.Can(tenancy.ViewReports) {
		w.Links = append(w.Links, homeLink{"SLA report by council", "/reports/sla"})
		if len(s.reportCouncils(rs)) > 1 {
			w.Links = append(w.Links, sideBySide)
		}
	}
	if p.Can(tenancy.ViewAudit) {
		w.Links = append(w.Links, homeLink{"Audit log", "/admin/audit"})
		if p.Scope.All() {
			if w.Health, err = s.homeHealthOf(ctx, rs); err != nil {
				return w, err
			}
		}
	}
	return w, nil
}

// ticketFigures counts each ticket list the figures link to.
func (s *Server) ticketFigures(ctx context.Context, rs *requestState, w *homeWork, figs [][2]string) error {
	for _, fig := range figs {
		f, _, errs := s.ticketFilter(rs, queryOf(fig[1]))
		if len(errs) > 0 {
			continue // a filter this user cannot use is no figure for them
		}
		n, more, err := s.desk.CountTickets(ctx, rs.principal, f, countCeiling)
		if err != nil {
			return err
		}
		count := thousands(n)
		if more {
			count = "More than " + thousands(countCeiling)
		}
		w.Figures = append(w.Figures, homeFigure{Label: fig[0], Href: fig[1], Count: count, n: n})
	}
	return nil
}

// officerFigures is a council's desk as its officer sees it: the open
// tickets, and how this month's resolved tickets stood against their
// target. Officers may not read the SLA report, which is the committee's
// and the service's; the ticket list, which they may read, shows the same
// tickets the percentage is made of.
func (s *Server) officerFigures(ctx context.Context, rs *requestState, w *homeWork) error {
	if err := s.ticketFigures(ctx, rs, w, [][2]string{
		{"Open tickets", "/tickets?state=open"},
		{"Tickets resolved this month", "/tickets?resolved=month"},
		{"Resolved this month within target", "/tickets?resolved=month&sla=met"},
	}); err != nil {
		return err
	}
	if n := len(w.Figures); n >= 2 && w.Figures[n-2].n > 0 {
		met, all := w.Figures[n-1].n, w.Figures[n-2].n
		w.Figures[n-1].Label += " (" + strconv.Itoa(met*100/all) + "% of those resolved)"
	}
	return nil
}

// findingFigures counts each findings list the figures link to.
func (s *Server) findingFigures(ctx context.Context, rs *requestState, w *homeWork, figs [][2]string) error {
	for _, fig := range figs {
		f, _, errs := s.findingFilter(rs, queryOf(fig[1]))
		if len(errs) > 0 {
			continue
		}
		f.Limit = 1
		_, total, err := s.posture.Findings(ctx, rs.principal, f)
		if err != nil {
			return err
		}
		w.Figures = append(w.Figures, homeFigure{Label: fig[0], Href: fig[1], Count: thousands(total)})
	}
	return nil
}

// warpFigures are a WARP member's: the advisories they have not read, and
// their org's sightings of shared indicators in its logs this month.
func (s *Server) warpFigures(ctx context.Context, rs *requestState, w *homeWork) error {
	p := rs.principal
	n, err := s.warp.CountAdvisories(ctx, p, warpsvc.AdvisoryQuery{Unread: true})
	if err != nil {
		return err
	}
	w.Figures = append(w.Figures, homeFigure{Label: "Advisories you have not read", Href: "/warp?unread=1", Count: thousands(n)})
	href := "/warp/sightings?own=1&since=" + s.now().In(london).AddDate(0, 0, -30).Format("2006-01-02")
	since, _ := httpin.SightingsSince(queryOf(href), london) // as the list reads its link
	if n, err = s.warp.CountOwnSightings(ctx, p, warpsvc.SightingQuery{Since: since}); err != nil {
		return err
	}
	w.Figures = append(w.Figures, homeFigure{Label: "Indicators seen in your logs in the last 30 days", Href: href, Count: thousands(n)})
	w.Links = append(w.Links, homeLink{"Every sighting you can see", "/warp/sightings"})
	return nil
}

// breachSoonWords is how near breach the breach=soon filter looks, in words.
var breachSoonWords = strconv.Itoa(int(desksvc.BreachSoon/time.Hour)) + " working hours"

// Rows are the figures four to a row, so a tall label does not push the
// next figure out of line.
func (w homeWork) Rows() [][]homeFigure {
	var rows [][]homeFigure
	for i := 0; i < len(w.Figures); i += 4 {
		rows = append(rows, w.Figures[i:min(i+4, len(w.Figures))])
	}
	return rows
}

// queryOf is the query string of one of the home's own links.
func queryOf(href string) url.Values {
	_, q, _ := strings.Cut(href, "?")
	v, _ := url.ParseQuery(q)
	return v
}
