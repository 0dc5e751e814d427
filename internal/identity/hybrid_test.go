package identity

import (
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/posture"
)

// TestHybridPathFromADToGlobalAdmin joins an AD domain with the Ashcombe
// Entra sample. priya.shah is an active Global Administrator in Entra,
// synced from the AD account with SID …-1107; in AD the helpdesk group may
// reset that account's password, and JO is in the helpdesk. So JO reaches
// cloud Tier Zero in three steps, through AD.
func TestHybridPathFromADToGlobalAdmin(t *testing.T) {
	cloud, err := OpenEntra("testdata/entra-ashcombe.json")
	if err != nil {
		t.Fatal(err)
	}
	const sid = "S-1-5-21-1402967551-2846722310-3720541960-"
	b := NewBuilder(ActiveDirectory)
	b.SetName("ASHCOMBE.LOCAL")
	pshah := b.Describe(Node{ID: sid + "1107", Name: "PSHAH@ASHCOMBE.LOCAL", Kind: User, Flags: Enabled})
	helpdesk := b.Describe(Node{ID: sid + "2001", Name: "HELPDESK@ASHCOMBE.LOCAL", Kind: Group, Flags: Enabled})
	jo := b.Describe(Node{ID: sid + "2002", Name: "JO@ASHCOMBE.LOCAL", Kind: User, Flags: Enabled})
	b.Edge(helpdesk, pshah, ForceChangePassword)
	b.Edge(jo, helpdesk, MemberOf)
	a := Analyse(Combine(b.Directory(), cloud), nil)

	j := fixtureNode(t, a.Graph, "JO@ASHCOMBE.LOCAL")
	want := "JO@ASHCOMBE.LOCAL MemberOf HELPDESK@ASHCOMBE.LOCAL ForceChangePassword PSHAH@ASHCOMBE.LOCAL SyncedTo PRIYA.SHAH@ASHCOMBE.GOV.UK"
	if got := pathText(a.Path(j)); got != want {
		t.Errorf("JO's path:\n got %q\nwant %q", got, want)
	}
	priya := fixtureNode(t, a.Graph, "PRIYA.SHAH@ASHCOMBE.GOV.UK")
	if !a.TierZero[priya] || a.Why[priya] != ReasonRoleHolder {
		t.Errorf("an active Global Administrator is not Tier Zero (%q)", a.Why[priya])
	}
	failures := Check(a, CheckInput{Settings: posture.Settings{}, Now: time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)})
	var mfa []string
	for _, f := range failures {
		if f.Control == CheckRoleMFA {
			mfa = append(mfa, f.Subject.Name)
		}
	}
	found := false
	for _, n := range mfa {
		found = found || n == "PRIYA.SHAH@ASHCOMBE.GOV.UK"
	}
	if !found {
		t.Errorf("a Global Administrator without MFA raised no finding; MFA findings: %q", mfa)
	}
}
