//go:build unix

package main

import (
	"context"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/demo"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// TestKilledMidWriteLeavesTheDatabaseWhole kills `ward demo --scale 30` (one
// transaction of some 4,500 rows, after a second of password hashing) with
// SIGKILL at staggered moments, on each engine, and checks that every time
// the database holds either none of the demo or all of it, with an intact
// audit chain. The delays only spread the kills; nothing asserts on time.
func TestKilledMidWriteLeavesTheDatabaseWhole(t *testing.T) {
	bin := buildWard(t)
	const scale = 30
	wantUsers := demo.UserCount(scale)
	for _, engine := range storetest.Engines() {
		t.Run(engine.Name, func(t *testing.T) {
			outcomes := map[string]int{}
			for _, delay := range []time.Duration{300, 800, 1200, 1500, 1800, 2400, 3500} {
				s, location := engine.Open(t)
				cmd := exec.Command(bin, "demo", "--scale", "30", "--database", location)
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				time.Sleep(delay * time.Millisecond)
				_ = cmd.Process.Signal(syscall.SIGKILL)
				_ = cmd.Wait()

				ctx := context.Background()
				orgs, err := s.CountOrgs(ctx)
				if err != nil {
					t.Fatalf("after kill at %dms: %v", delay, err)
				}
				users, _ := s.Users(ctx, tenancy.ForSystem(tenancy.JobTest))
				switch {
				case orgs == 0 && len(users) == 0:
					outcomes["nothing"]++
				case orgs == 6 && len(users) == wantUsers:
					outcomes["everything"]++
				default:
					t.Fatalf("kill at %dms left half a demo: %d orgs, %d users", delay, orgs, len(users))
				}
				if _, brk, err := s.VerifyAudit(ctx); err != nil || brk != nil {
					t.Fatalf("kill at %dms broke the audit chain: %v %v", delay, brk, err)
				}
				if s.Dialect() == store.SQLite {
					var check string
					if err := s.DB().QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
						t.Fatalf("kill at %dms: integrity_check = %q %v", delay, check, err)
					}
				}
			}
			t.Logf("outcomes of %d kills: %v", 7, outcomes)
		})
	}
}
