package web

import (
	"net/http"
	"strings"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
)

// ticketsPerPage is how many tickets a page of the list shows.
const ticketsPerPage = 50

type ticketListData struct {
	Links      []deskLink
	Filter     map[string]string
	Orgs       []accountsvc.Org // for the org filter, when the user sees several
	States     []desk.State
	Priorities []desk.Priority
	Channels   []desk.Channel
	Types      []desk.Type
	Rows       []ticketRow
	ShowOrg    bool
	Sorts      []Item            // the sort select's choices
	SortCols   map[string]Column // the headings that sort the table
	Count      string            // "1,234 tickets" or "More than 10,000 tickets"
	PrevURL    string
	NextURL    string
	// The desk's queue tools: mine and unassigned for desk staff, and the
	// whole filtered list as CSV.
	Staff  bool
	CSVURL string
	// BreachSoon is how near breach the breach=soon filter looks, in words.
	BreachSoon string
}

// ticketList lists the tickets of the orgs in view, newest first or in the
// order chosen, filtered by the query string so a filtered list can be
// bookmarked and shared. It pages by cursor (ticket_order.go).
func (s *Server) ticketList(w http.ResponseWriter, r *http.Request, rs *requestState) {
	ctx := r.Context()
	q := r.URL.Query()
	orgs := s.orgsInScope(rs)
	data := ticketListData{Links: deskLinks(r, rs), Filter: map[string]string{}, States: desk.States,
		Priorities: desk.Priorities, Channels: desk.Channels, Types: desk.Types, ShowOrg: len(orgs) > 1, Sorts: ticketSortOptions, BreachSoon: breachSoonWords}
	if len(orgs) > 1 {
		data.Orgs = orgs
	}
	f, form, errs := s.ticketFilter(rs, q)
	data.Filter = form
	data.Staff = canWork(rs)
	data.SortCols = ticketSortColumns(data.Filter, f.Sort)
	if len(errs) > 0 {
		s.render(w, r, rs, http.StatusBadRequest, "tickets", page{Errors: errs, Data: data})
		return
	}
	pg, err := s.desk.TicketPage(ctx, rs.principal, f)
	if err == nil {
		data.Count, err = s.ticketCount(ctx, rs, f)
	}
	if bad := s.refusedForm(w, r, err); bad != nil {
		// a search that ran past its budget: said on the search box
		s.render(w, r, rs, http.StatusUnprocessableEntity, "tickets", page{Errors: formErrors(bad, ""), Data: data})
		return
	}
	if err != nil {
		return
	}
	tickets := pg.Tickets
	clocks, err := s.desk.ListClocks(ctx, rs.principal, tickets)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	byID := orgIndex(rs.orgs)
	for i, t := range tickets {
		data.Rows = append(data.Rows, rowOf(t, clocks[i], byID[t.OrgID]))
	}
	if pg.Prev != nil {
		data.PrevURL = ticketListURL(data.Filter, "cursor", pg.Prev.Encode())
	}
	if pg.Next != nil {
		data.NextURL = ticketListURL(data.Filter, "cursor", pg.Next.Encode())
	}
	// the whole filtered list, in the page's order, from its start
	data.CSVURL = "/tickets.csv" + strings.TrimPrefix(ticketListURL(data.Filter, "cursor", ""), "/tickets")
	s.render(w, r, rs, http.StatusOK, "tickets", page{Data: data})
}
