package warpsvc

import (
	"context"
	"time"

	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/warp"
)

// SightingView is a sighting as the viewer may see it: another member's
// anonymous sighting does not say who saw it, and only the org that saw it
// reads the log line and the ticket.
type SightingView struct {
	store.Sighting
	SeenBy string       `json:"seen_by"`
	Own    bool         `json:"own"`
	TLP    warp.Marking `json:"tlp"`
	Line   string       `json:"sample,omitempty"`
	Ticket string       `json:"ticket,omitempty"`
}

// SightingQuery narrows the sightings listed.
type SightingQuery struct {
	IndicatorID int64
	OwnOnly     bool
	Since       time.Time // recorded from then on; zero for all
	Limit       int
	After       *keyset.Cursor // where the page starts: a cursor the list gave out
}

// Sightings lists the sightings the principal may see.
func (s *Service) Sightings(ctx context.Context, p tenancy.Principal, q SightingQuery) ([]SightingView, error) {
	v, err := s.viewer(ctx, p)
	if err != nil {
		return nil, err
	}
	return s.sightings(ctx, v, store.SightingFilter{IndicatorID: q.IndicatorID, OwnOnly: q.OwnOnly, Since: q.Since, Limit: listLimit(q.Limit, 1000), After: q.After})
}

// CountOwnSightings counts the principal's org's own sightings recorded
// since q.Since: the list of them with own=1, which shows all its own.
func (s *Service) CountOwnSightings(ctx context.Context, p tenancy.Principal, q SightingQuery) (int, error) {
	v, err := s.viewer(ctx, p)
	if err != nil {
		return 0, err
	}
	return s.Store.CountOwnSightings(ctx, v, store.SightingFilter{IndicatorID: q.IndicatorID, Since: q.Since})
}

func (s *Service) sightings(ctx context.Context, v warp.Viewer, f store.SightingFilter) ([]SightingView, error) {
	list, err := s.Store.Sightings(ctx, v, f)
	if err != nil {
		return nil, err
	}
	out := make([]SightingView, 0, len(list))
	for _, g := range list {
		own := g.OrgID == v.OrgID
		if !own && !(g.Shared && v.Sees(g.IndicatorShare.Share)) {
			continue
		}
		sv := SightingView{Sighting: g, Own: own, TLP: g.IndicatorShare.Marking, SeenBy: g.OrgName}
		if !own && g.Anonymous {
			sv.SeenBy = warp.AnonymousAuthor
		}
		if own {
			sv.Line, sv.Ticket = g.Sample, g.TicketRef
		}
		out = append(out, sv)
	}
	return out, nil
}
