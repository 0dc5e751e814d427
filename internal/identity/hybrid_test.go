package identity_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/reader/entra"
)

// TestHybridPathFromADToGlobalAdmin joins an AD domain with the Ashcombe
// Entra sample. priya.shah is an active Global Administrator in Entra,
// synced from the AD account with SID …-1107; in AD the helpdesk group may
// reset that account's password, and JO is in the helpdesk. So JO reaches
// cloud Tier Zero in three steps, through AD.
func TestHybridPathFromADToGlobalAdmin(t *testing.T) {
	cloud, err := entra.Open(filepath.Join("..", "reader", "entra", "testdata", "entra-ashcombe.json"))
	if err != nil {
		t.Fatal(err)
	}
	const sid = "S-1-5-21-1402967551-2846722310-3720541960-"
	b := identity.NewBuilder(identity.ActiveDirectory)
	b.SetName("ASHCOMBE.LOCAL")
	pshah := b.Describe(identity.Node{ID: sid + "1107", Name: "PSHAH@ASHCOMBE.LOCAL", Kind: identity.User, Flags: identity.Enabled})
	helpdesk := b.Describe(identity.Node{ID: sid + "2001", Name: "HELPDESK@ASHCOMBE.LOCAL", Kind: identity.Group, Flags: identity.Enabled})
	jo := b.Describe(identity.Node{ID: sid + "2002", Name: "JO@ASHCOMBE.LOCAL", Kind: identity.User, Flags: identity.Enabled})
	b.Edge(helpdesk, pshah, identity.ForceChangePassword)
	b.Edge(jo, helpdesk, identity.MemberOf)
	a := identity.Analyse(identity.Combine(b.Directory(), cloud), nil)

	j := fixtureNode(t, a.Graph, "JO@ASHCOMBE.LOCAL")
	want := "JO@ASHCOMBE.LOCAL MemberOf HELPDESK@ASHCOMBE.LOCAL ForceChangePassword PSHAH@ASHCOMBE.LOCAL SyncedTo PRIYA.SHAH@ASHCOMBE.GOV.UK"
	if got := identity.PlainPathText(a.Path(j)); got != want {
		t.Errorf("JO's path:\n got %q\nwant %q", got, want)
	}
	priya := fixtureNode(t, a.Graph, "PRIYA.SHAH@ASHCOMBE.GOV.UK")
	if !a.TierZero[priya] || a.Why[priya] != identity.ReasonRoleHolder {
		t.Errorf("an active Global Administrator is not Tier Zero (%q)", a.Why[priya])
	}
	failures := identity.Check(a, identity.CheckInput{Settings: posture.Settings{}, Now: time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)})
	var mfa []string
	for _, f := range failures {
		if f.Control == identity.CheckRoleMFA {
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
