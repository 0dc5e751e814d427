package posture

import "strings"

// Index finds the device ward already knows for an incoming report: by
// serial number, then by the reporting source's own device id, then by
// name. All three ignore case. Lookups allocate nothing, so matching an
// import of 100,000 devices costs map lookups only.
//
// An Index is not safe for concurrent use.
type Index struct {
	serials map[string]*Device
	ids     map[string]map[string]*Device // source → lower-cased id
	names   map[string]*Device            // lower-cased name; ambiguousName when several devices share it
	size    int                           // size hint for a new source's map
}

// ambiguousName marks a name two devices share, which therefore identifies neither.
var ambiguousName = &Device{}

// NewIndex indexes the devices.
func NewIndex(devices []*Device) *Index {
	x := &Index{
		serials: make(map[string]*Device, len(devices)),
		ids:     map[string]map[string]*Device{},
		names:   make(map[string]*Device, len(devices)),
		size:    len(devices),
	}
	for _, d := range devices {
		x.Add(d)
	}
	return x
}

// Add indexes a device, or indexes it again after Merge gave it new identifiers.
// When two devices claim the same serial or source id, the first keeps it.
func (x *Index) Add(d *Device) {
	if !IsPlaceholderSerial(d.Serial) {
		k := lowerKey(d.Serial)
		if x.serials[k] == nil {
			x.serials[k] = d
		}
	}
	for src, id := range d.SourceIDs {
		if strings.TrimSpace(id) == "" {
			continue
		}
		m := x.ids[src]
		if m == nil {
			m = make(map[string]*Device, x.size)
			x.ids[src] = m
		}
		if k := lowerKey(id); m[k] == nil {
			m[k] = d
		}
	}
	if usableName(d.Name) {
		k := lowerKey(d.Name)
		switch prev := x.names[k]; {
		case prev == nil:
			x.names[k] = d
		case prev != d:
			x.names[k] = ambiguousName
		}
	}
}

// Find returns the known device the incoming report is about, or nil.
// A match by id or name is refused when both devices have real serial
// numbers that differ: a reimaged PC that kept its name, or a new device
// given an old one's name, is a different device.
func (x *Index) Find(in *Device, source string) *Device {
	var buf [128]byte
	if !IsPlaceholderSerial(in.Serial) {
		if d := x.serials[string(appendLower(buf[:0], in.Serial))]; d != nil {
			return d
		}
	}
	if id := in.SourceIDs[source]; strings.TrimSpace(id) != "" {
		if d := x.ids[source][string(appendLower(buf[:0], id))]; d != nil && sameSerial(d, in) {
			return d
		}
	}
	if usableName(in.Name) {
		if d := x.names[string(appendLower(buf[:0], in.Name))]; d != nil && d != ambiguousName && sameSerial(d, in) {
			return d
		}
	}
	return nil
}

// sameSerial is false only when both devices have real, different serials.
func sameSerial(a, b *Device) bool {
	if IsPlaceholderSerial(a.Serial) || IsPlaceholderSerial(b.Serial) {
		return true
	}
	return strings.EqualFold(strings.TrimSpace(a.Serial), strings.TrimSpace(b.Serial))
}

// genericNames are names many unrelated devices carry out of the box.
var genericNames = []string{"localhost", "iphone", "ipad", "android", "unknown", "desktop", "laptop", "macbook", "galaxy"}

func usableName(name string) bool {
	n := strings.TrimSpace(name)
	if n == "" {
		return false
	}
	for _, g := range genericNames {
		if len(n) == len(g) && strings.EqualFold(n, g) {
			return false
		}
	}
	return true
}

// placeholderSerials are what firmware and tools report when a maker left
// the serial number unset. They would make unrelated devices one.
var placeholderSerials = []string{
	"to be filled by o.e.m.", "to be filled by oem", "default string", "system serial number", "chassis serial number",
	"base board serial number", "serial number", "system product name", "none", "n/a", "na", "null", "nil", "unknown",
	"not specified", "not available", "not applicable", "invalid", "empty", "default", "oem", "o.e.m.",
	"0123456789", "123456789", "1234567890",
}

// IsPlaceholderSerial reports whether a serial number identifies nothing:
// empty, a maker's placeholder ("To be filled by O.E.M.", "Default
// string", "System Serial Number", "None", "0"), shorter than three
// characters, or one character repeated (zeros and separators from a
// virtual machine's firmware).
func IsPlaceholderSerial(serial string) bool {
	s := strings.TrimSpace(serial)
	if len(s) < 3 {
		return true
	}
	for _, p := range placeholderSerials {
		if len(s) == len(p) && strings.EqualFold(s, p) {
			return true
		}
	}
	var first byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '-' || c == ' ' || c == '.' || c == '_' || c == ':' {
			continue
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if first == 0 {
			first = c
		} else if c != first {
			return false
		}
	}
	return true
}

// lowerKey is the map key for an identifier: trimmed and lower-cased.
func lowerKey(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// appendLower appends lowerKey(s) to b without allocating, for ASCII; other
// text goes through strings.ToLower so that keys always agree with lowerKey.
func appendLower(b []byte, s string) []byte {
	s = strings.TrimSpace(s)
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return append(b, strings.ToLower(s)...)
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}
