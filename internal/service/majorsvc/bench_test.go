package majorsvc_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/major"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/majorsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// benchWorld is a council with n open major incidents, each with four
// updates, and twenty maintenance windows ahead, on SQLite.
func benchWorld(b *testing.B, n int) *world {
	b.Helper()
	s, _ := storetest.OpenSQLite(b)
	w := newWorld(b, s)
	for i := 0; i < n; i++ {
		tk, err := w.desk.Open(ctx, w.agent, openTicket(w, i))
		if err != nil {
			b.Fatal(err)
		}
		m, err := w.major.Raise(ctx, w.manager, majorsvc.Raise{TicketID: tk.ID})
		if err != nil {
			b.Fatal(err)
		}
		for j, a := range []major.Audience{major.Staff, major.Members, major.Partners, major.Public} {
			if _, err := w.major.PostUpdate(ctx, w.agent, m.ID, majorsvc.NewUpdate{Audience: a, Body: fmt.Sprintf("update %d", j)}); err != nil {
				b.Fatal(err)
			}
		}
	}
	for i := 0; i < 20; i++ {
		start := w.now.Add(time.Duration(i+1) * 24 * time.Hour)
		if _, err := w.major.AddMaintenance(ctx, w.manager, majorsvc.NewMaintenance{OrgID: w.ash.ID, Service: fmt.Sprintf("Service %d", i),
			Starts: start, Ends: start.Add(2 * time.Hour), Description: "patching"}); err != nil {
			b.Fatal(err)
		}
	}
	return w
}

func openTicket(w *world, i int) desksvc.NewTicket {
	return desksvc.NewTicket{OrgID: w.ash.ID, Title: fmt.Sprintf("Outage %d", i), Category: fmt.Sprintf("Service %d", i%40), Priority: desk.P1, Channel: desk.Phone}
}

// BenchmarkStatusPage reads a council's staff status page with 50 open
// major incidents and 20 maintenance windows.
func BenchmarkStatusPage(b *testing.B) {
	w := benchWorld(b, 50)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v, err := w.major.Status(ctx, &w.officer, "ashcombe")
		if err != nil || len(v.Incidents) != 50 {
			b.Fatalf("%d incidents, %v", len(v.Incidents), err)
		}
	}
}

// BenchmarkMajorListPage reads the first page (25) of 500 major incidents.
func BenchmarkMajorListPage(b *testing.B) {
	w := benchWorld(b, 500)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		list, _, err := w.major.List(ctx, w.agent, majorsvc.Filter{PerPage: 25})
		if err != nil || len(list) != 25 {
			b.Fatalf("%d, %v", len(list), err)
		}
	}
}

// BenchmarkPublicUpdateToDampedSubscribers posts a public update on an
// incident whose service has 1,000 verified subscribers, all heard from
// within the gap: the cost of looking and deciding to send nothing.
func BenchmarkPublicUpdateToDampedSubscribers(b *testing.B) {
	w := benchWorld(b, 1)
	list, _, _ := w.major.List(ctx, w.agent, majorsvc.Filter{})
	m := list[0]
	scope := tenancy.ForSystem(tenancy.JobTest)
	for i := 0; i < 1000; i++ {
		sub := store.StatusSubscription{OrgID: w.ash.ID, Email: fmt.Sprintf("s%d@example.org", i), Service: m.Impacts[0].Service}
		if err := s(w).SubscribeStatus(ctx, scope, &sub, fmt.Sprintf("hash-%d", i), "verify", w.now.Add(time.Hour)); err != nil {
			b.Fatal(err)
		}
		if err := s(w).VerifyStatusSubscription(ctx, scope, sub); err != nil {
			b.Fatal(err)
		}
		if err := s(w).StatusNoticeSent(ctx, scope, sub, w.now, major.Investigating); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := w.major.PostUpdate(ctx, w.agent, m.ID, majorsvc.NewUpdate{Audience: major.Public, Body: "still on it"}); err != nil {
			b.Fatal(err)
		}
	}
}

func s(w *world) *store.Store { return w.s }
