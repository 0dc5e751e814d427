package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/ward-shared-service/ward/internal/posture"
)

// Devices are kept as a compact binary record rather than JSON: an import
// of a hundred thousand devices reads and writes every one of them, and
// decoding JSON by reflection was most of the import's time. The first
// byte is the layout's version, so a later layout can still read this one.
const deviceCodecV1 = 1

func encodeDevice(d *posture.Device, buf []byte) []byte {
	b := append(buf[:0], deviceCodecV1)
	for _, s := range []string{d.Serial, d.Name, string(d.Type), string(d.Ownership), string(d.OS), d.OSVersion,
		d.Model, d.PrimaryUser} {
		b = appendString(b, s)
	}
	flags := byte(0)
	if d.Managed {
		flags = 1
	}
	b = append(b, flags, byte(d.MalwareProtection), byte(d.Firewall), byte(d.Encrypted), byte(d.ScreenLock),
		byte(d.UserIsLocalAdmin), byte(d.RemoteAccess), byte(d.RemoteAccessMFA))
	b = appendTime(b, d.LastSeen)
	b = appendTime(b, d.SignaturesUpdated)
	b = appendTime(b, d.UpdatesChecked)
	b = binary.AppendVarint(b, int64(d.ScreenLockMinutes))
	b = binary.AppendVarint(b, int64(d.PasswordMinLength))
	b = binary.AppendUvarint(b, uint64(len(d.Sources)))
	for _, s := range d.Sources {
		b = appendString(b, s)
	}
	keys := make([]string, 0, len(d.SourceIDs))
	for k := range d.SourceIDs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		b = appendString(appendString(b, k), d.SourceIDs[k])
	}
	b = binary.AppendUvarint(b, uint64(len(d.MissingUpdates)))
	for _, u := range d.MissingUpdates {
		b = appendTime(appendString(appendString(b, u.ID), string(u.Severity)), u.Released)
	}
	return b
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// appendTime writes a time as Unix microseconds (the precision both
// engines keep), with 0 for the zero time.
func appendTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return binary.AppendVarint(b, 0)
	}
	return binary.AppendVarint(b, t.UnixMicro())
}

// deviceReader reads a record, remembering the first thing that went wrong.
type deviceReader struct {
	b   []byte
	err error
}

var errShortRecord = errors.New("record ends early")

func (r *deviceReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *deviceReader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *deviceReader) fail() {
	if r.err == nil {
		r.err = errShortRecord
	}
	r.b = nil
}

func (r *deviceReader) string() string {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.fail()
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *deviceReader) byte() byte {
	if len(r.b) == 0 {
		r.fail()
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *deviceReader) time() time.Time {
	if us := r.varint(); us != 0 {
		return time.UnixMicro(us).UTC()
	}
	return time.Time{}
}

// count reads a list's length, refusing one longer than the record could hold.
func (r *deviceReader) count() int {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.fail()
		return 0
	}
	return int(n)
}

func decodeDevice(data []byte, d *posture.Device) error {
	if len(data) == 0 || data[0] != deviceCodecV1 {
		return fmt.Errorf("device record: unknown layout")
	}
	r := &deviceReader{b: data[1:]}
	d.Serial, d.Name = r.string(), r.string()
	d.Type, d.Ownership, d.OS = posture.DeviceType(r.string()), posture.Ownership(r.string()), posture.OSFamily(r.string())
	d.OSVersion, d.Model, d.PrimaryUser = r.string(), r.string(), r.string()
	d.Managed = r.byte() == 1
	d.MalwareProtection, d.Firewall, d.Encrypted = posture.Fact(r.byte()), posture.Fact(r.byte()), posture.Fact(r.byte())
	d.ScreenLock, d.UserIsLocalAdmin = posture.Fact(r.byte()), posture.Fact(r.byte())
	d.RemoteAccess, d.RemoteAccessMFA = posture.Fact(r.byte()), posture.Fact(r.byte())
	d.LastSeen, d.SignaturesUpdated, d.UpdatesChecked = r.time(), r.time(), r.time()
	d.ScreenLockMinutes, d.PasswordMinLength = int(r.varint()), int(r.varint())
	if n := r.count(); n > 0 {
		d.Sources = make([]string, n)
		for i := range d.Sources {
			d.Sources[i] = r.string()
		}
	}
	if n := r.count(); n > 0 {
		d.SourceIDs = make(map[string]string, n)
		for range n {
			k := r.string()
			d.SourceIDs[k] = r.string()
		}
	}
	if n := r.count(); n > 0 {
		d.MissingUpdates = make([]posture.Update, n)
		for i := range d.MissingUpdates {
			u := &d.MissingUpdates[i]
			u.ID, u.Severity, u.Released = r.string(), posture.Severity(r.string()), r.time()
		}
	}
	if r.err == nil && len(r.b) != 0 {
		r.err = errors.New("record has bytes left over")
	}
	if r.err != nil {
		return fmt.Errorf("device record: %w", r.err)
	}
	return nil
}
