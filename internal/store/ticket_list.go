package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// TicketFilter narrows a ticket list. Zero values do not filter.
type TicketFilter struct {
	OrgID    int64
	OpenOnly bool
	State    desk.State
	Priority desk.Priority
	Channel  desk.Channel
	Type     desk.Type
	Assignee string
	// AssigneeID keeps the tickets assigned to one user ("mine");
	// Unassigned those assigned to nobody.
	AssigneeID int64
	Unassigned bool
	// Search matches the reference, title, caller or category.
	Search string
	// OpenedFrom and OpenedTo bound the opening time, [from, to).
	OpenedFrom, OpenedTo time.Time
	// ResolvedFrom and ResolvedTo bound the resolution time, [from, to);
	// Resolution keeps the tickets whose resolution clock stands so (met
	// or breached).
	ResolvedFrom, ResolvedTo time.Time
	Resolution               desk.Status
	// BreachWithin, when set, keeps the open tickets whose resolution clock
	// breaches within that much working time, or has breached. BreachBy is
	// that instant for one org, from its own calendar; the service sets it.
	BreachWithin time.Duration
	BreachBy     func(orgID int64) (time.Time, error)
	// Limit is the page size (1 to 1000; 100 when not given).
	Limit int
	// Sort is the order, newest first when empty; Cursor, when set, is the
	// place to read on from (or back from), given out by an earlier page.
	Sort   TicketSort
	Cursor *TicketCursor
}

// TicketPage is one page of the ticket list with the cursors of the pages
// beside it, empty at either end.
type TicketPage struct {
	Tickets    []Ticket
	Prev, Next *TicketCursor
}

// Tickets lists one page of tickets within the scope; see TicketPage.
func (s *Store) Tickets(ctx context.Context, scope tenancy.Scope, f TicketFilter) ([]Ticket, error) {
	p, err := s.TicketPage(ctx, scope, f)
	return p.Tickets, err
}

// TicketPage reads one page of tickets within the scope in the filter's
// order. Each org in view is read from its own index range, from the cursor
// on, and the few rows read are merged here; so a page costs the same at
// the start of a million tickets as deep within them, and never sorts the
// whole scope.
func (s *Store) TicketPage(ctx context.Context, scope tenancy.Scope, f TicketFilter) (TicketPage, error) {
	var page TicketPage
	orgs, err := s.orgsToList(ctx, scope, f.OrgID)
	if err != nil {
		return page, err
	}
	sort := f.Sort.orDefault()
	if !sort.Valid() || f.Cursor != nil && f.Cursor.Sort.orDefault() != sort {
		return page, ErrBadCursor
	}
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	before := f.Cursor != nil && f.Cursor.Before
	where, args := ticketConditions(f)
	few, err := s.fewMatch(ctx, scope, f, sort, len(where) > 0)
	if err != nil {
		return page, err
	}
	var qs []string
	var as [][]any
	for _, org := range orgs {
		where, args, err := f.orgConditions(org, where, args)
		if err != nil {
			return page, err
		}
		q, a := s.orgRunQueries(org, where, args, sort, f.Cursor, limit+1, few)
		qs, as = append(qs, q...), append(as, a...)
	}
	rows, err := s.readKeys(ctx, sort, qs, as)
	if err != nil {
		return page, err
	}
	spec := ticketSortSpecs[sort]
	slices.SortFunc(rows, func(a, b *Ticket) int {
		c := spec.compare(a, b)
		if before {
			return -c
		}
		return c
	})
	more := len(rows) > limit
	rows = rows[:min(len(rows), limit)]
	if before {
		slices.Reverse(rows)
	}
	if len(rows) == 0 {
		return page, nil
	}
	// The cursors come from the keys the runs read, so the pages beside
	// this one start where this one ends even if a row shown changes now.
	first, last := cursorAt(rows[0], sort, true), cursorAt(rows[len(rows)-1], sort, false)
	if page.Tickets, err = s.ticketsInOrder(ctx, rows); err != nil {
		return page, err
	}
	if before {
		page.Next = &last
		if more {
			page.Prev = &first
		}
	} else {
		if f.Cursor != nil {
			page.Prev = &first
		}
		if more {
			page.Next = &last
		}
	}
	return page, nil
}

// ticketsInOrder reads the whole rows of the tickets keys names, by primary
// key, in keys' order. Each row must still belong to the org its key was
// read from in scope; one deleted since is left out. The org is checked
// here rather than in SQL: with "org_id IN (…)" beside "id IN (…)" SQLite
// chose to scan a council's tickets instead of looking up the ids.
func (s *Store) ticketsInOrder(ctx context.Context, keys []*Ticket) ([]Ticket, error) {
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = k.ID
	}
	rows, err := s.query(ctx, ticketsByIDSQL(len(keys)), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byID := make(map[int64]Ticket, len(keys))
	for rows.Next() {
		t, err := scanTicket(rows)
		if err != nil {
			return nil, err
		}
		byID[t.ID] = t
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]Ticket, 0, len(keys))
	for _, k := range keys {
		if t, ok := byID[k.ID]; ok && t.OrgID == k.OrgID {
			out = append(out, t)
		}
	}
	return out, nil
}

// ticketsByIDSQL is the query of n tickets by id; the text repeats for a
// given n, so a prepared form of it can be reused.
func ticketsByIDSQL(n int) string {
	return `SELECT ` + ticketColumns + ` FROM tickets WHERE id IN (` +
		strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + `)`
}

// fewTickets is how many tickets a filter may match for the list to sort
// them itself rather than read them from the order's index (ticketRunQuery).
const fewTickets = 2000

// fewMatch says whether a filtered list in an order other than newest
// first matches few tickets, judged by the capped count the page shows
// anyway (kept, so it is one index read per filter); only SQLite asks.
func (s *Store) fewMatch(ctx context.Context, scope tenancy.Scope, f TicketFilter, sort TicketSort, filtered bool) (bool, error) {
	if s.dialect != SQLite || sort == SortOpened || !filtered && f.BreachWithin <= 0 {
		return false, nil
	}
	_, more, err := s.CountTickets(ctx, scope, f, fewTickets)
	return !more, err
}

// orgsToList is the orgs a list reads, one at a time: the one asked for (if
// in scope) or every org in scope.
func (s *Store) orgsToList(ctx context.Context, scope tenancy.Scope, orgID int64) ([]int64, error) {
	if !scope.Valid() {
		return nil, tenancy.ErrUnscoped
	}
	if orgID != 0 {
		if !scope.Allows(orgID) {
			return nil, nil
		}
		return []int64{orgID}, nil
	}
	if !scope.All() {
		return scope.OrgIDs(), nil
	}
	return s.queryIDs(ctx, `SELECT id FROM orgs ORDER BY id`)
}

// openStates is the condition of a ticket not yet resolved or closed,
// spelled exactly as migration 015's partial index.
const openStates = "state IN ('new', 'assigned', 'in-progress', 'awaiting-user', 'awaiting-supplier', 'awaiting-change')"

// ticketConditions is the filter's conditions other than the org's.
func ticketConditions(f TicketFilter) ([]string, []any) {
	var where []string
	var args []any
	add := func(c string, v ...any) { where = append(where, c); args = append(args, v...) }
	if f.OpenOnly {
		// Named states, as the partial index tickets_open_by_opened is
		// written, so both engines read the open few from it.
		add(openStates)
	}
	if f.State != "" {
		add("state = ?", string(f.State))
	}
	if f.Priority != 0 {
		add("priority = ?", int(f.Priority))
	}
	if f.Channel != "" {
		add("channel = ?", string(f.Channel))
	}
	if f.Type != "" {
		add("type = ?", string(f.Type))
	}
	if f.Assignee != "" {
		add("assignee = ?", f.Assignee)
	}
	if f.AssigneeID != 0 {
		add("assignee_id = ?", f.AssigneeID)
	}
	if f.Unassigned {
		add("assignee = ''")
	}
	if !f.OpenedFrom.IsZero() {
		add("opened_at >= ?", f.OpenedFrom.UTC())
	}
	if !f.OpenedTo.IsZero() {
		add("opened_at < ?", f.OpenedTo.UTC())
	}
	where, args = f.whenConditions(where, args)
	if q := strings.TrimSpace(f.Search); q != "" {
		like := containing(strings.ToLower(q))
		add("(LOWER(ref) LIKE ?"+likeEscape+" OR LOWER(title) LIKE ?"+likeEscape+
			" OR LOWER(caller) LIKE ?"+likeEscape+" OR LOWER(category) LIKE ?"+likeEscape+")", like, like, like, like)
	}
	return where, args
}

// CountTickets counts the tickets a filter matches within the scope, up to
// ceiling: past it, more is true and n is ceiling. Each org's count reads at
// most ceiling+1 index entries, so the count stays cheap at any size.
func (s *Store) CountTickets(ctx context.Context, scope tenancy.Scope, f TicketFilter, ceiling int) (n int, more bool, err error) {
	orgs, err := s.orgsToList(ctx, scope, f.OrgID)
	if err != nil {
		return 0, false, err
	}
	// Inside a transaction the count must see its own writes, and near
	// breach changes as the clock runs, not only when tickets are written:
	// neither is kept.
	_, inTx := ctx.Value(txKey{}).(*sql.Tx)
	keep := !inTx && f.BreachWithin <= 0
	key := countKey(orgs, f, ceiling)
	if keep {
		if e, ok := s.counts.get(key, time.Now()); ok {
			return e.n, e.more, nil
		}
	}
	gen, at := s.counts.gen.Load(), time.Now()
	n, more, err = s.countTickets(ctx, orgs, f, ceiling)
	if err == nil && keep {
		// Stamped with the generation read before counting: a write
		// racing the count leaves the entry already out of date.
		s.counts.put(key, countEntry{n: n, more: more, gen: gen, at: at})
	}
	return n, more, err
}

// countQuery counts one org's tickets under the conditions, reading at most
// as many as the last argument.
func countQuery(where []string) string {
	cond := append([]string{"org_id = ?"}, where...)
	return `SELECT COUNT(*) FROM (SELECT 1 FROM tickets WHERE ` + strings.Join(cond, " AND ") + ` LIMIT ?) AS capped`
}

func (s *Store) countTickets(ctx context.Context, orgs []int64, f TicketFilter, ceiling int) (n int, more bool, err error) {
	where, args := ticketConditions(f)
	for _, org := range orgs {
		where, args, err := f.orgConditions(org, where, args)
		if err != nil {
			return 0, false, err
		}
		var c int
		err = s.queryRow(ctx, countQuery(where), append(append([]any{org}, args...), ceiling+1-n)...).Scan(&c)
		if err != nil {
			return 0, false, err
		}
		if n += c; n > ceiling {
			return ceiling, true, nil
		}
	}
	return n, false, nil
}
