package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/reader/callcsv"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
)

// phoneProfile is how busy each council's phone line is in the demo and how
// often callers give up, so the three differ in the telephony report.
var phoneProfile = map[string]struct {
	perDay    int     // calls on a working day, ±15%
	abandon   float64 // share of callers who hang up in the queue
	meanWait  float64 // seconds an answered caller waits, on average
	ticketed  float64 // share of answered calls that raise a ticket
	fixedOnce float64 // share of those fixed while the caller is on the line
}{
	"ashcombe":   {perDay: 280, abandon: 0.05, meanWait: 14, ticketed: 0.10, fixedOnce: 0.7},
	"brentmere":  {perDay: 220, abandon: 0.08, meanWait: 26, ticketed: 0.10, fixedOnce: 0.55},
	"calderwick": {perDay: 160, abandon: 0.07, meanWait: 20, ticketed: 0.10, fixedOnce: 0.62},
}

// phoneAgents answer the demo's calls besides the desk's two users, who log
// the tickets; the phone system names people as they are known on it.
var phoneAgents = []string{"Jo Baker", "Sam Okafor"}

// seedTelephony gives each council the last seven days of calls: working
// days only, 08:00 to 18:00 with the morning and after-lunch peaks, most
// answered within a minute, some abandoned, and one answered call in ten
// raising a ticket that the desk user who answered logs and, mostly,
// resolves before the caller rings off. The calls go in through the call
// log import, one import per council.
func seedTelephony(ctx context.Context, st *store.Store, svc *desksvc.Service, ids map[string]int64, now time.Time) error {
	for _, slug := range []string{"ashcombe", "brentmere", "calderwick"} {
		org, err := st.OrgBySlug(ctx, everyOrg, slug)
		if err != nil {
			return err
		}
		loc, err := time.LoadLocation(org.TimeZone)
		if err != nil {
			return err
		}
		workers, err := st.TicketWorkers(ctx, everyOrg, org.ID)
		if err != nil {
			return err
		}
		users := []store.User{workerNamed(workers, "agent@abc-shared.example"), workerNamed(workers, "admin@abc-shared.example")}
		prof := phoneProfile[slug]
		rng := rand.New(rand.NewPCG(uint64(org.ID), 16))
		var calls []callcsv.Call
		today := now.In(loc)
		for back := 7; back >= 1; back-- {
			day := time.Date(today.Year(), today.Month(), today.Day()-back, 0, 0, 0, 0, loc)
			if day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
				continue
			}
			n := prof.perDay * (85 + rng.IntN(31)) / 100
			for i := range n {
				queued := day.Add(callMinute(rng)).Add(time.Duration(rng.IntN(60)) * time.Second)
				c := callcsv.Call{CallID: fmt.Sprintf("%s-%s-%04d", slug, day.Format("20060102"), i+1), Queued: queued,
					Queue: "Service desk", Caller: "01632 96" + strconv.Itoa(1000+rng.IntN(9000))}
				if rng.Float64() < prof.abandon {
					gaveUp := queued.Add(time.Duration(10+rng.ExpFloat64()*50) * time.Second)
					c.Outcome, c.Abandoned, c.Ended = callcsv.Abandoned, gaveUp, gaveUp
					calls = append(calls, c)
					continue
				}
				c.Outcome = callcsv.Answered
				c.Answered = queued.Add(time.Duration(1+rng.ExpFloat64()*prof.meanWait) * time.Second)
				c.Ended = c.Answered.Add(time.Duration(90+rng.IntN(600)) * time.Second)
				if rng.Float64() < 0.03 {
					c.Outcome, c.Transferred = callcsv.Transferred, c.Answered.Add(time.Duration(30+rng.IntN(120))*time.Second)
				}
				c.Agent = phoneAgents[rng.IntN(len(phoneAgents))]
				if c.Outcome == callcsv.Answered && rng.Float64() < prof.ticketed && users[0].ID != 0 {
					who := users[rng.IntN(len(users))]
					c.Agent = who.Name
					ref, err := demoCallTicket(ctx, svc, rng, org.ID, who, c, prof.fixedOnce, now)
					if err != nil {
						return fmt.Errorf("demo call ticket for %s: %w", slug, err)
					}
					c.TicketRef = ref
				}
				calls = append(calls, c)
			}
		}
		if _, err := svc.ImportCalls(ctx, demoPrincipal, org, "demo call log", calls); err != nil {
			return fmt.Errorf("demo calls for %s: %w", slug, err)
		}
	}
	return nil
}

// callMinute is when in a working day a call comes: 08:00 to 18:00, with
// more in the two busy hours after nine and after one.
func callMinute(rng *rand.Rand) time.Duration {
	for {
		m := 8*60 + rng.IntN(600)
		weight := 0.5
		switch {
		case m >= 9*60 && m < 11*60, m >= 13*60 && m < 15*60:
			weight = 1
		case m >= 17*60:
			weight = 0.3
		}
		if rng.Float64() < weight {
			return time.Duration(m) * time.Minute
		}
	}
}

// demoCallTicket logs the ticket an answered call raised, assigned to the
// desk user who answered: resolved before the call ends (a first-time
// fix), or later the same day, or still open.
func demoCallTicket(ctx context.Context, svc *desksvc.Service, rng *rand.Rand, orgID int64, who store.User, c callcsv.Call,
	fixedOnce float64, now time.Time) (string, error) {
	cat := demoCategories[rng.IntN(len(demoCategories))]
	opened := c.Answered.Add(30 * time.Second)
	t := store.Ticket{OrgID: orgID, AssigneeID: who.ID, Ticket: desk.Ticket{Type: desk.Incident, Priority: desk.P3, Category: cat.category,
		Subcategory: cat.subcategory, Channel: desk.Phone, Title: cat.title, Caller: "Caller on " + c.Caller, CallerPhone: c.Caller,
		AssignmentGroup: "Service desk", Assignee: who.Name, State: desk.InProgress, OpenedAt: opened}}
	actor := "user:" + who.Email
	events := []desk.Event{
		{At: opened, Kind: desk.Opened, State: desk.New, Priority: desk.P3, Actor: actor, Note: "logged on call " + c.CallID},
		{At: opened, Kind: desk.Responded, Actor: actor, Note: "answered on the phone"},
		{At: opened, Kind: desk.Reassign, State: desk.InProgress, Assignee: who.Name, AssignmentGroup: "Service desk", Actor: actor},
	}
	var resolved time.Time
	switch r := rng.Float64(); {
	case r < fixedOnce:
		resolved = c.Ended.Add(-time.Duration(rng.IntN(60)) * time.Second)
	case r < fixedOnce+0.25:
		resolved = c.Ended.Add(time.Duration(2+rng.IntN(6)) * time.Hour)
	}
	if !resolved.IsZero() && resolved.Before(now) {
		events = append(events, desk.Event{At: resolved, Kind: desk.Moved, State: desk.Resolved, Actor: actor, Note: "fixed"})
		t.State, t.ResolvedAt = desk.Resolved, resolved
	}
	if err := svc.Log(ctx, demoPrincipal, &t, events); err != nil {
		return "", err
	}
	return t.Ref, nil
}
