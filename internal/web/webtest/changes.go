package webtest

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/store"
)

// Changes watches a test's database for writes. A trigger on every table
// notes each row inserted, deleted or changed in a log of its own, so
// "did this refused request change anything?" is one read of the log's
// length instead of a read of every org's records before and after it,
// and it covers every table, not only those a snapshot thought to read.
type Changes struct {
	db     *sql.DB
	rebind func(string) string
}

// unwatched are the writes any request may make however it is answered:
// its session's last-seen time, the audit log of what was tried, the
// time a token was last used. A nil list leaves out the whole table.
var unwatched = map[string][]string{
	"sessions":   {"last_seen_at"},
	"audit_log":  nil,
	"audit_head": nil,
	"api_tokens": {"last_used_at"},
}

const changeLog = "walk_changes"

// WatchChanges puts the triggers on every table of the store's database.
// Call it once the test's own records are seeded: from then on every
// write is counted.
func WatchChanges(t testing.TB, st *store.Store) *Changes {
	t.Helper()
	c := &Changes{db: st.DB(), rebind: st.Rebind}
	var err error
	if st.Dialect() == store.Postgres {
		err = c.watchPostgres()
	} else {
		err = c.watchSQLite()
	}
	if err != nil {
		t.Fatalf("watch the database for changes: %v", err)
	}
	return c
}

// Mark is where the log stands now.
func (c *Changes) Mark(t testing.TB) int64 {
	t.Helper()
	var n int64
	if err := c.db.QueryRow(`SELECT coalesce(max(id), 0) FROM ` + changeLog).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// Since lists the tables written since the mark; none if nothing changed.
func (c *Changes) Since(t testing.TB, mark int64) []string {
	t.Helper()
	rows, err := c.db.Query(c.rebind(`SELECT DISTINCT tbl FROM `+changeLog+` WHERE id > ? ORDER BY tbl`), mark)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return tables
}

// watched lists the tables to watch, from the engine's catalogue.
func (c *Changes) watched(query string) ([]string, error) {
	tables, err := c.names(query)
	var out []string
	for _, name := range tables {
		if cols, skip := unwatched[name]; name != changeLog && !(skip && cols == nil) {
			out = append(out, name)
		}
	}
	return out, err
}

func (c *Changes) names(query string) ([]string, error) {
	rows, err := c.db.Query(query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		out = append(out, name)
	}
	return out, rows.Err()
}

func (c *Changes) exec(stmts ...string) error {
	for _, s := range stmts {
		if _, err := c.db.ExecContext(context.Background(), s); err != nil {
			return fmt.Errorf("%s: %w", s, err)
		}
	}
	return nil
}

// watchPostgres: one trigger function, told which columns to ignore; an
// update that leaves every other column as it was is no change.
func (c *Changes) watchPostgres() error {
	tables, err := c.watched(`SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`)
	if err != nil {
		return err
	}
	stmts := []string{
		`CREATE TABLE ` + changeLog + ` (id bigserial PRIMARY KEY, tbl text NOT NULL)`,
		`CREATE FUNCTION walk_note_change() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			IF TG_OP = 'UPDATE' AND to_jsonb(OLD) - TG_ARGV = to_jsonb(NEW) - TG_ARGV THEN
				RETURN NULL;
			END IF;
			INSERT INTO ` + changeLog + ` (tbl) VALUES (TG_TABLE_NAME);
			RETURN NULL;
		END $$`,
	}
	for _, table := range tables {
		// The empty name keeps the argument list from being empty, which
		// PL/pgSQL would hand over as NULL rather than as no columns.
		args := []string{"''"}
		for _, col := range unwatched[table] {
			args = append(args, "'"+col+"'")
		}
		stmts = append(stmts, fmt.Sprintf(`CREATE TRIGGER walk_change AFTER INSERT OR UPDATE OR DELETE ON %q
			FOR EACH ROW EXECUTE FUNCTION walk_note_change(%s)`, table, strings.Join(args, ", ")))
	}
	return c.exec(stmts...)
}

// watchSQLite: three triggers a table, the update's naming every column
// that counts.
func (c *Changes) watchSQLite() error {
	tables, err := c.watched(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		return err
	}
	stmts := []string{`CREATE TABLE ` + changeLog + ` (id INTEGER PRIMARY KEY AUTOINCREMENT, tbl TEXT NOT NULL)`}
	for _, table := range tables {
		cols, err := c.names(`SELECT name FROM pragma_table_info('` + table + `')`)
		if err != nil {
			return err
		}
		var differs []string
		for _, col := range cols {
			if !slices.Contains(unwatched[table], col) {
				differs = append(differs, fmt.Sprintf("OLD.%q IS NOT NEW.%q", col, col))
			}
		}
		note := fmt.Sprintf(`BEGIN INSERT INTO %s (tbl) VALUES ('%s'); END`, changeLog, table)
		stmts = append(stmts,
			fmt.Sprintf(`CREATE TRIGGER %q AFTER INSERT ON %q %s`, "walk_ins_"+table, table, note),
			fmt.Sprintf(`CREATE TRIGGER %q AFTER DELETE ON %q %s`, "walk_del_"+table, table, note),
			fmt.Sprintf(`CREATE TRIGGER %q AFTER UPDATE ON %q WHEN %s %s`, "walk_upd_"+table, table, strings.Join(differs, " OR "), note))
	}
	return c.exec(stmts...)
}
