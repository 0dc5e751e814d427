package store

import (
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"time"
)

// TicketSort names an order of the ticket list. Each is read from an index
// (migration 015) and paged by key.
type TicketSort string

// The orders of the ticket list.
const (
	SortOpened   TicketSort = "opened"   // newest first
	SortPriority TicketSort = "priority" // P1 first, oldest first within a priority
	SortDue      TicketSort = "due"      // nearest resolution deadline first, none last
	SortUpdated  TicketSort = "updated"  // most recently changed first
	SortRef      TicketSort = "ref"      // by reference, A to Z
)

// TicketSorts lists the orders in the order a page offers them.
var TicketSorts = []TicketSort{SortOpened, SortPriority, SortDue, SortUpdated, SortRef}

// Valid reports whether s names an order ("" is the default, opened).
func (s TicketSort) Valid() bool {
	_, ok := ticketSortSpecs[s.orDefault()]
	return ok
}

func (s TicketSort) orDefault() TicketSort {
	if s == "" {
		return SortOpened
	}
	return s
}

// ErrBadCursor is a cursor that is not one this list gave out.
var ErrBadCursor = errors.New("not a cursor of this list")

// TicketCursor is a position in the ticket list: the sort key and id of the
// row beside it. Before pages backwards from it. A cursor names a place, not
// a row anyone may see: each page is still read within the caller's scope.
type TicketCursor struct {
	Sort   TicketSort
	Before bool
	Null   bool // the key is NULL (tickets with no deadline)
	Time   time.Time
	Int    int64
	Text   string
	ID     int64
}

// Encode gives the cursor as an opaque URL-safe string.
func (c TicketCursor) Encode() string {
	dir := "a"
	if c.Before {
		dir = "b"
	}
	key := ""
	switch {
	case c.Null:
		key = "~"
	case ticketSortSpecs[c.Sort.orDefault()].kind == keyTime:
		key = strconv.FormatInt(c.Time.UnixMicro(), 10)
	case ticketSortSpecs[c.Sort.orDefault()].kind == keyInt:
		key = strconv.FormatInt(c.Int, 10)
	default:
		key = "=" + c.Text
	}
	raw := strings.Join([]string{string(c.Sort.orDefault()), dir, strconv.FormatInt(c.ID, 10), key}, "|")
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

// DecodeTicketCursor reads a cursor given out by Encode for the order sort.
func DecodeTicketCursor(s string, sort TicketSort) (TicketCursor, error) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return TicketCursor{}, ErrBadCursor
	}
	parts := strings.SplitN(string(raw), "|", 4)
	if len(parts) != 4 || TicketSort(parts[0]) != sort.orDefault() || (parts[1] != "a" && parts[1] != "b") {
		return TicketCursor{}, ErrBadCursor
	}
	c := TicketCursor{Sort: sort.orDefault(), Before: parts[1] == "b"}
	if c.ID, err = strconv.ParseInt(parts[2], 10, 64); err != nil {
		return TicketCursor{}, ErrBadCursor
	}
	spec := ticketSortSpecs[c.Sort]
	key := parts[3]
	switch {
	case key == "~" && spec.nullable:
		c.Null = true
	case spec.kind == keyText && strings.HasPrefix(key, "="):
		c.Text = key[1:]
	case spec.kind == keyTime || spec.kind == keyInt:
		n, err := strconv.ParseInt(key, 10, 64)
		if err != nil {
			return TicketCursor{}, ErrBadCursor
		}
		c.Int, c.Time = n, time.UnixMicro(n).UTC()
	default:
		return TicketCursor{}, ErrBadCursor
	}
	return c, nil
}

// cursorAt is the cursor of row t in order sort.
func cursorAt(t *Ticket, sort TicketSort, before bool) TicketCursor {
	c := TicketCursor{Sort: sort.orDefault(), Before: before, ID: t.ID}
	switch c.Sort {
	case SortOpened:
		c.Time = t.OpenedAt
	case SortUpdated:
		c.Time = t.UpdatedAt
	case SortDue:
		c.Time, c.Null = t.SLA.Resolution.Deadline, t.SLA.Resolution.Deadline.IsZero()
	case SortPriority:
		c.Int = int64(t.Priority)
	case SortRef:
		c.Text = t.Ref
	}
	return c
}
