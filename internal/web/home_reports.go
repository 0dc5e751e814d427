package web

import (
	"net/url"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

// sideBySide is every council's SLA figures for the last quarter, as the
// joint committee reads them.
var sideBySide = homeLink{"Every council side by side: SLA last quarter", "/reports/sla?org=all&period=last-quarter"}

// committeeReports links to the reports the committee reads, latest first:
// each council's SLA report for the quarter so far, then for the last
// whole month and the last whole quarter, in the council's own zone; and,
// for whoever reads several councils, all of them side by side for the
// last quarter.
func (s *Server) committeeReports(rs *requestState) []homeLink {
	var out []homeLink
	if len(s.reportCouncils(rs)) > 1 {
		out = append(out, sideBySide)
	}
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
