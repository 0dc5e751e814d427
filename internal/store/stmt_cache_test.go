package store_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
)

// Reads run from kept prepared statements on SQLite. Many more distinct
// texts than are kept, read at once from several goroutines beside one
// text read over and over, must each answer right, with no read failing
// because a statement was closed under it.
func TestKeptStatementsAnswerRightPastTheirBound(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		var wg sync.WaitGroup
		errs := make(chan error, 1000)
		for g := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 200 {
					n := g*1000 + i
					if got, err := s.ReadInt(fmt.Sprintf("SELECT %d + ?", n), 1); err != nil || got != n+1 {
						errs <- fmt.Errorf("SELECT %d + 1 = %d (%v)", n, got, err)
					}
					if got, err := s.ReadInt("SELECT 40 + ?", 2); err != nil || got != 42 {
						errs <- fmt.Errorf("the repeated read = %d (%v)", got, err)
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
	})
}
