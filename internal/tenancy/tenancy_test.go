package tenancy

import (
	"strings"
	"testing"
)

func TestZeroScopeSeesNothing(t *testing.T) {
	var zero Scope
	if zero.Valid() || zero.All() || zero.Allows(1) {
		t.Fatal("the zero scope must be invalid and allow nothing")
	}
	if ScopeOf().Allows(1) || !ScopeOf().Valid() {
		t.Fatal("an empty scope is valid and allows nothing")
	}
}

func TestScopeOfAndNarrow(t *testing.T) {
	s := ScopeOf(3, 1, 3, 2)
	if got := s.OrgIDs(); len(got) != 3 || got[0] != 1 || got[2] != 3 {
		t.Fatalf("ScopeOf(3,1,3,2) = %v, want sorted and unique", got)
	}
	if !s.Allows(2) || s.Allows(4) {
		t.Fatal("membership wrong")
	}
	if n := s.Narrow(2); !n.Allows(2) || n.Allows(1) {
		t.Fatal("Narrow(2) should allow only 2")
	}
	if n := s.Narrow(9); n.Allows(9) || len(n.OrgIDs()) != 0 {
		t.Fatal("narrowing to an org outside the scope must give nothing, not that org")
	}
	if !ForSystem(JobTest).Allows(12345) || ForSystem(JobTest).Narrow(7).Allows(8) {
		t.Fatal("a system job's scope and its narrowing")
	}
	if ForSystem("").Valid() {
		t.Fatal("an unnamed system job must get the invalid scope")
	}
	if !RoleScope(RoleAdmin, 1, nil).All() || RoleScope(RoleAgent, 1, []int64{3}).All() ||
		!RoleScope(RoleAgent, 1, []int64{3}).Allows(3) || RoleScope(RoleOfficer, 1, nil).Allows(2) {
		t.Fatal("RoleScope: every org for an administrator, else own org and grants")
	}
}

func TestRolesFitOrgKinds(t *testing.T) {
	tests := []struct {
		role Role
		kind OrgKind
		ok   bool
	}{
		{RoleAdmin, KindSharedService, true}, {RoleAdmin, KindCouncil, false}, {RoleAdmin, KindPartner, false},
		{RoleAgent, KindSharedService, true}, {RoleAgent, KindCouncil, false},
		{RoleAnalyst, KindSharedService, true}, {RoleAnalyst, KindPartner, false},
		{RoleOfficer, KindCouncil, true}, {RoleOfficer, KindSharedService, false}, {RoleOfficer, KindPartner, false},
		{RoleMember, KindPartner, true}, {RoleMember, KindCouncil, true},
		{RoleCommittee, KindCouncil, true}, {RoleCommittee, KindPartner, false},
	}
	for _, tt := range tests {
		if got := tt.role.AllowedInOrgKind(tt.kind); got != tt.ok {
			t.Errorf("%s in %s = %v, want %v", tt.role, tt.kind, got, tt.ok)
		}
	}
}

func TestLeastPrivilege(t *testing.T) {
	for _, r := range Roles {
		if r != RoleAdmin && (r.Can(ManageUsers) || r.Can(ViewAudit) || r.Can(ManageTokens) || r.Can(ManageOrgs) || r.SeesAllOrgs()) {
			t.Errorf("%s holds an administrator's permission", r)
		}
	}
	if RoleMember.Can(ViewOrgs) || RoleMember.Can(ViewPeople) || RoleCommittee.Can(ViewPeople) || RoleOfficer.Can(WorkTickets) {
		t.Error("a role sees more than its job needs")
	}
	for _, r := range []Role{RoleAdmin, RoleAgent, RoleAnalyst} {
		if !r.RequiresTOTP() {
			t.Errorf("%s must require two factors", r)
		}
	}
}

func TestParseRoleKindAndSlug(t *testing.T) {
	if r, err := ParseRole(" Agent "); err != nil || r != RoleAgent {
		t.Errorf("ParseRole: %v %v", r, err)
	}
	if _, err := ParseRole("root"); err == nil {
		t.Error("unknown role accepted")
	}
	if _, err := ParseOrgKind("club"); err == nil {
		t.Error("unknown kind accepted")
	}
	for slug, ok := range map[string]bool{"ashcombe": true, "abc-shared": true, "a": true, "-x": false, "x-": false, "Ash": false, "a b": false, "": false} {
		if err := CheckSlug(slug); (err == nil) != ok {
			t.Errorf("CheckSlug(%q) = %v", slug, err)
		}
	}
}

func TestRefPrefixIsTwoToSixCapitals(t *testing.T) {
	for _, ok := range []string{"AS", "ASH", "BRENTM"} {
		if err := CheckRefPrefix(ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "A", "ash", "AS1", "A-B", "BRENTME", "ÄSH"} {
		if CheckRefPrefix(bad) == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestRefPrefixIsOfferedFromTheSlug(t *testing.T) {
	for slug, want := range map[string]string{
		"ashcombe":   "ASH ASHC ASHCO ASHCOM",
		"abc-shared": "ABC ABCS ABCSH ABCSHA",
		"ab":         "AB",
		"a1b2c3d":    "ABC ABCD",
		"x9":         "",
	} {
		if got := strings.Join(RefPrefixCandidates(slug), " "); got != want {
			t.Errorf("%s: %q, want %q", slug, got, want)
		}
	}
}
