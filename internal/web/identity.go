package web

import (
	"net/http"
)

// identityRow is one org on the side by side page.
type identityRow struct {
	Slug, Name, Score, Day       string
	Reaching, Accounts, TierZero int
	Directories                  []directoryRow
	Trend                        *sparkline
}

type identityOverviewData struct {
	Links []deskLink
	Orgs  []identityRow
	Days  int
}

// identityOverview shows every org in view side by side: the shared
// service's security lead compares how exposed each council's directories
// are. Someone who sees one org goes straight to its page.
func (s *Server) identityOverview(w http.ResponseWriter, r *http.Request, rs *requestState) {
	if orgs := s.orgsInScope(rs); len(orgs) == 1 {
		http.Redirect(w, r, "/identity/"+orgs[0].Slug, http.StatusSeeOther)
		return
	}
	list, err := s.identity.Overview(r.Context(), rs.principal)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	who, err := s.actorNames(r, rs)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data := identityOverviewData{Links: identityLinks("", "/identity", true), Days: trendDays}
	for _, sum := range list {
		row := identityRow{Slug: sum.Slug, Name: sum.Org, Score: scoreText(sum.Day, sum.Score), Day: sum.Day,
			Reaching: sum.Reaching, Accounts: sum.Accounts, TierZero: sum.TierZero,
			Directories: directoryRows(sum.Directories, who, london),
			Trend:       scoreTrend(sum.History, 120, 32, "Identity score of "+sum.Org)}
		data.Orgs = append(data.Orgs, row)
	}
	s.render(w, r, rs, http.StatusOK, "identity", page{Data: data})
}
