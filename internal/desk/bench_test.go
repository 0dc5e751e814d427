package desk_test

import (
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
)

// BenchmarkMeasure measures a ticket with six events, open three hours and
// open three years: the target is a million tickets a second on one
// core, at the same cost for both.
func BenchmarkMeasure(b *testing.B) {
	cal := defaultCalendar(b)
	pol := desk.DefaultPolicy(desk.Incident)
	for _, c := range []struct {
		name string
		span time.Duration
	}{{"open-3h", 3 * time.Hour}, {"open-3y", 3 * 365 * 24 * time.Hour}} {
		b.Run(c.name, func(b *testing.B) {
			opened := at("2023-03-06 09:00")
			step := c.span / 6
			tk := desk.Ticket{Ref: "INC-1", Type: desk.Incident, Priority: desk.P3, State: desk.Resolved, OpenedAt: opened}
			states := []desk.State{desk.Assigned, desk.InProgress, desk.AwaitingUser, desk.InProgress, desk.AwaitingSupplier, desk.Resolved}
			events := make([]desk.Event, 6)
			for i := range events {
				events[i] = desk.Event{At: opened.Add(time.Duration(i+1) * step), Kind: desk.Moved, State: states[i]}
			}
			now := opened.Add(c.span + time.Hour)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := desk.Measure(cal, pol, tk, events, now); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tickets/s")
		})
	}
}
