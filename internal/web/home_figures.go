package web

import (
	"context"
	"net/url"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// homeFigure is one number on a home page and the list it was counted
// from: following Href shows a list whose count is Count.
type homeFigure struct {
	Label string
	Href  string
	Count string
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
	Raise   bool // the "Raise a ticket" button
}

// homeWorkOf gathers the figures the principal's role works from. Each
// figure is counted by parsing its own link the way the list parses it, so
// the number on the home and the count on the list cannot drift apart.
func (s *Server) homeWorkOf(ctx context.Context, rs *requestState) (homeWork, error) {
	p := rs.principal
	var w homeWork
	tickets := func(label, href string) error {
		f, _, errs := s.ticketFilter(rs, queryOf(href))
		if len(errs) > 0 {
			return nil // a filter this user cannot use is no figure for them
		}
		n, more, err := s.desk.CountTickets(ctx, p, f, countCeiling)
		if err != nil {
			return err
		}
		count := thousands(n)
		if more {
			count = "More than " + thousands(countCeiling)
		}
		w.Figures = append(w.Figures, homeFigure{Label: label, Href: href, Count: count})
		return nil
	}
	var err error
	switch {
	case p.Can(tenancy.WorkTickets) && rs.user.ID != 0:
		for _, fig := range [][2]string{
			{"Your open tickets", "/tickets?assigned=mine&state=open"},
			{"Open tickets nobody is working on", "/tickets?assigned=unassigned&state=open"},
			{"Open tickets, nearest breach first", "/tickets?sort=due&state=open"},
			{"Tickets opened today", "/tickets?opened=today"},
		} {
			if err = tickets(fig[0], fig[1]); err != nil {
				return w, err
			}
		}
	case p.Role == tenancy.RoleOfficer: // a council's own desk view
		if err = tickets("Open tickets", "/tickets?state=open"); err != nil {
			return w, err
		}
	}
	w.Raise = p.Role == tenancy.RoleOfficer
	if p.Can(tenancy.ViewPosture) {
		week := s.now().In(london).AddDate(0, 0, -7).Format("2006-01-02")
		for _, fig := range [][2]string{
			{"Open findings", "/findings?state=open"},
			{"Findings first seen in the last 7 days", "/findings?since=" + week},
		} {
			f, _, errs := s.findingFilter(rs, queryOf(fig[1]))
			if len(errs) > 0 {
				continue
			}
			f.Limit = 1
			_, total, err := s.posture.Findings(ctx, p, f)
			if err != nil {
				return w, err
			}
			w.Figures = append(w.Figures, homeFigure{Label: fig[0], Href: fig[1], Count: thousands(total)})
		}
	}
	if p.Can(tenancy.ShareWarnings) {
		n, err := s.warp.CountAdvisories(ctx, p, warpsvc.AdvisoryQuery{Unread: true})
		if err != nil {
			return w, err
		}
		w.Figures = append(w.Figures, homeFigure{Label: "Advisories you have not read", Href: "/warp?unread=1", Count: thousands(n)})
		w.Links = append(w.Links, homeLink{"Sightings of indicators in logs", "/warp/sightings"})
	}
	if p.Role == tenancy.RoleCommittee {
		w.Links = append(w.Links, s.quarterReports(rs)...)
	} else if p.Can(tenancy.ViewReports) {
		w.Links = append(w.Links, homeLink{"SLA report by council", "/reports/sla"})
	}
	if p.Can(tenancy.ViewAudit) {
		w.Links = append(w.Links, homeLink{"Audit log", "/admin/audit"})
	}
	return w, nil
}

// quarterReports links to each council's SLA report for the quarter so
// far, as the committee reads them.
func (s *Server) quarterReports(rs *requestState) []homeLink {
	today := s.now().In(london)
	start := time.Date(today.Year(), (today.Month()-1)/3*3+1, 1, 0, 0, 0, 0, london)
	var out []homeLink
	for _, o := range s.orgsInScope(rs) {
		v := url.Values{"org": {o.Slug}, "from": {start.Format("2006-01-02")}, "to": {today.Format("2006-01-02")}}
		out = append(out, homeLink{"SLA this quarter: " + o.Name, "/reports/sla?" + v.Encode()})
	}
	return out
}

// queryOf is the query string of one of the home's own links.
func queryOf(href string) url.Values {
	_, q, _ := strings.Cut(href, "?")
	v, _ := url.ParseQuery(q)
	return v
}
