package store

import (
	"context"
	"strings"
)

// reserveIDs takes n ids of a table (named by the caller, never by input)
// for the caller to use, so a batch of rows and the rows that point at them
// can go in as a few multi-row statements rather than a round trip a row.
// On SQLite the write transaction holds the database lock, so the next ids
// are free until it ends; PostgreSQL hands them out from the identity
// sequence. It must run inside a transaction.
func (s *Store) reserveIDs(ctx context.Context, table string, n int) ([]int64, error) {
	ids := make([]int64, 0, n)
	if n == 0 {
		return ids, nil
	}
	if s.dialect == Postgres {
		rows, err := s.query(ctx, `SELECT nextval(pg_get_serial_sequence('`+table+`', 'id')) FROM generate_series(1, ?)`, n)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return nil, err
			}
			ids = append(ids, id)
		}
		return ids, rows.Err()
	}
	var top int64
	if err := s.queryRow(ctx, `SELECT COALESCE(MAX(id), 0) FROM `+table).Scan(&top); err != nil {
		return nil, err
	}
	for i := range n {
		ids = append(ids, top+1+int64(i))
	}
	return ids, nil
}

// insertRows writes rows with multi-row statements: head is the statement
// up to VALUES, tail what follows the values (an ON CONFLICT clause, or
// ""). Full batches share one prepared statement, since parsing a statement
// of hundreds of parameters costs more than running it.
func (s *Store) insertRows(ctx context.Context, head, tail string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	cols := len(rows[0])
	perStatement := max(1, min(500, 30000/cols)) // inside both engines' parameter limits
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
	statement := func(n int) string {
		var b strings.Builder
		b.WriteString(head)
		b.WriteString(" VALUES ")
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(one)
		}
		b.WriteString(" ")
		b.WriteString(tail)
		return b.String()
	}
	var full *stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	args := make([]any, 0, perStatement*cols)
	for start := 0; start < len(rows); start += perStatement {
		batch := rows[start:min(start+perStatement, len(rows))]
		args = args[:0]
		for _, r := range batch {
			args = append(args, r...)
		}
		var err error
		if len(batch) == perStatement {
			if full == nil {
				if full, err = s.prepare(ctx, statement(perStatement)); err != nil {
					return err
				}
			}
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = s.exec(ctx, statement(len(batch)), args...)
		}
		if err != nil {
			return classify(err)
		}
	}
	return nil
}
