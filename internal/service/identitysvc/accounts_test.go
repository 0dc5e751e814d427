package identitysvc_test

import (
	"context"
	"time"

	"slices"
	"testing"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/service/identitysvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// disabled returns Ashcombe's domain with the named accounts disabled, as
// after the leavers' accounts were ended.
func disabled(names ...string) *identity.Directory {
	d := council(true)
	for i := range d.Nodes {
		if slices.Contains(names, d.Nodes[i].Name) {
			d.Nodes[i].Flags &^= identity.Enabled
		}
	}
	return d
}

// personFindings reads an org's findings on people, by control and name.
func personFindings(t *testing.T, s *store.Store, orgID int64) map[string]finding.Finding {
	t.Helper()
	all, err := s.OrgFindings(ctx, tenancy.ForSystem(tenancy.JobTest), orgID, finding.Person)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]finding.Finding{}
	for _, f := range all {
		out[f.Control+" "+f.Subject.Name] = f
	}
	return out
}

func TestLeaverAccountsRaiseFindingsAndEndingThemResolves(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc, org := setup(t, s)
		sys := tenancy.ForSystem(tenancy.JobTest)
		add := func(p store.Person) store.Person {
			p.OrgID = org.ID
			made, err := s.CreatePerson(ctx, sys, p)
			if err != nil {
				t.Fatal(err)
			}
			return made
		}
		// Jo left in October; Sam's contract ended yesterday (day1 is
		// 2 November); Kim is current and signs in as KIM@ASHCOMBE.LOCAL;
		// Hal is current but has no account; nobody owns SVC-ADMIN.
		add(store.Person{Name: "Jo Leaver", Email: "JO@ashcombe.gov.uk", LeftOn: "2026-10-30"})
		add(store.Person{Name: "Sam Contractor", Kind: "contractor", Email: "sam.c@agency.example", UPN: "sam@ashcombe.gov.uk", EndOn: "2026-11-01"})
		kim := add(store.Person{Name: "Kim Current", Email: "kim.current@ashcombe.gov.uk", UPN: "kim@ashcombe.local"})
		hal := add(store.Person{Name: "Hal Nobody", Email: "hal@ashcombe.gov.uk"})

		// Kim has not accepted the policy: a finding another part raised.
		policy := finding.Plan{New: []finding.Change{{Finding: finding.Finding{OrgID: org.ID, Control: "policy-not-accepted",
			Subject: finding.Subject{Kind: finding.Person, Key: identity.PersonKey(kim.ID), Name: kim.Name}, Severity: "medium",
			State: finding.Open, FirstSeen: day1, LastSeen: day1}, Event: &finding.Event{At: day1, Kind: finding.Opened}}}}
		if err := s.InTx(ctx, func(ctx context.Context) error { return s.ApplyFindings(ctx, sys, policy) }); err != nil {
			t.Fatal(err)
		}

		if _, err := svc.ImportDirectory(ctx, analyst, org.ID, "ashcombe.zip", council(true)); err != nil {
			t.Fatal(err)
		}
		leavers := open(t, s, org.ID, identity.CheckLeaver)
		if got := names(leavers); !slices.Equal(got, []string{"JO@ASHCOMBE.LOCAL", "SAM@ASHCOMBE.LOCAL"}) {
			t.Fatalf("leaver findings %q, want Jo (left) and Sam (contract ended yesterday)", got)
		}
		if ev := leavers["SAM@ASHCOMBE.LOCAL"].Evidence; ev[0].Field != "contract ended on" || ev[0].Value != "2026-11-01" ||
			ev[2].Value != "sign-in name sam@ashcombe.gov.uk" {
			t.Errorf("Sam's evidence %+v, want the contract end and the sign-in name that matched", ev)
		}
		if ev := leavers["JO@ASHCOMBE.LOCAL"].Evidence; ev[0].Field != "left on" || ev[0].Value != "2026-10-30" {
			t.Errorf("Jo's evidence %+v, want the day she left", ev)
		}
		if got := names(open(t, s, org.ID, identity.CheckAccountNoPerson)); !slices.Equal(got, []string{"SVC-ADMIN@ASHCOMBE.LOCAL"}) {
			t.Errorf("accounts with no person %q, want SVC-ADMIN only (krbtgt is built in, PC-1 a computer)", got)
		}
		people := personFindings(t, s, org.ID)
		if f, ok := people[identity.CheckPersonNoAccount+" Hal Nobody"]; !ok || f.State != finding.Open || f.Subject.Key != identity.PersonKey(hal.ID) {
			t.Errorf("Hal has no account: finding %+v", f)
		}
		if _, ok := people[identity.CheckPersonNoAccount+" Kim Current"]; ok {
			t.Error("Kim, who signs in as KIM@ASHCOMBE.LOCAL, was reported without an account")
		}

		// The views a user reads.
		page, err := svc.AccountsOf(ctx, analyst, org.ID, identitysvc.ViewLeavers, nil, 10)
		if err != nil {
			t.Fatal(err)
		}
		var leaving []string
		for _, a := range page.Accounts {
			leaving = append(leaving, a.PersonName+" "+a.AccountName)
		}
		if !slices.Equal(leaving, []string{"Jo Leaver JO@ASHCOMBE.LOCAL", "Sam Contractor SAM@ASHCOMBE.LOCAL"}) {
			t.Errorf("leavers with enabled accounts: %q", leaving)
		}
		noAccount, err := svc.AccountsOf(ctx, analyst, org.ID, identitysvc.ViewNoAccount, nil, 10)
		if err != nil || len(noAccount.People) != 1 || noAccount.People[0].Name != "Hal Nobody" {
			t.Errorf("people with no account: %+v (%v)", noAccount.People, err)
		}

		// The accounts are ended: the next import resolves both findings,
		// and leaves Kim's policy finding as it was.
		s.SetClock(func() time.Time { return day1.Add(time.Hour) })
		res, err := svc.ImportDirectory(ctx, analyst, org.ID, "ashcombe.zip", disabled("JO@ASHCOMBE.LOCAL", "SAM@ASHCOMBE.LOCAL"))
		if err != nil {
			t.Fatal(err)
		}
		if got := names(open(t, s, org.ID, identity.CheckLeaver)); len(got) != 0 {
			t.Errorf("leaver findings still open after the accounts were disabled: %q", got)
		}
		all, _ := s.OrgFindings(ctx, sys, org.ID, finding.Account)
		for _, f := range all {
			if f.Control == identity.CheckLeaver && (f.State != finding.Resolved || !f.ResolvedAt.Equal(day1.Add(time.Hour))) {
				t.Errorf("%s: %s at %v, want resolved by the second import", f.Subject.Name, f.State, f.ResolvedAt)
			}
		}
		if res.Analysis.Findings.Resolved < 2 {
			t.Errorf("the import reports %d resolved, want at least the two leavers", res.Analysis.Findings.Resolved)
		}
		if f := personFindings(t, s, org.ID)["policy-not-accepted Kim Current"]; f.State != finding.Open {
			t.Errorf("the identity analysis touched Kim's policy finding: %s", f.State)
		}

		// HR records SVC-ADMIN's owner: refreshing the people resolves the
		// account's finding without a new import.
		add(store.Person{Name: "Ops Team", Email: "svc-admin@ashcombe.gov.uk"})
		officer := tenancy.Principal{Actor: "officer", Role: tenancy.RoleOfficer, Scope: tenancy.ScopeOf(org.ID)}
		if _, err := svc.RefreshPeople(ctx, officer, org.ID); err != nil {
			t.Fatal(err)
		}
		if got := names(open(t, s, org.ID, identity.CheckAccountNoPerson)); len(got) != 0 {
			t.Errorf("accounts with no person after HR named the owner: %q", got)
		}
		if f := personFindings(t, s, org.ID)["policy-not-accepted Kim Current"]; f.State != finding.Open {
			t.Errorf("refreshing the people touched Kim's policy finding: %s", f.State)
		}
		agent := tenancy.Principal{Actor: "agent", Role: tenancy.RoleAgent, Scope: tenancy.ScopeOf(org.ID)}
		if _, err := svc.RefreshPeople(ctx, agent, org.ID); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("an agent re-ran the analysis: %v", err)
		}
		if _, err := svc.AccountsOf(ctx, agent, org.ID, identitysvc.ViewLinked, nil, 10); err != nil {
			t.Errorf("an agent, who may view people, cannot read their accounts: %v", err)
		}
	})
}

// An org with no people records gets no findings about who owns what:
// the owner is unknown, not missing.
func TestNoPeopleRecordsNoOwnerFindings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc, org := setup(t, s)
		if _, err := svc.ImportDirectory(ctx, analyst, org.ID, "ashcombe.zip", council(true)); err != nil {
			t.Fatal(err)
		}
		if got := names(open(t, s, org.ID, identity.CheckAccountNoPerson)); len(got) != 0 {
			t.Errorf("accounts with no person in an org with no people records: %q", got)
		}
	})
}
