package searchsvc

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// tickets: the one ticket a whole or org-less reference or a bare number
// names in each org in scope; else those whose reference starts with the
// query (ASH-INC-100); else, among each org's newest tickets, those whose
// reference, title, caller or category contain it, newest first. Every
// step is an index read or a bounded one.
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
	if refShaped(q, orgs) {
		// A reference that carries a council's prefix (ASH-…) can only be
		// that council's: the others are not asked.
		named := refOrgs(q, orgs)
		for _, o := range named {
			t, err := s.Desk.TicketByRef(ctx, p, o.ID, q)
			if err == nil {
				add(t, true)
			} else if !fault.Is(err, fault.KindNotFound) {
				return g, err
			}
		}
		if len(g.Hits) > 0 {
			// An exact reference is the answer; longer ones starting so
			// are not wanted.
			named = nil
		}
		for _, o := range named {
			list, err := s.Desk.TicketsByRefPrefix(ctx, p, o.ID, q, PerKind+1)
			if err != nil {
				return g, err
			}
			for _, t := range list {
				add(t, false)
			}
		}
	}
	if len(g.Hits) > 0 {
		// A reference, or the start of one, that names tickets is answered
		// by the index of references alone.
		return g.capped(), nil
	}
	g.Note = "Text is searched in the newest " + strconv.Itoa(TextWindow) + " tickets of each organisation; search all tickets from the full list."
	found, err := s.Desk.RecentTicketsContaining(ctx, p, orgIDs(orgs), q, TextWindow, PerKind+1)
	if err != nil {
		return g, err
	}
	for _, t := range found {
		add(t, false)
	}
	return g.capped(), nil
}

// orgIDs is the ids of the orgs, in their order.
func orgIDs(orgs []accountsvc.Org) []int64 {
	ids := make([]int64, len(orgs))
	for i, o := range orgs {
		ids[i] = o.ID
	}
	return ids
}

// TextWindow is how many of each org's newest records a text search reads
// (tickets, devices, indicators): the bound that keeps a word nothing holds
// from reading a whole table.
const TextWindow = 1000

// refOrgs is the orgs a reference-shaped query can name: the one whose
// prefix it starts with, or every org when it starts with none (INC-10003).
func refOrgs(q string, orgs []accountsvc.Org) []accountsvc.Org {
	up := strings.ToUpper(q)
	for _, o := range orgs {
		if o.RefPrefix != "" && strings.HasPrefix(up, o.RefPrefix+"-") {
			return []accountsvc.Org{o}
		}
	}
	return orgs
}

// refShaped says whether q could be a ticket reference or the start of
// one: a number, INC- or REQ- and a number, either after an org's prefix
// (100, INC-10003, ASH-INC-1). Anything else (a serial, a word) cannot
// name a ticket by reference, so the references are not asked.
func refShaped(q string, orgs []accountsvc.Org) bool {
	if len(q) > 40 {
		return false
	}
	rest := strings.ToUpper(q)
	for _, o := range orgs {
		if o.RefPrefix != "" && strings.HasPrefix(rest, o.RefPrefix+"-") {
			rest = rest[len(o.RefPrefix)+1:]
			break
		}
	}
	for _, kind := range []string{"INC-", "REQ-"} {
		rest = strings.TrimPrefix(rest, kind)
	}
	if rest == "" {
		return false
	}
	for _, c := range rest {
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

// devices: each org's devices whose serial, name or user is or starts with
// the query (an index range each); only when none does, those among the
// newest whose serial, name or user contain it. An exact one comes first.
func (s *Service) devices(ctx context.Context, p tenancy.Principal, q string, orgs []accountsvc.Org) (Group, error) {
	g := Group{Kind: Devices, Name: "Devices"}
	if !p.Can(tenancy.ViewPosture) {
		return g, nil
	}
	lq := lower(q)
	var exact, partial []Hit
	seen := map[int64]bool{}
	list, err := s.Posture.DevicesByKey(ctx, p, orgIDs(orgs), q, PerKind+1)
	if err != nil {
		return g, err
	}
	names := orgNames(orgs)
	for _, d := range list {
		exact, partial = devicesFound(names[d.OrgID], []store.StoredDevice{d}, lq, seen, exact, partial)
	}
	if len(orgs) == 1 {
		g.AllPath = "/posture/" + orgs[0].Slug + "/devices?q=" + url.QueryEscape(q)
	}
	if len(exact)+len(partial) == 0 {
		g.Note = "Devices whose serial, name or user only contains the text are searched among the newest " +
			strconv.Itoa(TextWindow) + " of each organisation; the inventory searches all."
		list, err := s.Posture.DevicesContaining(ctx, p, orgIDs(orgs), q, TextWindow, PerKind+1)
		if err != nil {
			return g, err
		}
		for _, d := range list {
			exact, partial = devicesFound(names[d.OrgID], []store.StoredDevice{d}, lq, seen, exact, partial)
		}
	}
	g.Hits = append(exact, partial...)
	return g.capped(), nil
}

// devicesFound adds a page of an org's devices to the hits, each once, an
// exact serial, name or user first.
func devicesFound(o accountsvc.Org, list []store.StoredDevice, lq string, seen map[int64]bool, exact, partial []Hit) ([]Hit, []Hit) {
	for _, d := range list {
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
