package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/httpin"
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
	Page       int
	PrevURL    string
	NextURL    string
	// The desk's queue tools: mine and unassigned for desk staff, and the
	// whole filtered list as CSV.
	Staff  bool
	CSVURL string
}

// ticketList lists the tickets of the orgs in view, newest first, filtered
// by the query string so a filtered list can be bookmarked and shared.
func (s *Server) ticketList(w http.ResponseWriter, r *http.Request, rs *requestState) {
	ctx := r.Context()
	q := r.URL.Query()
	orgs := s.orgsInScope(rs)
	data := ticketListData{Links: deskLinks(r, rs), Filter: map[string]string{}, States: desk.States,
		Priorities: desk.Priorities, Channels: desk.Channels, Types: desk.Types, ShowOrg: len(orgs) > 1, Page: 1}
	if len(orgs) > 1 {
		data.Orgs = orgs
	}
	for _, k := range []string{"state", "priority", "channel", "type", "q", "org", "assigned"} {
		data.Filter[k] = q.Get(k)
	}
	f, bad := httpin.TicketFilter(q)
	f.Limit = ticketsPerPage + 1
	var errs []fieldError
	for _, b := range bad {
		msg := map[string]string{"state": "Choose a state from the list", "priority": "Choose a priority from P1 to P4",
			"channel": "Choose a channel from the list", "type": "Choose incident or request"}[b.Field]
		errs = append(errs, fieldError{b.Field, msg})
	}
	data.Staff = canWork(rs)
	errs = append(errs, assignedErrors(q, rs, &f)...)
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
	if v := q.Get("page"); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n >= 1 && n <= 100000 {
			data.Page = n
		}
	}
	if len(errs) > 0 {
		s.render(w, r, rs, http.StatusBadRequest, "tickets", page{Errors: errs, Data: data})
		return
	}
	f.Offset = (data.Page - 1) * ticketsPerPage
	tickets, err := s.desk.Tickets(ctx, rs.principal, f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	more := len(tickets) > ticketsPerPage
	if more {
		tickets = tickets[:ticketsPerPage]
	}
	clocks, err := s.desk.MeasureAll(ctx, rs.principal, tickets)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	byID := orgIndex(rs.orgs)
	for i, t := range tickets {
		data.Rows = append(data.Rows, rowOf(t, clocks[i], byID[t.OrgID]))
	}
	pageURL := func(n int) string {
		v := url.Values{}
		for k, val := range data.Filter {
			if val != "" {
				v.Set(k, val)
			}
		}
		if n > 1 {
			v.Set("page", strconv.Itoa(n))
		}
		if len(v) == 0 {
			return "/tickets"
		}
		return "/tickets?" + v.Encode()
	}
	if data.Page > 1 {
		data.PrevURL = pageURL(data.Page - 1)
	}
	if more {
		data.NextURL = pageURL(data.Page + 1)
	}
	data.CSVURL = "/tickets.csv" + strings.TrimPrefix(pageURL(1), "/tickets")
	s.render(w, r, rs, http.StatusOK, "tickets", page{Data: data})
}
