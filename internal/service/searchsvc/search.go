// Package searchsvc is the one search box: it asks each service that owns a
// kind of record (tickets, people, devices, directory objects, advisories,
// indicators) with the caller's own principal, so every kind is found
// within the caller's scope and, for WARP items, under the TLP rules of the
// caller's viewer. A kind the caller's role may not read is left out
// whole, and nothing outside the scope is counted.
package searchsvc

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/identitysvc"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// PerKind is how many records each group shows; past it the group says
// there are more and links to its full list where one exists.
const PerKind = 20

// MaxQuery is the longest query accepted, in characters.
const MaxQuery = 200

// The kinds of record, in the order the results show them.
const (
	Tickets    = "tickets"
	People     = "people"
	Devices    = "devices"
	Directory  = "directory"
	Advisories = "advisories"
	Indicators = "indicators"
)

// Hit is one record found: what to call it, a line about it, whose it is,
// and the path of its page.
type Hit struct {
	Title  string `json:"title"`
	Detail string `json:"detail,omitempty"`
	Org    string `json:"org,omitempty"`
	Path   string `json:"path"`
	Exact  bool   `json:"exact,omitempty"` // the query named it exactly
}

// Group is the records of one kind found, at most PerKind; More says there
// are more than shown, and AllPath is the filtered list that shows them.
type Group struct {
	Kind    string `json:"kind"`
	Name    string `json:"name"`
	Hits    []Hit  `json:"hits"`
	More    bool   `json:"more,omitempty"`
	Note    string `json:"note,omitempty"` // what the group searched, when not everything
	AllPath string `json:"all_path,omitempty"`
}

// Results are the groups with at least one record, in a fixed order.
type Results struct {
	Query  string  `json:"query"`
	Groups []Group `json:"groups"`
}

// Service searches through the services that own each kind of record.
type Service struct {
	Accounts *accountsvc.Service
	Desk     *desksvc.Service
	Posture  *posturesvc.Service
	Identity *identitysvc.Service
	Warp     *warpsvc.Service
	// Now is the services' clock (store.Now), which tests move.
	Now func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Search finds the records the principal may see that the query names
// exactly (a reference, a number, a serial, an e-mail address, an
// indicator value even written defanged) or contains, exact ones first.
func (s *Service) Search(ctx context.Context, p tenancy.Principal, query string) (Results, error) {
	q := strings.TrimSpace(query)
	switch {
	case q == "":
		return Results{}, fault.Invalid("q", "Enter a reference, name, serial, e-mail address or value to search for")
	case !utf8.ValidString(q):
		return Results{}, fault.Invalid("q", "The search must be text")
	case utf8.RuneCountInString(q) > MaxQuery:
		return Results{}, fault.Invalid("q", "The search must be %d characters or fewer", MaxQuery)
	}
	orgs, err := s.Accounts.Orgs(ctx, p)
	if err != nil {
		return Results{}, err
	}
	out := Results{Query: q, Groups: []Group{}}
	var searched []string
	found := 0
	for _, k := range s.kinds() {
		if !k.may(p) {
			continue
		}
		searched = append(searched, k.kind)
		g, err := k.find(ctx, p, q, orgs)
		if err != nil {
			return Results{}, err
		}
		if len(g.Hits) > 0 {
			out.Groups = append(out.Groups, g)
			found += len(g.Hits)
		}
	}
	// A search reads across confidential records, so it is audited like a
	// confidential page, before anything it found is shown.
	if err := s.Accounts.RecordSearch(ctx, p, q, searched, found); err != nil {
		return Results{}, err
	}
	return out, nil
}

type kind struct {
	kind string
	may  func(tenancy.Principal) bool // the role may read this kind
	find func(context.Context, tenancy.Principal, string, []accountsvc.Org) (Group, error)
}

// kinds are the kinds of record in the order the results show them, each
// with the permission that lets a role read it.
func (s *Service) kinds() []kind {
	can := func(perms ...tenancy.Permission) func(tenancy.Principal) bool {
		return func(p tenancy.Principal) bool {
			for _, perm := range perms {
				if p.Can(perm) {
					return true
				}
			}
			return false
		}
	}
	return []kind{
		{Tickets, can(tenancy.RaiseTickets, tenancy.WorkTickets), s.tickets},
		{People, can(tenancy.WorkTickets), s.people},
		{Devices, can(tenancy.ViewPosture), s.devices},
		{Directory, can(tenancy.ViewPosture), s.directory},
		{Advisories, can(tenancy.ShareWarnings), s.advisories},
		{Indicators, can(tenancy.ShareWarnings), s.indicators},
	}
}

// capped keeps the first PerKind hits and says whether there were more.
func (g Group) capped() Group {
	if len(g.Hits) > PerKind {
		g.Hits, g.More = g.Hits[:PerKind], true
	}
	return g
}

// lower folds for comparing what a person typed with what is stored.
func lower(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func orgNames(orgs []accountsvc.Org) map[int64]accountsvc.Org {
	m := make(map[int64]accountsvc.Org, len(orgs))
	for _, o := range orgs {
		m[o.ID] = o
	}
	return m
}
