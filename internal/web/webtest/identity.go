package webtest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// IdentitySeed is the directory SeedIdentity gave an org, by the names
// and ids the tests look for. Every name starts with the org's slug in
// capitals and -PROBE (the demo's own directories name nothing so), so a
// page that shows another org's object is caught.
type IdentitySeed struct {
	Domain string
	Names  []string // every object's name
	// Jo (in the helpdesk, which can reset a Domain Admin's password) and
	// Kim (admin of a PC a Domain Admin is signed in on) reach Tier Zero.
	Jo, Kim string
	// Backup has no path into Tier Zero; Operator has GenericAll on it, so
	// making Backup Tier Zero gives Operator a path.
	Backup, Operator, OperatorName string
}

// CouncilDirectory is a small Active Directory domain for an org, built
// by hand so the tests do not depend on any export:
//
//	P-JO  MemberOf  P-HELPDESK  ForceChangePassword  P-SVC-ADMIN  MemberOf  DOMAIN ADMINS
//	P-KIM  AdminTo  P-PC-1  HasSession  P-SVC-ADMIN
//	P-OPERATOR  GenericAll  P-BACKUP
//
// where P is the slug in capitals and -PROBE, and the domain P.LOCAL.
func CouncilDirectory(slug string, n int64, now time.Time) (*identity.Directory, IdentitySeed) {
	p := strings.ToUpper(slug) + "-PROBE"
	domain := p + ".LOCAL"
	sid := fmt.Sprintf("S-1-5-21-7000-%d-99", n)
	b := identity.NewBuilder(identity.ActiveDirectory)
	b.SetName(domain)
	seed := IdentitySeed{Domain: domain}
	node := func(rid, name string, kind identity.Kind) (int32, string) {
		id := sid + "-" + rid
		seed.Names = append(seed.Names, name)
		return b.Describe(identity.Node{ID: id, Name: name, Kind: kind, Flags: identity.Enabled, Directory: domain,
			LastLogon: now.Add(-24 * time.Hour).Unix(), PwdLastSet: now.AddDate(0, -1, 0).Unix(), Created: now.AddDate(-1, 0, 0).Unix()}), id
	}
	dom := b.Describe(identity.Node{ID: sid, Name: domain, Kind: identity.Domain, Flags: identity.Enabled, Directory: domain})
	da, _ := node("512", "DOMAIN ADMINS@"+domain, identity.Group)
	svc, _ := node("1001", p+"-SVC-ADMIN@"+domain, identity.User)
	helpdesk, _ := node("1002", p+"-HELPDESK@"+domain, identity.Group)
	jo, joID := node("1003", p+"-JO@"+domain, identity.User)
	pc, _ := node("1004", p+"-PC-1."+domain, identity.Computer)
	kim, kimID := node("1005", p+"-KIM@"+domain, identity.User)
	backup, backupID := node("1006", p+"-BACKUP."+domain, identity.Computer)
	operator, operatorID := node("1007", p+"-OPERATOR@"+domain, identity.User)
	b.Edge(svc, da, identity.MemberOf)
	b.Edge(da, dom, identity.GenericAll)
	b.Edge(helpdesk, svc, identity.ForceChangePassword)
	b.Edge(jo, helpdesk, identity.MemberOf)
	b.Edge(pc, svc, identity.HasSession)
	b.Edge(kim, pc, identity.AdminTo)
	b.Edge(operator, backup, identity.GenericAll)
	seed.Jo, seed.Kim, seed.Backup, seed.Operator, seed.OperatorName = joID, kimID, backupID, operatorID, p+"-OPERATOR@"+domain
	return b.Directory(), seed
}

// SeedIdentity imports a CouncilDirectory into every org through the
// directories service, as the command line would.
func SeedIdentity(t testing.TB, st *store.Store) map[string]IdentitySeed {
	t.Helper()
	ctx := context.Background()
	svc := services(st).Identity
	orgs, err := st.Orgs(ctx, tenancy.ForSystem(tenancy.JobTest))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]IdentitySeed{}
	for _, o := range orgs {
		d, seed := CouncilDirectory(o.Slug, o.ID, st.Now())
		if _, err := svc.ImportDirectory(ctx, tenancy.Operator("cli:test"), o.ID, strings.ToLower(o.Slug)+"-probe.json", d); err != nil {
			t.Fatalf("seed the directory of %s: %v", o.Slug, err)
		}
		paths, err := svc.PathsOf(ctx, tenancy.Operator("cli:test"), o.ID, "-PROBE-", 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(paths.Principals) != 3 {
			t.Fatalf("%s's seeded directory has %d accounts reaching Tier Zero, want 3 (Jo, Kim and the PC)", o.Slug, len(paths.Principals))
		}
		out[o.Slug] = seed
	}
	return out
}
