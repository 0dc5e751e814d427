package inventory

import (
	"slices"
	"strings"
	"time"
)

// rowsHost is the host a live or fleetctl query result names.
func (f *fleetReader) rowsHost(j jv) (*host, error) {
	hj := j.get("host")
	if hj.object() {
		return f.host(hj)
	}
	name, err := hj.text()
	if err != nil {
		return nil, err
	}
	id, err := j.get("host_id").text()
	if err != nil {
		return nil, err
	}
	if name == "" && id == "" {
		return nil, j.fail("names no host (host or host_id)")
	}
	_, line := j.e.locate(j.path)
	h := f.s.find(line, "id:"+id, "name:"+name)
	set(&h.sourceID, id)
	set(&h.hostname, name)
	return h, nil
}

// columnsName names fleetctl's and live results, which carry no query
// name, by their columns, so two queries' results for one host stay apart.
func columnsName(rows []row) string {
	if len(rows) == 0 {
		return ""
	}
	cols := make([]string, 0, len(rows[0].cols))
	for c := range rows[0].cols {
		if !strings.HasPrefix(c, "host_") { // fleetctl adds host_hostname and host_display_name
			cols = append(cols, c)
		}
	}
	slices.Sort(cols)
	return "columns:" + strings.Join(cols, ",")
}

// host reads a Fleet host object.
func (f *fleetReader) host(j jv) (*host, error) {
	if err := j.mustObject(); err != nil {
		return nil, err
	}
	var v struct{ id, hostname, display, computer, uuid, serial, model, platform, osVersion, seen string }
	for _, field := range []struct {
		key string
		to  *string
	}{{"id", &v.id}, {"hostname", &v.hostname}, {"display_name", &v.display}, {"computer_name", &v.computer},
		{"uuid", &v.uuid}, {"hardware_serial", &v.serial}, {"hardware_model", &v.model}, {"platform", &v.platform},
		{"os_version", &v.osVersion}, {"seen_time", &v.seen}} {
		s, err := j.get(field.key).text()
		if err != nil {
			return nil, err
		}
		*field.to = s
	}
	if v.id == "" && v.hostname == "" && v.display == "" && v.computer == "" && v.uuid == "" && cleanSerial(v.serial) == "" {
		return nil, j.fail("is a host with no id, hostname, display_name, computer_name, uuid or hardware_serial")
	}
	var seen time.Time
	if v.seen != "" {
		t, ok := parseISO(v.seen, time.UTC, false)
		if !ok {
			return nil, j.get("seen_time").fail(quote(v.seen) + " is not a date and time (Fleet writes 2024-03-04T09:15:02Z)")
		}
		seen = t
	}
	enc, err := j.get("disk_encryption_enabled").fact()
	if err != nil {
		return nil, err
	}
	_, line := j.e.locate(j.path)
	h := f.s.find(line, "id:"+v.id, "uuid:"+v.uuid, "name:"+v.hostname, "name:"+v.computer, "name:"+v.display)
	set(&h.sourceID, v.id)
	set(&h.hostname, v.hostname)
	set(&h.computerName, v.computer)
	set(&h.displayName, v.display)
	set(&h.uuid, v.uuid)
	set(&h.serial, cleanSerial(v.serial))
	set(&h.model, v.model)
	set(&h.platform, v.platform)
	set(&h.osName, v.osVersion)
	if enc.Known() {
		h.encrypted = enc
	}
	h.seen(seen)
	return h, nil
}
