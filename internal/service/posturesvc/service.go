// Package posturesvc is the single entry point for the councils' devices and
// mailboxes: importing what their tools export, checking every device and
// mailbox against the baseline controls, and keeping the findings that
// result. Web pages, the JSON API and the CLI all come through here, so the
// rights checks and the audit trail are the same whichever door is used.
package posturesvc

import (
	"context"
	"errors"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// errForbidden means the principal's role or scope does not allow the
// action; adapters map it, as every fault, in one place each.
var errForbidden = fault.Forbidden("your role does not give you this access to security posture")

var invalid = fault.Invalid

// Service holds the store and the desk that findings raise tickets on.
type Service struct {
	Store *store.Store
	Desk  *desksvc.Service
}

// New returns the estate service over a store and a service desk.
func New(st *store.Store, desk *desksvc.Service) *Service { return &Service{Store: st, Desk: desk} }

var require = accountsvc.Require

// Settings reads an org's baseline settings: its official domains and its
// own control parameters over the catalogue.
func (s *Service) Settings(ctx context.Context, p tenancy.Principal, orgID int64) (posture.Settings, error) {
	domains, err := s.Store.OrgDomains(ctx, p.Scope, orgID)
	if err != nil {
		return posture.Settings{}, err
	}
	stored, err := s.Store.ControlSettings(ctx, p.Scope, orgID)
	if err != nil {
		return posture.Settings{}, err
	}
	set := posture.Settings{OfficialDomains: domains, Params: map[string]map[string]string{}, Disabled: map[string]bool{}}
	for _, c := range stored {
		set.Params[c.Control] = c.Params
		if c.Disabled {
			set.Disabled[c.Control] = true
		}
	}
	return set, nil
}

// findingError turns the finding package's input errors into the ones pages show.
func findingError(err error) error {
	var ie *finding.InvalidError
	if errors.As(err, &ie) {
		return invalid(ie.Field, "%s", ie.Reason)
	}
	return err
}
