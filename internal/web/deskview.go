package web

import (
	"fmt"
	"html/template"
	"net/http"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// What the desk pages share: how a ticket, a clock and a time look on a
// page, and which org a form acts on.

// tag is a GOV.UK tag: its words and its colour class.
type tag struct{ Label, Class string }

// slaTag is a ticket's standing against its resolution target, the figure
// the committee reads: breached, met, nearing breach (a warning threshold
// reached), paused or running.
func slaTag(m desk.Measurement) tag {
	c := m.Resolution
	switch {
	case c.Status == desk.Breached:
		return tag{"Breached", "govuk-tag--red"}
	case c.Status == desk.Met:
		return tag{"Met", "govuk-tag--green"}
	case c.Warning > 0:
		return tag{"Nearing breach", "govuk-tag--orange"}
	case c.Status == desk.Paused:
		return tag{"Paused", "govuk-tag--grey"}
	case c.Status == desk.Running:
		return tag{"Running", "govuk-tag--blue"}
	}
	return tag{"Not measured", "govuk-tag--grey"}
}

// clockTag is one clock's status, with its warning when it has one.
func clockTag(c desk.Clock) tag {
	switch c.Status {
	case desk.Breached:
		return tag{"Breached", "govuk-tag--red"}
	case desk.Met:
		return tag{"Met", "govuk-tag--green"}
	case desk.Paused:
		if c.Warning > 0 {
			return tag{"Paused, nearing breach", "govuk-tag--orange"}
		}
		return tag{"Paused", "govuk-tag--grey"}
	case desk.Running:
		if c.Warning > 0 {
			return tag{"Nearing breach", "govuk-tag--orange"}
		}
		return tag{"Running", "govuk-tag--blue"}
	}
	return tag{"Not measured", "govuk-tag--grey"}
}

// zoneOf is the org's time zone; times are stored in UTC and shown in it.
func zoneOf(o accountsvc.Org) *time.Location {
	if o.TimeZone == "" || o.TimeZone == "Europe/London" {
		return london
	}
	loc, err := time.LoadLocation(o.TimeZone)
	if err != nil {
		return london
	}
	return loc
}

// shortTime is a time in a table cell, short enough not to wrap: "7 Dec
// 14:05" this year, "7 Dec 2025" in another. A <time> element carries it
// in full, as its datetime and as the title a pointer shows.
func shortTime(t time.Time, loc *time.Location) template.HTML {
	if t.IsZero() {
		return "—"
	}
	t = t.In(loc)
	short := t.Format("2 Jan 15:04")
	if t.Year() != time.Now().In(loc).Year() {
		short = t.Format("2 Jan 2006")
	}
	return template.HTML(`<time datetime="` + t.Format(time.RFC3339) + `" title="` + t.Format("Monday 2 January 2006 15:04 MST") +
		`" class="ward-nowrap">` + short + `</time>`)
}

func localTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(loc).Format("2 Jan 2006 15:04")
}

// workingTime words a working-time duration: "1 h 30 min", "45 min".
func workingTime(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	m := int64(d.Round(time.Minute) / time.Minute)
	switch {
	case m == 0:
		return "0 min"
	case m < 60:
		return fmt.Sprintf("%d min", m)
	case m%60 == 0:
		return fmt.Sprintf("%d h", m/60)
	}
	return fmt.Sprintf("%d h %d min", m/60, m%60)
}

// timeLeft words what is left of a target: overdue once breached.
func timeLeft(c desk.Clock) string {
	if c.Left < 0 {
		return "overdue by " + workingTime(c.Left)
	}
	return workingTime(c.Left)
}

// ticketRow is a ticket as the lists show it.
type ticketRow struct {
	ID       int64
	Ref      string
	Path     string // the ticket's page, by reference
	Title    string
	Priority string
	State    string
	Caller   string
	Assignee string
	Opened   template.HTML
	OrgName  string
	SLA      tag
	Deadline template.HTML
	Left     string
}

func rowOf(t desksvc.Ticket, m desk.Measurement, org accountsvc.Org) ticketRow {
	loc := zoneOf(org)
	row := ticketRow{ID: t.ID, Ref: t.Ref, Path: ticketPath(t.Ref), Title: t.Title, Priority: t.Priority.String(), State: t.State.Label(),
		Caller: t.Caller, Assignee: t.Assignee, Opened: shortTime(t.OpenedAt, loc), OrgName: org.Name, SLA: slaTag(m),
		Deadline: shortTime(m.Resolution.Deadline, loc), Left: timeLeft(m.Resolution)}
	if row.Title == "" {
		row.Title = "(no title)"
	}
	return row
}

// orgIndex maps the user's orgs by id.
func orgIndex(orgs []accountsvc.Org) map[int64]accountsvc.Org {
	m := make(map[int64]accountsvc.Org, len(orgs))
	for _, o := range orgs {
		m[o.ID] = o
	}
	return m
}

// formOrg is the org a desk form acts on: the one chosen in the form, else
// the one the user switched to, else their only one. ok is false when the
// choice is outside the user's view or there is no choice to make.
func (s *Server) formOrg(rs *requestState, slug string) (accountsvc.Org, bool) {
	orgs := s.orgsInScope(rs)
	if slug != "" {
		for _, o := range orgs {
			if o.Slug == slug {
				return o, true
			}
		}
		return accountsvc.Org{}, false
	}
	if rs.active != nil && rs.principal.Scope.Allows(rs.active.ID) {
		return *rs.active, true
	}
	if len(orgs) == 1 {
		return orgs[0], true
	}
	return accountsvc.Org{}, false
}

// canWork says whether the user works tickets (desk staff) rather than
// only raising them.
func canWork(rs *requestState) bool { return rs.principal.Can(tenancy.WorkTickets) }

// deskLinks is the desk's own menu, under the page heading.
type deskLink struct {
	Label, Href string
	Current     bool
}

func deskLinks(r *http.Request, rs *requestState) []deskLink {
	var out []deskLink
	add := func(label, href string, show bool) {
		if show {
			out = append(out, deskLink{Label: label, Href: href, Current: r.URL.Path == href})
		}
	}
	work := canWork(rs)
	add("Dashboard", "/desk", work)
	add("Tickets", "/tickets", true)
	add("My queue", "/tickets?assigned=mine&state=open", work)
	add("Raise a ticket", "/tickets/new", true)
	add("Log a walk-up visit", "/desk/walk-up", work)
	add("Walk-up queue", "/desk/queue", work)
	add("Import tickets", "/desk/import", rs.principal.Can(tenancy.ManageDesk))
	add("Import calls", "/desk/calls/import", rs.principal.Can(tenancy.ManageDesk))
	add("Major incidents", "/major", true)
	return out
}
