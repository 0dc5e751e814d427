package identity_test

import (
	"fmt"
	"testing"

	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/posture"
)

// peopleEstate is 20,000 enabled user accounts and 20,000 people: 19,000
// people own an account each (one in fifty by sign-in name, one in a
// hundred has left), 1,000 accounts belong to nobody and 1,000 people
// have no account.
func peopleEstate() (*identity.Analysis, []identity.Person) {
	const n = 20_000
	b := identity.NewBuilder(identity.ActiveDirectory)
	b.SetName("BENCH.LOCAL")
	b.Describe(identity.Node{ID: sid, Name: "BENCH.LOCAL", Kind: identity.Domain, Flags: identity.Enabled, Directory: "BENCH.LOCAL"})
	ps := make([]identity.Person, 0, n)
	for i := range n {
		b.Describe(identity.Node{ID: fmt.Sprintf("%s-%d", sid, 2000+i), Name: fmt.Sprintf("U%d@BENCH.LOCAL", i), Kind: identity.User,
			Flags: identity.Enabled, Directory: "BENCH.LOCAL", Mail: fmt.Sprintf("user.%d@bench.gov.uk", i)})
		p := identity.Person{ID: int64(i + 1), Name: fmt.Sprintf("User %d", i), Email: fmt.Sprintf("user.%d@bench.gov.uk", i)}
		switch {
		case i >= n-1000:
			p.Email = fmt.Sprintf("nobody.%d@bench.gov.uk", i) // no account; account i has no person
		case i%50 == 0:
			p.Email, p.UPN = fmt.Sprintf("u.%d@personal.example", i), fmt.Sprintf("u%d@bench.local", i)
		}
		if i%100 == 1 {
			p.LeftOn = "2026-10-01"
		}
		ps = append(ps, p)
	}
	return identity.Analyse(identity.Combine(b.Directory()), nil), ps
}

// BenchmarkPeopleMatchAndCheck matches 20,000 people to 20,000 accounts
// and runs every check over the result, as each identity analysis does.
func BenchmarkPeopleMatchAndCheck(b *testing.B) {
	a, ps := peopleEstate()
	var links, failures int
	for b.Loop() {
		m := identity.Match(a.Graph, ps)
		obs := identity.Check(a, identity.CheckInput{Settings: posture.Settings{}, Now: now, People: m, Today: "2026-12-07"})
		links, failures = len(m.Links), len(obs)
	}
	if links != 19_000 || failures != 190+1000+990 {
		b.Fatalf("%d links and %d failures, want 19000 links, 190 leavers, 1000 unowned accounts and 990 current people without accounts", links, failures)
	}
	b.ReportMetric(float64(links), "links")
	b.ReportMetric(float64(failures), "failures")
}
