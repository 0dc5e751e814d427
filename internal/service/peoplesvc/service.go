// Package peoplesvc keeps an org's people as HR knows them: imported from
// an HR export in one transaction (matched by HR id, else by e-mail
// address, leavers ended and never deleted), added and edited by hand,
// listed, shown and summed up per kind. These are the same people the desk
// names as callers: a caller the desk recorded by phone, with no HR id,
// becomes the HR person of the same e-mail address on the first import.
package peoplesvc

import (
	"context"
	"fmt"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Person is one of an org's people.
type Person = store.Person

// Service is the people of the orgs, over one store.
type Service struct {
	Store *store.Store
	// Changed runs inside the transaction of every change to an org's
	// people (an import, an add, an edit), so what hangs on them -- the
	// accounts matched to them and the leaver findings -- moves with them
	// or not at all. app.New sets it to the identity analysis.
	Changed []func(ctx context.Context, p tenancy.Principal, orgID int64) error
}

// changed tells whatever hangs on an org's people that they changed.
func (s *Service) changed(ctx context.Context, p tenancy.Principal, orgID int64) error {
	for _, fn := range s.Changed {
		if err := fn(ctx, p, orgID); err != nil {
			return err
		}
	}
	return nil
}

// New returns the people service over a store.
func New(st *store.Store) *Service { return &Service{Store: st} }

var require = accountsvc.Require

// today is the day it is now in an org's zone, as yyyy-mm-dd: leavers are
// ended, and people judged current, on the council's own calendar day.
func (s *Service) today(ctx context.Context, scope tenancy.Scope, orgID int64) (string, error) {
	org, err := s.Store.OrgByID(ctx, scope, orgID)
	if err != nil {
		return "", err
	}
	loc, err := time.LoadLocation(org.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	return s.Store.Now().In(loc).Format(time.DateOnly), nil
}

func (s *Service) audit(ctx context.Context, p tenancy.Principal, orgID int64, action, target string, detail map[string]string) error {
	_, err := s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: action, Target: target, Detail: detail, IP: p.IP})
	return err
}

func personTarget(id int64) string { return fmt.Sprintf("person %d", id) }
