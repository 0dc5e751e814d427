// Package walkupsvc runs the walk-up queues at an org's sites (civic
// centres): a tablet checks people in by a kiosk link, staff call, serve and
// finish them (resolved on the spot, a ticket logged, or a no-show), a
// screen shows who is called to which desk, and the figures measure waits
// and service times — one place for the pages, the API and the command line.
package walkupsvc

import (
	"context"
	"fmt"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Visit is one person in a site's queue, as the store keeps it.
type Visit = store.Visit

// Service is the walk-up queues over one store; tickets logged from a
// visit are opened by the desk, in the same transaction.
type Service struct {
	Store *store.Store
	Desk  *desksvc.Service
}

// New returns the walk-up queues over a store and its desk.
func New(st *store.Store, d *desksvc.Service) *Service { return &Service{Store: st, Desk: d} }

var require = accountsvc.Require

// visitAudit writes a queue action's audit entry: the site and the number,
// never the visitor's name.
func (s *Service) visitAudit(ctx context.Context, p tenancy.Principal, action string, v Visit, detail map[string]string) error {
	_, err := s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: v.OrgID, Action: action,
		Target: fmt.Sprintf("walk-up %s no. %d at %s", v.Day, v.Number, v.SiteName), Detail: detail, IP: p.IP})
	return err
}

// localDay is the day, in the org's zone, a moment falls on: queue numbers
// start again from 1 each day at each site.
func (s *Service) localDay(ctx context.Context, scope tenancy.Scope, orgID int64, at time.Time) (string, error) {
	org, err := s.Store.OrgByID(ctx, scope, orgID)
	if err != nil {
		return "", err
	}
	loc, err := time.LoadLocation(org.TimeZone)
	if err != nil {
		return "", err
	}
	return at.In(loc).Format(time.DateOnly), nil
}

// addVisit puts a visit in the queue with the day's next number, trying
// again when a check-in at the same moment took the number first.
func (s *Service) addVisit(ctx context.Context, p tenancy.Principal, v Visit) (Visit, error) {
	var err error
	if v.Day == "" {
		if v.Day, err = s.localDay(ctx, p.Scope, v.OrgID, v.CheckedIn); err != nil {
			return Visit{}, err
		}
	}
	for try := 0; try < 5; try++ {
		var added Visit
		err = s.Store.InTx(ctx, func(ctx context.Context) error {
			site, err := s.Store.SiteInOrg(ctx, p.Scope, v.OrgID, v.SiteID)
			if err != nil {
				return err
			}
			if added, err = s.Store.AddVisit(ctx, p.Scope, v); err != nil {
				return err
			}
			added.SiteName = site.Name
			return s.visitAudit(ctx, p, audit.WalkupCheckIn, added, map[string]string{"site": site.Name})
		})
		if err == nil || !fault.Is(err, fault.KindConflict) {
			return added, err
		}
	}
	return Visit{}, err
}

// checkVisitor turns the domain's check of a name and reason into a fault.
func checkVisitor(name, reason string) error {
	var bad fault.Fields
	for _, field := range []string{"name", "reason"} {
		if msg, ok := desk.CheckVisitor(name, reason)[field]; ok {
			bad.Add(field, "%s", msg)
		}
	}
	return bad.Err()
}
