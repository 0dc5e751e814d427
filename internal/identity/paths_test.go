package identity

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// smallDomain builds a directory from lines "FROM KIND TO" over named
// users (enabled), with DA as Domain Admins.
func smallDomain(t *testing.T, lines ...string) *Directory {
	t.Helper()
	b := NewBuilder(ActiveDirectory)
	b.SetName("EXAMPLE.LOCAL")
	node := func(name string) int32 {
		if name == "DA" {
			return b.Describe(Node{ID: "S-1-5-21-1-2-3-512", Name: "DOMAIN ADMINS@EXAMPLE.LOCAL", Kind: Group, Flags: Enabled})
		}
		kind, flags := User, Enabled
		switch {
		case strings.HasPrefix(name, "G-"):
			kind = Group
		case strings.HasPrefix(name, "PC-"):
			kind = Computer
		case strings.HasPrefix(name, "OFF-"):
			flags = 0
		}
		return b.Describe(Node{ID: "ID-" + name, Name: name, Kind: kind, Flags: flags})
	}
	for _, l := range lines {
		f := strings.Fields(l)
		k, ok := ParseEdgeKind(f[1])
		if !ok {
			t.Fatalf("edge kind %q", f[1])
		}
		b.Edge(node(f[0]), node(f[2]), k)
	}
	return b.Directory()
}

func pathText(steps []Step) string {
	var parts []string
	for _, s := range steps {
		parts = append(parts, s.Name)
		if s.Edge != "" {
			parts = append(parts, s.Edge)
		}
	}
	return strings.Join(parts, " ")
}

func chokeText(a *Analysis) []string {
	var out []string
	for _, c := range a.ChokePoints {
		var kinds []string
		for _, k := range c.Kinds {
			kinds = append(kinds, k.String())
		}
		out = append(out, a.Graph.Nodes[c.From].Name+" "+strings.Join(kinds, "+")+" "+a.Graph.Nodes[c.To].Name+" cuts "+strconv.Itoa(c.Cut))
	}
	return out
}

func mustNode(t *testing.T, g *Graph, id string) int32 {
	t.Helper()
	i, ok := g.Lookup(id)
	if !ok {
		t.Fatalf("no node %s", id)
	}
	return i
}

func TestShortestPathsAndChokePoints(t *testing.T) {
	// Worked by hand. ADMIN is in Domain Admins, so Tier Zero. The helpdesk
	// group can reset ADMIN's password; ALICE is in it and also has a way
	// round through PC-1, where ADMIN is signed in. DAVE holds two rights
	// over EVE, who can add members to Domain Admins. FRANK is disabled,
	// GINA can only use remote desktop, and HAL's right leads nowhere.
	d := smallDomain(t,
		"ADMIN MemberOf DA",
		"G-HELPDESK ForceChangePassword ADMIN",
		"ALICE MemberOf G-HELPDESK",
		"BOB MemberOf G-HELPDESK",
		"CAROL MemberOf G-HELPDESK",
		"ALICE AdminTo PC-1",
		"PC-1 HasSession ADMIN",
		"DAVE GenericAll EVE",
		"DAVE WriteDacl EVE",
		"EVE AddMember DA",
		"OFF-FRANK AdminTo PC-1",
		"GINA CanRDP PC-1",
		"HAL ReadLAPSPassword PC-2",
	)
	a := Analyse(Combine(d), nil)

	var got []string
	for _, i := range a.Reaching {
		got = append(got, pathText(a.Path(i)))
	}
	// Nearest first, then by name. ALICE has two shortest paths; the tie
	// goes to the edge that sorts first, her group membership.
	want := []string{
		"EVE AddMember DOMAIN ADMINS@EXAMPLE.LOCAL",
		"PC-1 HasSession ADMIN",
		"ALICE MemberOf G-HELPDESK ForceChangePassword ADMIN",
		"BOB MemberOf G-HELPDESK ForceChangePassword ADMIN",
		"CAROL MemberOf G-HELPDESK ForceChangePassword ADMIN",
		"DAVE GenericAll EVE AddMember DOMAIN ADMINS@EXAMPLE.LOCAL",
	}
	if !slices.Equal(got, want) {
		t.Errorf("paths:\n got %q\nwant %q", got, want)
	}
	// ALICE BOB CAROL DAVE EVE GINA HAL PC-1 PC-2: not ADMIN (Tier Zero) nor FRANK (disabled).
	if a.Accounts != 9 {
		t.Errorf("accounts = %d, want 9", a.Accounts)
	}
	if admin := mustNode(t, a.Graph, "ID-ADMIN"); !a.TierZero[admin] || a.Why[admin] != ReasonMember {
		t.Error("a member of Domain Admins is not Tier Zero")
	}
	if a.Dist[mustNode(t, a.Graph, "ID-GINA")] != -1 || a.Dist[mustNode(t, a.Graph, "ID-HAL")] != -1 {
		t.Error("remote desktop or a right over a dead end counted as a path")
	}

	// Taking ADMIN out of Domain Admins cuts off everyone whose path ends at
	// ADMIN. The helpdesk's reset right cuts BOB and CAROL off, not ALICE,
	// who still has PC-1; EVE's right cuts EVE and DAVE; the rest cut one
	// each.
	wantChokes := []string{
		"ADMIN MemberOf DOMAIN ADMINS@EXAMPLE.LOCAL cuts 4",
		"EVE AddMember DOMAIN ADMINS@EXAMPLE.LOCAL cuts 2",
		"G-HELPDESK ForceChangePassword ADMIN cuts 2",
		"BOB MemberOf G-HELPDESK cuts 1",
		"CAROL MemberOf G-HELPDESK cuts 1",
		"DAVE GenericAll+WriteDacl EVE cuts 1",
		"PC-1 HasSession ADMIN cuts 1",
	}
	if got := chokeText(a); !slices.Equal(got, wantChokes) {
		t.Errorf("choke points:\n got %q\nwant %q", got, wantChokes)
	}
}

// TestChokePointsMatchRemoval checks the dominator shortcut against the
// definition on random graphs: remove each relation in turn, walk again,
// and count who lost their path.
func TestChokePointsMatchRemoval(t *testing.T) {
	for seed := int64(1); seed <= 40; seed++ {
		d := randomDomain(seed, 30, 70)
		a := Analyse(Combine(d), nil)
		want := map[[2]int32]int{}
		pairs := map[[2]int32]bool{}
		for _, e := range a.Graph.Edges {
			if e.Kind.Traversable() {
				pairs[[2]int32{e.From, e.To}] = true
			}
		}
		for p := range pairs {
			var kept []Edge
			for _, e := range d.Edges {
				if e.From != p[0] || e.To != p[1] {
					kept = append(kept, e)
				}
			}
			cut := *d
			cut.Edges = kept
			b := Analyse(Combine(&cut), nil)
			lost := 0
			for _, i := range a.Reaching {
				if b.Dist[i] < 0 {
					lost++
				}
			}
			if lost > 0 {
				want[p] = lost
			}
		}
		got := map[[2]int32]int{}
		for _, c := range a.ChokePoints {
			got[[2]int32{c.From, c.To}] = c.Cut
		}
		if len(got) != len(want) {
			t.Fatalf("seed %d: %d choke points, removal finds %d: got %v want %v", seed, len(got), len(want), got, want)
		}
		for p, n := range want {
			if got[p] != n {
				t.Fatalf("seed %d: relation %v cuts %d, removal says %d", seed, p, got[p], n)
			}
		}
	}
}

// randomDomain makes a small tangled directory: node 0 is Domain Admins,
// the rest users, groups and computers with random rights between them.
func randomDomain(seed int64, nodes, edges int) *Directory {
	r := rand.New(rand.NewPCG(uint64(seed), 7))
	b := NewBuilder(ActiveDirectory)
	b.Describe(Node{ID: "S-1-5-21-9-9-9-512", Name: "DOMAIN ADMINS@X", Kind: Group, Flags: Enabled})
	kinds := []Kind{User, User, Group, Computer}
	for i := 1; i < nodes; i++ {
		flags := Enabled
		if r.IntN(8) == 0 {
			flags = 0
		}
		b.Describe(Node{ID: "N" + strconv.Itoa(i), Name: "N" + strconv.Itoa(i), Kind: kinds[r.IntN(len(kinds))], Flags: flags})
	}
	rights := []EdgeKind{MemberOf, AdminTo, HasSession, GenericAll, WriteDacl, CanRDP}
	for range edges {
		from, to := int32(1+r.IntN(nodes-1)), int32(r.IntN(nodes))
		if from != to {
			b.Edge(from, to, rights[r.IntN(len(rights))])
		}
	}
	return b.Directory()
}
