package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

type deskData struct {
	Links          []deskLink
	OpenByPriority []desksvc.PriorityCount
	Open           int
	Nearing        []ticketRow
	Channels       []desksvc.ChannelCount
	OpenedToday    int
	ResolvedToday  int
	Today          []ticketRow // the latest tickets logged today
	ShowOrg        bool
	Date           string
}

// todayLimit is how many of today's tickets the dashboard lists.
const todayLimit = 10

// deskDashboard is what the desk watches through the day, over the orgs in
// view: the open queue by priority, what is about to breach, and today's
// traffic by channel.
func (s *Server) deskDashboard(w http.ResponseWriter, r *http.Request, rs *requestState) {
	ctx := r.Context()
	orgs := s.orgsInScope(rs)
	d, err := s.desk.Dashboard(ctx, rs.principal, orgs)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	byID := orgIndex(orgs)
	data := deskData{Links: deskLinks(r, rs), OpenByPriority: d.OpenByPriority, Channels: d.Channels,
		OpenedToday: d.OpenedToday, ResolvedToday: d.ResolvedToday, ShowOrg: len(orgs) > 1}
	for _, c := range d.OpenByPriority {
		data.Open += c.Count
	}
	for _, n := range d.Nearing {
		data.Nearing = append(data.Nearing, rowOf(n.Ticket, n.SLA, byID[n.Ticket.OrgID]))
	}

	// Today's list starts at the earliest local midnight among the orgs,
	// which is London's for every org that keeps the default zone.
	now := s.now()
	var from time.Time
	for _, o := range orgs {
		local := now.In(zoneOf(o))
		midnight := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, local.Location())
		if from.IsZero() || midnight.Before(from) {
			from = midnight
		}
	}
	data.Date = now.In(london).Format("Monday 2 January 2006")
	if len(orgs) > 0 {
		today, err := s.desk.Tickets(ctx, rs.principal, desksvc.TicketFilter{OpenedFrom: from, Limit: todayLimit})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		clocks, err := s.desk.MeasureAll(ctx, rs.principal, today)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for i, t := range today {
			data.Today = append(data.Today, rowOf(t, clocks[i], byID[t.OrgID]))
		}
	}
	s.render(w, r, rs, http.StatusOK, "desk", page{Data: data})
}

// channelLabel words a channel for a heading.
func channelLabel(c desk.Channel) string {
	switch c {
	case desk.WalkUp:
		return "Walk-up"
	case "":
		return "Unknown"
	}
	return strings.ToUpper(string(c[:1])) + string(c[1:])
}
