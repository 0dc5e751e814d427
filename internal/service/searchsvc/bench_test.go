package searchsvc_test

import (
	"context"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/app"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// BenchmarkSearch runs the search box over a database made by
// `ward demo --tickets 100000` (named by WARD_BENCH_SEARCH_DB, a SQLite
// file or a PostgreSQL URL) as an agent and an admin whose scope is every
// council: an exact reference, a bare number, a word of many titles, a
// device serial, a defanged indicator and a term nothing contains (the
// worst case: every kind is read to its end).
func BenchmarkSearch(b *testing.B) {
	loc := os.Getenv("WARD_BENCH_SEARCH_DB")
	if loc == "" {
		b.Skip("set WARD_BENCH_SEARCH_DB to a database made by `ward demo --tickets 100000`")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, loc)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	svcs := app.New(st, app.Options{})
	orgs, err := st.Orgs(ctx, tenancy.ForSystem(tenancy.JobTest))
	if err != nil {
		b.Fatal(err)
	}
	var ids []int64
	for _, o := range orgs {
		ids = append(ids, o.ID)
	}
	one, err := st.Tickets(ctx, tenancy.ScopeOf(ids...), store.TicketFilter{Limit: 1})
	if err != nil || len(one) == 0 {
		b.Fatalf("no tickets in %s: %v", loc, err)
	}
	ref := one[0].Ref
	for _, role := range []tenancy.Role{tenancy.RoleAgent, tenancy.RoleAdmin} {
		p := tenancy.Principal{Actor: "user:bench", Role: role, Scope: tenancy.ScopeOf(ids...)}
		for _, q := range []struct{ name, q string }{
			{"ref", ref}, {"number", ref[len(ref)-5:]}, {"word", "printer"},
			{"serial", "SN-0001"}, {"defanged", "evil[.]example"}, {"nothing", "zzqx-nothing"},
		} {
			b.Run(string(role)+"/"+q.name, func(b *testing.B) {
				cpu := cpuTime()
				for b.Loop() {
					if _, err := svcs.Search.Search(ctx, p, q.q); err != nil {
						b.Fatal(err)
					}
				}
				// On a shared machine the wall time is mostly waiting for a
				// core; the process's CPU time per search is the cost itself.
				b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
			})
		}
	}
}

// cpuTime is the CPU time (user and system) the process has used so far.
func cpuTime() time.Duration {
	var u syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &u)
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
