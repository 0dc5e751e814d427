package web

import (
	"net/url"
	"time"
)

// committeeReports links to the reports the committee reads, latest first:
// each council's SLA report for the quarter so far, then for the last
// whole month and the last whole quarter.
func (s *Server) committeeReports(rs *requestState) []homeLink {
	today := s.now().In(london)
	quarter := time.Date(today.Year(), (today.Month()-1)/3*3+1, 1, 0, 0, 0, 0, london)
	month := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, london)
	periods := []struct {
		label    string
		from, to time.Time
	}{
		{"this quarter so far", quarter, today},
		{month.AddDate(0, -1, 0).Format("January 2006"), month.AddDate(0, -1, 0), month.AddDate(0, 0, -1)},
		{"last quarter", quarter.AddDate(0, -3, 0), quarter.AddDate(0, 0, -1)},
	}
	var out []homeLink
	for _, o := range s.orgsInScope(rs) {
		for _, p := range periods {
			v := url.Values{"org": {o.Slug}, "from": {p.from.Format("2006-01-02")}, "to": {p.to.Format("2006-01-02")}}
			out = append(out, homeLink{o.Name + ": SLA " + p.label, "/reports/sla?" + v.Encode()})
		}
	}
	return out
}
