package store_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/warp"
)

// rowCounts counts the rows of every table, to show a refused write left
// the database as it was.
func rowCounts(t *testing.T, s *store.Store) map[string]int {
	t.Helper()
	list := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
	if s.Dialect() == store.Postgres {
		list = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	}
	rows, err := s.DB().QueryContext(ctx, list)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	rows.Close()
	counts := map[string]int{}
	for _, name := range tables {
		var n int
		if err := s.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM `+name).Scan(&n); err != nil {
			t.Fatal(err)
		}
		counts[name] = n
	}
	return counts
}

// TestEveryWriteRefusesTextThatIsNotUTF8 holds the one encoding rule on
// every table family, on both engines: a write carrying bytes that are not
// UTF-8 is refused as invalid, naming the column, and writes nothing —
// where SQLite would have stored the bytes and PostgreSQL refused them.
func TestEveryWriteRefusesTextThatIsNotUTF8(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, _ := twoCouncils(t, s)
		sys := tenancy.ForSystem(tenancy.JobTest)
		community, err := s.CreateCommunity(ctx, store.Community{Slug: "south-west", Name: "South West WARP"})
		if err != nil {
			t.Fatal(err)
		}
		share := func(ctx context.Context) (store.ShareRef, error) {
			return s.CreateShare(ctx, sys, warp.Share{CommunityID: community.ID, Marking: warp.Green,
				Audience: warp.ToCommunity, AuthorOrgID: a.ID})
		}
		policy := desk.DefaultPolicy(desk.Incident)
		at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

		for _, c := range []struct {
			family, column string
			write          func(ctx context.Context) error
		}{
			{"org", "name", func(ctx context.Context) error {
				_, err := s.CreateOrg(ctx, store.NewOrg{Slug: "caf", Name: "Caf\xe9 Council", Kind: tenancy.KindCouncil})
				return err
			}},
			{"site", "address", func(ctx context.Context) error {
				_, err := s.CreateSite(ctx, sys, a.ID, "Depot", "1 Rue de l'\xc9glise")
				return err
			}},
			{"team", "name", func(ctx context.Context) error {
				_, err := s.CreateTeam(ctx, sys, a.ID, "R\xe9seau")
				return err
			}},
			{"user", "name", func(ctx context.Context) error {
				_, err := s.CreateUser(ctx, sys, store.NewUser{OrgID: a.ID, Email: "jorg@ashcombe.example", Name: "J\xf6rg", Role: tenancy.RoleOfficer})
				return err
			}},
			{"user's email", "email", func(ctx context.Context) error {
				_, err := s.CreateUser(ctx, sys, store.NewUser{OrgID: a.ID, Email: "J\xf6rg@ashcombe.example", Name: "Jorg", Role: tenancy.RoleOfficer})
				return err
			}},
			{"person", "name", func(ctx context.Context) error {
				_, err := s.CreatePerson(ctx, sys, store.Person{OrgID: a.ID, Name: "Ren\xe9e", Email: "renee@ashcombe.example"})
				return err
			}},
			{"org domains", "domain", func(ctx context.Context) error {
				return s.SetOrgDomains(ctx, sys, a.ID, []string{"ashcombe.gov.uk", "ex\xe9mple.gov.uk"})
			}},
			{"mailbox", "data", func(ctx context.Context) error {
				return s.SaveMailboxes(ctx, sys, a.ID, []*store.StoredMailbox{{Mailbox: posture.Mailbox{Address: "pat@ashcombe.gov.uk",
					Rules: []posture.InboxRule{{Name: "Caf\xe9 forward"}}}}})
			}},
			{"identity import", "file", func(ctx context.Context) error {
				return s.SaveIdentitySnapshot(ctx, sys, &store.IdentitySnapshot{OrgID: a.ID, Source: "ad", Directory: "ashcombe.local",
					File: "export-\xff.zip", ImportedAt: at, ImportedBy: "cli:test", Graph: []byte{0xff, 0xfe, 0x00}})
			}},
			{"tier zero", "note", func(ctx context.Context) error {
				return s.AddTierZero(ctx, sys, store.TierZeroAddition{OrgID: a.ID, ObjectID: "S-1-5-21-1", Note: "\xc3(", AddedBy: "cli:test", AddedAt: at})
			}},
			{"WARP advisory", "title", func(ctx context.Context) error {
				ref, err := share(ctx)
				if err != nil {
					return err
				}
				return s.CreateAdvisory(ctx, sys, &store.Advisory{Share: ref, STIXID: "report--1", Title: "Phishing \x80 wave", Severity: "high"})
			}},
			{"WARP indicator", "value", func(ctx context.Context) error {
				ref, err := share(ctx)
				if err != nil {
					return err
				}
				return s.InsertIndicators(ctx, sys, []store.SharedIndicator{{Share: ref, STIXID: "indicator--1",
					Indicator: warp.Indicator{Type: warp.Domain, Value: "caf\xe9.example"}, ValidFrom: at, Confidence: 50}})
			}},
			{"WARP object", "body", func(ctx context.Context) error {
				ref, err := share(ctx)
				if err != nil {
					return err
				}
				return s.InsertObjects(ctx, sys, []store.StixObject{{Share: ref, STIXID: "malware--1", Type: "malware", Body: "{\"name\":\"\xe9\"}"}})
			}},
			{"WARP community", "description", func(ctx context.Context) error {
				_, err := s.CreateCommunity(ctx, store.Community{Slug: "north", Name: "North", Description: "Fran\xe7ais"})
				return err
			}},
			{"SLA policy", "created_by", func(ctx context.Context) error {
				return s.SavePolicy(ctx, sys, a.ID, &policy, "cli:J\xf6rg")
			}},
			{"calendar", "definition", func(ctx context.Context) error {
				_, err := s.SaveCalendar(ctx, sys, a.ID, json.RawMessage("{\"name\":\"Caf\xe9\"}"), "cli:test")
				return err
			}},
			{"control setting", "params", func(ctx context.Context) error {
				return s.SetControlSetting(ctx, sys, a.ID, store.ControlSetting{Control: "mfa", Params: map[string]string{"note": "\xff"}, UpdatedBy: "cli:test"})
			}},
			{"audit entry", "detail", func(ctx context.Context) error {
				_, err := s.Audit(ctx, audit.Entry{Actor: "cli:test", OrgID: a.ID, Action: audit.CalendarChange, Target: "calendar v1",
					Detail: map[string]string{"name": "Caf\xe9"}})
				return err
			}},
			{"audit target", "target", func(ctx context.Context) error {
				_, err := s.Audit(ctx, audit.Entry{Actor: "cli:test", OrgID: a.ID, Action: audit.CalendarChange, Target: "Caf\xe9"})
				return err
			}},
		} {
			before := rowCounts(t, s)
			err := s.InTx(ctx, c.write) // as a service makes its change and its audit entry
			if err == nil {
				t.Errorf("%s: text that is not UTF-8 was stored", c.family)
				continue
			}
			t.Run(c.family, func(t *testing.T) { notUTF8(t, err, c.column) })
			after := rowCounts(t, s)
			for table, n := range after {
				if n != before[table] {
					t.Errorf("%s: refused, yet %s went from %d rows to %d", c.family, table, before[table], n)
				}
			}
		}

		// A read looking for such text is refused alike, rather than finding
		// nothing on SQLite and failing on PostgreSQL.
		_, err = s.OrgBySlug(ctx, sys, "caf\xe9")
		notUTF8(t, err, "slug")

		// Bytes that are not text still go into binary columns whole.
		graph := []byte{0xff, 0xfe, 0x00, 0xc3}
		if err := s.InTx(ctx, func(ctx context.Context) error {
			return s.SaveIdentitySnapshot(ctx, sys, &store.IdentitySnapshot{OrgID: a.ID, Source: "ad", Directory: "ashcombe.local",
				File: "export.zip", ImportedAt: at, ImportedBy: "cli:test", Graph: graph})
		}); err != nil {
			t.Fatal(err)
		}
		snaps, err := s.IdentitySnapshots(ctx, sys, a.ID, "current", true)
		if err != nil || len(snaps) != 1 || string(snaps[0].Graph) != string(graph) {
			t.Fatalf("binary graph: %+v, %v", snaps, err)
		}
	})
}
