package warp

import "testing"

// The community 1 has orgs 10 (the author), 11 and 12; 20 is a shared
// service whose analyst is granted 11; 30 is in another community (2).
func TestViewerSeesWhatTheMarkingAllows(t *testing.T) {
	author := NewViewer(100, 10, []int64{1}, nil, nil)
	peer := NewViewer(110, 11, []int64{1}, nil, nil)
	otherPeer := NewViewer(120, 12, []int64{1}, nil, nil)
	analyst := NewViewer(200, 20, nil, []int64{11}, []int64{1})
	outsider := NewViewer(300, 30, []int64{2}, nil, nil)
	token := NewViewer(0, 11, []int64{1}, nil, nil)

	community := func(m Marking) Share {
		return Share{CommunityID: 1, Marking: m, Audience: ToCommunity, AuthorOrgID: 10, AuthorUserID: 100}
	}
	toOrg11 := func(m Marking) Share {
		return Share{CommunityID: 1, Marking: m, Audience: ToOrgs, Orgs: []int64{11}, AuthorOrgID: 10, AuthorUserID: 100}
	}
	red := Share{CommunityID: 1, Marking: Red, Audience: ToPeople, People: []int64{120}, AuthorOrgID: 10, AuthorUserID: 100}

	cases := []struct {
		name  string
		share Share
		who   Viewer
		sees  bool
	}{
		{"CLEAR reaches another community", community(Clear), outsider, true},
		{"GREEN reaches a peer", community(Green), peer, true},
		{"GREEN reaches those acting for a member", community(Green), analyst, true},
		{"GREEN stays in its community", community(Green), outsider, false},
		{"AMBER to the community reaches a peer", community(Amber), otherPeer, true},
		{"AMBER to org 11 skips org 12", toOrg11(Amber), otherPeer, false},
		{"AMBER to org 11 reaches its IT provider", toOrg11(Amber), analyst, true},
		{"AMBER+STRICT to org 11 reaches org 11", toOrg11(AmberStrict), peer, true},
		{"AMBER+STRICT never reaches acting staff", toOrg11(AmberStrict), analyst, false},
		{"AMBER+STRICT to the community skips acting staff", community(AmberStrict), analyst, false},
		{"AMBER+STRICT reaches the author's org", toOrg11(AmberStrict), NewViewer(101, 10, []int64{1}, nil, nil), true},
		{"RED reaches the named person", red, otherPeer, true},
		{"RED reaches the author", red, author, true},
		{"RED skips the author's colleagues", red, NewViewer(101, 10, []int64{1}, nil, nil), false},
		{"RED skips a token", red, NewViewer(0, 12, []int64{1}, nil, nil), false},
		{"GREEN reaches a member's token", community(Green), token, true},
		{"the zero viewer sees nothing", community(Clear), Viewer{}, false},
		{"an unmarked item is shown to nobody", Share{CommunityID: 1, Audience: ToCommunity, AuthorOrgID: 10}, author, false},
	}
	for _, c := range cases {
		if got := c.who.Sees(c.share); got != c.sees {
			t.Errorf("%s: Sees = %v", c.name, got)
		}
	}
}

func TestShareCheckRefusesWhatTLPForbids(t *testing.T) {
	bad := []Share{
		{CommunityID: 1, Marking: Green, Audience: ToOrgs, Orgs: []int64{2}},
		{CommunityID: 1, Marking: Red, Audience: ToOrgs, Orgs: []int64{2}},
		{CommunityID: 1, Marking: Red, Audience: ToPeople},
		{CommunityID: 1, Marking: Amber, Audience: ToPeople, People: []int64{5}},
		{CommunityID: 1, Marking: AmberStrict, Audience: ToOrgs},
		{CommunityID: 0, Marking: Clear, Audience: ToCommunity},
	}
	for _, s := range bad {
		if s.Check() == nil {
			t.Errorf("%+v accepted", s)
		}
	}
	if err := (Share{CommunityID: 1, Marking: Red, Audience: ToPeople, People: []int64{5}}).Check(); err != nil {
		t.Errorf("RED to a named person refused: %v", err)
	}
}

func TestAnonymousAuthorIsKnownOnlyToTheirOrg(t *testing.T) {
	s := Share{CommunityID: 1, Marking: Green, Audience: ToCommunity, AuthorOrgID: 10, Anonymous: true}
	if NewViewer(110, 11, []int64{1}, nil, nil).ShowsAuthor(s) || !NewViewer(101, 10, []int64{1}, nil, nil).ShowsAuthor(s) {
		t.Error("anonymity wrong")
	}
}
