package store_test

import (
	"fmt"
	"testing"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
)

// The health panel's check reads only the chain's last entries: it finds
// an edit among them, and leaves an older one to `ward audit verify`.
func TestAuditTailCheckFindsAnEditAtTheEnd(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, _ := twoCouncils(t, s)
		var last int64
		for i := 0; i < 10; i++ {
			e, err := s.Audit(ctx, audit.Entry{Actor: "user:x@y", OrgID: a.ID, Action: audit.SignIn, Target: fmt.Sprint("user:", i)})
			if err != nil {
				t.Fatal(err)
			}
			last = e.Seq
		}
		if n, brk, err := s.VerifyAuditTail(ctx, 4); err != nil || brk != nil || n != 4 {
			t.Fatalf("fresh chain: checked %d, break %v, err %v; want 4 checked", n, brk, err)
		}
		dropGuard(t, s)
		edit := func(seq int64) {
			t.Helper()
			if _, err := s.DB().Exec(s.Rebind(`UPDATE audit_log SET actor = ? WHERE seq = ?`), "user:mallory", seq); err != nil {
				t.Fatal(err)
			}
		}
		edit(last - 6) // before the tail
		if _, brk, _ := s.VerifyAuditTail(ctx, 4); brk != nil {
			t.Errorf("an edit before the tail was reported by the tail check: %v", brk)
		}
		if _, brk, _ := s.VerifyAudit(ctx); brk == nil || brk.Seq != last-6 {
			t.Errorf("the whole check missed the edit at %d: %v", last-6, brk)
		}
		edit(last - 3) // the tail's first entry, whose own hash is checked
		if _, brk, _ := s.VerifyAuditTail(ctx, 4); brk == nil || brk.Seq != last-3 {
			t.Errorf("the tail check missed the edit at %d: %v", last-3, brk)
		}
		edit(last)
		if _, brk, _ := s.VerifyAuditTail(ctx, 2); brk == nil || brk.Seq != last {
			t.Errorf("the tail check missed the edit of the last entry: %v", brk)
		}
	})
}
