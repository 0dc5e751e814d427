package identitysvc_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/identitysvc"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

var (
	ctx     = context.Background()
	analyst = tenancy.Operator("cli:test")
	day1    = time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
)

const domainSID = "S-1-5-21-100-200-300"

// council builds a small domain by hand. HELPDESK can reset the password
// of SVC-ADMIN, a Domain Admin; JO and SAM are in HELPDESK; KIM is admin
// of PC-1 where SVC-ADMIN is signed in. SVC-ADMIN has a service principal
// name and a password that never expires; krbtgt was last set in 2024.
func council(withKim bool) *identity.Directory {
	b := identity.NewBuilder(identity.ActiveDirectory)
	b.SetName("ASHCOMBE.LOCAL")
	signedIn := day1.AddDate(0, 0, -3).Unix()
	node := func(rid, name string, kind identity.Kind, flags identity.Flag) int32 {
		return b.Describe(identity.Node{ID: domainSID + "-" + rid, Name: name, Kind: kind, Flags: flags | identity.Enabled,
			Directory: "ASHCOMBE.LOCAL", LastLogon: signedIn, Created: day1.AddDate(-2, 0, 0).Unix(),
			Mail: strings.ToLower(strings.TrimSuffix(name, "@ASHCOMBE.LOCAL")) + "@ashcombe.gov.uk"})
	}
	domain := b.Describe(identity.Node{ID: domainSID, Name: "ASHCOMBE.LOCAL", Kind: identity.Domain, Flags: identity.Enabled, Directory: "ASHCOMBE.LOCAL"})
	da := node("512", "DOMAIN ADMINS@ASHCOMBE.LOCAL", identity.Group, 0)
	krbtgt := b.Describe(identity.Node{ID: domainSID + "-502", Name: "KRBTGT@ASHCOMBE.LOCAL", Kind: identity.User,
		Directory: "ASHCOMBE.LOCAL", PwdLastSet: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC).Unix()})
	svc := node("1001", "SVC-ADMIN@ASHCOMBE.LOCAL", identity.User, identity.HasSPN|identity.PasswordNeverExpires)
	helpdesk := node("1002", "HELPDESK@ASHCOMBE.LOCAL", identity.Group, 0)
	jo := node("1003", "JO@ASHCOMBE.LOCAL", identity.User, 0)
	sam := node("1004", "SAM@ASHCOMBE.LOCAL", identity.User, 0)
	pc := node("1005", "PC-1.ASHCOMBE.LOCAL", identity.Computer, 0)
	kim := node("1006", "KIM@ASHCOMBE.LOCAL", identity.User, 0)
	b.Edge(svc, da, identity.MemberOf)
	b.Edge(helpdesk, svc, identity.ForceChangePassword)
	b.Edge(jo, helpdesk, identity.MemberOf)
	b.Edge(sam, helpdesk, identity.MemberOf)
	b.Edge(pc, svc, identity.HasSession)
	if withKim {
		b.Edge(kim, pc, identity.AdminTo)
	}
	b.Edge(da, domain, identity.GenericAll)
	_ = krbtgt
	return b.Directory()
}

func setup(t *testing.T, s *store.Store) (*identitysvc.Service, store.Org) {
	t.Helper()
	org, err := s.CreateOrg(ctx, store.NewOrg{Slug: "ashcombe", Name: "Ashcombe Council", Kind: tenancy.KindCouncil})
	if err != nil {
		t.Fatal(err)
	}
	s.SetClock(func() time.Time { return day1 })
	return identitysvc.New(s, posturesvc.New(s, desksvc.New(s))), org
}

func open(t *testing.T, s *store.Store, orgID int64, control string) map[string]finding.Finding {
	t.Helper()
	all, err := s.OrgFindings(ctx, tenancy.ForSystem(tenancy.JobTest), orgID, finding.Account, finding.Directory, finding.Relation)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]finding.Finding{}
	for _, f := range all {
		if f.Control == control && f.State == finding.Open {
			out[f.Subject.Name] = f
		}
	}
	return out
}

func names(m map[string]finding.Finding) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestImportAnalysesAndReconcilesFindings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc, org := setup(t, s)
		res, err := svc.ImportDirectory(ctx, analyst, org.ID, "ashcombe.zip", council(true))
		if err != nil {
			t.Fatal(err)
		}
		// JO, SAM, PC-1 and KIM (every enabled account outside Tier Zero)
		// reach it; SVC-ADMIN is in it and krbtgt is disabled.
		if r := res.Analysis; r.Reaching != 4 || r.Accounts != 4 {
			t.Fatalf("reaching %d of %d accounts, want 4 of 4", r.Reaching, r.Accounts)
		}
		paths := open(t, s, org.ID, identity.CheckTierZeroPath)
		if got := names(paths); !slices.Equal(got, []string{"JO@ASHCOMBE.LOCAL", "KIM@ASHCOMBE.LOCAL", "PC-1.ASHCOMBE.LOCAL", "SAM@ASHCOMBE.LOCAL"}) {
			t.Fatalf("path findings for %q", got)
		}
		if ev := paths["KIM@ASHCOMBE.LOCAL"].Evidence[0].Value; ev != "KIM@ASHCOMBE.LOCAL —AdminTo→ PC-1.ASHCOMBE.LOCAL —HasSession→ SVC-ADMIN@ASHCOMBE.LOCAL" {
			t.Errorf("KIM's evidence: %q", ev)
		}
		for control, who := range map[string]string{
			identity.CheckPrivilegedKerberoast:   "SVC-ADMIN@ASHCOMBE.LOCAL",
			identity.CheckPrivilegedNeverExpires: "SVC-ADMIN@ASHCOMBE.LOCAL",
			identity.CheckPrivilegedNotProtected: "SVC-ADMIN@ASHCOMBE.LOCAL",
			identity.CheckKrbtgtAge:              "ASHCOMBE.LOCAL",
			identity.CheckChokePoint:             "HELPDESK@ASHCOMBE.LOCAL → SVC-ADMIN@ASHCOMBE.LOCAL",
		} {
			if got := names(open(t, s, org.ID, control)); !slices.Contains(got, who) {
				t.Errorf("%s: findings for %q, want %s among them", control, got, who)
			}
		}

		// The same directory again: nothing new, nothing duplicated.
		s.SetClock(func() time.Time { return day1.Add(time.Hour) })
		again, err := svc.ImportDirectory(ctx, analyst, org.ID, "ashcombe.zip", council(true))
		if err != nil {
			t.Fatal(err)
		}
		if c := again.Analysis.Findings; c.Opened != 0 || c.Resolved != 0 {
			t.Errorf("an unchanged import opened %d and resolved %d findings", c.Opened, c.Resolved)
		}
		// KIM loses the admin right: KIM's path finding resolves, and so
		// does PC-1's session as a choke point (it now cuts only PC-1 off,
		// under the two the check asks for); the others stay open with
		// their first sighting.
		s.SetClock(func() time.Time { return day1.Add(2 * time.Hour) })
		third, err := svc.ImportDirectory(ctx, analyst, org.ID, "ashcombe.zip", council(false))
		if err != nil {
			t.Fatal(err)
		}
		if third.Analysis.Reaching != 3 || third.Analysis.Findings.Resolved != 2 {
			t.Errorf("after KIM's right went: %d reaching, %d resolved; want 3 and 2", third.Analysis.Reaching, third.Analysis.Findings.Resolved)
		}
		if got := names(open(t, s, org.ID, identity.CheckChokePoint)); !slices.Equal(got, []string{"HELPDESK@ASHCOMBE.LOCAL → SVC-ADMIN@ASHCOMBE.LOCAL", "SVC-ADMIN@ASHCOMBE.LOCAL → DOMAIN ADMINS@ASHCOMBE.LOCAL"}) {
			t.Errorf("choke points after the fix: %q", got)
		}
		now := open(t, s, org.ID, identity.CheckTierZeroPath)
		if _, still := now["KIM@ASHCOMBE.LOCAL"]; still || len(now) != 3 {
			t.Errorf("path findings after the fix: %q", names(now))
		}
		if jo := now["JO@ASHCOMBE.LOCAL"]; jo.ID != paths["JO@ASHCOMBE.LOCAL"].ID || !jo.FirstSeen.Equal(day1) {
			t.Errorf("JO's finding changed identity or first sighting: %+v", jo)
		}
		change, err := svc.ChangeOf(ctx, analyst, org.ID)
		if err != nil {
			t.Fatal(err)
		}
		if change.Previous != 4 || change.Current != 3 || !slices.Equal(change.Lost, []string{"KIM@ASHCOMBE.LOCAL"}) || len(change.Gained) != 0 {
			t.Errorf("change since the previous import: %+v", change)
		}
		prev, err := s.IdentitySnapshots(ctx, tenancy.ForSystem(tenancy.JobTest), org.ID, "previous", false)
		if err != nil || len(prev) != 1 {
			t.Errorf("previous snapshots kept: %d (%v), want exactly 1", len(prev), err)
		}
	})
}

func TestTierZeroAdditionsAndLeavers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc, org := setup(t, s)
		if _, err := svc.ImportDirectory(ctx, analyst, org.ID, "ashcombe.zip", council(true)); err != nil {
			t.Fatal(err)
		}
		// PC-1 made Tier Zero: it no longer "reaches", and KIM's path is
		// now one step, to PC-1.
		if _, err := svc.AddTierZero(ctx, analyst, org.ID, domainSID+"-1005", "jump server"); err != nil {
			t.Fatal(err)
		}
		p, err := svc.PrincipalOf(ctx, analyst, org.ID, domainSID+"-1006")
		if err != nil {
			t.Fatal(err)
		}
		if got := identity.PathText(p.Path); got != "KIM@ASHCOMBE.LOCAL —AdminTo→ PC-1.ASHCOMBE.LOCAL" {
			t.Errorf("KIM's path with PC-1 in Tier Zero: %q", got)
		}
		if pc, _ := svc.PrincipalOf(ctx, analyst, org.ID, domainSID+"-1005"); pc.TierZero != identity.ReasonAnalyst {
			t.Errorf("PC-1 Tier Zero reason %q", pc.TierZero)
		}
		if _, err := svc.AddTierZero(ctx, analyst, org.ID, "S-1-5-21-9-9-9-9", ""); !isInvalid(err) {
			t.Errorf("an id in no directory was accepted: %v", err)
		}

		// JO has left: her enabled account is a finding.
		if _, err := s.CreatePerson(ctx, tenancy.ForSystem(tenancy.JobTest), store.Person{OrgID: org.ID, Name: "Jo", Email: "Jo@ashcombe.gov.uk"}); err != nil {
			t.Fatal(err)
		}
		if err := s.SetPersonLeft(ctx, tenancy.ForSystem(tenancy.JobTest), org.ID, "jo@ashcombe.gov.uk", "2026-10-30"); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Reanalyse(ctx, analyst, org.ID); err != nil {
			t.Fatal(err)
		}
		if got := names(open(t, s, org.ID, identity.CheckLeaver)); !slices.Equal(got, []string{"JO@ASHCOMBE.LOCAL"}) {
			t.Errorf("leaver findings %q", got)
		}
	})
}

func isInvalid(err error) bool { return fault.Is(err, fault.KindInvalid) }

func TestMalformedFileChangesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc, org := setup(t, s)
		if _, err := svc.ImportDirectory(ctx, analyst, org.ID, "ashcombe.zip", council(true)); err != nil {
			t.Fatal(err)
		}
		before, _ := s.OrgFindings(ctx, tenancy.ForSystem(tenancy.JobTest), org.ID, finding.Account)
		dir := t.TempDir()
		bad := filepath.Join(dir, "users.json")
		os.WriteFile(bad, []byte(`{"meta":{"type":"users","version":6},"data":[{"ObjectIdentifier":"S-1-5-21-1-2-3-1000","Properties":{"enabled":"yes"}}]}`), 0o644)
		_, err := svc.ImportSharpHound(ctx, analyst, org.ID, bad)
		if !isInvalid(err) || !strings.Contains(err.Error(), "users.json") || !strings.Contains(err.Error(), "$.data[0].Properties.enabled") {
			t.Fatalf("a malformed file gave %v; want an invalid-input error naming the file and the JSON path", err)
		}
		after, _ := s.OrgFindings(ctx, tenancy.ForSystem(tenancy.JobTest), org.ID, finding.Account)
		snaps, _ := s.IdentitySnapshots(ctx, tenancy.ForSystem(tenancy.JobTest), org.ID, "current", false)
		if len(after) != len(before) || len(snaps) != 1 || snaps[0].Directory != "ASHCOMBE.LOCAL" {
			t.Errorf("a refused file changed things: %d findings (was %d), snapshots %+v", len(after), len(before), snaps)
		}
	})
}

func TestRightsAndScope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc, org := setup(t, s)
		other, err := s.CreateOrg(ctx, store.NewOrg{Slug: "brentmere", Name: "Brentmere Council", Kind: tenancy.KindCouncil})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.ImportDirectory(ctx, analyst, org.ID, "ashcombe.zip", council(true)); err != nil {
			t.Fatal(err)
		}
		officer := tenancy.Principal{Actor: "officer", Role: tenancy.RoleOfficer, Scope: tenancy.ScopeOf(org.ID)}
		if _, err := svc.ImportDirectory(ctx, officer, org.ID, "x.zip", council(true)); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("an officer imported a directory: %v", err)
		}
		if _, err := svc.PathsOf(ctx, officer, org.ID, "", 0); err != nil {
			t.Errorf("an officer cannot read their own org's paths: %v", err)
		}
		outsider := tenancy.Principal{Actor: "analyst@brentmere", Role: tenancy.RoleAnalyst, Scope: tenancy.ScopeOf(other.ID)}
		if _, err := svc.PathsOf(ctx, outsider, org.ID, "", 0); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("another council's analyst read the paths: %v", err)
		}
		if _, err := svc.PrincipalOf(ctx, outsider, org.ID, domainSID+"-1003"); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("another council's analyst read a principal: %v", err)
		}
		list, err := svc.Overview(ctx, outsider)
		if err != nil {
			t.Fatal(err)
		}
		for _, sum := range list {
			if sum.OrgID == org.ID {
				t.Error("the overview showed another council")
			}
		}
	})
}
