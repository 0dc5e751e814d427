// Package keyset is the cursor of a list paged by key rather than by
// OFFSET: the sort key and id of the row beside the page, given out in page
// links as an opaque string. A cursor names a place in the list, never a
// row: each page is still read within the caller's scope.
package keyset

import (
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"time"
)

// ErrBadCursor is a cursor that is not one a list gave out.
var ErrBadCursor = errors.New("not a cursor of this list")

// Cursor is a place in a list: the key of the row beside it (a rank, a time
// and an id; a list uses those its order needs) and whether the page runs
// back from it (Before) or on from it.
type Cursor struct {
	Before bool
	Rank   int64
	Time   time.Time
	ID     int64
}

// Encode gives the cursor as an opaque URL-safe string.
func (c Cursor) Encode() string {
	dir := "a"
	if c.Before {
		dir = "b"
	}
	var us int64
	if !c.Time.IsZero() {
		us = c.Time.UnixMicro()
	}
	raw := strings.Join([]string{"k1", dir, strconv.FormatInt(c.Rank, 10), strconv.FormatInt(us, 10), strconv.FormatInt(c.ID, 10)}, "|")
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

// Decode reads a cursor Encode gave out.
func Decode(s string) (Cursor, error) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return Cursor{}, ErrBadCursor
	}
	p := strings.Split(string(raw), "|")
	if len(p) != 5 || p[0] != "k1" || (p[1] != "a" && p[1] != "b") {
		return Cursor{}, ErrBadCursor
	}
	var n [3]int64
	for i := range n {
		if n[i], err = strconv.ParseInt(p[2+i], 10, 64); err != nil {
			return Cursor{}, ErrBadCursor
		}
	}
	c := Cursor{Before: p[1] == "b", Rank: n[0], ID: n[2]}
	if n[1] != 0 {
		c.Time = time.UnixMicro(n[1]).UTC()
	}
	return c, nil
}

// Trim cuts a page read with one row more than perPage from cursor cur
// (nil for the first page) and says where the pages beside it start. The
// store reads a page back from a Before cursor in reverse and returns it in
// list order, so there the extra row is the first; otherwise the last. key
// gives a row's cursor.
func Trim[T any](rows []T, perPage int, cur *Cursor, key func(T) Cursor) (page []T, prev, next *Cursor) {
	before := cur != nil && cur.Before
	more := len(rows) > perPage
	if more && before {
		rows = rows[len(rows)-perPage:]
	} else if more {
		rows = rows[:perPage]
	}
	if len(rows) == 0 {
		return rows, nil, nil
	}
	first, last := key(rows[0]), key(rows[len(rows)-1])
	first.Before, last.Before = true, false
	if before {
		next = &last
		if more {
			prev = &first
		}
	} else {
		if cur != nil {
			prev = &first
		}
		if more {
			next = &last
		}
	}
	return rows, prev, next
}
