package store

import "testing"

// TestColumnOfArgNamesWhatTheSQLSays checks the guard names the column a
// refused argument was for wherever the statement says it plainly, and
// names none rather than the wrong one where it does not.
func TestColumnOfArgNamesWhatTheSQLSays(t *testing.T) {
	for _, c := range []struct {
		query string
		arg   int
		want  string
	}{
		{`INSERT INTO sites (org_id, name, address, created_at) VALUES (?, ?, ?, ?) RETURNING id`, 2, "address"},
		{`INSERT INTO identity_snapshots (org_id, state, file) VALUES (?, 'current', ?)`, 1, "file"},
		{`INSERT INTO t (a, b) VALUES (?, ?),(?, ?)`, 3, "b"},
		{`INSERT INTO t (a, b) VALUES (lower(?), ?)`, 1, "b"},
		{`INSERT INTO t (a, b) VALUES (?, ?) ON CONFLICT (a) DO UPDATE SET b = excluded.b WHERE t.c = ?`, 2, "c"},
		{`UPDATE users SET name = ?, updated_at = ? WHERE id = ?`, 0, "name"},
		{`SELECT id FROM orgs WHERE o.slug = ? AND id IN (?, ?)`, 0, "slug"},
		{`SELECT id FROM advisories WHERE lower(title) LIKE ? ESCAPE '\'`, 0, ""},
		{`SELECT id FROM t WHERE id IN (?, ?)`, 1, ""},
		{`SELECT 1`, 0, ""},
	} {
		if got := columnOfArg(c.query, c.arg); got != c.want {
			t.Errorf("columnOfArg(%q, %d) = %q, want %q", c.query, c.arg, got, c.want)
		}
	}
}
