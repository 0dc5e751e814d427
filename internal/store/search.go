package store

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// The search box's reads: each names a record by the start of a key, read
// as one range of an index (migration 025 adds those it lacked), or looks
// for text inside a bounded window of the newest rows, so no search reads a
// whole table however large it grows.

// prefixBounds is the range [lo, hi) of every text that starts with p when
// texts compare byte by byte: U+10FFFF is the largest character UTF-8 can
// spell, so anything that starts with p sorts below p followed by it.
func prefixBounds(p string) (string, string) { return p, p + "\U0010FFFF" }

// bytewise is a column or expression compared byte by byte on both
// engines, as the search indexes are built: SQLite's default collation
// already is, PostgreSQL's is the database's locale unless told "C".
func (s *Store) bytewise(expr string) string {
	if s.dialect == Postgres {
		return expr + ` COLLATE "C"`
	}
	return expr
}

// startsWith is the condition "expr starts with the next argument", as a
// range an index on expr (byte order) answers.
func (s *Store) startsWith(expr string) string {
	e := s.bytewise(expr)
	return e + " >= ? AND " + e + " < ?"
}

// refPrefixes is what a typed reference can be the start of in one org:
// itself when it carries the org's prefix, else the org's prefix before
// it, and a bare number as either kind of ticket's.
func refPrefixes(prefix, typed string) []string {
	up := strings.ToUpper(strings.TrimSpace(typed))
	switch {
	case isDigits(up):
		return []string{prefix + "-INC-" + up, prefix + "-REQ-" + up}
	case strings.HasPrefix(up, prefix+"-"):
		return []string{up}
	default:
		return []string{prefix + "-" + up}
	}
}

// TicketsByRefPrefix reads one org's tickets whose reference starts with
// what was typed (ASH-INC-100, INC-100 or 100), in reference order, at
// most limit: a range of the (org_id, ref) index for each reading.
func (s *Store) TicketsByRefPrefix(ctx context.Context, scope tenancy.Scope, orgID int64, typed string, limit int) ([]Ticket, error) {
	cond, args, err := scopeFilter(scope, "org_id")
	if err != nil {
		return nil, err
	}
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	var prefix string
	if err := s.queryRow(ctx, `SELECT ref_prefix FROM orgs WHERE id = ?`, orgID).Scan(&prefix); err != nil {
		return nil, classify(err)
	}
	var out []Ticket
	for _, p := range refPrefixes(prefix, typed) {
		lo, hi := prefixBounds(p)
		got, err := s.ticketsBy(ctx, `SELECT `+ticketColumns+` FROM tickets WHERE org_id = ? AND `+s.startsWith("ref")+
			` AND `+cond+` ORDER BY `+s.bytewise("ref")+` LIMIT `+strconv.Itoa(limit),
			append([]any{orgID, lo, hi}, args...)...)
		if err != nil {
			return nil, err
		}
		out = append(out, got...)
	}
	slices.SortFunc(out, func(a, b Ticket) int { return strings.Compare(a.Ref, b.Ref) })
	return out[:min(len(out), limit)], nil
}

// RecentTicketsContaining reads, of each org's newest window tickets,
// those whose reference, title, caller or category contain term (case
// folded), newest first, at most limit over all the orgs. The window keeps
// the cost of a word that no ticket holds to window rows an org, whatever
// its history; the orgs are read in one query, so one round trip.
func (s *Store) RecentTicketsContaining(ctx context.Context, scope tenancy.Scope, orgIDs []int64, term string, window, limit int) ([]Ticket, error) {
	like := containing(strings.ToLower(strings.TrimSpace(term)))
	ids, args, err := s.windows(scope, orgIDs, func(i int, cond string) string {
		return `SELECT id FROM (SELECT id, ref, title, caller, category FROM tickets WHERE org_id = ? AND ` + cond +
			` ORDER BY opened_at DESC, id DESC LIMIT ` + strconv.Itoa(window) + `) AS recent` + strconv.Itoa(i) +
			` WHERE ` + s.foldedLike("ref") + ` OR ` + s.foldedLike("title") + ` OR ` + s.foldedLike("caller") + ` OR ` + s.foldedLike("category")
	}, like, like, like, like)
	if err != nil || ids == "" {
		return nil, err
	}
	// The windows read only what is matched; the few tickets found are
	// then read whole by id.
	return s.ticketsBy(ctx, `SELECT `+ticketColumns+` FROM tickets WHERE id IN (`+ids+`)
		ORDER BY opened_at DESC, id DESC LIMIT `+strconv.Itoa(limit), args...)
}

// windows joins one bounded read for each org (inner, given the org's
// place and the scope's condition, reading the org's id, the condition's
// arguments and then likes) with UNION ALL, after checking each org is in
// scope; "" when there are no orgs.
func (s *Store) windows(scope tenancy.Scope, orgIDs []int64, inner func(i int, cond string) string, likes ...any) (string, []any, error) {
	var parts []string
	var all []any
	for i, id := range orgIDs {
		cond, args, err := scopeFilter(scope, "org_id")
		if err != nil {
			return "", nil, err
		}
		if err := orgInScope(scope, id); err != nil {
			return "", nil, err
		}
		parts = append(parts, inner(i, cond))
		all = append(append(append(all, id), args...), likes...)
	}
	return strings.Join(parts, " UNION ALL "), all, nil
}

// foldedLike is "column LIKE ?" in any case, for a lower-cased pattern:
// SQLite's LIKE already folds ASCII case, and LOWER on every row read would
// only slow it; PostgreSQL's LIKE does not fold.
func (s *Store) foldedLike(column string) string {
	if s.dialect == Postgres {
		return "LOWER(" + column + ") LIKE ?" + likeEscape
	}
	return column + " LIKE ?" + likeEscape
}

func (s *Store) ticketsBy(ctx context.Context, q string, args ...any) ([]Ticket, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Ticket
	for rows.Next() {
		t, err := scanTicket(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// deviceKeys are the keys a device is named by in a search, each indexed
// case folded by migration 025.
var deviceKeys = []string{"d.serial", "d.name", "d.primary_user"}

// DevicesByKey reads the devices of these orgs whose serial, name or
// primary user is, or starts with, what was typed (case folded), at most
// limit for each key: one query of three index ranges for each org, so a
// search over every council is one round trip.
func (s *Store) DevicesByKey(ctx context.Context, scope tenancy.Scope, orgIDs []int64, typed string, limit int) ([]StoredDevice, error) {
	cond, args, in, orgArgs, err := scopedOrgList(scope, "d.org_id", orgIDs)
	if err != nil || in == "" {
		return nil, err
	}
	lo, hi := prefixBounds(strings.ToLower(strings.TrimSpace(typed)))
	var parts []string
	var all []any
	for _, key := range deviceKeys {
		parts = append(parts, `SELECT * FROM (SELECT d.id, d.org_id, d.data, d.created_at, d.updated_at FROM devices d
			WHERE d.org_id IN (`+in+`) AND `+s.startsWith("LOWER("+key+")")+` AND `+cond+
			` ORDER BY `+s.bytewise("LOWER("+key+")")+` LIMIT `+strconv.Itoa(limit)+`) AS `+strings.TrimPrefix(key, "d."))
		all = append(append(append(all, orgArgs...), lo, hi), args...)
	}
	got, err := s.devicesBy(ctx, strings.Join(parts, " UNION ALL "), all...)
	if err != nil {
		return nil, err
	}
	var out []StoredDevice
	seen := map[int64]bool{}
	for _, d := range got {
		if !seen[d.ID] {
			seen[d.ID] = true
			out = append(out, d)
		}
	}
	return out, nil
}

// DevicesContaining reads, of each org's window most recently added
// devices, those whose serial, name or primary user contain term (case
// folded), at most limit over all the orgs, in one query: the search box's
// last resort, bounded like the tickets' text search.
func (s *Store) DevicesContaining(ctx context.Context, scope tenancy.Scope, orgIDs []int64, term string, window, limit int) ([]StoredDevice, error) {
	like := containing(strings.ToLower(strings.TrimSpace(term)))
	ids, args, err := s.windows(scope, orgIDs, func(i int, cond string) string {
		return `SELECT id FROM (SELECT id, serial, name, primary_user FROM devices WHERE org_id = ? AND ` + cond +
			` ORDER BY id DESC LIMIT ` + strconv.Itoa(window) + `) AS recent` + strconv.Itoa(i) +
			` WHERE ` + s.foldedLike("serial") + ` OR ` + s.foldedLike("name") + ` OR ` + s.foldedLike("primary_user")
	}, like, like, like)
	if err != nil || ids == "" {
		return nil, err
	}
	return s.devicesBy(ctx, `SELECT d.id, d.org_id, d.data, d.created_at, d.updated_at FROM devices d WHERE d.id IN (`+ids+`)
		ORDER BY d.name, d.id LIMIT `+strconv.Itoa(limit), args...)
}

// indicatorSearch adds the search box's conditions to an indicator list:
// a value prefix, read as a range of the value index, and the window that
// bounds a text search to the newest indicators.
func (s *Store) indicatorSearch(f IndicatorFilter, add func(string, ...any)) {
	if f.ValuePrefix != "" {
		lo, hi := prefixBounds(f.ValuePrefix)
		add(s.startsWith("i.value"), lo, hi)
	}
	if f.Window > 0 && strings.TrimSpace(f.Query) != "" {
		add(`i.id IN (SELECT w.id FROM (SELECT id FROM warp_indicators ORDER BY created_at DESC, id DESC LIMIT ?) AS w)`, f.Window)
	}
}

// OrgsWithDirectories is those of the orgs that hold a current directory
// snapshot, so a search asks only them for directory objects.
func (s *Store) OrgsWithDirectories(ctx context.Context, scope tenancy.Scope, orgIDs []int64) ([]int64, error) {
	cond, args, in, orgArgs, err := scopedOrgList(scope, "org_id", orgIDs)
	if err != nil || in == "" {
		return nil, err
	}
	return s.queryIDs(ctx, `SELECT DISTINCT org_id FROM identity_snapshots WHERE state = 'current' AND org_id IN (`+in+`) AND `+cond+
		` ORDER BY org_id`, append(orgArgs, args...)...)
}

// scopedOrgList is the scope's condition on column and the orgs asked for
// as an IN list, once each is checked to be in scope; in is empty when no
// org is asked for, and there is nothing to read.
func scopedOrgList(scope tenancy.Scope, column string, orgIDs []int64) (cond string, args []any, in string, orgArgs []any, err error) {
	if cond, args, err = scopeFilter(scope, column); err != nil || len(orgIDs) == 0 {
		return "", nil, "", nil, err
	}
	for _, id := range orgIDs {
		if err := orgInScope(scope, id); err != nil {
			return "", nil, "", nil, err
		}
	}
	in, orgArgs = inList(orgIDs)
	return cond, args, in, orgArgs, nil
}
