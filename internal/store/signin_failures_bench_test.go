package store_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/store"
)

// BenchmarkRecordSignInFailure is the write every refused sign-in pays, for
// a real account and an unknown name alike: the upsert of the name's count
// and the setting of its lock, in one transaction (the audit entry is
// BenchmarkAuditAppend). Names cycle through 1,000, as a guesser's would.
func BenchmarkRecordSignInFailure(b *testing.B) {
	benchEngines(b, func(b *testing.B, s *store.Store) {
		noLock := func(store.SignInFailures) time.Time { return time.Time{} }
		i := 0
		for b.Loop() {
			i++
			if _, err := s.RecordSignInFailure(ctx, fmt.Sprintf("guess%d@example.org", i%1000), noLock); err != nil {
				b.Fatal(err)
			}
		}
	})
}
