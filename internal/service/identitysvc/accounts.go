package identitysvc

import (
	"context"
	"time"

	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// matchPeople reads the org's people and ties them to the analysis's
// user accounts.
func (s *Service) matchPeople(ctx context.Context, p tenancy.Principal, orgID int64, a *identity.Analysis) (*identity.Matching, error) {
	list, err := s.Store.OrgPeople(ctx, p.Scope, orgID)
	if err != nil {
		return nil, err
	}
	ps := make([]identity.Person, len(list))
	for i, x := range list {
		ps[i] = identity.Person{ID: x.ID, Name: x.Name, Email: x.Email, UPN: x.UPN, StartOn: x.StartOn, LeftOn: x.LeftOn, EndOn: x.EndOn}
	}
	return identity.Match(a.Graph, ps), nil
}

// accountRows are the person_accounts rows of a matching: every linked
// account, enabled or not, and (when the org keeps people records) every
// enabled account with an address that matches nobody or several people.
func accountRows(a *identity.Analysis, m *identity.Matching, now time.Time) []store.PersonAccount {
	var out []store.PersonAccount
	g := a.Graph
	row := func(i int32) store.PersonAccount {
		n := &g.Nodes[i]
		src := identity.ActiveDirectory
		if n.Is(identity.Cloud) {
			src = identity.EntraID
		}
		return store.PersonAccount{Source: string(src), Directory: n.Directory, ObjectID: n.ID, AccountName: n.Name,
			Address: n.Mail, Enabled: n.Is(identity.Enabled), RefreshedAt: now}
	}
	for _, l := range m.Links {
		r := row(l.Node)
		r.PersonID, r.MatchedBy, r.Address = m.People[l.Person].ID, l.By, l.Address
		out = append(out, r)
	}
	if len(m.People) == 0 {
		return out
	}
	for i := range g.Nodes {
		n := &g.Nodes[i]
		if n.Kind != identity.User || !n.Is(identity.Described) || !n.Is(identity.Enabled) || n.Mail == "" ||
			n.Is(identity.Guest) || identity.BuiltIn(n) {
			continue
		}
		if _, linked := m.LinkOf(int32(i)); linked {
			continue
		}
		r := row(int32(i))
		r.Ambiguous = m.IsAmbiguous(int32(i))
		out = append(out, r)
	}
	return out
}

// RefreshPeople brings an org's accounts and identity findings up to date
// after its people changed (an HR import, an edit, a leaver recorded): it
// runs the identity analysis again, joining the caller's transaction if
// there is one. Whoever may manage people or posture may ask for it; an
// org with no directory gets its (empty) accounts and nothing else.
func (s *Service) RefreshPeople(ctx context.Context, p tenancy.Principal, orgID int64) (Run, error) {
	if require(p, tenancy.ManagePeople, orgID) != nil {
		if err := require(p, tenancy.ManagePosture, orgID); err != nil {
			return Run{}, err
		}
	}
	var run Run
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		var err error
		run, err = s.analyse(ctx, p, orgID, nil)
		return err
	})
	return run, err
}

// PersonAccount is one directory account beside its person, if it has
// one; Person one of the org's people. The adapters read them through here.
type (
	PersonAccount = store.PersonAccount
	Person        = store.Person
)

// Views of an org's people and their accounts.
const (
	ViewLinked    = store.AccountsLinked
	ViewNoPerson  = store.AccountsNoPerson
	ViewLeavers   = store.AccountsLeavers
	ViewNoAccount = "no-account"
)

// AccountViews lists the views in display order.
var AccountViews = []string{ViewLinked, ViewNoPerson, ViewNoAccount, ViewLeavers}

// AccountsPage is one page of one view.
type AccountsPage struct {
	View     string                `json:"view"`
	Today    string                `json:"today"`
	Accounts []store.PersonAccount `json:"accounts,omitempty"`
	People   []store.Person        `json:"people,omitempty"` // the no-account view
	Prev     *keyset.Cursor        `json:"-"`
	Next     *keyset.Cursor        `json:"-"`
}

// AccountsOf reads a page of one view of an org's people and accounts.
func (s *Service) AccountsOf(ctx context.Context, p tenancy.Principal, orgID int64, view string, c *keyset.Cursor, perPage int) (AccountsPage, error) {
	out := AccountsPage{View: view}
	if err := require(p, tenancy.ViewPeople, orgID); err != nil {
		return out, err
	}
	if perPage <= 0 || perPage > 1000 {
		perPage = 100
	}
	today, err := s.orgDay(ctx, p, orgID, s.Store.Now())
	if err != nil {
		return out, err
	}
	out.Today = today
	switch view {
	case ViewNoAccount:
		rows, err := s.Store.PeopleWithoutAccounts(ctx, p.Scope, orgID, today, c, perPage)
		if err != nil {
			return out, err
		}
		out.People, out.Prev, out.Next = keyset.Trim(rows, perPage, c, func(x store.Person) keyset.Cursor { return keyset.Cursor{ID: x.ID} })
	case ViewLinked, ViewNoPerson, ViewLeavers:
		rows, err := s.Store.PersonAccounts(ctx, p.Scope, orgID, view, today, c, perPage)
		if err != nil {
			return out, err
		}
		out.Accounts, out.Prev, out.Next = keyset.Trim(rows, perPage, c, func(x store.PersonAccount) keyset.Cursor {
			return keyset.Cursor{Rank: x.PersonID, ID: x.ID}
		})
	default:
		return out, invalid("view", "%q is not a view of people and accounts (linked, unmatched, no-account or leavers)", view)
	}
	return out, nil
}
