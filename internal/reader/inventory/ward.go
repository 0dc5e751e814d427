package inventory

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

// ward's own device CSV, documented in docs/device-csv.md: one row per
// device, for whatever no tool reports (thin clients, a partner's laptops)
// or for a tool ward has no importer for, mapped in a spreadsheet.

// wardColumns are the columns, in the document's order.
var wardColumns = []string{"serial", "name", "device_id", "type", "ownership", "os", "os_version", "model",
	"primary_user", "last_seen", "managed", "malware_protection", "signatures_updated", "firewall", "encrypted",
	"screen_lock", "screen_lock_minutes", "password_min_length", "user_is_local_admin", "remote_access",
	"remote_access_mfa", "missing_updates", "updates_checked"}

const (
	wSerial = iota
	wName
	wDeviceID
	wType
	wOwnership
	wOS
	wOSVersion
	wModel
	wPrimaryUser
	wLastSeen
	wManaged
	wMalware
	wSignatures
	wFirewall
	wEncrypted
	wScreenLock
	wScreenLockMinutes
	wPasswordMinLength
	wLocalAdmin
	wRemoteAccess
	wRemoteAccessMFA
	wMissingUpdates
	wUpdatesChecked
	wColumns
)

const wardDate = "is not a date and time (2024-03-01T10:22:33Z, 2024-03-01T10:22+00:00, or UK local time as 2024-03-01 10:22 or 2024-03-01)"

type wardReader struct {
	c    *csvFile
	col  [wColumns]int // field index of each column, or -1
	seen *keyList
	days londonDays
	iso  isoTime
	err  error
}

func openWard(br *bufio.Reader, file string) (DeviceReader, error) {
	c, err := openCSV(br, file)
	if err != nil {
		return nil, err
	}
	r := &wardReader{c: c, seen: newKeyList()}
	known := make(map[string]int, wColumns)
	for i, name := range wardColumns {
		known[key(name)] = i
		r.col[i] = -1
	}
	// An unknown column is refused, not ignored: a misspelt "encryped"
	// would otherwise leave every device's encryption unknown unnoticed.
	for i, h := range c.header {
		k := key(h)
		if k == "" {
			continue
		}
		w, ok := known[k]
		if !ok {
			return nil, &RowError{File: file, Line: 1 + c.skip, Column: bounded.Excerpt(h),
				Reason: fmt.Sprintf("(field %d) is not a device CSV column; the columns are %s", i+1, strings.Join(wardColumns, ", "))}
		}
		r.col[w] = i
	}
	if err := c.require("serial", "name"); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *wardReader) Next() (*DeviceRecord, error) {
	if r.err != nil {
		return nil, r.err
	}
	rec, err := r.device()
	if err == io.EOF {
		if dup, first, found := r.seen.duplicate(); found {
			col := [...]int{wSerial, wDeviceID, wName}[dup.kind]
			err = &RowError{File: r.c.file, Line: int(dup.line), Column: bounded.Excerpt(r.c.header[r.col[col]]),
				Reason: fmt.Sprintf("%s is already the device on line %d; a device has one row", quote(dup.key), first)}
		}
	}
	if err != nil {
		r.err = err
		return nil, err
	}
	return rec, nil
}

// get is a column's value in the current row.
func (r *wardReader) get(w int) string { return r.c.get(r.col[w]) }

func (r *wardReader) fail(w int, reason string) error { return r.c.fail(r.col[w], reason) }

func (r *wardReader) device() (*DeviceRecord, error) {
	if _, err := r.c.next(); err != nil {
		return nil, err
	}
	d := posture.Device{
		Serial:      cleanSerial(r.get(wSerial)),
		Name:        r.get(wName),
		Sources:     []string{"ward"},
		Managed:     true,
		OSVersion:   r.get(wOSVersion),
		Model:       r.get(wModel),
		PrimaryUser: strings.ToLower(r.get(wPrimaryUser)),
	}
	if id := r.get(wDeviceID); id != "" {
		d.SourceIDs = map[string]string{"ward": id}
	}
	// A placeholder serial ("To be filled by O.E.M.") is no serial: kept,
	// it would give every such device the same identity, and their
	// findings would be mixed up.
	if d.Serial == "" && d.Name == "" && d.SourceIDs == nil {
		if v := r.get(wSerial); v != "" {
			return nil, r.fail(wSerial, quote(v)+" is a placeholder, not a serial number, and name and device_id are empty: a row must name its device")
		}
		return nil, r.fail(wSerial, "is empty, and so are name and device_id: a row must name its device")
	}
	line := r.c.line(0)
	// The same identity as posture.Device.Key: serial, else id, else name.
	// Placeholder serials ("To be filled by O.E.M.") name no one device, so
	// many rows may share one.
	switch {
	case d.Serial != "":
		r.seen.add(0, d.Serial, line)
	case d.SourceIDs != nil:
		r.seen.add(1, d.SourceIDs["ward"], line)
	default:
		r.seen.add(2, d.Name, line)
	}

	var err error
	if d.Type, err = wardType(r.get(wType)); err != nil {
		return nil, r.fail(wType, err.Error())
	}

	if d.Ownership, err = wardOwnership(r.get(wOwnership)); err != nil {
		return nil, r.fail(wOwnership, err.Error())
	}
	if v := r.get(wOS); v != "" {
		var ok bool
		if d.OS, ok = parseOSFamily(v); !ok {
			return nil, r.fail(wOS, quote(v)+" is not an operating system (windows, macos, ios, ipados, android, linux, chromeos or other)")
		}
	}
	// A blank type is worked out from the system and model, as for the
	// tools' exports, when they say anything.
	if r.get(wType) == "" && (d.OS != "" || d.Model != "") {
		d.Type = deviceType(d.OS, r.get(wOS), d.Model)
	}
	for _, t := range [...]struct {
		w  int
		to *time.Time
	}{{wLastSeen, &d.LastSeen}, {wSignatures, &d.SignaturesUpdated}, {wUpdatesChecked, &d.UpdatesChecked}} {
		if v := r.get(t.w); v != "" {
			if !r.iso.parse(v, true) {
				return nil, r.fail(t.w, quote(v)+" "+wardDate)
			}
			*t.to = r.days.time(&r.iso)
		}
	}
	if v := r.get(wManaged); v != "" {
		f, err := fact(v)
		if err != nil {
			return nil, r.fail(wManaged, err.Error())
		}
		d.Managed = f != posture.No
	}
	for _, f := range [...]struct {
		w  int
		to *posture.Fact
	}{{wMalware, &d.MalwareProtection}, {wFirewall, &d.Firewall}, {wEncrypted, &d.Encrypted},
		{wScreenLock, &d.ScreenLock}, {wLocalAdmin, &d.UserIsLocalAdmin}, {wRemoteAccess, &d.RemoteAccess},
		{wRemoteAccessMFA, &d.RemoteAccessMFA}} {
		if *f.to, err = fact(r.get(f.w)); err != nil {
			return nil, r.fail(f.w, err.Error())
		}
	}
	for _, n := range [...]struct {
		w   int
		to  *int
		max int
	}{{wScreenLockMinutes, &d.ScreenLockMinutes, 24 * 60}, {wPasswordMinLength, &d.PasswordMinLength, 256}} {
		if v := r.get(n.w); v != "" {
			i, ok := atoi(v)
			if !ok || i > n.max {
				return nil, r.fail(n.w, fmt.Sprintf("%s is not a whole number from 0 to %d", quote(v), n.max))
			}
			*n.to = i
		}
	}
	if v := r.get(wMissingUpdates); v != "" {
		if d.MissingUpdates, err = parseUpdates(v); err != nil {
			return nil, r.fail(wMissingUpdates, err.Error())
		}
	}
	// A file with the missing_updates column reports updates: a blank cell
	// is "none missing" as of when the device was seen, unless it says
	// when they were checked.
	if d.UpdatesChecked.IsZero() && r.col[wMissingUpdates] >= 0 {
		d.UpdatesChecked = d.LastSeen
	}
	return &DeviceRecord{Device: d, Line: line}, nil
}
