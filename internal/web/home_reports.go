package web

import (
	"net/url"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

// committeeReports links to the reports the committee reads, latest first:
// each council's SLA report for the quarter so far, then for the last
// whole month and the last whole quarter, in the council's own zone.
func (s *Server) committeeReports(rs *requestState) []homeLink {
	var out []homeLink
	for _, o := range s.orgsInScope(rs) {
		for _, name := range []string{"this-quarter", "last-month", "last-quarter"} {
			first, last, _ := desksvc.NamedPeriod(name, s.now(), o.TimeZone)
			label := strings.ToLower(desksvc.PeriodLabel(name))
			if name == "last-month" {
				label = time.Date(first.Year, first.Month, 1, 0, 0, 0, 0, time.UTC).Format("January 2006")
			}
			v := url.Values{"org": {o.Slug}, "from": {first.String()}, "to": {last.String()}}
			out = append(out, homeLink{o.Name + ": SLA " + label, "/reports/sla?" + v.Encode()})
		}
	}
	return out
}
