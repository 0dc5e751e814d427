package identitysvc

import (
	"context"
	"slices"
	"strings"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// AddTierZero puts an object in the org's Tier Zero and analyses again.
// The object is named as a person knows it (BACKUP01.ASHCOMBE.LOCAL, or
// backup01) or by its id.
func (s *Service) AddTierZero(ctx context.Context, p tenancy.Principal, orgID int64, object, note string) (Run, error) {
	if err := require(p, tenancy.ManagePosture, orgID); err != nil {
		return Run{}, err
	}
	named := strings.TrimSpace(object)
	if named == "" {
		return Run{}, invalid("object", "choose the object by its name (or give its SID, GUID or Entra object id)")
	}
	var run Run
	var objectID string
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		a, _, err := s.load(ctx, p, orgID, "current", nil, false)
		if err != nil {
			return err
		}
		if objectID, err = objectNamed(a.Graph, named); err != nil {
			return err
		}
		if err := s.Store.AddTierZero(ctx, p.Scope, store.TierZeroAddition{OrgID: orgID, ObjectID: objectID, Note: note, AddedBy: p.Actor, AddedAt: s.Store.Now()}); err != nil {
			return err
		}
		if run, err = s.analyse(ctx, p, orgID, nil); err != nil {
			return err
		}
		_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: audit.IdentityTierZero,
			Target: "add " + objectID, IP: p.IP, Detail: map[string]string{"note": note}})
		return err
	})
	return run, err
}

// RemoveTierZero takes an analyst's addition out of Tier Zero and analyses again.
func (s *Service) RemoveTierZero(ctx context.Context, p tenancy.Principal, orgID int64, objectID string) (Run, error) {
	if err := require(p, tenancy.ManagePosture, orgID); err != nil {
		return Run{}, err
	}
	objectID = strings.ToUpper(strings.TrimSpace(objectID))
	var run Run
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		if err := s.Store.RemoveTierZero(ctx, p.Scope, orgID, objectID); err != nil {
			return err
		}
		var err error
		if run, err = s.analyse(ctx, p, orgID, nil); err != nil {
			return err
		}
		_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: audit.IdentityTierZero,
			Target: "remove " + objectID, IP: p.IP})
		return err
	})
	return run, err
}

// objectNamed finds the one object a person names, by name or id, as its
// id; no match, or a name several objects share, is refused with what to
// do about it.
func objectNamed(g *identity.Graph, named string) (string, error) {
	found := g.Find(named)
	switch len(found) {
	case 0:
		return "", invalid("object", "no object in the org's directories is named %s or has that id", named)
	case 1:
		return g.Nodes[found[0]].ID, nil
	}
	var which []string
	for _, i := range found[:min(len(found), 5)] {
		which = append(which, g.Nodes[i].Name+" ("+g.Nodes[i].ID+")")
	}
	return "", invalid("object", "%d objects are called %s: give the whole name or the id of the one you mean, for example %s",
		len(found), named, strings.Join(which, ", "))
}

// TierZeroCandidates names the objects an analyst may add to Tier Zero
// by hand, for the form to offer: the computers and groups of the org's
// directories not already in Tier Zero, by name, at most limit of them.
func (s *Service) TierZeroCandidates(ctx context.Context, p tenancy.Principal, orgID int64, limit int) ([]string, error) {
	if err := require(p, tenancy.ManagePosture, orgID); err != nil {
		return nil, err
	}
	a, _, err := s.load(ctx, p, orgID, "current", nil, true)
	if err != nil {
		return nil, err
	}
	var names []string
	for i, n := range a.Graph.Nodes {
		if (n.Kind == identity.Computer || n.Kind == identity.Group) && !a.TierZero[i] && len(names) < limit {
			names = append(names, n.Name)
		}
	}
	slices.Sort(names)
	return names, nil
}

// ObjectNamed finds the one object of the org's directories a person
// names, by name or id; no match, or an ambiguous name, is refused
// naming the object field.
func (s *Service) ObjectNamed(ctx context.Context, p tenancy.Principal, orgID int64, named string) (Principal, error) {
	if err := require(p, tenancy.ViewPosture, orgID); err != nil {
		return Principal{}, err
	}
	a, _, err := s.load(ctx, p, orgID, "current", nil, true)
	if err != nil {
		return Principal{}, err
	}
	id, err := objectNamed(a.Graph, named)
	if err != nil {
		return Principal{}, err
	}
	return s.PrincipalOf(ctx, p, orgID, id)
}
