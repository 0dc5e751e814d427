package identitygen

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/reader/sharphound"
)

// Collections of a council's size: the preset, reading them back, the
// relation budget, and the product's target size.

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
