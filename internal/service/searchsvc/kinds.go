package searchsvc

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// tickets: the one ticket a whole or org-less reference or a bare number
// names in each org in scope, then those whose reference, title, caller or
// category contain the query, newest first.
func (s *Service) tickets(ctx context.Context, p tenancy.Principal, q string, orgs []accountsvc.Org) (Group, error) {
	g := Group{Kind: Tickets, Name: "Tickets", AllPath: "/tickets?q=" + url.QueryEscape(q)}
	if !p.Can(tenancy.RaiseTickets) && !p.Can(tenancy.WorkTickets) {
		return g, nil
	}
	names := orgNames(orgs)
	seen := map[int64]bool{}
	add := func(t desksvc.Ticket, exact bool) {
		if seen[t.ID] {
			return
		}
		seen[t.ID] = true
		g.Hits = append(g.Hits, Hit{Title: t.Ref + " " + t.Title, Detail: string(t.State), Org: names[t.OrgID].Name,
			Path: "/tickets/" + url.PathEscape(t.Ref), Exact: exact})
	}
	if looksLikeRef(q) {
		for _, o := range orgs {
			t, err := s.Desk.TicketByRef(ctx, p, o.ID, q)
			if err == nil {
				add(t, true)
			} else if !fault.Is(err, fault.KindNotFound) {
				return g, err
			}
		}
	}
	if len(g.Hits) > 0 {
		// A reference or number that names a ticket is answered by the
		// unique index alone: scanning every title for it would cost
		// seconds at a million tickets and find nothing better.
		return g.capped(), nil
	}
	// Text is looked for in the recent tickets, newest first; the full list,
	// linked from the group, searches them all.
	g.Note = "Text is searched in tickets opened in the last " + strconv.Itoa(textDays) + " days; search all tickets from the full list."
	g.More = true
	page, err := s.Desk.TicketPage(ctx, p, desksvc.TicketFilter{Search: q, Limit: PerKind + 1,
		OpenedFrom: s.now().AddDate(0, 0, -textDays)})
	if err != nil {
		return g, err
	}
	for _, t := range page.Tickets {
		add(t, false)
	}
	more := len(g.Hits) > PerKind
	g = g.capped()
	g.More = more
	return g, nil
}

// textDays is how far back the search box looks for text in tickets.
const textDays = 30

// looksLikeRef says whether q could be a ticket reference: a number, or
// letters and a number joined by dashes (INC-10003, ASH-INC-10003).
func looksLikeRef(q string) bool {
	last := q[strings.LastIndexByte(q, '-')+1:]
	if last == "" || len(q) > 40 {
		return false
	}
	for _, c := range last {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// people: the callers of the orgs in scope whose name, e-mail address or
// phone number contain the query; the desk's own list, so only for roles
// that work tickets.
func (s *Service) people(ctx context.Context, p tenancy.Principal, q string, orgs []accountsvc.Org) (Group, error) {
	g := Group{Kind: People, Name: "People"}
	if !p.Can(tenancy.WorkTickets) {
		return g, nil
	}
	list, err := s.Desk.People(ctx, p, 0)
	if err != nil {
		return g, err
	}
	names, lq := orgNames(orgs), lower(q)
	var exact, partial []Hit
	for _, person := range list {
		o := names[person.OrgID]
		h := Hit{Title: person.Name, Detail: person.Email, Org: o.Name, Path: "/settings/" + o.Slug + "/people"}
		switch {
		case lower(person.Email) == lq || lower(person.Name) == lq:
			h.Exact = true
			exact = append(exact, h)
		case strings.Contains(lower(person.Name), lq) || strings.Contains(lower(person.Email), lq) || strings.Contains(person.Phone, q):
			partial = append(partial, h)
		}
	}
	if !p.Can(tenancy.ManageUsers) {
		// The people page is the admins'; others are led to the tickets
		// the person called about, which name their caller.
		for i := range exact {
			exact[i].Path = "/tickets?q=" + url.QueryEscape(exact[i].Title)
		}
		for i := range partial {
			partial[i].Path = "/tickets?q=" + url.QueryEscape(partial[i].Title)
		}
	}
	g.Hits = append(exact, partial...)
	return g.capped(), nil
}

// devices: each org's devices whose serial or name contain the query, an
// exact serial or name first, linked to the inventory filtered to it.
func (s *Service) devices(ctx context.Context, p tenancy.Principal, q string, orgs []accountsvc.Org) (Group, error) {
	g := Group{Kind: Devices, Name: "Devices"}
	if !p.Can(tenancy.ViewPosture) {
		return g, nil
	}
	lq := lower(q)
	var exact, partial []Hit
	seen := map[int64]bool{}
	for _, o := range orgs {
		filters := []posturesvc.DeviceFilter{{OrgID: o.ID, Search: q, Limit: PerKind}}
		if strings.Contains(q, "@") {
			// An e-mail address names the device's user, not the device.
			filters = append(filters, posturesvc.DeviceFilter{OrgID: o.ID, Owner: q, Limit: PerKind})
		}
		for _, f := range filters {
			pg, err := s.Posture.Inventory(ctx, p, f)
			if err != nil {
				return g, err
			}
			exact, partial = devicesFound(o, pg, lq, seen, exact, partial)
			if pg.Count > len(pg.Devices) {
				g.More = true
			}
		}
		if len(orgs) == 1 {
			g.AllPath = "/posture/" + o.Slug + "/devices?q=" + url.QueryEscape(q)
		}
	}
	g.Hits = append(exact, partial...)
	more := g.More
	g = g.capped()
	g.More = g.More || more
	return g, nil
}

// devicesFound adds a page of an org's devices to the hits, each once, an
// exact serial, name or user first.
func devicesFound(o accountsvc.Org, pg posturesvc.InventoryPage, lq string, seen map[int64]bool, exact, partial []Hit) ([]Hit, []Hit) {
	for _, d := range pg.Devices {
		if seen[d.ID] {
			continue
		}
		seen[d.ID] = true
		dev := d.Device
		h := Hit{Title: dev.Name, Detail: strings.TrimSpace("Serial " + dev.Serial + " " + dev.PrimaryUser), Org: o.Name,
			Path: "/posture/" + o.Slug + "/devices?q=" + url.QueryEscape(dev.Serial)}
		if lower(dev.Serial) == lq || lower(dev.Name) == lq || lower(dev.PrimaryUser) == lq {
			h.Exact = true
			exact = append(exact, h)
		} else {
			partial = append(partial, h)
		}
	}
	return exact, partial
}
