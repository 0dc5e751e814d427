package inventory

import (
	"maps"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/posture"
)

// osquery and Fleet report a host piecemeal: one query's rows at a time,
// over many lines and many hours. A hostSet gathers what each host said,
// keeps each query's latest result, and makes one Device per host at the
// end of the file.

// result is the latest known result of one query on one host.
type result struct {
	name string
	at   time.Time // when it was collected; zero if the export does not say
	seq  int       // its place in the file, to break ties
	rows []row
}

// host is what one host has reported so far.
type host struct {
	line                                int // the first line that named it
	sourceID                            string
	hostname, computerName, displayName string
	uuid                                string
	serial, model, platform, osName     string
	lastSeen                            time.Time
	encrypted                           posture.Fact // Fleet's disk_encryption_enabled
	results                             map[string]*result
}

type hostSet struct {
	source string
	file   string
	byID   map[string]*host
	hosts  []*host
	seq    int
}

func newHostSet(source, file string) *hostSet {
	return &hostSet{source: source, file: file, byID: map[string]*host{}}
}

// find returns the host known by any of ids ("id:42", "name:pc-0042"),
// making one if none is; every id is then the host's.
func (s *hostSet) find(line int, ids ...string) *host {
	var h *host
	for _, id := range ids {
		if id = strings.ToLower(id); !strings.HasSuffix(id, ":") && s.byID[id] != nil {
			h = s.byID[id]
			break
		}
	}
	if h == nil {
		h = &host{line: line, results: map[string]*result{}}
		s.hosts = append(s.hosts, h)
	}
	for _, id := range ids {
		if id = strings.ToLower(id); !strings.HasSuffix(id, ":") {
			if _, taken := s.byID[id]; !taken {
				s.byID[id] = h
			}
		}
	}
	return h
}

func (h *host) seen(t time.Time) {
	if t.After(h.lastSeen) {
		h.lastSeen = t
	}
}

// snapshot records a query's whole result, unless a later one is known.
// Results of queries ward does not read are not kept: a log is mostly
// such results, and a large estate's would fill memory.
func (s *hostSet) snapshot(h *host, name string, at time.Time, rows []row) error {
	if err := check(name, rows); err != nil {
		return err
	}
	s.seq++
	h.seen(at)
	if classify(name, rows) == qNone {
		return nil
	}
	if old := h.results[name]; old != nil && at.Before(old.at) {
		return nil
	}
	h.results[name] = &result{name: name, at: at, seq: s.seq, rows: rows}
	return nil
}

// differential applies osquery's added and removed rows to what is known
// of a query's result.
func (s *hostSet) differential(h *host, name string, at time.Time, added, removed []row) error {
	if err := check(name, added); err != nil {
		return err
	}
	s.seq++
	h.seen(at)
	res := h.results[name]
	if res == nil && classify(name, added) == qNone && classify(name, removed) == qNone {
		return nil
	}
	if res == nil {
		res = &result{name: name}
		h.results[name] = res
	}
	for _, r := range removed {
		for i, have := range res.rows {
			if maps.Equal(have.cols, r.cols) {
				res.rows = append(res.rows[:i], res.rows[i+1:]...)
				break
			}
		}
	}
	res.rows = append(res.rows, added...)
	if at.After(res.at) {
		res.at = at
	}
	res.seq = s.seq
	return nil
}

// check reads a result as it will be read at the end, so that a bad value
// is reported even in a result a later one replaces.
func check(name string, rows []row) error {
	var d posture.Device
	var h host
	return apply(&d, &h, classify(name, rows), rows)
}

// devices makes the hosts' devices, in the order the file first named them.
func (s *hostSet) devices() ([]*DeviceRecord, error) {
	recs := make([]*DeviceRecord, 0, len(s.hosts))
	for _, h := range s.hosts {
		d, err := s.device(h)
		if err != nil {
			return nil, err
		}
		recs = append(recs, &DeviceRecord{Device: d, Line: h.line})
	}
	return recs, nil
}

// applyOrder is the order query results are applied in: later kinds have
// the last word (the products table knows more than the security centre).
var applyOrder = []queryKind{qSystemInfo, qOSVersion, qChassis, qDiskEncryption, qBitLocker, qSecurityCenter,
	qSecurityProducts, qALF, qScreenLock, qScreenTimeout, qLocalAdmins}

func (s *hostSet) device(h *host) (posture.Device, error) {
	d := posture.Device{
		Sources:   []string{s.source},
		Managed:   true,
		Ownership: posture.Council,
		Encrypted: h.encrypted,
	}
	// The latest result of each kind of query.
	latest := map[queryKind]*result{}
	for _, res := range h.results {
		k := classify(res.name, res.rows)
		if k == qNone {
			continue
		}
		if old := latest[k]; old == nil || res.at.After(old.at) || res.at.Equal(old.at) && res.seq > old.seq {
			latest[k] = res
		}
	}
	for _, k := range applyOrder {
		if res := latest[k]; res != nil {
			if err := apply(&d, h, k, res.rows); err != nil {
				return d, err
			}
		}
	}
	d.Serial = cleanSerial(h.serial)
	d.Name = firstOf(h.computerName, h.hostname, h.displayName, h.sourceID, h.uuid)
	if h.sourceID != "" {
		d.SourceIDs = map[string]string{s.source: h.sourceID}
	}
	d.Model = h.model
	if d.OS == "" {
		d.OS = osFamily(h.platform)
	}
	if d.OS == "" || d.OS == posture.OtherOS {
		if f := osFamily(h.osName); f != "" {
			d.OS = f
		}
	}
	if d.OSVersion == "" && h.osName != "" {
		d.OSVersion = versionOf(h.osName)
	}
	if d.Type == "" {
		d.Type = deviceType(d.OS, h.osName, d.Model)
	}
	d.LastSeen = h.lastSeen
	return d, nil
}

func firstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
