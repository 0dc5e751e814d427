package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

func benchEngines(b *testing.B, fn func(b *testing.B, s *store.Store)) {
	for _, e := range storetest.Engines() {
		b.Run(e.Name, func(b *testing.B) {
			s, _ := e.Open(b)
			fn(b, s)
		})
	}
}

// BenchmarkAuditAppend is the cost every change and sign-in pays for its
// hash-chained audit entry.
func BenchmarkAuditAppend(b *testing.B) {
	benchEngines(b, func(b *testing.B, s *store.Store) {
		i := 0
		for b.Loop() {
			i++
			if _, err := s.Audit(ctx, audit.Entry{Actor: "user:a@b", Action: audit.View, Target: fmt.Sprint("/x/", i)}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkScopedUsers lists one council's users out of 20 councils of 200.
func BenchmarkScopedUsers(b *testing.B) {
	benchEngines(b, func(b *testing.B, s *store.Store) {
		var target int64
		for o := 0; o < 20; o++ {
			org, err := s.CreateOrg(ctx, store.NewOrg{Slug: fmt.Sprint("c", o), Name: fmt.Sprint("Council ", o), Kind: tenancy.KindCouncil})
			if err != nil {
				b.Fatal(err)
			}
			target = org.ID
			err = s.InTx(ctx, func(ctx context.Context) error {
				for u := 0; u < 200; u++ {
					if _, err := s.CreateUser(ctx, tenancy.ForSystem(tenancy.JobTest), store.NewUser{OrgID: org.ID, Email: fmt.Sprintf("u%d@c%d.example", u, o), Name: "U", Role: tenancy.RoleOfficer}); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		scope := tenancy.ScopeOf(target)
		for b.Loop() {
			users, err := s.Users(ctx, scope)
			if err != nil || len(users) != 200 {
				b.Fatal(len(users), err)
			}
		}
	})
}

// BenchmarkVerifyAudit checks a 10,000-entry chain from the database.
func BenchmarkVerifyAudit(b *testing.B) {
	benchEngines(b, func(b *testing.B, s *store.Store) {
		err := s.InTx(ctx, func(ctx context.Context) error {
			for i := 0; i < 10000; i++ {
				if _, err := s.Audit(ctx, audit.Entry{Actor: "cli:x", Action: audit.View, Target: fmt.Sprint(i)}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			n, brk, err := s.VerifyAudit(ctx)
			if err != nil || brk != nil || n != 10000 {
				b.Fatal(n, brk, err)
			}
		}
	})
}
