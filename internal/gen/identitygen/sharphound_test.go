package identitygen

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/identity"
)

var genNow = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

func genSmallSpec() Spec {
	return Spec{Domain: "ASHCOMBE.LOCAL", Users: 600, Groups: 150, Computers: 400, Edges: 12000, Seed: 7, Now: genNow}
}

// genShRef and genShObject are the parts of SharpHound's format the test reads
// back with encoding/json, independently of the generator's own counting.
type genShRef struct{ ObjectIdentifier, ObjectType string }

type genShSessions struct {
	Results []struct{ UserSID, ComputerSID string }
}

type genShObject struct {
	ObjectIdentifier string
	Properties       map[string]any
	Aces             []struct{ PrincipalSID, PrincipalType, RightName string }
	Members          []genShRef
	PrimaryGroupSID  string
	AllowedToDelegate,
	AllowedToAct []genShRef
	SpnTargets []struct {
		ComputerSID, Service string
	}
	Sessions, PrivilegedSessions, RegistrySessions genShSessions
	LocalGroups                                    []struct {
		ObjectIdentifier string
		Results          []genShRef
	}
	ContainedBy  *genShRef
	ChildObjects []genShRef
	Links        []struct{ GUID string }
	IsDC         bool
	// sessions.json entries
	UserSID, ComputerSID string
}

type genShFile struct {
	Meta struct {
		Type    string
		Count   int
		Version int
	}
	Data []genShObject
}

type genTriple struct {
	from, to string
	kind     identity.EdgeKind
}

// genReadBack decodes every file of a generated collection and works out the
// distinct relations a reader should find.
func genReadBack(t *testing.T, dir string) (files map[string]*genShFile, edges map[genTriple]bool) {
	t.Helper()
	files = map[string]*genShFile{}
	edges = map[genTriple]bool{}
	add := func(from, to string, k identity.EdgeKind) { edges[genTriple{from, to, k}] = true }
	for _, f := range genFiles {
		raw, err := os.ReadFile(filepath.Join(dir, f.name))
		if err != nil {
			t.Fatal(err)
		}
		var doc genShFile
		if err := json.Unmarshal(raw, &doc); err != nil {
			t.Fatalf("%s is not valid JSON: %v", f.name, err)
		}
		if want := strings.TrimSuffix(f.name, ".json"); doc.Meta.Type != want || doc.Meta.Version != 6 || doc.Meta.Count != len(doc.Data) {
			t.Errorf("%s: meta %+v, %d objects", f.name, doc.Meta, len(doc.Data))
		}
		files[f.name] = &doc
		for _, o := range doc.Data {
			id := o.ObjectIdentifier
			for _, a := range o.Aces {
				k, ok := identity.ParseEdgeKind(a.RightName)
				if !ok {
					t.Fatalf("%s: right %q", id, a.RightName)
				}
				add(a.PrincipalSID, id, k)
			}
			for _, m := range o.Members {
				add(m.ObjectIdentifier, id, identity.MemberOf)
			}
			if o.PrimaryGroupSID != "" {
				add(id, o.PrimaryGroupSID, identity.MemberOf)
			}
			for _, d := range o.AllowedToDelegate {
				add(id, d.ObjectIdentifier, identity.AllowedToDelegate)
			}
			for _, a := range o.AllowedToAct {
				add(a.ObjectIdentifier, id, identity.AllowedToAct)
			}
			for _, s := range o.SpnTargets {
				if s.Service == "SQLAdmin" {
					add(id, s.ComputerSID, identity.SQLAdmin)
				}
			}
			for _, ss := range []genShSessions{o.Sessions, o.PrivilegedSessions, o.RegistrySessions} {
				for _, s := range ss.Results {
					add(s.ComputerSID, s.UserSID, identity.HasSession)
				}
			}
			if o.UserSID != "" {
				add(o.ComputerSID, o.UserSID, identity.HasSession)
			}
			for _, lg := range o.LocalGroups {
				k := map[string]identity.EdgeKind{"544": identity.AdminTo, "555": identity.CanRDP}[lg.ObjectIdentifier[strings.LastIndexByte(lg.ObjectIdentifier, '-')+1:]]
				for _, m := range lg.Results {
					add(m.ObjectIdentifier, id, k)
				}
			}
			if o.ContainedBy != nil {
				add(o.ContainedBy.ObjectIdentifier, id, identity.Contains)
			}
			for _, c := range o.ChildObjects {
				add(id, c.ObjectIdentifier, identity.Contains)
			}
			for _, l := range o.Links {
				add(l.GUID, id, identity.GPLink)
			}
		}
	}
	return files, edges
}

func TestGenerateSharpHoundSmall(t *testing.T) {
	spec := genSmallSpec()
	dir := t.TempDir()
	st, err := SharpHound(dir, spec)
	if err != nil {
		t.Fatal(err)
	}
	files, edges := genReadBack(t, dir)
	for name, want := range map[string]int{"users.json": spec.Users, "groups.json": spec.Groups, "computers.json": spec.Computers, "domains.json": 1} {
		if got := len(files[name].Data); got != want {
			t.Errorf("%s: %d objects, want %d", name, got, want)
		}
	}
	if st.Users != spec.Users || st.BuiltinUsers != 3 || st.WellKnownGroups != gwCount || st.DomainControllers < 2 {
		t.Errorf("stats %+v", st)
	}
	// What was counted while writing is what a reader finds, with no
	// repeated (from, to, kind) and no Contains that ChildObjects lacks.
	if len(edges) != st.Edges {
		t.Errorf("read back %d distinct edges, the generator counted %d", len(edges), st.Edges)
	}
	byKind := map[identity.EdgeKind]int{}
	for e := range edges {
		byKind[e.kind]++
	}
	for k, n := range st.ByKind {
		if byKind[k] != n {
			t.Errorf("%v: read back %d, counted %d", k, byKind[k], n)
		}
	}
	if sum := st.ACEs + st.Memberships + st.PrimaryGroups + st.Sessions + st.LocalGroups + st.Contains + st.GPLinks + st.Other; sum != st.Edges {
		t.Errorf("the breakdown adds up to %d, not %d", sum, st.Edges)
	}
	if off := float64(st.Edges-spec.Edges) / float64(spec.Edges); off < -0.05 || off > 0.05 {
		t.Errorf("%d edges for a budget of %d", st.Edges, spec.Edges)
	}
	// Every relation is between objects the collection describes, apart
	// from Enterprise Domain Controllers, which SharpHound never describes.
	described := map[string]bool{}
	for _, f := range files {
		for _, o := range f.Data {
			described[o.ObjectIdentifier] = true
		}
	}
	for e := range edges {
		for _, id := range []string{e.from, e.to} {
			if !described[id] && !strings.HasSuffix(id, "-S-1-5-9") {
				t.Fatalf("%v refers to %s, which no file describes", e, id)
			}
		}
	}
	t.Logf("%d edges (%d ACEs, %d memberships, %d sessions, %d local group members), %d bytes", st.Edges, st.ACEs, st.Memberships, st.Sessions, st.LocalGroups, st.Bytes)
}

func TestGenerateSharpHoundDeterministic(t *testing.T) {
	spec := genSmallSpec()
	spec.Users, spec.Groups, spec.Computers, spec.Edges = 200, 80, 100, 3000
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if _, err := SharpHound(dir, spec); err != nil {
			t.Fatal(err)
		}
	}
	spec.Seed++
	if _, err := SharpHound(c, spec); err != nil {
		t.Fatal(err)
	}
	for _, f := range genFiles {
		x, _ := os.ReadFile(filepath.Join(a, f.name))
		y, _ := os.ReadFile(filepath.Join(b, f.name))
		z, _ := os.ReadFile(filepath.Join(c, f.name))
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs of the same spec", f.name)
		}
		if f.name != "sessions.json" && bytes.Equal(x, z) {
			t.Errorf("%s is the same for two seeds", f.name)
		}
	}
}

func TestGenerateSharpHoundMetaLast(t *testing.T) {
	spec := genSmallSpec()
	spec.Users, spec.Groups, spec.Computers, spec.Edges = 100, 70, 50, 1500
	for _, last := range []bool{false, true} {
		spec.MetaLast = last
		dir := t.TempDir()
		if _, err := SharpHound(dir, spec); err != nil {
			t.Fatal(err)
		}
		for _, f := range genFiles {
			raw, _ := os.ReadFile(filepath.Join(dir, f.name))
			first := `{"meta":`
			if last {
				first = `{"data":`
			}
			if !bytes.HasPrefix(raw, []byte(first)) {
				t.Errorf("MetaLast %v: %s starts %.20q", last, f.name, raw)
			}
			if last && !bytes.Contains(raw[bytes.LastIndex(raw, []byte(`]`)):], []byte(`"meta":{`)) {
				t.Errorf("MetaLast: %s does not end with meta", f.name)
			}
		}
		genReadBack(t, dir) // still valid, meta still right
	}
}

func TestGenerateSharpHoundZip(t *testing.T) {
	spec := genSmallSpec()
	spec.Users, spec.Groups, spec.Computers, spec.Edges = 150, 70, 60, 2000
	var buf bytes.Buffer
	zst, err := SharpHoundZip(&buf, spec)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	dst, err := SharpHound(dir, spec)
	if err != nil {
		t.Fatal(err)
	}
	if zst.Edges != dst.Edges || zst.Bytes != dst.Bytes {
		t.Errorf("zip wrote %d edges in %d bytes, the folder %d in %d", zst.Edges, zst.Bytes, dst.Edges, dst.Bytes)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != len(genFiles) {
		t.Fatalf("%d entries in the zip, want %d", len(zr.File), len(genFiles))
	}
	for i, zf := range zr.File {
		if zf.Name != genFiles[i].name {
			t.Errorf("entry %d is %s, want %s", i, zf.Name, genFiles[i].name)
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(rc)
		rc.Close()
		want, _ := os.ReadFile(filepath.Join(dir, zf.Name))
		if !bytes.Equal(got, want) {
			t.Errorf("%s in the zip differs from the file", zf.Name)
		}
	}
}
