package identitysvc

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Paths is an org's attack-path picture: who reaches Tier Zero and how.
type Paths struct {
	OrgID       int64                    `json:"org_id"`
	Directories []store.IdentitySnapshot `json:"directories"`
	TierZero    int                      `json:"tier_zero"`
	Accounts    int                      `json:"accounts"`
	Reaching    int                      `json:"reaching"`
	// Principals are the accounts that reach Tier Zero, nearest first,
	// each with one shortest path; at most the limit asked for.
	Principals  []identity.Reach `json:"principals"`
	ChokePoints []ChokePoint     `json:"choke_points"`
}

// PathsOf works out an org's attack paths from its current snapshots.
// limit bounds the principals listed (0: all); match keeps those whose
// name or id contains it, ignoring case.
func (s *Service) PathsOf(ctx context.Context, p tenancy.Principal, orgID int64, match string, limit int) (Paths, error) {
	out := Paths{OrgID: orgID}
	if err := require(p, tenancy.ViewPosture, orgID); err != nil {
		return out, err
	}
	a, snaps, err := s.load(ctx, p, orgID, "current", nil, true)
	if err != nil {
		return out, err
	}
	out.Directories = snaps
	out.Accounts, out.Reaching = a.Accounts, len(a.Reaching)
	for _, t := range a.TierZero {
		if t {
			out.TierZero++
		}
	}
	match = strings.ToUpper(strings.TrimSpace(match))
	for _, i := range a.Reaching {
		n := &a.Graph.Nodes[i]
		if match != "" && !strings.Contains(strings.ToUpper(n.Name), match) && !strings.Contains(n.ID, match) {
			continue
		}
		if limit > 0 && len(out.Principals) == limit {
			break
		}
		out.Principals = append(out.Principals, a.Reach(i))
	}
	out.ChokePoints = chokePoints(a, 25)
	return out, nil
}

// Principal is one directory object, for its own page.
type Principal struct {
	ID        string          `json:"id"`
	Name      string          `json:"name"`
	Kind      string          `json:"kind"`
	Directory string          `json:"directory"`
	Enabled   bool            `json:"enabled"`
	TierZero  string          `json:"tier_zero,omitempty"` // why it is Tier Zero, if it is
	Path      []identity.Step `json:"path,omitempty"`      // its shortest path into Tier Zero
	MemberOf  []string        `json:"member_of,omitempty"`
	// MemberOfIDs are the groups' ids, in MemberOf's order, so pages can link to them.
	MemberOfIDs []string `json:"member_of_ids,omitempty"`
	Rights      []Right  `json:"rights,omitempty"` // what it can act on
}

// Right is one traversable edge out of a principal.
type Right struct {
	Kind   string `json:"kind"`
	Target string `json:"target"`
	ID     string `json:"id"`
}

// PrincipalOf describes one object of an org's directories by id.
func (s *Service) PrincipalOf(ctx context.Context, p tenancy.Principal, orgID int64, id string) (Principal, error) {
	if err := require(p, tenancy.ViewPosture, orgID); err != nil {
		return Principal{}, err
	}
	a, _, err := s.load(ctx, p, orgID, "current", nil, true)
	if err != nil {
		return Principal{}, err
	}
	i, ok := a.Graph.Lookup(id)
	if !ok {
		return Principal{}, store.ErrNotFound
	}
	n := &a.Graph.Nodes[i]
	out := Principal{ID: n.ID, Name: n.Name, Kind: n.Kind.String(), Directory: n.Directory, Enabled: n.Is(identity.Enabled)}
	if a.TierZero[i] {
		out.TierZero = a.Why[i]
	} else {
		out.Path = a.Path(i)
	}
	for _, e := range a.Graph.Out(i) {
		t := &a.Graph.Nodes[e.To]
		if e.Kind == identity.MemberOf {
			out.MemberOf = append(out.MemberOf, t.Name)
			out.MemberOfIDs = append(out.MemberOfIDs, t.ID)
		} else {
			out.Rights = append(out.Rights, Right{Kind: e.Kind.String(), Target: t.Name, ID: t.ID})
		}
	}
	return out, nil
}

// Summary is an org's identity standing: its score now and over time.
type Summary struct {
	OrgID       int64                    `json:"org_id"`
	Org         string                   `json:"org"`
	Slug        string                   `json:"slug"`
	Directories []store.IdentitySnapshot `json:"directories"`
	Day         string                   `json:"day,omitempty"` // of the latest analysis; empty if never analysed
	Score       int                      `json:"score"`
	TierZero    int                      `json:"tier_zero"`
	Accounts    int                      `json:"accounts"`
	Reaching    int                      `json:"reaching"`
	Categories  []identity.Category      `json:"categories"`
	ChokePoints []ChokePoint             `json:"choke_points"`
	History     []store.IdentityDay      `json:"history"`
	Additions   []store.TierZeroAddition `json:"tier_zero_additions"`
}

// SummaryOf reads an org's latest analysis and the days before it.
func (s *Service) SummaryOf(ctx context.Context, p tenancy.Principal, orgID int64, days int) (Summary, error) {
	out := Summary{OrgID: orgID}
	if err := require(p, tenancy.ViewPosture, orgID); err != nil {
		return out, err
	}
	org, err := s.Store.OrgByID(ctx, p.Scope, orgID)
	if err != nil {
		return out, err
	}
	out.Org, out.Slug = org.Name, org.Slug
	if out.Directories, err = s.Store.IdentitySnapshots(ctx, p.Scope, orgID, "current", false); err != nil {
		return out, err
	}
	if out.Additions, err = s.Store.TierZeroAdditions(ctx, p.Scope, orgID); err != nil {
		return out, err
	}
	today, err := s.orgDay(ctx, p, orgID, s.Store.Now())
	if err != nil {
		return out, err
	}
	t, _ := time.Parse(time.DateOnly, today)
	first := t.AddDate(0, 0, -(max(days, 1) - 1)).Format(time.DateOnly)
	if out.History, err = s.Store.IdentityDays(ctx, p.Scope, orgID, first, today); err != nil {
		return out, err
	}
	if len(out.History) == 0 {
		// Nothing in the window: the last analysis may be older.
		all, err := s.Store.IdentityDays(ctx, p.Scope, orgID, "0000-00-00", today)
		if err != nil {
			return out, err
		}
		if len(all) > 0 {
			out.History = all[len(all)-1:]
		}
	}
	if len(out.History) > 0 {
		last := out.History[len(out.History)-1]
		out.Day, out.Score, out.TierZero, out.Accounts, out.Reaching = last.Day, last.Score, last.TierZero, last.Accounts, last.Reaching
		var d dayDetail
		if err := json.Unmarshal([]byte(last.Detail), &d); err == nil {
			out.Categories, out.ChokePoints = d.Categories, d.ChokePoints
		}
	}
	return out, nil
}

// Overview is every org in the caller's view, for the councils side by side.
func (s *Service) Overview(ctx context.Context, p tenancy.Principal) ([]Summary, error) {
	if !p.Can(tenancy.ViewPosture) {
		return nil, errForbidden
	}
	orgs, err := s.Store.Orgs(ctx, p.Scope)
	if err != nil {
		return nil, err
	}
	var out []Summary
	for _, o := range orgs {
		if require(p, tenancy.ViewPosture, o.ID) != nil {
			continue
		}
		sum, err := s.SummaryOf(ctx, p, o.ID, 30)
		if err != nil {
			return nil, err
		}
		out = append(out, sum)
	}
	return out, nil
}
