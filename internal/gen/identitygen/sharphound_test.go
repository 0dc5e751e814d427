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
	"github.com/ward-shared-service/ward/internal/reader/sharphound"
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

// The council preset lands its budget and looks like a council: the
// shares of admins, stale and disabled accounts are near what the spec
// promises, and the well-known objects are there under their real ids.
func TestGenerateSharpHoundCouncil(t *testing.T) {
	spec := CouncilSpec("ASHCOMBE.LOCAL", 3, genNow)
	spec.DomainSID = "S-1-5-21-1111111111-2222222222-3333333333"
	dir := t.TempDir()
	st, err := SharpHound(dir, spec)
	if err != nil {
		t.Fatal(err)
	}
	if off := float64(st.Edges-spec.Edges) / float64(spec.Edges); off < -0.05 || off > 0.05 {
		t.Errorf("%d edges for a budget of %d", st.Edges, spec.Edges)
	}
	files, _ := genReadBack(t, dir)
	sid := spec.DomainSID
	ids := map[string]*genShObject{}
	for _, f := range files {
		for i := range f.Data {
			ids[f.Data[i].ObjectIdentifier] = &f.Data[i]
		}
	}
	for _, id := range []string{"ASHCOMBE.LOCAL-S-1-5-32-544", "ASHCOMBE.LOCAL-S-1-5-32-548", "ASHCOMBE.LOCAL-S-1-5-32-551",
		sid + "-512", sid + "-513", sid + "-515", sid + "-516", sid + "-518", sid + "-519", sid + "-520", sid + "-525",
		sid + "-500", sid + "-501", sid + "-502", sid} {
		if ids[id] == nil {
			t.Errorf("no object %s", id)
		}
	}
	if ids[sid+"-502"].Properties["enabled"] != false || ids[sid+"-501"].Properties["enabled"] != false {
		t.Error("krbtgt and Guest should be disabled")
	}
	if len(ids[sid].Links) != 2 {
		t.Errorf("the domain has %d GPO links", len(ids[sid].Links))
	}
	now := float64(genNow.Unix())
	var admins, stale, disabled, spn int
	for _, u := range files["users.json"].Data {
		p := u.Properties
		if p["admincount"] == true {
			admins++
		}
		if p["enabled"] == false {
			disabled++
		} else if ts := p["lastlogontimestamp"].(float64); ts > 0 && now-ts > 90*86400 {
			stale++
		}
		if p["hasspn"] == true {
			spn++
		}
	}
	n := float64(spec.Users)
	for _, c := range []struct {
		what   string
		got    int
		lo, hi float64
	}{{"admin", admins, 0.007, 0.015}, {"stale", stale, 0.06, 0.11}, {"disabled", disabled, 0.01, 0.04}, {"kerberoastable", spn, 0.003, 0.02}} {
		if share := float64(c.got) / n; share < c.lo || share > c.hi {
			t.Errorf("%d %s accounts (%.1f%%)", c.got, c.what, 100*share)
		}
	}
	// Through the reader and the analysis: a few hundred accounts reach
	// Tier Zero, and most of them through Customer Services' right to join
	// the service desk group.
	d, err := sharphound.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	a := identity.Analyse(identity.Combine(d), nil)
	if r := len(a.Reaching); r < 100 || r > 3000 {
		t.Errorf("%d of %d accounts reach Tier Zero", r, a.Accounts)
	}
	if len(a.ChokePoints) == 0 {
		t.Fatal("no choke points")
	}
	top := a.ChokePoints[0]
	from, to := a.Graph.Nodes[top.From].Name, a.Graph.Nodes[top.To].Name
	if from != "CUSTOMER SERVICES - ALL STAFF@ASHCOMBE.LOCAL" || to != "ICT SERVICE DESK@ASHCOMBE.LOCAL" || top.Cut < len(a.Reaching)/3 {
		t.Errorf("top choke point %s -%v-> %s cuts %d of %d", from, top.Kinds, to, top.Cut, len(a.Reaching))
	}
	var dcs int
	for _, c := range files["computers.json"].Data {
		if c.IsDC {
			dcs++
		}
	}
	if dcs != st.DomainControllers || dcs < 2 {
		t.Errorf("%d domain controllers, stats say %d", dcs, st.DomainControllers)
	}
}

// The SharpHound reader finds the objects and relations the generator
// says it wrote, from a folder and from a zip.
func TestGenerateSharpHoundOpens(t *testing.T) {
	spec := genSmallSpec()
	dir := t.TempDir()
	st, err := SharpHound(dir, spec)
	if err != nil {
		t.Fatal(err)
	}
	zipPath := filepath.Join(t.TempDir(), "collection.zip")
	zf, err := os.Create(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := SharpHoundZip(zf, spec); err != nil {
		t.Fatal(err)
	}
	if err := zf.Close(); err != nil {
		t.Fatal(err)
	}
	want := map[identity.Kind]int{identity.User: st.Users, identity.Group: st.Groups, identity.Computer: st.Computers, identity.Domain: st.Domains,
		identity.OU: st.OUs, identity.GPO: st.GPOs, identity.Container: st.Containers}
	for _, path := range []string{dir, zipPath} {
		d, err := sharphound.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[identity.Kind]int{}
		for _, n := range d.Nodes {
			if n.Is(identity.Described) {
				kinds[n.Kind]++
			}
		}
		for k, n := range want {
			if kinds[k] != n {
				t.Errorf("%s: %d %vs read, %d written", filepath.Base(path), kinds[k], k, n)
			}
		}
		byKind := map[identity.EdgeKind]int{}
		for _, e := range d.Edges {
			byKind[e.Kind]++
		}
		if len(d.Edges) != st.Edges {
			t.Errorf("%s: %d edges read, %d written", filepath.Base(path), len(d.Edges), st.Edges)
		}
		for k, n := range st.ByKind {
			if byKind[k] != n {
				t.Errorf("%s: %v: %d read, %d written", filepath.Base(path), k, byKind[k], n)
			}
		}
	}
}

// The budget is met within 5% whether the default ACLs make it up or, for
// a budget they cannot fill, extra group memberships help.
func TestGenerateSharpHoundEdgeBudget(t *testing.T) {
	for _, spec := range []Spec{
		{Users: 300, Groups: 60, Computers: 120, Edges: 4000},
		{Users: 1000, Groups: 400, Computers: 100, Edges: 33000},
		{Users: 2000, Groups: 100, Computers: 2000, Edges: 36000},
	} {
		spec.Domain, spec.Seed, spec.Now = "BUDGET.LOCAL", 11, genNow
		dir := t.TempDir()
		st, err := SharpHound(dir, spec)
		if err != nil {
			t.Fatal(err)
		}
		if off := float64(st.Edges-spec.Edges) / float64(spec.Edges); off < -0.05 || off > 0.05 {
			t.Errorf("%d/%d/%d: %d edges for a budget of %d", spec.Users, spec.Groups, spec.Computers, st.Edges, spec.Edges)
		}
		if _, edges := genReadBack(t, dir); len(edges) != st.Edges {
			t.Errorf("%d/%d/%d: read back %d edges, counted %d", spec.Users, spec.Groups, spec.Computers, len(edges), st.Edges)
		}
	}
}

func TestGenerateSharpHoundRefusesTooSmall(t *testing.T) {
	for _, spec := range []Spec{
		{Domain: "A.LOCAL", Users: 5, Groups: 100, Computers: 50, Now: genNow},
		{Domain: "A.LOCAL", Users: 100, Groups: 10, Computers: 50, Now: genNow},
		{Domain: "A.LOCAL", Users: 100, Groups: 100, Computers: 3, Now: genNow},
		{Domain: "A.LOCAL", Users: 100, Groups: 100, Computers: 50},
		{Domain: "A.LOCAL", DomainSID: "S-1-5-21-x", Users: 100, Groups: 100, Computers: 50, Now: genNow},
	} {
		if _, err := SharpHound(t.TempDir(), spec); err == nil {
			t.Errorf("%+v: no error", spec)
		}
	}
}

// A domain name needing escapes still gives valid JSON.
func TestGenerateSharpHoundEscapes(t *testing.T) {
	spec := genSmallSpec()
	spec.Domain = `ODD"NAME\ÆTHEL` + "\x01\xff.LOCAL"
	spec.Users, spec.Groups, spec.Computers, spec.Edges = 100, 70, 50, 1500
	dir := t.TempDir()
	if _, err := SharpHound(dir, spec); err != nil {
		t.Fatal(err)
	}
	files, _ := genReadBack(t, dir)
	if got := files["domains.json"].Data[0].Properties["name"]; got != "ODD\"NAME\\ÆTHEL\x01\uFFFD.LOCAL" {
		t.Errorf("domain name read back as %q", got)
	}
}

// BenchmarkGenerateSharpHound writes the product's target size: 100,000
// users, 20,000 groups, 30,000 computers and 2,000,000 relations.
func BenchmarkGenerateSharpHound(b *testing.B) {
	spec := Spec{Domain: "ASHCOMBE.LOCAL", Users: 100_000, Groups: 20_000, Computers: 30_000, Edges: 2_000_000,
		Seed: 1, Now: genNow, MetaLast: true}
	dir := b.TempDir()
	var st Stats
	for b.Loop() {
		var err error
		if st, err = SharpHound(dir, spec); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(st.Bytes)
	}
	b.ReportMetric(float64(st.Edges), "edges")
}
