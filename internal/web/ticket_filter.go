package web

import (
	"net/url"

	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

// ticketFilterKeys are the ticket list's query values, kept in its links.
var ticketFilterKeys = []string{"state", "priority", "channel", "type", "q", "org", "assigned", "opened", "resolved", "sla", "breach", "sort"}

// ticketFilter reads the ticket list's filters from a query string. The
// home page counts its figures through it too, so a figure and the list
// its link opens count the same tickets.
func (s *Server) ticketFilter(rs *requestState, q url.Values) (desksvc.TicketFilter, map[string]string, []fieldError) {
	orgs := s.orgsInScope(rs)
	form := map[string]string{}
	for _, k := range ticketFilterKeys {
		form[k] = q.Get(k)
	}
	f, bad := httpin.TicketFilter(q)
	f.Limit = ticketsPerPage
	var errs []fieldError
	for _, b := range bad {
		msg := map[string]string{"state": "Choose a state from the list", "priority": "Choose a priority from P1 to P4",
			"channel": "Choose a channel from the list", "type": "Choose incident or request"}[b.Field]
		errs = append(errs, fieldError{b.Field, msg})
	}
	errs = append(errs, assignedErrors(q, rs, &f)...)
	for _, b := range httpin.TicketOrder(q, &f) {
		errs = append(errs, fieldError{b.Field, map[string]string{"sort": "Choose an order from the list",
			"cursor": "This page link is out of date; start again from the first page"}[b.Field]})
	}
	if v := q.Get("org"); v != "" {
		org, ok := s.formOrg(rs, v)
		if !ok {
			fe := fieldError{"org", "Choose an organisation you can see"}
			if len(orgs) < 2 {
				fe.Field = "" // there is no list to choose from
			}
			errs = append(errs, fe)
		}
		f.OrgID = org.ID
	}
	if b := httpin.TicketOpened(q, s.now(), london, &f); b != nil {
		errs = append(errs, fieldError{b.Field, "Choose today or leave the opening date out"})
	}
	for _, b := range httpin.TicketWhen(q, s.now(), london, &f) {
		errs = append(errs, fieldError{b.Field, map[string]string{"resolved": "Choose today, this month or leave the resolution date out",
			"sla": "Choose met or breached, or leave the SLA out", "breach": "Choose soon or leave the breach filter out"}[b.Field]})
	}
	return f, form, errs
}
