// Package desksvc runs the service desk on a store: it opens, moves and
// imports tickets, measures them against the org's calendar and SLA policy,
// re-measures on request, and builds the SLA report — one place for the web
// pages, the JSON API, the phone webhook and the command line.
package desksvc

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/calendar"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// errForbidden means the principal's role or scope does not allow the
// action; adapters map it, as every fault, in one place each.
var errForbidden = fault.Forbidden("your role does not allow this on the service desk")

var invalid = fault.Invalid

// Service is the service desk over one store.
type Service struct {
	Store *store.Store

	// Notify queues e-mail to callers about their tickets; set it when ward
	// has a mail server. BaseURL begins the links in it.
	Notify  bool
	BaseURL string
	// AttachmentMax is the largest file a ticket takes, in bytes; zero
	// means DefaultAttachmentMax.
	AttachmentMax int64

	// OnOpen are called with each ticket Open logs, in its transaction:
	// the major incident rules watch for bursts of urgent tickets there.
	OnOpen []func(ctx context.Context, p tenancy.Principal, t store.Ticket) error

	mu   sync.Mutex
	cals map[int64]compiled // by org: compiling a calendar's tables takes milliseconds, so keep them
	// kept is each org's measurer (calendar and policies) as last read; see
	// measurer.
	kept map[int64]keptMeasurer
}

type compiled struct {
	version int
	cal     *calendar.Calendar
}

// New returns the service desk over a store.
func New(st *store.Store) *Service {
	return &Service{Store: st, cals: map[int64]compiled{}, kept: map[int64]keptMeasurer{}}
}

var require = accountsvc.Require

// Calendar is the org's working calendar in force and its version; version
// 0 is the default (Monday to Friday 09:00–17:00, Europe/London, England and
// Wales bank holidays) for an org that has not set its own.
func (s *Service) Calendar(ctx context.Context, p tenancy.Principal, orgID int64) (*calendar.Calendar, int, error) {
	return s.calendar(ctx, p.Scope, orgID)
}

func (s *Service) calendar(ctx context.Context, scope tenancy.Scope, orgID int64) (*calendar.Calendar, int, error) {
	v, err := s.Store.Calendar(ctx, scope, orgID)
	if errors.Is(err, store.ErrNotFound) {
		v = store.CalendarVersion{Version: 0}
	} else if err != nil {
		return nil, 0, err
	}
	s.mu.Lock()
	c, ok := s.cals[orgID]
	s.mu.Unlock()
	if ok && c.version == v.Version {
		return c.cal, v.Version, nil
	}
	def := calendar.Default()
	if v.Version > 0 {
		def = calendar.Definition{}
		if err := json.Unmarshal(v.Definition, &def); err != nil {
			return nil, 0, fmt.Errorf("calendar version %d is unreadable: %w", v.Version, err)
		}
	}
	cal, err := calendar.New(def)
	if err != nil {
		return nil, 0, fmt.Errorf("calendar version %d: %w", v.Version, err)
	}
	s.mu.Lock()
	s.cals[orgID] = compiled{version: v.Version, cal: cal}
	s.mu.Unlock()
	return cal, v.Version, nil
}

// SaveCalendar puts a new version of an org's calendar in force. Stored
// measurements keep the calendar they were taken with until `ward sla
// recompute` re-measures them.
func (s *Service) SaveCalendar(ctx context.Context, p tenancy.Principal, orgID int64, def calendar.Definition) (int, error) {
	if err := require(p, tenancy.ManageDesk, orgID); err != nil {
		return 0, err
	}
	if err := def.Validate(); err != nil {
		return 0, invalid("calendar", "%s", err.Error())
	}
	if _, err := calendar.New(def); err != nil {
		return 0, invalid("calendar", "%s", err.Error())
	}
	body, err := json.Marshal(def)
	if err != nil {
		return 0, err
	}
	var v store.CalendarVersion
	err = s.Store.InTx(ctx, func(ctx context.Context) error {
		v, err = s.Store.SaveCalendar(ctx, p.Scope, orgID, body, p.Actor)
		if err != nil {
			return err
		}
		_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: audit.CalendarChange,
			Target: fmt.Sprintf("calendar v%d", v.Version), Detail: map[string]string{"name": def.Name}, IP: p.IP})
		return err
	})
	return v.Version, err
}

// Policies is every version of an org's SLA policies, oldest first.
func (s *Service) Policies(ctx context.Context, p tenancy.Principal, orgID int64) ([]desk.Policy, error) {
	return s.Store.Policies(ctx, p.Scope, orgID)
}

// SavePolicy puts a new version of an org's SLA policy for one ticket type
// in force from its EffectiveFrom (now when zero).
func (s *Service) SavePolicy(ctx context.Context, p tenancy.Principal, orgID int64, pol desk.Policy) (desk.Policy, error) {
	if err := require(p, tenancy.ManageDesk, orgID); err != nil {
		return pol, err
	}
	if err := pol.Validate(); err != nil {
		return pol, invalid("policy", "%s", err.Error())
	}
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		if err := s.Store.SavePolicy(ctx, p.Scope, orgID, &pol, p.Actor); err != nil {
			return err
		}
		_, err := s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: audit.PolicyChange,
			Target: fmt.Sprintf("%s policy v%d", pol.Type, pol.Version),
			Detail: map[string]string{"effective_from": pol.EffectiveFrom.Format(time.RFC3339)}, IP: p.IP})
		return err
	})
	return pol, err
}

// measurer measures one org's tickets with its calendar and policies.
type measurer struct {
	cal      *calendar.Calendar
	policies []desk.Policy
}

// keptFor is how long a measurer is kept at most: calendars and policies
// written by another process (a CLI beside the server) reach lists within
// it, and this process's own writes at once (Store.SettingsGeneration).
const keptFor = 30 * time.Second

type keptMeasurer struct {
	m   measurer
	gen int64
	at  time.Time
}

// measurer is the org's calendar and SLA policies, to measure its tickets
// by. Reading them was two queries an org on every list page, a tenth of
// the page's CPU, though they change a few times a year; so each org's is
// kept until this store next writes a calendar or policy, or keptFor.
func (s *Service) measurer(ctx context.Context, scope tenancy.Scope, orgID int64) (measurer, error) {
	gen, now := s.Store.SettingsGeneration(), time.Now()
	s.mu.Lock()
	k, ok := s.kept[orgID]
	s.mu.Unlock()
	// the scope is asked as the store would: a kept measurer is no way round it
	if ok && k.gen == gen && now.Sub(k.at) < keptFor && scope.Valid() && scope.Allows(orgID) {
		return k.m, nil
	}
	cal, _, err := s.calendar(ctx, scope, orgID)
	if err != nil {
		return measurer{}, err
	}
	pols, err := s.Store.Policies(ctx, scope, orgID)
	if err != nil {
		return measurer{}, err
	}
	m := measurer{cal: cal, policies: pols}
	s.mu.Lock()
	s.kept[orgID] = keptMeasurer{m: m, gen: gen, at: now}
	s.mu.Unlock()
	return m, nil
}

// measure takes the ticket's SLA measurement at now, by the policy version
// in force when it was opened.
func (m measurer) measure(t *store.Ticket, events []desk.Event, now time.Time) error {
	pol := desk.InForce(m.policies, t.Type, t.OpenedAt)
	got, err := desk.Measure(m.cal, pol, t.Ticket, events, now)
	if err != nil {
		return err
	}
	t.SLA = got
	return nil
}

// Measure is a ticket's clocks as they stand now, from its full history.
func (s *Service) Measure(ctx context.Context, p tenancy.Principal, t store.Ticket, events []desk.Event) (desk.Measurement, error) {
	m, err := s.measurer(ctx, p.Scope, t.OrgID)
	if err != nil {
		return desk.Measurement{}, err
	}
	if err := m.measure(&t, events, s.Store.Now()); err != nil {
		return desk.Measurement{}, err
	}
	return t.SLA, nil
}
