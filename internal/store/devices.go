package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// StoredDevice is a device as ward holds it: the merged record and its id,
// which findings name it by.
type StoredDevice struct {
	ID        int64
	OrgID     int64
	Device    posture.Device
	CreatedAt time.Time
	UpdatedAt time.Time
	record    []byte // as read, so a save can skip a device nothing changed
}

const deviceColumns = `id, org_id, data, created_at, updated_at`

func scanDevice(sc interface{ Scan(...any) error }) (StoredDevice, error) {
	var d StoredDevice
	if err := sc.Scan(&d.ID, &d.OrgID, &d.record, &d.CreatedAt, &d.UpdatedAt); err != nil {
		return d, err
	}
	if err := decodeDevice(d.record, &d.Device); err != nil {
		return d, fmt.Errorf("device %d: %w", d.ID, err)
	}
	return d, nil
}

// OrgDevices reads every device of an org, for matching an import against
// and for evaluating. Callers check the principal's rights first.
func (s *Store) OrgDevices(ctx context.Context, scope tenancy.Scope, orgID int64) ([]StoredDevice, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	return s.devices(ctx, `WHERE org_id = ? ORDER BY id`, orgID)
}

// Device reads one device within the scope.
func (s *Store) Device(ctx context.Context, scope tenancy.Scope, id int64) (StoredDevice, error) {
	cond, args, err := scopeFilter(scope, "org_id")
	if err != nil {
		return StoredDevice{}, err
	}
	list, err := s.devices(ctx, `WHERE id = ? AND `+cond, append([]any{id}, args...)...)
	if err != nil {
		return StoredDevice{}, err
	}
	if len(list) == 0 {
		return StoredDevice{}, ErrNotFound
	}
	return list[0], nil
}

func (s *Store) devices(ctx context.Context, where string, args ...any) ([]StoredDevice, error) {
	return s.devicesBy(ctx, `SELECT `+deviceColumns+` FROM devices `+where, args...)
}

// devicesBy runs a query selecting deviceColumns and reads its devices.
func (s *Store) devicesBy(ctx context.Context, q string, args ...any) ([]StoredDevice, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []StoredDevice
	for rows.Next() {
		d, err := scanDevice(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// SaveDevices writes new devices (ID zero; they get ids) and changed ones
// in a few multi-row statements. It must run inside a transaction.
func (s *Store) SaveDevices(ctx context.Context, scope tenancy.Scope, orgID int64, devices []*StoredDevice) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	unnumbered := 0
	for _, d := range devices {
		if err := deviceText(&d.Device); err != nil {
			return err
		}
		if d.ID == 0 {
			unnumbered++
		}
	}
	ids, err := s.reserveIDs(ctx, "devices", unnumbered)
	if err != nil {
		return err
	}
	now := s.Now()
	var fresh, changed [][]any
	for _, d := range devices {
		data := encodeDevice(&d.Device, nil)
		if d.ID != 0 && bytes.Equal(data, d.record) {
			continue // a re-import that says what ward already knew
		}
		rows := &changed
		if d.ID == 0 {
			d.ID, ids = ids[0], ids[1:]
			d.CreatedAt, rows = now, &fresh
		}
		d.OrgID, d.UpdatedAt, d.record = orgID, now, data
		*rows = append(*rows, []any{d.ID, orgID, d.Device.Serial, d.Device.Name, timeOrNull(d.Device.LastSeen), data, d.CreatedAt, now,
			string(d.Device.Type), string(d.Device.OS), d.Device.PrimaryUser})
	}
	const head = `INSERT INTO devices (id, org_id, serial, name, last_seen, data, created_at, updated_at, kind, os, primary_user)`
	if err := s.insertRows(ctx, head, "", fresh); err != nil {
		return err
	}
	return s.insertRows(ctx, head, `ON CONFLICT (id) DO UPDATE SET serial = excluded.serial, name = excluded.name,
		last_seen = excluded.last_seen, data = excluded.data, updated_at = excluded.updated_at,
		kind = excluded.kind, os = excluded.os, primary_user = excluded.primary_user`, changed)
}

// StoredMailbox is a mailbox as ward holds it.
type StoredMailbox struct {
	ID        int64
	OrgID     int64
	Mailbox   posture.Mailbox
	CreatedAt time.Time
	UpdatedAt time.Time
}

// OrgMailboxes reads every mailbox of an org. Callers check rights first.
func (s *Store) OrgMailboxes(ctx context.Context, scope tenancy.Scope, orgID int64) ([]StoredMailbox, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT id, org_id, data, created_at, updated_at FROM mailboxes WHERE org_id = ? ORDER BY address`, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []StoredMailbox
	for rows.Next() {
		var m StoredMailbox
		var data []byte
		if err := rows.Scan(&m.ID, &m.OrgID, &data, &m.CreatedAt, &m.UpdatedAt); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(data, &m.Mailbox); err != nil {
			return nil, fmt.Errorf("mailbox %d: %w", m.ID, err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// SaveMailboxes writes mailboxes, new or changed, keyed by address.
func (s *Store) SaveMailboxes(ctx context.Context, scope tenancy.Scope, orgID int64, mailboxes []*StoredMailbox) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	fresh := 0
	for _, m := range mailboxes {
		if m.ID == 0 {
			fresh++
		}
	}
	ids, err := s.reserveIDs(ctx, "mailboxes", fresh)
	if err != nil {
		return err
	}
	now := s.Now()
	rows := make([][]any, 0, len(mailboxes))
	for _, m := range mailboxes {
		if m.ID == 0 {
			m.ID, ids = ids[0], ids[1:]
			m.CreatedAt = now
		}
		m.OrgID, m.UpdatedAt = orgID, now
		if err := checkEncoded("data", &m.Mailbox); err != nil {
			return err
		}
		data, err := json.Marshal(&m.Mailbox)
		if err != nil {
			return err
		}
		rows = append(rows, []any{m.ID, orgID, m.Mailbox.Address, m.Mailbox.DisplayName, string(data), m.CreatedAt, now})
	}
	return s.insertRows(ctx, `INSERT INTO mailboxes (id, org_id, address, display_name, data, created_at, updated_at)`,
		`ON CONFLICT (id) DO UPDATE SET address = excluded.address, display_name = excluded.display_name,
		data = excluded.data, updated_at = excluded.updated_at`, rows)
}

// OrgDomains lists an org's official mail domains.
func (s *Store) OrgDomains(ctx context.Context, scope tenancy.Scope, orgID int64) ([]string, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT domain FROM org_domains WHERE org_id = ? ORDER BY domain`, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// SetOrgDomains replaces an org's official mail domains.
func (s *Store) SetOrgDomains(ctx context.Context, scope tenancy.Scope, orgID int64, domains []string) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	return s.InTx(ctx, func(ctx context.Context) error {
		if _, err := s.exec(ctx, `DELETE FROM org_domains WHERE org_id = ?`, orgID); err != nil {
			return err
		}
		rows := make([][]any, 0, len(domains))
		for _, d := range domains {
			rows = append(rows, []any{orgID, d})
		}
		return s.insertRows(ctx, `INSERT INTO org_domains (org_id, domain)`, `ON CONFLICT DO NOTHING`, rows)
	})
}

// ControlSetting is an org's own setting for one control.
type ControlSetting struct {
	Control   string            `json:"control"`
	Disabled  bool              `json:"disabled"`
	Params    map[string]string `json:"params"`
	UpdatedAt time.Time         `json:"updated_at"`
	UpdatedBy string            `json:"updated_by"`
}

// ControlSettings reads an org's control settings.
func (s *Store) ControlSettings(ctx context.Context, scope tenancy.Scope, orgID int64) ([]ControlSetting, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT control, disabled, params, updated_at, updated_by FROM control_settings
		WHERE org_id = ? ORDER BY control`, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ControlSetting
	for rows.Next() {
		var c ControlSetting
		var params string
		if err := rows.Scan(&c.Control, &c.Disabled, &params, &c.UpdatedAt, &c.UpdatedBy); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(params), &c.Params); err != nil {
			return nil, fmt.Errorf("control setting %s: %w", c.Control, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// SetControlSetting saves an org's setting for one control.
func (s *Store) SetControlSetting(ctx context.Context, scope tenancy.Scope, orgID int64, c ControlSetting) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	if err := checkEncoded("params", c.Params); err != nil {
		return err
	}
	params, err := json.Marshal(c.Params)
	if err != nil {
		return err
	}
	if c.Params == nil {
		params = []byte("{}")
	}
	_, err = s.exec(ctx, `INSERT INTO control_settings (org_id, control, disabled, params, updated_at, updated_by)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (org_id, control) DO UPDATE SET disabled = excluded.disabled,
		params = excluded.params, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
		orgID, c.Control, c.Disabled, string(params), s.Now(), c.UpdatedBy)
	return err
}
