package identity

import (
	"slices"
	"testing"
)

func TestFindByIDWholeNameOrShortName(t *testing.T) {
	g := Combine(&Directory{Name: "TESTLAB.LOCAL", Nodes: []Node{
		{ID: "S-1-5-21-1-1001", Name: "WIN10.TESTLAB.LOCAL", Kind: Computer},
		{ID: "S-1-5-21-1-1002", Name: "ADMIN@TESTLAB.LOCAL", Kind: User},
		{ID: "S-1-5-21-1-1003", Name: "ADMIN@OTHER.LOCAL", Kind: User},
	}})
	name := func(ids []int32) []string {
		var out []string
		for _, i := range ids {
			out = append(out, g.Nodes[i].Name)
		}
		slices.Sort(out)
		return out
	}
	for q, want := range map[string][]string{
		"s-1-5-21-1-1001":     {"WIN10.TESTLAB.LOCAL"},
		"win10.testlab.local": {"WIN10.TESTLAB.LOCAL"},
		"win10":               {"WIN10.TESTLAB.LOCAL"},
		"admin":               {"ADMIN@OTHER.LOCAL", "ADMIN@TESTLAB.LOCAL"},
		"admin@testlab.local": {"ADMIN@TESTLAB.LOCAL"},
		"nobody":              nil,
		"  ":                  nil,
	} {
		if got := name(g.Find(q)); !slices.Equal(got, want) {
			t.Errorf("Find(%q) = %q, want %q", q, got, want)
		}
	}
}
