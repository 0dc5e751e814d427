package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/warp"
)

// A TAXII collection is one community's items under one marking. The
// store files them as entries, paged by (date added, kind, key): the time a
// version was added is all a TAXII client polls by, and kind and key break
// ties between items added in the same transaction without depending on
// anything a later insert could change.

// EntryKind says where a collection entry comes from; it orders entries
// added at the same instant.
type EntryKind int

// The kinds of entry, in the order they sort when added together. The
// service makes the marking definition and identities; the rest are rows.
const (
	EntryMarking   EntryKind = iota + 1 // the collection's TLP 2.0 marking definition
	EntryIdentity                       // the community's or a sighting org's identity
	EntryReport                         // a ward-native advisory
	EntryIndicator                      // the rows of one STIX id in one share, as one indicator
	EntrySighting                       // a shared sighting
	EntryObject                         // a kept STIX object, served as it came
)

// CollectionCursor is where a page ends: the next page starts after it.
type CollectionCursor struct {
	Added time.Time
	Kind  EntryKind
	Key   int64
}

// Before says whether c sorts before d.
func (c CollectionCursor) Before(d CollectionCursor) bool {
	if !c.Added.Equal(d.Added) {
		return c.Added.Before(d.Added)
	}
	if c.Kind != d.Kind {
		return c.Kind < d.Kind
	}
	return c.Key < d.Key
}

// CollectionEntry is one object of a collection as filed.
type CollectionEntry struct {
	Kind    EntryKind
	Key     int64 // the row's id (an indicator's first row), unique within the kind
	STIXID  string
	Type    string // the STIX type
	Added   time.Time
	Version time.Time // the STIX modified of the one version ward holds
	Share   ShareRef
}

// Position is the entry's place in the collection's order.
func (e CollectionEntry) Position() CollectionCursor {
	return CollectionCursor{Added: e.Added, Kind: e.Kind, Key: e.Key}
}

// CollectionFilter narrows a collection's entries as TAXII's parameters do.
type CollectionFilter struct {
	CommunityID int64
	Marking     warp.Marking
	AddedAfter  time.Time
	After       *CollectionCursor // the previous page's last entry
	STIXIDs     []string
	Types       []string
	Versions    []time.Time
	Limit       int
}

// entrySource is one table's part of a collection, as SQL expressions.
type entrySource struct {
	kind                        EntryKind
	typ                         string // the STIX type; "" when the row says (kept objects)
	from                        string
	key, stixID, added, version string
	shown                       string // what is read as the version when not version itself
	where                       []string
}

// notKept leaves out an item whose STIX object was kept as it came: the
// collection serves the kept body instead.
//
// The lookups of rows with the same STIX id go by that id: the unary plus
// keeps the planner off the share's index, which a share of a million
// indicators would make a scan each (as PostgreSQL picks before it has
// statistics of a freshly loaded table).
func notKept(alias, idCol string) string {
	return `NOT EXISTS (SELECT 1 FROM warp_objects ko WHERE ko.stix_id = ` + alias + `.` + idCol + ` AND +ko.share_id = ` + alias + `.share_id)`
}

// advisoryAdded is when ward took in the advisory's current version: its
// share's making, or its last follow-up. An imported report's own modified
// time says when its source changed it, which may be long before.
const advisoryAdded = `CASE WHEN a.modified_at > sh.created_at THEN a.modified_at ELSE sh.created_at END`

// The tables' own order, (created_at, id), is an index, and the unary
// plus on the join keeps both engines from starting at the share instead:
// a page then walks the index from the cursor and stops at the limit,
// rather than sorting the whole collection, which a feed of a million
// indicators makes slow.
var entrySources = []entrySource{
	{kind: EntryReport, typ: "report", from: `warp_advisories a JOIN warp_shares sh ON sh.id = a.share_id`,
		key: `a.id`, stixID: `a.stix_id`, added: advisoryAdded, version: `a.modified_at`, where: []string{notKept("a", "stix_id")}},
	// An indicator is filed under the first of its rows, so paging never
	// meets one twice; its version is the last change to any of them,
	// worked out for the page's indicators only (see groupVersions).
	{kind: EntryIndicator, typ: "indicator", from: `warp_indicators i JOIN warp_shares sh ON sh.id = +i.share_id`,
		key: `i.id`, stixID: `i.stix_id`, added: `i.created_at`, shown: `i.modified_at`,
		version: `(SELECT MAX(iv.modified_at) FROM warp_indicators iv WHERE iv.stix_id = i.stix_id AND +iv.share_id = i.share_id)`,
		where: []string{notKept("i", "stix_id"),
			`NOT EXISTS (SELECT 1 FROM warp_indicators ih WHERE ih.stix_id = i.stix_id AND +ih.share_id = i.share_id AND ih.id < i.id)`}},
	{kind: EntrySighting, typ: "sighting", from: `warp_sightings g JOIN warp_indicators i ON i.id = +g.indicator_id JOIN warp_shares sh ON sh.id = i.share_id`,
		key: `g.id`, stixID: `g.stix_id`, added: `g.created_at`, version: `g.created_at`, where: []string{`g.shared`}},
	{kind: EntryObject, from: `warp_objects o JOIN warp_shares sh ON sh.id = +o.share_id`,
		key: `o.id`, stixID: `o.stix_id`, added: `o.created_at`, version: `o.modified`},
}

// CollectionEntries lists up to f.Limit entries of a collection the viewer
// may see, in order, after f.After.
func (s *Store) CollectionEntries(ctx context.Context, v warp.Viewer, f CollectionFilter) ([]CollectionEntry, error) {
	if f.Limit <= 0 {
		return nil, fmt.Errorf("collection entries: a limit is required")
	}
	var out []CollectionEntry
	for _, src := range entrySources {
		if src.typ != "" && len(f.Types) > 0 && !slices.Contains(f.Types, src.typ) {
			continue
		}
		list, err := s.sourceEntries(ctx, v, src, f)
		if err != nil {
			return nil, err
		}
		out = append(out, list...)
	}
	slices.SortFunc(out, func(a, b CollectionEntry) int {
		if a.Position().Before(b.Position()) {
			return -1
		}
		return 1
	})
	out = out[:min(len(out), f.Limit)]
	refs := make([]*ShareRef, len(out))
	for i := range out {
		refs[i] = &out[i].Share
	}
	return out, s.FillAudiences(ctx, refs)
}

func (s *Store) sourceEntries(ctx context.Context, v warp.Viewer, src entrySource, f CollectionFilter) ([]CollectionEntry, error) {
	cond, args, err := viewerFilter(v)
	if err != nil {
		return nil, err
	}
	where := append([]string{cond, `sh.community_id = ?`, `sh.tlp = ?`}, src.where...)
	args = append(args, f.CommunityID, string(f.Marking))
	add := func(sql string, a ...any) {
		where = append(where, sql)
		args = append(args, a...)
	}
	if !f.AddedAfter.IsZero() {
		add(src.added+` > ?`, f.AddedAfter.UTC())
	}
	if c := f.After; c != nil {
		at := c.Added.UTC()
		switch {
		case src.kind > c.Kind:
			add(src.added+` >= ?`, at)
		case src.kind < c.Kind:
			add(src.added+` > ?`, at)
		default:
			add(`(`+src.added+`, `+src.key+`) > (?, ?)`, at, c.Key)
		}
	}
	if len(f.STIXIDs) > 0 {
		add(src.stixID+` IN (`+marks(len(f.STIXIDs))+`)`, stringArgs(f.STIXIDs)...)
	}
	typ := `'` + src.typ + `'`
	if src.typ == "" {
		typ = `o.type`
		if len(f.Types) > 0 {
			add(`o.type IN (`+marks(len(f.Types))+`)`, stringArgs(f.Types)...)
		}
	}
	if len(f.Versions) > 0 {
		vs := make([]any, len(f.Versions))
		for i, t := range f.Versions {
			vs[i] = t.UTC()
		}
		add(src.version+` IN (`+marks(len(vs))+`)`, vs...)
	}
	args = append(args, f.Limit)
	shown := src.version
	if src.shown != "" {
		shown = src.shown
	}
	rows, err := s.query(ctx, `SELECT `+src.key+`, `+src.stixID+`, `+typ+`, `+src.added+`, `+shown+`, `+shareColumns+`
		FROM `+src.from+` WHERE `+strings.Join(where, " AND ")+` ORDER BY `+src.added+`, `+src.key+` LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("collection entries (%s): %w", src.from, err)
	}
	defer rows.Close()
	var out []CollectionEntry
	for rows.Next() {
		e := CollectionEntry{Kind: src.kind}
		dst := append([]any{&e.Key, &e.STIXID, &e.Type, timeScan{&e.Added}, timeScan{&e.Version}}, scanShare(&e.Share)...)
		if err := rows.Scan(dst...); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if src.kind == EntryIndicator {
		return out, s.groupVersions(ctx, out)
	}
	return out, nil
}

// groupVersions sets each indicator's version to the last change to any of
// its rows.
func (s *Store) groupVersions(ctx context.Context, entries []CollectionEntry) error {
	if len(entries) == 0 {
		return nil
	}
	type group struct {
		share int64
		id    string
	}
	at := map[group]int{}
	var ids []string
	for i, e := range entries {
		at[group{e.Share.ID, e.STIXID}] = i
		ids = append(ids, e.STIXID)
	}
	rows, err := s.query(ctx, `SELECT share_id, stix_id, MAX(modified_at) FROM warp_indicators WHERE stix_id IN (`+marks(len(ids))+`)
		GROUP BY share_id, stix_id`, stringArgs(ids)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var g group
		var version time.Time
		if err := rows.Scan(&g.share, &g.id, timeScan{&version}); err != nil {
			return err
		}
		if i, ok := at[g]; ok {
			entries[i].Version = version
		}
	}
	return rows.Err()
}

// timeScan reads a time from any engine: SQLite hands back the text of a
// computed column (an aggregate, a subquery) rather than a time.
type timeScan struct{ t *time.Time }

func (ts timeScan) Scan(src any) error {
	switch x := src.(type) {
	case time.Time:
		*ts.t = x.UTC()
		return nil
	case string:
		return ts.parse(x)
	case []byte:
		return ts.parse(string(x))
	case nil:
		*ts.t = time.Time{}
		return nil
	}
	return fmt.Errorf("cannot read %T as a time", src)
}

func (ts timeScan) parse(s string) error {
	for _, layout := range []string{"2006-01-02 15:04:05.999999999-07:00", time.RFC3339Nano, "2006-01-02 15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			*ts.t = t.UTC()
			return nil
		}
	}
	return fmt.Errorf("cannot read %q as a time", s)
}

// marks is n comma-separated placeholders, for an IN list.
func marks(n int) string { return strings.TrimSuffix(strings.Repeat("?,", n), ",") }
