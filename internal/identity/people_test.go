package identity_test

import (
	"slices"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/posture"
)

const sid = "S-1-5-21-7-8-9"

// staffDomain has: ANN (mail ann@), BEN (no mail, name BEN@DEMO.LOCAL),
// CAT (shared@, an address two people give), DAN (left), EVE (nobody's),
// a disabled account, krbtgt, a computer and a cloud guest.
func staffDomain() *identity.Analysis {
	b := identity.NewBuilder(identity.ActiveDirectory)
	b.SetName("DEMO.LOCAL")
	user := func(rid, name, mail string, flags identity.Flag) {
		b.Describe(identity.Node{ID: sid + "-" + rid, Name: name, Kind: identity.User, Flags: flags, Directory: "DEMO.LOCAL", Mail: mail})
	}
	b.Describe(identity.Node{ID: sid, Name: "DEMO.LOCAL", Kind: identity.Domain, Flags: identity.Enabled, Directory: "DEMO.LOCAL"})
	user("1001", "ANN@DEMO.LOCAL", "Ann@demo.gov.uk", identity.Enabled)
	user("1002", "BEN@DEMO.LOCAL", "", identity.Enabled)
	user("1003", "CAT@DEMO.LOCAL", "shared@demo.gov.uk", identity.Enabled)
	user("1004", "DAN@DEMO.LOCAL", "dan@demo.gov.uk", identity.Enabled)
	user("1005", "EVE@DEMO.LOCAL", "eve@demo.gov.uk", identity.Enabled)
	user("1006", "OLD@DEMO.LOCAL", "old@demo.gov.uk", 0)
	user("502", "KRBTGT@DEMO.LOCAL", "krbtgt@demo.local", identity.Enabled)
	user("500", "ADMINISTRATOR@DEMO.LOCAL", "administrator@demo.local", identity.Enabled)
	user("1007", "FAY@DEMO.LOCAL", "fay@demo.gov.uk", identity.Enabled)
	user("1008", "GUS@DEMO.LOCAL", "gus@demo.gov.uk", identity.Enabled)
	b.Describe(identity.Node{ID: sid + "-1100", Name: "PC-9.DEMO.LOCAL", Kind: identity.Computer, Flags: identity.Enabled, Directory: "DEMO.LOCAL", Mail: "pc@demo.gov.uk"})
	return identity.Analyse(identity.Combine(b.Directory()), nil)
}

var now = time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)

func staff() []identity.Person {
	return []identity.Person{
		{ID: 1, Name: "Ann", Email: "ann@demo.gov.uk"},
		{ID: 2, Name: "Ben", Email: "ben.jones@demo.gov.uk", UPN: "ben@demo.local"},
		{ID: 3, Name: "Cat", Email: "shared@demo.gov.uk"},
		{ID: 4, Name: "Cy", Email: "SHARED@demo.gov.uk"},
		{ID: 5, Name: "Dan", Email: "dan@demo.gov.uk", LeftOn: "2026-11-01"},
		{ID: 6, Name: "Fay", Email: "fay@demo.gov.uk", EndOn: "2026-12-06"},  // contract ended yesterday
		{ID: 7, Name: "Gus", Email: "gus@demo.gov.uk", EndOn: "2026-12-31"},  // contract still running
		{ID: 8, Name: "Hal", Email: "hal@demo.gov.uk"},                       // no account
		{ID: 9, Name: "Ida", Email: "ida@demo.gov.uk", LeftOn: "2026-01-01"}, // gone, no account: not a finding
		{ID: 10, Name: "Jon", Email: "old@demo.gov.uk"},                      // a disabled account is still his
	}
}

func failing(obs []finding.Observation, control string) []string {
	var out []string
	for _, o := range obs {
		if o.Control == control {
			out = append(out, o.Subject.Name)
		}
	}
	slices.Sort(out)
	return out
}

func TestMatchAndPeopleChecks(t *testing.T) {
	a := staffDomain()
	m := identity.Match(a.Graph, staff())
	by := map[string]string{}
	for _, l := range m.Links {
		by[a.Graph.Nodes[l.Node].Name] = m.People[l.Person].Name + "/" + l.By
	}
	want := map[string]string{"ANN@DEMO.LOCAL": "Ann/email", "BEN@DEMO.LOCAL": "Ben/upn", "DAN@DEMO.LOCAL": "Dan/email",
		"OLD@DEMO.LOCAL": "Jon/email", "FAY@DEMO.LOCAL": "Fay/email", "GUS@DEMO.LOCAL": "Gus/email"}
	if len(by) != len(want) {
		t.Errorf("links %v, want %v", by, want)
	}
	for k, v := range want {
		if by[k] != v {
			t.Errorf("%s linked to %q, want %q", k, by[k], v)
		}
	}
	if len(m.Ambiguous) != 1 || a.Graph.Nodes[m.Ambiguous[0].Node].Name != "CAT@DEMO.LOCAL" || len(m.Ambiguous[0].People) != 2 {
		t.Errorf("ambiguous %+v, want CAT's account naming Cat and Cy", m.Ambiguous)
	}

	obs := identity.Check(a, identity.CheckInput{Settings: posture.Settings{}, Now: now, People: m, Today: "2026-12-07"})
	if got := failing(obs, identity.CheckLeaver); !slices.Equal(got, []string{"DAN@DEMO.LOCAL", "FAY@DEMO.LOCAL"}) {
		t.Errorf("leavers %q, want Dan (left) and Fay (contract ended yesterday)", got)
	}
	for _, o := range obs {
		if o.Control == identity.CheckLeaver && o.Subject.Name == "FAY@DEMO.LOCAL" && (o.Evidence[0].Field != "contract ended on" || o.Evidence[0].Value != "2026-12-06") {
			t.Errorf("Fay's evidence %+v, want the contract end", o.Evidence)
		}
	}
	if got := failing(obs, identity.CheckAccountNoPerson); !slices.Equal(got, []string{"EVE@DEMO.LOCAL"}) {
		t.Errorf("accounts with no person %q, want only EVE (BEN has no mail, CAT is ambiguous, krbtgt, Administrator and PC-9 are not people's)", got)
	}
	if got := failing(obs, identity.CheckPersonNoAccount); !slices.Equal(got, []string{"Cat", "Cy", "Hal"}) {
		t.Errorf("people with no account %q, want Cat, Cy (their shared address is not guessed) and Hal", got)
	}
	for _, o := range obs {
		if o.Control == identity.CheckPersonNoAccount && o.Subject.Name == "Hal" && o.Subject.Key != "person:8" {
			t.Errorf("Hal's subject key %q", o.Subject.Key)
		}
	}

	// With no people records at all, nobody owns anything: unknown, not a failure.
	obs = identity.Check(a, identity.CheckInput{Now: now, People: identity.Match(a.Graph, nil), Today: "2026-12-07"})
	if n := len(failing(obs, identity.CheckAccountNoPerson)) + len(failing(obs, identity.CheckLeaver)); n != 0 {
		t.Errorf("an org without people records got %d owner findings", n)
	}
	// With no directory, no person lacks an account.
	empty := identity.Analyse(identity.Combine(), nil)
	obs = identity.Check(empty, identity.CheckInput{Now: now, People: identity.Match(empty.Graph, staff()), Today: "2026-12-07"})
	if got := failing(obs, identity.CheckPersonNoAccount); len(got) != 0 {
		t.Errorf("people without accounts in an org with no directory: %q", got)
	}
}
