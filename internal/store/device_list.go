package store

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// The inventory's "failing" filter: a control's id, or one of these.
const (
	FailingAny  = "any"  // devices with any open finding
	FailingNone = "none" // devices with no open finding
)

// DeviceFilter narrows one org's device inventory. Empty fields do not narrow.
type DeviceFilter struct {
	OrgID      int64
	Kind       string    // a posture.DeviceType
	OS         string    // a posture.OSFamily
	Failing    string    // a control id, FailingAny or FailingNone
	SeenSince  time.Time // last seen at or after this
	SeenBefore time.Time // last seen before this, or never
	Owner      string    // the primary user contains this, in any case
	Search     string    // the serial or the name contains this, in any case
	After      DeviceCursor
	Limit      int // 0 for all
}

// DeviceCursor is where a page of the inventory ends: the sort key (the
// device's name) and its id, so the next page starts after it by index,
// however deep, with no OFFSET.
type DeviceCursor struct {
	Name string
	ID   int64
}

// IsZero reports whether the cursor is the start of the list.
func (c DeviceCursor) IsZero() bool { return c.ID == 0 }

// deviceKeySQL is the key the estate's findings give a device (posturesvc
// names a device "device:" and its id), written in SQL.
const deviceKeySQL = `'device:' || CAST(d.id AS TEXT)`

func (f DeviceFilter) where(scope tenancy.Scope) (string, []any, error) {
	if err := orgInScope(scope, f.OrgID); err != nil {
		return "", nil, err
	}
	cond, args, err := scopeFilter(scope, "d.org_id")
	if err != nil {
		return "", nil, err
	}
	w := []string{cond, "d.org_id = ?"}
	args = append(args, f.OrgID)
	add := func(c string, a ...any) { w, args = append(w, c), append(args, a...) }
	if f.Kind != "" {
		add("d.kind = ?", f.Kind)
	}
	if f.OS != "" {
		add("d.os = ?", f.OS)
	}
	open := `EXISTS (SELECT 1 FROM findings f WHERE f.org_id = d.org_id AND f.subject_kind = 'device' AND f.subject_key = ` + deviceKeySQL + ` AND f.state = 'open'`
	switch f.Failing {
	case "":
	case FailingAny:
		add(open + ")")
	case FailingNone:
		add("NOT " + open + ")")
	default:
		add(open+" AND f.control = ?)", f.Failing)
	}
	if !f.SeenSince.IsZero() {
		add("d.last_seen >= ?", f.SeenSince.UTC())
	}
	if !f.SeenBefore.IsZero() {
		add("(d.last_seen IS NULL OR d.last_seen < ?)", f.SeenBefore.UTC())
	}
	if f.Owner != "" {
		add("LOWER(d.primary_user) LIKE ?"+likeEscape, containing(strings.ToLower(f.Owner)))
	}
	if f.Search != "" {
		term := containing(strings.ToLower(f.Search))
		add("(LOWER(d.serial) LIKE ?"+likeEscape+" OR LOWER(d.name) LIKE ?"+likeEscape+")", term, term)
	}
	return " WHERE " + strings.Join(w, " AND "), args, nil
}

// DeviceList reads a page of an org's inventory in name order, after the
// filter's cursor, and the cursor of the next page (zero on the last).
func (s *Store) DeviceList(ctx context.Context, scope tenancy.Scope, f DeviceFilter) ([]StoredDevice, DeviceCursor, error) {
	where, args, err := f.where(scope)
	if err != nil {
		return nil, DeviceCursor{}, err
	}
	if !f.After.IsZero() {
		// A row value, not "name > ? OR (name = ? AND id > ?)": SQLite
		// reads a row value as one range on (org_id, name, id), the OR as a
		// scan of the org's devices up to the cursor.
		where += " AND (d.name, d.id) > (?, ?)"
		args = append(args, f.After.Name, f.After.ID)
	}
	q := `SELECT d.id, d.org_id, d.data, d.created_at, d.updated_at FROM devices d` + where + ` ORDER BY d.name, d.id`
	if f.Limit > 0 {
		q += ` LIMIT ` + strconv.Itoa(f.Limit+1)
	}
	list, err := s.devicesBy(ctx, q, args...)
	if err != nil || f.Limit <= 0 || len(list) <= f.Limit {
		return list, DeviceCursor{}, err
	}
	list = list[:f.Limit]
	last := list[len(list)-1]
	return list, DeviceCursor{Name: last.Device.Name, ID: last.ID}, nil
}

// DeviceCountCap is where the inventory stops counting, so a count stays
// cheap in an estate of any size; pages say "more than" past it.
const DeviceCountCap = 10000

// DeviceCount counts the devices the filter matches (ignoring its cursor),
// up to DeviceCountCap+1.
func (s *Store) DeviceCount(ctx context.Context, scope tenancy.Scope, f DeviceFilter) (int, error) {
	where, args, err := f.where(scope)
	if err != nil {
		return 0, err
	}
	var n int
	err = s.queryRow(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM devices d`+where+` LIMIT `+strconv.Itoa(DeviceCountCap+1)+`) AS matched`, args...).Scan(&n)
	return n, err
}

// OpenDeviceControls names, for each of these devices of an org, the
// controls it fails now (its open findings), in control order.
func (s *Store) OpenDeviceControls(ctx context.Context, scope tenancy.Scope, orgID int64, ids []int64) (map[int64][]string, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	out := map[int64][]string{}
	if len(ids) == 0 {
		return out, nil
	}
	keys := make([]any, 0, len(ids)+1)
	keys = append(keys, orgID)
	for _, id := range ids {
		keys = append(keys, "device:"+strconv.FormatInt(id, 10))
	}
	rows, err := s.query(ctx, `SELECT subject_key, control FROM findings WHERE org_id = ? AND subject_kind = 'device' AND state = 'open'
		AND subject_key IN (?`+strings.Repeat(", ?", len(ids)-1)+`) ORDER BY control`, keys...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var key, control string
		if err := rows.Scan(&key, &control); err != nil {
			return nil, err
		}
		id, _ := strconv.ParseInt(strings.TrimPrefix(key, "device:"), 10, 64)
		out[id] = append(out[id], control)
	}
	return out, rows.Err()
}
