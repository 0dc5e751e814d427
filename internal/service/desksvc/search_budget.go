package desksvc

import (
	"context"
	"errors"
	"time"

	"github.com/ward-shared-service/ward/internal/store"
)

// SearchBudget is how long a ticket list may read tickets looking for its
// search text. Text is matched by reading tickets, not from an index, so a
// word that is in no ticket reads every ticket in scope: at a million,
// tens of seconds holding a database connection. Past the budget the list
// is refused with a message saying how to narrow it.
var SearchBudget = 5 * time.Second

// withSearchBudget runs read under the budget when the filter searches text,
// turning a read cut short by it into a refusal on the search field.
func withSearchBudget[T any](ctx context.Context, f store.TicketFilter, read func(context.Context) (T, error)) (T, error) {
	if f.Search == "" {
		return read(ctx)
	}
	limited, cancel := context.WithTimeout(ctx, SearchBudget)
	defer cancel()
	got, err := read(limited)
	if err != nil && ctx.Err() == nil && errors.Is(limited.Err(), context.DeadlineExceeded) {
		return got, invalid("q", "the search read tickets for %s without finishing; narrow it with a state, priority, "+
			"organisation or opening date, or search for a reference", SearchBudget).Because(err)
	}
	return got, err
}
