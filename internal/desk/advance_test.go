package desk_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
)

// TestAdvanceMatchesMeasure keeps a clock as the store does (whole seconds
// used, no warning) at one instant, brings it forward, and compares it
// with a measurement from the whole history at the later instant: a list
// that shows kept clocks must say what the ticket's own page says.
func TestAdvanceMatchesMeasure(t *testing.T) {
	cal := defaultCalendar(t)
	pol := desk.DefaultPolicy(desk.Incident)
	rng := rand.New(rand.NewPCG(15, 5))
	minutes := func(n int) time.Duration { return time.Duration(rng.IntN(n)+1) * time.Minute }
	seen := map[desk.Status]int{}
	for i := range 4000 {
		opened := at("2026-03-02 08:00").Add(minutes(60 * 24 * 30))
		tk := desk.Ticket{Ref: "INC-1", Type: desk.Incident, Priority: desk.Priorities[rng.IntN(len(desk.Priorities))], OpenedAt: opened}
		var events []desk.Event
		when := opened
		for range rng.IntN(5) {
			when = when.Add(minutes(60 * 24 * 4))
			st := desk.States[rng.IntN(len(desk.States))]
			events = append(events, desk.Event{At: when, Kind: desk.Moved, State: st})
			tk.State = st
		}
		if tk.State == "" {
			tk.State = desk.New
		}
		measured := when.Add(minutes(60 * 24 * 3))
		then, err := desk.Measure(cal, pol, tk, events, measured)
		if err != nil {
			t.Fatal(err)
		}
		kept := then.Resolution
		kept.Used = kept.Used.Truncate(time.Second)
		kept.Warning, kept.Left, kept.Stopped, kept.StoppedAt = 0, 0, false, time.Time{}
		now := measured.Add(minutes(60 * 24 * 10))
		got, ok := desk.AdvanceResolution(cal, pol, kept, tk.State, kept.Status == desk.Met, measured, now)
		if !ok {
			seen["history"]++
			continue
		}
		want, err := desk.Measure(cal, pol, tk, events, now)
		if err != nil {
			t.Fatal(err)
		}
		w := want.Resolution
		seen[w.Status]++
		if got.Status != w.Status || got.Used != w.Used || got.Left != w.Left || got.Paused != w.Paused ||
			!got.Deadline.Equal(w.Deadline) || got.Warning != w.Warning {
			t.Fatalf("ticket %d (%s, %v, measured %v, now %v):\n got %+v\nwant %+v", i, tk.Priority, tk.State, measured, now, got, w)
		}
	}
	t.Logf("clocks ending each way: %v", seen)
	for _, s := range []desk.Status{desk.Running, desk.Paused, desk.Met, desk.Breached} {
		if seen[s] == 0 {
			t.Errorf("no ticket ended %s; the test does not cover it", s)
		}
	}
}
