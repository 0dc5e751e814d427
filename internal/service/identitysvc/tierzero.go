package identitysvc

import (
	"context"
	"strings"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// AddTierZero puts an object in the org's Tier Zero and analyses again.
func (s *Service) AddTierZero(ctx context.Context, p tenancy.Principal, orgID int64, objectID, note string) (Run, error) {
	if err := require(p, tenancy.ManagePosture, orgID); err != nil {
		return Run{}, err
	}
	objectID = strings.ToUpper(strings.TrimSpace(objectID))
	if objectID == "" {
		return Run{}, invalid("object", "give the object's id (a SID, GUID or Entra object id)")
	}
	var run Run
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		a, _, err := s.load(ctx, p, orgID, "current", nil, false)
		if err != nil {
			return err
		}
		if _, ok := a.Graph.Lookup(objectID); !ok {
			return invalid("object", "no object with id %s in the org's directories", objectID)
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
