package identity

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
)

// A directory is stored as one compact record rather than a row per object:
// a council's snapshot is read and written whole, and a 2-million-edge
// directory goes in and out in tens of milliseconds this way. Strings that
// repeat across objects (a domain SID's prefix, the "@DOMAIN" of a name,
// the operating system) are written once in a table and referred to by
// number; edges are sorted, so each source is a small step from the last.

const codecMagic = "WDIR1"

// Encode writes a directory as bytes for the store.
func Encode(d *Directory) []byte {
	var w encoder
	w.table = map[string]uint64{}
	body := make([]byte, 0, 64*len(d.Nodes)+4*len(d.Edges))
	body = binary.AppendUvarint(body, uint64(len(d.Nodes)))
	for i := range d.Nodes {
		n := &d.Nodes[i]
		body = w.split(body, n.ID, '-', true)
		body = w.split(body, n.Name, '@', false)
		body = append(body, byte(n.Kind))
		body = binary.AppendUvarint(body, uint64(n.Flags))
		body = w.ref(body, n.Directory)
		body = w.split(body, n.Mail, '@', false)
		body = w.str(body, n.OnPremID)
		body = w.ref(body, n.OS)
		body = binary.AppendVarint(body, n.LastLogon)
		body = binary.AppendVarint(body, n.PwdLastSet)
		body = binary.AppendVarint(body, n.Created)
	}
	body = binary.AppendUvarint(body, uint64(len(d.Edges)))
	var last int32
	for _, e := range d.Edges {
		body = binary.AppendVarint(body, int64(e.From-last))
		last = e.From
		body = append(body, byte(e.Kind))
		body = binary.AppendUvarint(body, uint64(e.To))
	}
	out := make([]byte, 0, len(body)+len(w.list)*16+64)
	out = append(out, codecMagic...)
	out = appendString(out, string(d.Source))
	out = appendString(out, d.Name)
	out = binary.AppendUvarint(out, uint64(len(w.list)))
	for _, s := range w.list {
		out = appendString(out, s)
	}
	return append(out, body...)
}

type encoder struct {
	table map[string]uint64
	list  []string
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func (w *encoder) ref(b []byte, s string) []byte {
	i, ok := w.table[s]
	if !ok {
		i = uint64(len(w.list))
		w.table[s] = i
		w.list = append(w.list, s)
	}
	return binary.AppendUvarint(b, i)
}

func (w *encoder) str(b []byte, s string) []byte { return appendString(b, s) }

// split writes s as a shared part from the table and its own part: for
// ids the shared part is everything to the last sep (prefixFirst), for
// names everything from it.
func (w *encoder) split(b []byte, s string, sep byte, prefixFirst bool) []byte {
	k := strings.LastIndexByte(s, sep)
	if k < 0 {
		b = w.ref(b, "")
		return appendString(b, s)
	}
	if prefixFirst {
		b = w.ref(b, s[:k+1])
		return appendString(b, s[k+1:])
	}
	b = w.ref(b, s[k:])
	return appendString(b, s[:k])
}

// Decode reads a directory written by Encode. Damaged input gives an
// error, never a panic or an edge to a node that is not there.
func Decode(data []byte) (*Directory, error) {
	if !strings.HasPrefix(string(data[:min(len(data), len(codecMagic))]), codecMagic) {
		return nil, errors.New("identity: stored directory: not a directory record")
	}
	r := decoder{b: data[len(codecMagic):]}
	d := &Directory{Source: Source(r.str()), Name: r.str()}
	nt := r.count(1)
	table := make([]string, 0, nt)
	for range nt {
		table = append(table, r.str())
	}
	r.table = table
	nn := r.count(8)
	d.Nodes = make([]Node, 0, nn)
	for range nn {
		var n Node
		n.ID = r.split(true)
		n.Name = r.split(false)
		n.Kind = Kind(r.byte())
		n.Flags = Flag(r.uvarint())
		n.Directory = r.ref()
		n.Mail = r.split(false)
		n.OnPremID = r.str()
		n.OS = r.ref()
		n.LastLogon = r.varint()
		n.PwdLastSet = r.varint()
		n.Created = r.varint()
		if n.Kind >= kindCount {
			r.fail("node kind")
		}
		d.Nodes = append(d.Nodes, n)
	}
	ne := r.count(3)
	d.Edges = make([]Edge, 0, ne)
	var from int64
	for range ne {
		from += r.varint()
		k := EdgeKind(r.byte())
		to := r.uvarint()
		if from < 0 || from >= int64(nn) || to >= uint64(nn) || k >= edgeKindCount {
			r.fail("edge")
			break
		}
		d.Edges = append(d.Edges, Edge{int32(from), int32(to), k})
	}
	if r.err == nil && len(r.b) != 0 {
		r.fail("trailing bytes")
	}
	if r.err != nil {
		return nil, r.err
	}
	return d, nil
}

type decoder struct {
	b     []byte
	table []string
	err   error
}

func (r *decoder) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("identity: stored directory is damaged (%s)", what)
	}
	r.b = nil
}

func (r *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail("number")
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *decoder) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail("number")
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *decoder) byte() byte {
	if len(r.b) == 0 {
		r.fail("end of record")
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

// count reads a length and checks that at least min bytes an item could
// remain for each, so a damaged count cannot ask for a huge allocation.
func (r *decoder) count(min int) int {
	n := r.uvarint()
	if n > uint64(len(r.b)/min) {
		r.fail("count")
		return 0
	}
	return int(n)
}

func (r *decoder) str() string {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.fail("string")
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *decoder) ref() string {
	i := r.uvarint()
	if i >= uint64(len(r.table)) {
		r.fail("table reference")
		return ""
	}
	return r.table[i]
}

func (r *decoder) split(prefixFirst bool) string {
	shared := r.ref()
	own := r.str()
	if prefixFirst {
		return shared + own
	}
	return own + shared
}
