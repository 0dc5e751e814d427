package store

import (
	"slices"
	"strings"

	"github.com/ward-shared-service/ward/internal/keyset"
)

// keysetOrder is a list's ORDER BY over exprs (its sort key, id last, all in
// one direction) and, from cursor c, the condition that starts the page
// there; vals are c's values for exprs. Read back from a Before cursor the
// order runs the other way: backwards restores list order.
func keysetOrder(exprs []string, desc bool, c *keyset.Cursor, vals ...any) (cond string, args []any, order string) {
	if c != nil && c.Before {
		desc = !desc
	}
	dir, op := " ASC", ">"
	if desc {
		dir, op = " DESC", "<"
	}
	order = strings.Join(exprs, dir+", ") + dir
	if c == nil {
		return "", nil, order
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(exprs)), ", ")
	return "(" + strings.Join(exprs, ", ") + ") " + op + " (" + marks + ")", vals, order
}

// backwards puts rows read back from a Before cursor into list order.
func backwards[T any](c *keyset.Cursor, rows []T) []T {
	if c != nil && c.Before {
		slices.Reverse(rows)
	}
	return rows
}
