package inventory

import (
	"bufio"
	"encoding/json"
	"io"
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
