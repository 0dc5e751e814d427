package desksvc

import (
	"context"
	"errors"
	"sort"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// MeasureAll is the live clocks of tickets the principal has already read,
// in the same order, from one read of their histories. A ticket whose
// history the engine refuses keeps its stored measurement, so one bad
// import does not blank a whole list.
func (s *Service) MeasureAll(ctx context.Context, p tenancy.Principal, tickets []store.Ticket) ([]desk.Measurement, error) {
	out := make([]desk.Measurement, len(tickets))
	if len(tickets) == 0 {
		return out, nil
	}
	ids := make([]int64, len(tickets))
	for i, t := range tickets {
		ids[i] = t.ID
	}
	histories, err := s.Store.TicketHistories(ctx, p.Scope, ids)
	if err != nil {
		return nil, err
	}
	measurers := map[int64]measurer{}
	now := s.Store.Now()
	for i, t := range tickets {
		m, ok := measurers[t.OrgID]
		if !ok {
			if m, err = s.measurer(ctx, p.Scope, t.OrgID); err != nil {
				return nil, err
			}
			measurers[t.OrgID] = m
		}
		if err := m.measure(&t, histories[t.ID], now); err != nil {
			var bad *desk.HistoryError
			if !errors.As(err, &bad) {
				return nil, err
			}
		}
		out[i] = t.SLA
	}
	return out, nil
}

// Watched is an open ticket with its clocks as they stand now.
type Watched struct {
	Ticket store.Ticket
	SLA    desk.Measurement
}

// Dashboard is the desk's view of the orgs it works for, as it stands now.
type Dashboard struct {
	// OpenByPriority counts open tickets, P1 first.
	OpenByPriority []PriorityCount
	// Nearing is the open tickets past a warning threshold of their
	// resolution target, or past the target, least time left first.
	Nearing []Watched
	// Channels counts the tickets opened today, in each org's own time
	// zone, for every channel.
	Channels      []ChannelCount
	OpenedToday   int
	ResolvedToday int
}

// PriorityCount is a number of tickets of one priority.
type PriorityCount struct {
	Priority desk.Priority
	Count    int
}

// ChannelCount is a number of tickets that came in through one channel.
type ChannelCount struct {
	Channel desk.Channel
	Count   int
}

// NearingLimit is how many tickets the dashboard lists as nearing breach.
const NearingLimit = 25

// Dashboard measures the open tickets of the orgs live and counts today's
// traffic. Every org must be one the principal works tickets for.
func (s *Service) Dashboard(ctx context.Context, p tenancy.Principal, orgs []store.Org) (Dashboard, error) {
	d := Dashboard{}
	open := map[desk.Priority]int{}
	channels := map[desk.Channel]int{}
	now := s.Store.Now()
	for _, org := range orgs {
		if err := require(p, tenancy.WorkTickets, org.ID); err != nil {
			return d, err
		}
		// The open tickets' clocks kept at their last write, brought
		// forward to now as the list does; replaying every open ticket's
		// history took seconds with a million tickets on the desk.
		tickets, err := s.Store.OpenTickets(ctx, p.Scope, org.ID)
		if err != nil {
			return d, err
		}
		clocks, err := s.ListClocks(ctx, p, tickets)
		if err != nil {
			return d, err
		}
		for i, t := range tickets {
			open[t.Priority]++
			c := clocks[i].Resolution
			if c.Status == desk.Breached || c.Warning > 0 && (c.Status == desk.Running || c.Status == desk.Paused) {
				d.Nearing = append(d.Nearing, Watched{Ticket: t, SLA: clocks[i]})
			}
		}
		loc, err := time.LoadLocation(org.TimeZone)
		if err != nil {
			loc = time.UTC
		}
		local := now.In(loc)
		from := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, loc)
		day, err := s.Store.DeskDay(ctx, p.Scope, org.ID, from, from.AddDate(0, 0, 1))
		if err != nil {
			return d, err
		}
		for _, c := range day.Opened {
			channels[desk.Channel(c.Name)] += c.Count
			d.OpenedToday += c.Count
		}
		d.ResolvedToday += day.Resolved
	}
	for _, pr := range desk.Priorities {
		d.OpenByPriority = append(d.OpenByPriority, PriorityCount{Priority: pr, Count: open[pr]})
	}
	for _, c := range desk.Channels {
		d.Channels = append(d.Channels, ChannelCount{Channel: c, Count: channels[c]})
		delete(channels, c)
	}
	var other []ChannelCount // imported tickets may name channels of their own
	for c, n := range channels {
		other = append(other, ChannelCount{Channel: c, Count: n})
	}
	sort.Slice(other, func(i, j int) bool { return other[i].Channel < other[j].Channel })
	d.Channels = append(d.Channels, other...)
	sort.SliceStable(d.Nearing, func(i, j int) bool {
		return d.Nearing[i].SLA.Resolution.Left < d.Nearing[j].SLA.Resolution.Left
	})
	if len(d.Nearing) > NearingLimit {
		d.Nearing = d.Nearing[:NearingLimit]
	}
	return d, nil
}

// ListClocks is what a list shows of tickets' clocks as they stand now: the
// resolution clock kept with each ticket at its last write, brought forward
// to now (desk.AdvanceResolution), so a page of tickets costs no reading or
// replaying of histories. The response clock is the one kept at the last
// write. Tickets whose kept clock cannot be brought forward (never
// measured, or resolved by the source after it was measured) are measured
// from their histories, as MeasureAll does.
func (s *Service) ListClocks(ctx context.Context, p tenancy.Principal, tickets []store.Ticket) ([]desk.Measurement, error) {
	out := make([]desk.Measurement, len(tickets))
	measurers := map[int64]measurer{}
	now := s.Store.Now()
	var replay []store.Ticket
	var replayAt []int
	for i, t := range tickets {
		at := t.SLA.At
		if at.IsZero() || t.SLA.Resolution.Status == "" || t.ResolvedAt.After(at) {
			replay, replayAt = append(replay, t), append(replayAt, i)
			continue
		}
		m, ok := measurers[t.OrgID]
		if !ok {
			var err error
			if m, err = s.measurer(ctx, p.Scope, t.OrgID); err != nil {
				return nil, err
			}
			measurers[t.OrgID] = m
		}
		pol := desk.InForce(m.policies, t.Type, t.OpenedAt)
		if pol.Version != t.SLA.PolicyVersion || pol.Targets[t.SLA.Priority].Resolution.Working(m.cal) != t.SLA.Resolution.Target {
			// a policy or calendar edited since; the page shows it live
			replay, replayAt = append(replay, t), append(replayAt, i)
			continue
		}
		stopped := !t.ResolvedAt.IsZero() || t.SLA.Resolution.Status == desk.Met
		c, ok := desk.AdvanceResolution(m.cal, pol, t.SLA.Resolution, t.State, stopped, at, now)
		if !ok {
			replay, replayAt = append(replay, t), append(replayAt, i)
			continue
		}
		out[i] = t.SLA
		out[i].At = now
		out[i].Resolution = c
	}
	if len(replay) > 0 {
		got, err := s.MeasureAll(ctx, p, replay)
		if err != nil {
			return nil, err
		}
		for j, i := range replayAt {
			out[i] = got[j]
		}
	}
	return out, nil
}
