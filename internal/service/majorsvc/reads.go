package majorsvc

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/major"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// addAll adds a pure check's mistakes in field order, so the answer reads
// the same each time.
func addAll(bad *fault.Fields, m map[string]string) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		bad.Add(k, "%s", m[k])
	}
}

// Plan is one line of the communication plan as shown: overdue when the
// next update to its audience is late.
type Plan struct {
	Audience     major.Audience `json:"audience"`
	Every        time.Duration  `json:"-"`
	EveryMinutes int            `json:"every_minutes"`
	NextDue      time.Time      `json:"next_due"`
	Overdue      bool           `json:"overdue"`
}

// Record is everything about one major incident: its timeline, plan,
// children and review.
type Record struct {
	Incident Incident         `json:"incident"`
	Updates  []Update         `json:"updates"`
	Comms    []Plan           `json:"comms"`
	Children []desksvc.Ticket `json:"children"`
	Review   *major.Review    `json:"review,omitempty"`
}

// Overdue lists the audiences whose next update is late.
func (r Record) Overdue() []major.Audience {
	var out []major.Audience
	for _, c := range r.Comms {
		if c.Overdue {
			out = append(out, c.Audience)
		}
	}
	return out
}

// Get reads one major incident whole.
func (s *Service) Get(ctx context.Context, p tenancy.Principal, id int64) (Record, error) {
	if !canRead(p) {
		return Record{}, errForbidden
	}
	m, err := s.Store.MajorIncident(ctx, p.Scope, id)
	if err != nil {
		if fault.Is(err, fault.KindNotFound) {
			return Record{}, errNotFound
		}
		return Record{}, err
	}
	rec := Record{Incident: m}
	if rec.Updates, err = s.Store.MajorUpdates(ctx, p.Scope, id); err != nil {
		return rec, err
	}
	if rec.Comms, err = s.plan(ctx, p, m); err != nil {
		return rec, err
	}
	if rec.Children, err = s.Store.MajorChildren(ctx, p.Scope, id); err != nil {
		return rec, err
	}
	if r, err := s.Store.MajorReview(ctx, p.Scope, id); err == nil {
		rec.Review = &r
	} else if !fault.Is(err, fault.KindNotFound) {
		return rec, err
	}
	return rec, nil
}

// plan reads the communication plan; only an open incident can be late.
func (s *Service) plan(ctx context.Context, p tenancy.Principal, m Incident) ([]Plan, error) {
	comms, err := s.Store.MajorComms(ctx, p.Scope, m.ID)
	now := s.Store.Now()
	out := make([]Plan, len(comms))
	for i, c := range comms {
		out[i] = Plan{Audience: c.Audience, Every: c.Every, EveryMinutes: int(c.Every / time.Minute), NextDue: c.NextDue,
			Overdue: m.State == major.Open && c.Overdue(now)}
	}
	return out, err
}

// Listed is a major incident in a list, with the audiences it owes an update.
type Listed struct {
	Incident
	Overdue []major.Audience `json:"overdue,omitempty"`
}

// List pages through the major incidents in view, newest first.
func (s *Service) List(ctx context.Context, p tenancy.Principal, f Filter) ([]Listed, Page, error) {
	if !canRead(p) {
		return nil, Page{}, errForbidden
	}
	page, err := s.Store.MajorIncidents(ctx, p.Scope, f)
	if err != nil {
		return nil, page, err
	}
	out := make([]Listed, len(page.Incidents))
	for i, m := range page.Incidents {
		plan, err := s.plan(ctx, p, m)
		if err != nil {
			return nil, page, err
		}
		out[i] = Listed{Incident: m}
		for _, c := range plan {
			if c.Overdue {
				out[i].Overdue = append(out[i].Overdue, c.Audience)
			}
		}
	}
	return out, page, nil
}

// Settings reads an org's major incident rules and status page settings.
func (s *Service) Settings(ctx context.Context, p tenancy.Principal, orgID int64) (major.Settings, error) {
	if err := require(p, tenancy.ManageDesk, orgID); err != nil {
		return major.Settings{}, err
	}
	return s.Store.MajorSettings(ctx, p.Scope, orgID)
}

// SaveSettings writes them.
func (s *Service) SaveSettings(ctx context.Context, p tenancy.Principal, orgID int64, st major.Settings) error {
	var bad fault.Fields
	addAll(&bad, st.Check())
	if err := bad.Err(); err != nil {
		return err
	}
	if err := require(p, tenancy.ManageDesk, orgID); err != nil {
		return err
	}
	return s.Store.InTx(ctx, func(ctx context.Context) error {
		if err := s.Store.SaveMajorSettings(ctx, p.Scope, orgID, st); err != nil {
			return err
		}
		_, err := s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: audit.MajorSettings, Target: "major incident settings",
			Detail: map[string]string{"status_public": boolWord(st.StatusPublic), "notice_gap": st.NoticeGap.String()}, IP: p.IP})
		return err
	})
}

func boolWord(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// NewMaintenance is a planned maintenance window.
type NewMaintenance struct {
	OrgID       int64
	Service     string
	Sites       []string
	Starts      time.Time
	Ends        time.Time
	Description string
}

// Check names every mistake in a maintenance window at once; a page that
// checks its own fields first asks it for the rest.
func (n *NewMaintenance) Check() error {
	var bad fault.Fields
	n.Service, n.Description = strings.TrimSpace(n.Service), strings.TrimSpace(n.Description)
	if n.Service == "" || len(n.Service) > 100 {
		bad.Add("service", "name the service (up to 100 characters)")
	}
	switch {
	case n.Starts.IsZero():
		bad.Add("starts", "say when the maintenance starts")
	case n.Ends.IsZero() || !n.Ends.After(n.Starts):
		bad.Add("ends", "say when it ends, after it starts")
	case n.Ends.Sub(n.Starts) > 14*24*time.Hour:
		bad.Add("ends", "a maintenance window lasts at most 14 days")
	}
	if n.Description == "" || len(n.Description) > 5000 {
		bad.Add("description", "describe the work (up to 5,000 characters)")
	}
	var sites []string
	for _, site := range n.Sites {
		if site = strings.TrimSpace(site); site != "" {
			sites = append(sites, site)
		}
	}
	n.Sites = sites
	return bad.Err()
}

// AddMaintenance plans a maintenance window; managers of the desk do.
func (s *Service) AddMaintenance(ctx context.Context, p tenancy.Principal, n NewMaintenance) (Maintenance, error) {
	if err := n.Check(); err != nil {
		return Maintenance{}, err
	}
	if err := require(p, tenancy.ManageDesk, n.OrgID); err != nil {
		return Maintenance{}, err
	}
	m := Maintenance{OrgID: n.OrgID, Service: n.Service, Sites: n.Sites, Starts: n.Starts.UTC(), Ends: n.Ends.UTC(),
		Description: n.Description, CreatedBy: p.Actor}
	return m, s.Store.InTx(ctx, func(ctx context.Context) error {
		if err := s.Store.AddMaintenance(ctx, p.Scope, &m); err != nil {
			return err
		}
		_, err := s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: n.OrgID, Action: audit.MaintenanceAdd,
			Target: "maintenance of " + m.Service, Detail: map[string]string{"starts": m.Starts.Format(time.RFC3339)}, IP: p.IP})
		return err
	})
}

// MaintenanceFilter narrows the maintenance list.
type MaintenanceFilter = storeMaintenanceFilter

// Maintenance lists planned maintenance in view, soonest first; with
// upcoming, only windows not yet over.
func (s *Service) Maintenance(ctx context.Context, p tenancy.Principal, f MaintenanceFilter, upcoming bool) ([]Maintenance, *Cursor, error) {
	if !canRead(p) {
		return nil, nil, errForbidden
	}
	if upcoming {
		f.EndAfter = s.Store.Now()
	}
	return s.Store.MaintenanceWindows(ctx, p.Scope, f)
}
