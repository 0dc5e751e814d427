package inventory

import (
	"bytes"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/posture"
)

// osquery and Fleet report a host piecemeal: one query's rows at a time,
// over many lines and many hours. A hostSet gathers what each host said,
// keeps each query's latest result, and makes one Device per host at the
// end of the file.

// queryKind is a query ward understands.
type queryKind int

const (
	qNone queryKind = iota
	qSystemInfo
	qOSVersion
	qChassis
	qBitLocker
	qDiskEncryption
	qSecurityCenter
	qSecurityProducts
	qScreenLock
	qScreenTimeout
	qALF
	qLocalAdmins
)

// queryNames are the names a scheduled query may have (the last part of a
// pack's query name: "pack/Global/disk_encryption" is disk_encryption).
var queryNames = map[string]queryKind{
	"system_info":               qSystemInfo,
	"os_version":                qOSVersion,
	"chassis_info":              qChassis,
	"bitlocker_info":            qBitLocker,
	"bitlocker":                 qBitLocker,
	"disk_encryption":           qDiskEncryption,
	"filevault":                 qDiskEncryption,
	"windows_security_center":   qSecurityCenter,
	"windows_security_products": qSecurityProducts,
	"screenlock":                qScreenLock,
	"screen_lock":               qScreenLock,
	"screen_lock_timeout":       qScreenTimeout,
	"inactivity_timeout":        qScreenTimeout,
	"alf":                       qALF,
	"local_admins":              qLocalAdmins,
	"local_administrators":      qLocalAdmins,
	"admin_users":               qLocalAdmins,
}

// kindByName finds a query by its name; pack names join pack and query
// with "/" or, in older osquery, "_".
func kindByName(name string) queryKind {
	n := strings.ToLower(name)
	if i := strings.LastIndexByte(n, '/'); i >= 0 {
		n = n[i+1:]
	}
	if k, ok := queryNames[n]; ok {
		return k
	}
	best, kind := 0, qNone
	for q, k := range queryNames {
		if len(q) > best && strings.HasSuffix(n, "_"+q) {
			best, kind = len(q), k
		}
	}
	return kind
}

// kindByColumns recognises a query by the columns of its first row, for
// results that carry no query name (Fleet's reports and fleetctl) or a
// name ward does not know.
func kindByColumns(r row) queryKind {
	has := func(c string) bool { _, ok := r.cols[c]; return ok }
	switch {
	case has("protection_status"):
		return qBitLocker
	case has("filevault_status"), has("encrypted"):
		return qDiskEncryption
	case has("firewall") && has("antivirus"):
		return qSecurityCenter
	case has("signatures_up_to_date"), has("state") && has("type") && has("state_timestamp"):
		return qSecurityProducts
	case has("global_state"):
		return qALF
	case has("chassis_types"):
		return qChassis
	case has("enabled") && has("grace_period"):
		return qScreenLock
	case has("path") && has("data") && strings.HasSuffix(strings.ToLower(r.cols["path"]), `\inactivitytimeoutsecs`):
		return qScreenTimeout
	case has("username") && (has("groupname") || has("admin") || has("is_admin")):
		return qLocalAdmins
	case has("hardware_serial"):
		return qSystemInfo
	case has("platform") && has("version") && (has("build") || has("major")):
		return qOSVersion
	}
	return qNone
}

// keyColumn is a column a query's rows must have for its name to be
// believed; a "disk_encryption" query that selects other things is read by
// its columns instead.
var keyColumn = map[queryKind][]string{
	qSystemInfo:       {"hardware_serial", "hardware_model", "computer_name", "hostname"},
	qOSVersion:        {"version", "platform", "name"},
	qChassis:          {"chassis_types"},
	qBitLocker:        {"protection_status"},
	qDiskEncryption:   {"encrypted", "filevault_status"},
	qSecurityCenter:   {"firewall", "antivirus"},
	qSecurityProducts: {"state"},
	qScreenLock:       {"enabled"},
	qScreenTimeout:    {"data"},
	qALF:              {"global_state"},
	qLocalAdmins:      {"username"},
}

func classify(name string, rows []row) queryKind {
	k := kindByName(name)
	if len(rows) == 0 {
		return k
	}
	if k != qNone {
		for _, c := range keyColumn[k] {
			if _, ok := rows[0].cols[c]; ok {
				return k
			}
		}
	}
	return kindByColumns(rows[0])
}

// row is one result row, its values as text.
type row struct {
	cols  map[string]string
	file  string
	line  int
	lines map[string]int // each column's line, when the row spans lines
	path  string
}

func (r row) fail(col, reason string) *RowError {
	line := r.line
	if l, ok := r.lines[col]; ok {
		line = l
	}
	return &RowError{File: r.file, Line: line, Path: r.path + "." + col, Reason: reason}
}

// readRow reads a row object: every value a string, number, true, false or null.
func readRow(j jv) (row, error) {
	if err := j.mustObject(); err != nil {
		return row{}, err
	}
	r := row{cols: make(map[string]string, len(j.keys())), file: j.e.doc.file, path: j.pathString(), line: j.e.line}
	multiline := bytes.IndexByte(j.e.raw, '\n') >= 0
	if multiline {
		_, r.line = j.e.locate(j.path)
		r.lines = make(map[string]int, len(j.keys()))
	}
	for k := range j.keys() {
		c := j.get(k)
		if multiline {
			_, r.lines[k] = j.e.locate(c.path)
		}
		switch v := c.v.(type) {
		case bool:
			r.cols[k] = "0"
			if v {
				r.cols[k] = "1"
			}
		default:
			s, err := c.text()
			if err != nil {
				return row{}, err
			}
			r.cols[k] = s
		}
	}
	return r, nil
}

// peekRow is a row's columns and text values, for telling which query it
// is from; values that are not text are left blank.
func peekRow(j jv) row {
	r := row{cols: map[string]string{}}
	for k, v := range j.keys() {
		s, _ := v.(string)
		r.cols[k] = s
	}
	return r
}

// readRows reads a list of rows.
func readRows(j jv) ([]row, error) {
	n, err := j.list()
	if err != nil {
		return nil, err
	}
	rows := make([]row, 0, n)
	for i := range n {
		r, err := readRow(j.at(i))
		if err != nil {
			return nil, err
		}
		rows = append(rows, r)
	}
	return rows, nil
}

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

// builtinAdmins are accounts that are administrators by design; a person's
// own account among the administrators is what the control is about.
var builtinAdmins = map[string]bool{"administrator": true, "root": true, "defaultaccount": true,
	"wdagutilityaccount": true, "guest": true, "_mbsetupuser": true, "daemon": true}

// adminGroups are the local administrators' groups of Windows, macOS and Linux.
var adminGroups = map[string]bool{"administrators": true, "admin": true, "wheel": true, "sudo": true}

// apply reads one query's rows into the device and host.
func apply(d *posture.Device, h *host, k queryKind, rows []row) error {
	first := row{cols: map[string]string{}}
	if len(rows) > 0 {
		first = rows[0]
	}
	switch k {
	case qSystemInfo:
		set(&h.serial, cleanSerial(first.cols["hardware_serial"]))
		set(&h.computerName, first.cols["computer_name"])
		set(&h.hostname, first.cols["hostname"])
		set(&h.model, first.cols["hardware_model"])
	case qOSVersion:
		set(&h.osName, first.cols["name"])
		set(&h.platform, first.cols["platform"])
		d.OSVersion = firstOf(first.cols["version"], first.cols["build"])
		d.OS = osFamily(firstOf(first.cols["platform"], first.cols["name"]))
	case qChassis:
		for _, r := range rows {
			if t := chassisType(r.cols["chassis_types"]); t != "" {
				d.Type = t
				break
			}
		}
	case qBitLocker:
		var facts []posture.Fact
		system := false
		for _, r := range rows {
			f, err := onOff(r, "protection_status", map[string]posture.Fact{"1": posture.Yes, "0": posture.No, "2": posture.Unknown})
			if err != nil {
				return err
			}
			// The system drive decides when it is reported.
			if strings.EqualFold(r.cols["drive_letter"], "C:") {
				if !system {
					facts = facts[:0]
				}
				system = true
				facts = append(facts, f)
			} else if !system {
				facts = append(facts, f)
			}
		}
		if f := allYes(facts); f.Known() {
			d.Encrypted = f
		}
	case qDiskEncryption:
		var facts []posture.Fact
		root := false
		for _, r := range rows {
			f, err := diskFact(r)
			if err != nil {
				return err
			}
			// With a mount path joined in, the root and data volumes decide.
			if p, ok := r.cols["path"]; ok && (p == "/" || p == "/System/Volumes/Data") {
				if !root {
					facts = facts[:0]
				}
				root = true
				facts = append(facts, f)
			} else if !root {
				facts = append(facts, f)
			}
		}
		if f := allYes(facts); f.Known() {
			d.Encrypted = f
		}
	case qSecurityCenter:
		for _, c := range []struct {
			col string
			to  *posture.Fact
		}{{"firewall", &d.Firewall}, {"antivirus", &d.MalwareProtection}} {
			if _, ok := first.cols[c.col]; !ok {
				continue
			}
			f, err := onOff(first, c.col, map[string]posture.Fact{"good": posture.Yes, "poor": posture.No, "snoozed": posture.No,
				"not monitored": posture.Unknown, "error": posture.Unknown, "": posture.Unknown})
			if err != nil {
				return err
			}
			if f.Known() {
				*c.to = f
			}
		}
	case qSecurityProducts:
		var fw, av []posture.Fact
		states := map[string]posture.Fact{"on": posture.Yes, "off": posture.No, "snoozed": posture.No, "expired": posture.No, "unknown": posture.Unknown, "": posture.Unknown}
		for _, r := range rows {
			f, err := onOff(r, "state", states)
			if err != nil {
				return err
			}
			switch strings.ToLower(r.cols["type"]) {
			case "firewall":
				fw = append(fw, f)
			case "antivirus":
				if f == posture.Yes && r.cols["signatures_up_to_date"] == "0" {
					f = posture.No
				}
				av = append(av, f)
			}
		}
		if f := anyYes(fw); f.Known() {
			d.Firewall = f
		}
		if f := anyYes(av); f.Known() {
			d.MalwareProtection = f
		}
	case qALF:
		f, err := onOff(first, "global_state", map[string]posture.Fact{"0": posture.No, "1": posture.Yes, "2": posture.Yes})
		if err != nil {
			return err
		}
		if f.Known() {
			d.Firewall = f
		}
	case qScreenLock:
		if len(rows) == 0 {
			break
		}
		f, err := onOff(first, "enabled", map[string]posture.Fact{"1": posture.Yes, "0": posture.No, "": posture.Unknown})
		if err != nil {
			return err
		}
		if f.Known() {
			d.ScreenLock = f
		}
		if v, ok := first.cols["idle_seconds"]; ok && v != "" {
			n, ok := atoi(v)
			if !ok {
				return first.fail("idle_seconds", quote(v)+" is not a whole number of seconds")
			}
			d.ScreenLockMinutes = (n + 59) / 60
		}
	case qScreenTimeout:
		for _, r := range rows {
			if !strings.HasSuffix(strings.ToLower(r.cols["path"]), `\inactivitytimeoutsecs`) {
				continue
			}
			v := r.cols["data"]
			n, ok := atoi(v)
			if !ok {
				return r.fail("data", quote(v)+" is not a whole number of seconds")
			}
			d.ScreenLock = posture.FactOf(n > 0)
			d.ScreenLockMinutes = (n + 59) / 60
		}
	case qLocalAdmins:
		admin := false
		for _, r := range rows {
			user := strings.ToLower(r.cols["username"])
			in := false
			if g, ok := r.cols["groupname"]; ok {
				in = adminGroups[strings.ToLower(g)]
			}
			for _, c := range []string{"admin", "is_admin"} {
				if v, ok := r.cols[c]; ok && v != "" {
					f, err := onOff(r, c, map[string]posture.Fact{"1": posture.Yes, "0": posture.No, "true": posture.Yes, "false": posture.No})
					if err != nil {
						return err
					}
					in = f == posture.Yes
				}
			}
			if in && user != "" && !builtinAdmins[user] && !strings.HasPrefix(user, "_") {
				admin = true
			}
		}
		d.UserIsLocalAdmin = posture.FactOf(admin)
	}
	return nil
}

func set(to *string, v string) {
	if v != "" {
		*to = v
	}
}

// onOff reads a column through a table of its values, case-insensitively.
func onOff(r row, col string, values map[string]posture.Fact) (posture.Fact, error) {
	v := r.cols[col]
	f, ok := values[strings.ToLower(strings.TrimSpace(v))]
	if !ok {
		known := make([]string, 0, len(values))
		for k := range values {
			if k != "" {
				known = append(known, strconv.Quote(k))
			}
		}
		slices.Sort(known)
		return posture.Unknown, r.fail(col, quote(v)+" is not one of "+strings.Join(known, ", "))
	}
	return f, nil
}

// diskFact reads a disk_encryption row: FileVault's status where given,
// else the encrypted flag.
func diskFact(r row) (posture.Fact, error) {
	if v := r.cols["filevault_status"]; v != "" {
		return onOff(r, "filevault_status", map[string]posture.Fact{"on": posture.Yes, "off": posture.No, "unknown": posture.Unknown})
	}
	return onOff(r, "encrypted", map[string]posture.Fact{"1": posture.Yes, "0": posture.No, "": posture.Unknown})
}

// allYes is Yes when every fact is, No when any is No, else Unknown.
func allYes(facts []posture.Fact) posture.Fact {
	out := posture.Unknown
	for _, f := range facts {
		switch f {
		case posture.No:
			return posture.No
		case posture.Yes:
			out = posture.Yes
		}
	}
	return out
}

// anyYes is Yes when some fact is, No when all known ones are No.
func anyYes(facts []posture.Fact) posture.Fact {
	out := posture.Unknown
	for _, f := range facts {
		switch f {
		case posture.Yes:
			return posture.Yes
		case posture.No:
			out = posture.No
		}
	}
	return out
}
