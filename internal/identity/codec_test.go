package identity

import (
	"slices"
	"testing"
)

func sampleDirectory() *Directory {
	b := NewBuilder(ActiveDirectory)
	b.SetName("TESTLAB.LOCAL")
	u := b.Describe(Node{ID: "S-1-5-21-1-2-3-1105", Name: "DFM@TESTLAB.LOCAL", Kind: User,
		Flags: Enabled | HasSPN | PasswordNeverExpires | NoPreauth, Directory: "TESTLAB.LOCAL",
		Mail: "dfm@testlab.local", OnPremID: "S-1-5-21-9-9-9-1", OS: "", LastLogon: 1626116177, PwdLastSet: 1568693134, Created: -5})
	c := b.Describe(Node{ID: "S-1-5-21-1-2-3-1104", Name: "WIN10.TESTLAB.LOCAL", Kind: Computer,
		Flags: Enabled | UnconstrainedDelegation, Directory: "TESTLAB.LOCAL", OS: "Windows 10 Enterprise"})
	g := b.Ref("TESTLAB.LOCAL-S-1-5-32-548")
	plain := b.Describe(Node{ID: "NODASH", Name: "NOAT", Kind: Tenant})
	b.Edge(u, c, AdminTo)
	b.Edge(c, u, HasSession)
	b.Edge(g, c, GenericAll)
	b.Edge(plain, u, SyncedTo)
	return b.Directory()
}

func TestCodecRoundTrip(t *testing.T) {
	for _, d := range []*Directory{sampleDirectory(), randomDomain(3, 200, 900), {Source: EntraID}} {
		got, err := Decode(Encode(d))
		if err != nil {
			t.Fatal(err)
		}
		if got.Source != d.Source || got.Name != d.Name || !slices.Equal(got.Edges, d.Edges) || len(got.Nodes) != len(d.Nodes) {
			t.Fatalf("round trip changed the directory:\n got %+v\nwant %+v", got, d)
		}
		for i := range d.Nodes {
			if got.Nodes[i] != d.Nodes[i] {
				t.Errorf("node %d: got %+v want %+v", i, got.Nodes[i], d.Nodes[i])
			}
		}
	}
}

func TestDecodeRefusesDamage(t *testing.T) {
	data := Encode(sampleDirectory())
	for _, cut := range []int{0, 3, len(codecMagic) + 2, len(data) / 2, len(data) - 1} {
		if _, err := Decode(data[:cut]); err == nil {
			t.Errorf("a record cut at %d of %d bytes was accepted", cut, len(data))
		}
	}
	if _, err := Decode(append(append([]byte(nil), data...), 0)); err == nil {
		t.Error("trailing bytes accepted")
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(Encode(sampleDirectory()))
	f.Add(Encode(randomDomain(5, 20, 40)))
	f.Add([]byte(codecMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Decode(data)
		if err != nil {
			return
		}
		for _, e := range d.Edges {
			if int(e.From) >= len(d.Nodes) || int(e.To) >= len(d.Nodes) || e.From < 0 || e.To < 0 {
				t.Fatalf("edge %+v points outside %d nodes", e, len(d.Nodes))
			}
		}
		Analyse(Combine(d), nil) // must not panic on whatever decodes
	})
}
