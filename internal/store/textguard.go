package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"reflect"
	"time"
	"unicode/utf8"
)

// textArgs refuses a statement whose text arguments are not all valid
// UTF-8, before it reaches either engine: SQLite would store (or compare)
// the bytes as they are and PostgreSQL refuse them, so without it the same
// write would succeed on one and fail on the other. Every statement the
// store runs passes through here (exec, query, queryRow and prepared
// statements), so no write can slip past; the per-record checks
// (checkText) run first where they can name the column.
//
// []byte arguments are not text: they fill the BLOB/BYTEA columns (a
// device's record, an identity graph), whose bytes are the store's own.
func textArgs(query string, args []any) error {
	for i, a := range args {
		if s, ok := argText(a); ok && !utf8.ValidString(s) {
			return ErrNotUTF8.On(columnOfArg(query, i))
		}
	}
	return nil
}

// argText is the text an argument carries to the engine, if any: a string,
// a named string type (desk.State), a pointer to one, or what a
// driver.Valuer gives — as database/sql would convert it.
func argText(a any) (string, bool) {
	switch v := a.(type) {
	case nil, []byte, bool, int, int64, int32, float64, time.Time:
		return "", false
	case string:
		return v, true
	case driver.Valuer:
		val, err := v.Value()
		if err != nil {
			return "", false // database/sql reports the error itself
		}
		s, ok := val.(string)
		return s, ok
	}
	rv := reflect.ValueOf(a)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return "", false
		}
		rv = rv.Elem()
	}
	if rv.Kind() == reflect.String {
		return rv.String(), true
	}
	return "", false
}

// row is what queryRow returns: sql.Row's Scan, or the refusal of its
// arguments.
type row struct {
	*sql.Row
	err error
}

func (r *row) Scan(dest ...any) error {
	if r.err != nil {
		return r.err
	}
	return r.Row.Scan(dest...)
}

func (r *row) Err() error {
	if r.err != nil {
		return r.err
	}
	return r.Row.Err()
}

// stmt is a prepared statement whose every run is checked like exec's.
type stmt struct {
	*sql.Stmt
	query string
	store *Store
}

func (st *stmt) ExecContext(ctx context.Context, args ...any) (sql.Result, error) {
	if err := textArgs(st.query, args); err != nil {
		return nil, err
	}
	defer st.store.noteWrite(ctx, st.query)
	return st.Stmt.ExecContext(ctx, args...)
}

// checkEncoded refuses a value about to be stored as JSON (a mailbox's
// record, an SLA policy, an audit entry's detail) when any text in it is
// not valid UTF-8, naming the column. The guard on arguments cannot see
// this: encoding/json replaces each invalid byte with U+FFFD, so the text
// would be changed silently instead of refused like any other.
func checkEncoded(column string, v any) error {
	if !validText(reflect.ValueOf(v)) {
		return ErrNotUTF8.On(column)
	}
	return nil
}

func validText(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String:
		return utf8.ValidString(v.String())
	case reflect.Pointer, reflect.Interface:
		return v.IsNil() || validText(v.Elem())
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() && !validText(v.Field(i)) {
				return false
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return true // bytes, which JSON writes as base64
		}
		for i := 0; i < v.Len(); i++ {
			if !validText(v.Index(i)) {
				return false
			}
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			if !validText(it.Key()) || !validText(it.Value()) {
				return false
			}
		}
	}
	return true
}
