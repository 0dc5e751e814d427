package sharphound

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/reader"
)

// FuzzReadSharpHound feeds the reader arbitrary files. It must never panic;
// it must refuse with a *ParseError whose message is safe to show; when it
// accepts, every edge must point at a node and every id be unique; and the
// same bytes arriving a few at a time (as from a slow upload) must read the
// same, which exercises every place a token can straddle a buffer refill.
func FuzzReadSharpHound(f *testing.F) {
	// Each fixture file, cut to its first two objects: whole files (up to
	// 67 KB) make every new input the fuzzer keeps cost a minute to
	// minimise, and the tests above read them whole anyway.
	dir := filepath.Join("..", "..", "..", "..", "shared", "data", "identity", "sharphound-v6")
	paths, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	for _, p := range paths {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(filepath.Base(p), firstObjects(data, 2))
		}
	}
	for _, c := range []struct{ name, data string }{
		{"users.json", `{"data":[],"x":` + strings.Repeat("[", 70) + strings.Repeat("]", 70) + `}`}, // past the nesting limit
		{"users.json", `{"data":[{"ObjectIdentifier":"S-1-5-21-1-2-3-1105","Properties":{"name":"A@B","enabled":true,"lastlogon":-1},"Aces":[{"PrincipalSID":"S-1-5-21-1-2-3-512","RightName":"GenericAll"}],"PrimaryGroupSID":"S-1-5-21-1-2-3-513"}],"meta":{"type":"users","version":6}}`},
		{"20240101_groups.json", `{"data":[{"ObjectIdentifier":"s-1-5-21-1-2-3-512","Members":[{"ObjectIdentifier":"S-1-5-21-1-2-3-500"},"S-1-5-21-1-2-3-0"]}]}`},
		{"computers.json", `{"data":[{"ObjectIdentifier":"S-1-5-21-1-2-3-1104","IsDC":true,"LocalGroups":[{"Results":[{"ObjectIdentifier":"S-1-5-21-1-2-3-512"}],"ObjectIdentifier":"S-1-5-21-1-2-3-1104-544"}],"Sessions":{"Results":[{"UserSID":"S-1-5-21-1-2-3-500"}]}}],"meta":{"type":"computers"}}`},
		{"sessions.json", `{"meta":{"type":"sessions"},"data":[{"ComputerSID":"S-1-5-21-1-2-3-1104","UserSID":"S-1-5-21-1-2-3-500","LogonType":2}]}`},
		{"ous.json", `{"data":[{"ObjectIdentifier":"2A374493-816A-4193-BEFD-D2F4132C6DCA","Links":[{"GUID":"df4b5337-3df7-4504-b1b2-b5674186ee67","IsEnforced":false}],"ChildObjects":[{"ObjectIdentifier":"S-1-5-21-1-2-3-1104"}],"IsDeleted":null}]}`},
		{"x.json", `{"data":[{"ObjectIdentifier":"S-1","Properties":{"description":"a\"b\\c\u00e9\ud83d\ude00","x":[1,2.5e3,{"y":null}]}}],"meta":{"type":"gpos"}}`},
		{"users.json", `{"data":[{"ObjectIdentifier":"S-1","Properties":{"enabled":"yes"}}]}`},
		{"users.json", `{"data":[{"ObjectIdentifier":`},
		{"users.json", "\xEF\xBB\xBF{\"data\":[]}"},
		{"export.json", `{"data":[],"meta":{"type":"azure"}}`},
		{"users.json", `[]`},
		{"\x90.json", `0`},
	} {
		f.Add(c.name, []byte(c.data))
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		b := identity.NewBuilder(identity.ActiveDirectory)
		err := Read(b, name, bytes.NewReader(data))
		slow := identity.NewBuilder(identity.ActiveDirectory)
		slowErr := Read(slow, name, &trickleReader{data: data})
		if errText(err) != errText(slowErr) {
			t.Fatalf("whole: %v\nbyte by byte: %v", err, slowErr)
		}
		if err != nil {
			var pe *reader.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			if !utf8.ValidString(err.Error()) || !strings.HasPrefix(pe.Path, "$") {
				t.Fatalf("error %q", err)
			}
			return
		}
		d := b.Directory()
		ids := make(map[string]bool, len(d.Nodes))
		for _, n := range d.Nodes {
			if n.ID == "" || n.ID != strings.ToUpper(n.ID) || ids[n.ID] {
				t.Fatalf("node id %q empty, not upper-case or repeated", n.ID)
			}
			ids[n.ID] = true
		}
		for _, e := range d.Edges {
			if e.From < 0 || int(e.From) >= len(d.Nodes) || e.To < 0 || int(e.To) >= len(d.Nodes) || int(e.Kind) >= identity.NumEdgeKinds {
				t.Fatalf("edge %+v outside %d nodes", e, len(d.Nodes))
			}
		}
		if sd := slow.Directory(); !reflect.DeepEqual(d, sd) {
			t.Fatalf("reading byte by byte gave a different directory")
		}
	})
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// firstObjects keeps the first n objects of a collector file, data first.
func firstObjects(data []byte, n int) []byte {
	var top struct {
		Data []json.RawMessage `json:"data"`
		Meta json.RawMessage   `json:"meta"`
	}
	if json.Unmarshal(data, &top) != nil {
		return data
	}
	top.Data = top.Data[:min(n, len(top.Data))]
	out, _ := json.Marshal(top)
	return out
}

// trickleReader hands its data over a few bytes at a time, in sizes that
// vary, so that tokens are split at every offset across refills.
type trickleReader struct {
	data []byte
	n    int
}

func (r *trickleReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	r.n++
	k := min(len(p), len(r.data), 1+r.n%5)
	copy(p, r.data[:k])
	r.data = r.data[k:]
	return k, nil
}
