package demo

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/ward-shared-service/ward/internal/calendar"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/store"
)

// ticketsPerTransaction bounds one bulk transaction: large enough that
// inserts are batched, small enough that a reader is not held up for long.
const ticketsPerTransaction = 5000

// AddTickets adds n tickets to the demo councils' desks, opened over the
// year before now, each with a history (logged, assigned, worked, perhaps
// waiting on the caller, resolved and closed; about one in a hundred still
// open) and its SLA measurement, so list and report figures can be
// reproduced at any size. progress, if not nil, hears the count so far.
func AddTickets(ctx context.Context, st *store.Store, n int, now time.Time, progress func(done int)) error {
	cal, err := calendar.New(calendar.Default())
	if err != nil {
		return err
	}
	pol := desk.DefaultPolicy(desk.Incident)
	slugs := []string{"ashcombe", "brentmere", "calderwick"}
	orgIDs := make([]int64, len(slugs))
	people := map[int64][]store.Person{}
	workers := map[int64][]store.User{} // who may work each council's tickets
	everyone, err := st.People(ctx, everyOrg)
	if err != nil {
		return err
	}
	for i, slug := range slugs {
		org, err := st.OrgBySlug(ctx, everyOrg, slug)
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("no %s council: add tickets to a database made by ward demo", slug)
		} else if err != nil {
			return err
		}
		orgIDs[i] = org.ID
		if workers[org.ID], err = st.TicketWorkers(ctx, everyOrg, org.ID); err != nil {
			return err
		}
	}
	for _, p := range everyone {
		people[p.OrgID] = append(people[p.OrgID], p)
	}
	rng := rand.New(rand.NewPCG(uint64(n), uint64(now.Unix())))
	year := float64(365 * 24 * time.Hour)
	for done := 0; done < n; {
		batch := min(ticketsPerTransaction, n-done)
		tickets := make([]*store.Ticket, 0, batch)
		histories := make([][]desk.Event, 0, batch)
		for range batch {
			org := orgIDs[rng.IntN(len(orgIDs))]
			if len(people[org]) == 0 {
				return fmt.Errorf("council %d has no callers: add tickets to a database made by ward demo", org)
			}
			opened := now.Add(-time.Duration(rng.Float64() * year)).Truncate(time.Minute)
			// The demo's agent works the added tickets, as it does the seeded ones.
			who := workerNamed(workers[org], "agent@abc-shared.example")
			t, events := demoTicket(rng, cal, pol, org, people[org], who, opened, now, 0.9, rng.IntN(100) == 0)
			if rng.IntN(4) == 0 {
				cat := demoCategories[5] // a new starter's account is a request
				t.Type, t.Category, t.Subcategory, t.Title = desk.Request, cat.category, cat.subcategory, cat.title
			}
			m, err := desk.Measure(cal, desk.DefaultPolicy(t.Type), t.Ticket, events, now)
			if err != nil {
				return err
			}
			t.SLA = m
			tickets = append(tickets, &t)
			histories = append(histories, events)
		}
		if err := st.AddTickets(ctx, everyOrg, tickets, histories); err != nil {
			return fmt.Errorf("add demo tickets: %w", err)
		}
		done += batch
		if progress != nil {
			progress(done)
		}
	}
	return nil
}
