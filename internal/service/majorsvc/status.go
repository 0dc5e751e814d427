package majorsvc

import (
	"context"
	"time"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/major"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// ErrSignIn means the status page is not public and nobody signed in: the
// page sends the browser to sign in. An org that does not exist answers
// the same, so the page does not tell which councils use ward.
var ErrSignIn = fault.Forbidden("sign in to see this status page")

// StatusView is one council's status page. Public is true for the view
// anyone may see: then each incident carries only its title, services,
// phase and public updates, and maintenance only its service and window.
type StatusView struct {
	Org         string          `json:"org"`
	OrgName     string          `json:"org_name"`
	Public      bool            `json:"public"`
	Incidents   []StatusEntry   `json:"incidents"`
	Maintenance []Maintenance   `json:"maintenance"`
	Services    []string        `json:"services"` // those a visitor may subscribe to
	At          time.Time       `json:"at"`
	Settings    *major.Settings `json:"-"`
}

// StatusEntry is an incident on the page with the updates its reader may see.
type StatusEntry struct {
	StatusIncident
	Updates []StatusUpdate `json:"updates"`
}

// StatusUpdate is an update as the status page shows it: no author.
type StatusUpdate struct {
	At       time.Time      `json:"at"`
	Phase    major.Phase    `json:"phase"`
	Audience major.Audience `json:"audience,omitempty"`
	Body     string         `json:"body"`
}

// RecentlyResolved is how long a resolved major incident stays on the
// staff view of the status page.
const RecentlyResolved = 7 * 24 * time.Hour

// Status reads a council's status page. p is nil for a visitor who has not
// signed in. Staff whose view holds the council see the staff view; anyone
// else sees the public view if the council made it public, and otherwise
// ErrSignIn (nobody signed in) or not found (signed in, another council).
func (s *Service) Status(ctx context.Context, p *tenancy.Principal, slug string) (StatusView, error) {
	if p != nil {
		if o, err := s.Store.OrgBySlug(ctx, p.Scope, slug); err == nil {
			return s.status(ctx, p.Scope, o, false)
		} else if !fault.Is(err, fault.KindNotFound) {
			return StatusView{}, err
		}
	}
	system := tenancy.ForSystem(tenancy.JobStatusPage)
	o, err := s.Store.OrgBySlug(ctx, system, slug)
	var st major.Settings
	if err == nil {
		st, err = s.Store.MajorSettings(ctx, system, o.ID)
	}
	switch {
	case err != nil && !fault.Is(err, fault.KindNotFound):
		return StatusView{}, err
	case err == nil && st.StatusPublic:
		return s.status(ctx, system, o, true)
	case p == nil:
		return StatusView{}, ErrSignIn
	}
	return StatusView{}, fault.NotFound("no such status page")
}

func (s *Service) status(ctx context.Context, scope tenancy.Scope, o store.Org, public bool) (StatusView, error) {
	now := s.Store.Now()
	v := StatusView{Org: o.Slug, OrgName: o.Name, Public: public, At: now}
	// Staff also see what was resolved this past week, to answer "was it
	// fixed?"; the public view shows only what is wrong now.
	var resolvedSince time.Time
	if !public {
		resolvedSince = now.Add(-RecentlyResolved)
	}
	incidents, err := s.Store.StatusIncidents(ctx, scope, o.ID, resolvedSince)
	if err != nil {
		return v, err
	}
	audiences := []major.Audience{major.Public}
	if !public {
		audiences = major.Audiences
	}
	known := map[string]bool{}
	addService := func(name string) {
		if k := major.ServiceKey(name); k != "" && !known[k] {
			known[k] = true
			v.Services = append(v.Services, name)
		}
	}
	for _, si := range incidents {
		ups, err := s.Store.StatusUpdates(ctx, scope, o.ID, si.ID, audiences)
		if err != nil {
			return v, err
		}
		e := StatusEntry{StatusIncident: si}
		if public {
			e.Sites = nil
		}
		for _, u := range ups {
			su := StatusUpdate{At: u.At, Phase: u.Phase, Body: u.Body}
			if !public {
				su.Audience = u.Audience
			}
			e.Updates = append(e.Updates, su)
		}
		for _, svc := range si.Services {
			addService(svc)
		}
		v.Incidents = append(v.Incidents, e)
	}
	windows, _, err := s.Store.MaintenanceWindows(ctx, scope, store.MaintenanceFilter{OrgID: o.ID, EndAfter: now, PerPage: 50})
	if err != nil {
		return v, err
	}
	for _, w := range windows {
		addService(w.Service)
		if public {
			w = Maintenance{Service: w.Service, Starts: w.Starts, Ends: w.Ends}
		}
		v.Maintenance = append(v.Maintenance, w)
	}
	st, err := s.Store.MajorSettings(ctx, scope, o.ID)
	for _, c := range st.Critical {
		addService(c)
	}
	return v, err
}
