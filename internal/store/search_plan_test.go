package store_test

import (
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
)

// Each key the search box names a record by (a ticket reference or its
// start, a device's serial, name or user, an indicator's value) is read as
// a range of an index on both engines, never by scanning the table. The
// tables are small, so PostgreSQL is told to avoid a scan where it can
// (enable_seqscan off): a scan left in the plan means no index fits. The
// tickets carry statistics, or PostgreSQL takes any index on org_id.
func TestSearchKeysAreReadFromAnIndex(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := twoCouncils(t, s)
		tiedTickets(t, s, 300, a.ID, b.ID)
		analyzeTickets(t, s)
		lo, hi := store.PrefixBounds("ash-inc-100")
		// SQLite reads references from UNIQUE (org_id, ref), PostgreSQL
		// from tickets_by_ref, the one that compares byte by byte.
		refIndex := "ref>? AND ref<?"
		if s.Dialect() == store.Postgres {
			refIndex = "tickets_by_ref"
		}
		for _, c := range []struct{ name, q, index string }{
			{"reference", `SELECT id FROM tickets WHERE org_id = ? AND ` + s.StartsWith("ref") + ` LIMIT 21`, refIndex},
			{"serial", `SELECT id FROM devices d WHERE d.org_id IN (?) AND ` + s.StartsWith("LOWER(d.serial)") + ` LIMIT 21`, "devices_serial_key"},
			{"hostname", `SELECT id FROM devices d WHERE d.org_id IN (?) AND ` + s.StartsWith("LOWER(d.name)") + ` LIMIT 21`, "devices_name_key"},
			{"user", `SELECT id FROM devices d WHERE d.org_id IN (?) AND ` + s.StartsWith("LOWER(d.primary_user)") + ` LIMIT 21`, "devices_user_key"},
			{"indicator", `SELECT id FROM warp_indicators i WHERE i.id <> ? AND ` + s.StartsWith("i.value") + ` LIMIT 21`, "warp_indicators_value"},
		} {
			plan := explainNoScan(t, s, c.q, a.ID, lo, hi)
			if !strings.Contains(plan, c.index) || strings.Contains(plan, "Seq Scan") || strings.Contains(plan, "SCAN ") {
				t.Errorf("%s: the plan does not read a range of %s\n%s", c.name, c.index, plan)
			}
		}
	})
}
