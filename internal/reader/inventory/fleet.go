package inventory

import (
	"bufio"
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Fleet's JSON comes in several shapes, all read by one reader, in any
// mix, one after another (JSON lines) or in a top-level list:
//
//   - the hosts API: {"hosts":[{"id":1,"hostname":...,"hardware_serial":...}]}
//     (GET /api/v1/fleet/hosts), or one host, {"host":{...}};
//   - fleetctl get hosts --json: {"kind":"host","spec":{...}} per line;
//   - fleetctl query: {"host":"pc-0042","rows":[...]} per line;
//   - a query report: {"query_id":7,"results":[{"host_id":1,"host_name":...,"last_fetched":...,"columns":{...}}]};
//   - live query results: {"host":{...},"rows":[...]}, {"host_id":1,"rows":[...]},
//     or wrapped as {"type":"result","data":{...}}.
//
// Query rows carry no query name, so they are recognised by their columns.
// The hosts and results lists are read one element at a time.

type fleetReader struct {
	s   *hostSet
	doc *jsonDoc
}

func openFleet(br *bufio.Reader, file string) (DeviceReader, error) {
	return &listReader{load: func() ([]*DeviceRecord, error) {
		f := &fleetReader{s: newHostSet("fleet", file), doc: newJSONDoc(br, file)}
		if err := f.read(); err != nil {
			return nil, err
		}
		return f.s.devices()
	}}, nil
}

func (f *fleetReader) read() error {
	d := f.doc
	for {
		tok, err := d.token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'):
			if err := f.object(); err != nil {
				return err
			}
		case json.Delim('['):
			for i := 0; ; i++ {
				e, err := d.next("["+strconv.Itoa(i)+"]", true)
				if err == io.EOF {
					break
				}
				if err != nil {
					return err
				}
				if err := f.value(e.root()); err != nil {
					return err
				}
			}
			if _, err := d.inner(); err != nil {
				return err
			}
		default:
			off := d.dec.InputOffset() + d.skip
			return &RowError{File: d.file, Line: d.lc.lineAt(off), Offset: off,
				Reason: "a " + describe(tok) + " where a JSON object or list should be"}
		}
	}
}

// object reads a top-level object whose '{' has been read, streaming its
// "hosts" and "results" lists.
func (f *fleetReader) object() error {
	d := f.doc
	open := d.dec.InputOffset() + d.skip - 1
	obj := &elem{doc: d, start: open, line: d.lc.lineAt(open), parts: map[string]*elem{}}
	vals := map[string]any{}
	rep := &report{hosts: map[*host]*reported{}}
	for d.dec.More() {
		tok, err := d.inner()
		if err != nil {
			return err
		}
		k, _ := tok.(string)
		if k == "hosts" || k == "results" {
			if tok, err = d.inner(); err != nil {
				return err
			}
			if tok != json.Delim('[') {
				off := d.dec.InputOffset() + d.skip
				return &RowError{File: d.file, Line: d.lc.lineAt(off), Path: k, Offset: off, Reason: "is not a list"}
			}
			for i := 0; ; i++ {
				e, err := d.next(k+"["+strconv.Itoa(i)+"]", true)
				if err == io.EOF {
					break
				}
				if err != nil {
					return err
				}
				if k == "hosts" {
					_, err = f.host(e.root())
				} else {
					err = f.result(e.root(), rep)
				}
				if err != nil {
					return err
				}
			}
			if _, err := d.inner(); err != nil {
				return err
			}
			vals[k] = nil // read already
			continue
		}
		var raw json.RawMessage
		if err := d.dec.Decode(&raw); err != nil {
			return d.readErr(err)
		}
		e, err := d.elem(raw, k)
		if err != nil {
			return err
		}
		obj.parts[k], vals[k] = e, e.v
	}
	if _, err := d.inner(); err != nil { // '}'
		return err
	}
	obj.v = vals
	j := obj.root()
	if _, streamed := vals["hosts"]; streamed {
		return nil
	}
	if _, streamed := vals["results"]; streamed {
		return f.commit(j, rep)
	}
	return f.value(j)
}

// value reads one whole value of any of the shapes.
func (f *fleetReader) value(j jv) error {
	if err := j.mustObject(); err != nil {
		return err
	}
	switch {
	case j.has("hosts"):
		hosts := j.get("hosts")
		n, err := hosts.list()
		if err != nil {
			return err
		}
		for i := range n {
			if _, err := f.host(hosts.at(i)); err != nil {
				return err
			}
		}
		return nil
	case j.has("kind") && j.has("spec"):
		kind, err := j.get("kind").text()
		if err != nil {
			return err
		}
		if !strings.EqualFold(kind, "host") {
			return j.get("kind").fail(quote(kind) + " is not host: ward reads hosts from fleetctl get")
		}
		_, err = f.host(j.get("spec"))
		return err
	case j.has("data") && j.has("type"):
		return f.value(j.get("data"))
	case j.has("live_query_results"):
		l := j.get("live_query_results")
		n, err := l.list()
		if err != nil {
			return err
		}
		for i := range n {
			if err := f.value(l.at(i)); err != nil {
				return err
			}
		}
		return nil
	case j.has("results"):
		rep := &report{hosts: map[*host]*reported{}}
		res := j.get("results")
		n, err := res.list()
		if err != nil {
			return err
		}
		for i := range n {
			if err := f.result(res.at(i), rep); err != nil {
				return err
			}
		}
		return f.commit(j, rep)
	case j.has("rows"):
		h, err := f.rowsHost(j)
		if err != nil {
			return err
		}
		rows, err := readRows(j.get("rows"))
		if err != nil {
			return err
		}
		return f.s.snapshot(h, columnsName(rows), time.Time{}, rows)
	case j.get("host").object():
		_, err := f.host(j.get("host"))
		return err
	case j.has("hostname") || j.has("hardware_serial") || j.has("computer_name") && j.has("platform"):
		_, err := f.host(j)
		return err
	}
	return j.fail("is not a Fleet host, hosts list or query result (no hosts, host, spec, rows or results key)")
}

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

// report gathers a query report's rows by host.
type report struct {
	hosts map[*host]*reported
	order []*host
}

type reported struct {
	rows []row
	at   time.Time
}

// result reads one element of a results list: a report's row
// ({"host_id","host_name","last_fetched","columns"}) or a live query's
// result for one host ({"host_id","rows"}).
func (f *fleetReader) result(j jv, rep *report) error {
	if err := j.mustObject(); err != nil {
		return err
	}
	id, err := j.get("host_id").text()
	if err != nil {
		return err
	}
	name, err := j.get("host_name").text()
	if err != nil {
		return err
	}
	if id == "" && name == "" {
		if j.get("host").object() || j.has("host") {
			return f.value(j)
		}
		return j.fail("names no host (host_id or host_name)")
	}
	_, line := j.e.locate(j.path)
	h := f.s.find(line, "id:"+id, "name:"+name)
	set(&h.sourceID, id)
	set(&h.hostname, name)
	r := rep.hosts[h]
	if r == nil {
		r = &reported{}
		rep.hosts[h] = r
		rep.order = append(rep.order, h)
	}
	if s, err := j.get("last_fetched").text(); err != nil {
		return err
	} else if s != "" {
		t, ok := parseISO(s, time.UTC, false)
		if !ok {
			return j.get("last_fetched").fail(quote(s) + " is not a date and time (Fleet writes 2024-03-04T09:15:02Z)")
		}
		if t.After(r.at) {
			r.at = t
		}
	}
	switch {
	case j.has("columns"):
		row, err := readRow(j.get("columns"))
		if err != nil {
			return err
		}
		r.rows = append(r.rows, row)
	case j.has("rows"):
		rows, err := readRows(j.get("rows"))
		if err != nil {
			return err
		}
		r.rows = append(r.rows, rows...)
	default:
		return j.fail("has neither columns nor rows")
	}
	return nil
}

// commit records a report's rows as each host's result of the query.
func (f *fleetReader) commit(j jv, rep *report) error {
	qid, err := j.get("query_id").text()
	if err != nil {
		return err
	}
	for _, h := range rep.order {
		r := rep.hosts[h]
		name := "report:" + qid
		if qid == "" {
			name = columnsName(r.rows)
		}
		if err := f.s.snapshot(h, name, r.at, r.rows); err != nil {
			return err
		}
	}
	return nil
}
