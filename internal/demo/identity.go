package demo

import (
	"context"
	"os"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/gen/identitygen"
	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/reader/sharphound"
	"github.com/ward-shared-service/ward/internal/service/identitysvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// identityProfile is each council's directory in the demo: a synthetic AD
// domain and Entra tenant of a council's size, different per council.
var identityProfile = map[string]struct {
	domain string
	seed   int64
	cloud  int // Entra member accounts
	// hardened is the share of the generated privileged-account and stale-
	// account failures the council has put right by the latest import
	// (less 0.3 two weeks before), so the councils differ and improve.
	hardened float64
}{
	"ashcombe":   {"ASHCOMBE.LOCAL", 21, 320, 0.9},
	"brentmere":  {"CORP.BRENTMERE.GOV.UK", 22, 260, 0.35},
	"calderwick": {"CALDERWICK.LOCAL", 23, 200, 0.65},
}

// seedIdentity imports each council's directories twice, two weeks apart,
// so the score has a trend and the pages a "since the last import"; the
// second AD import grants a few more rights than the first. Two people per
// council have left but keep enabled accounts, for the leaver check.
func seedIdentity(ctx context.Context, st *store.Store, svc *identitysvc.Service, ids map[string]int64, actor string) error {
	clock := st.Clock()
	defer st.SetClock(clock)
	now := st.Now()
	p := tenancy.Operator(actor)
	tmp, err := os.MkdirTemp("", "ward-demo-identity-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for _, slug := range []string{"ashcombe", "brentmere", "calderwick"} {
		prof, orgID := identityProfile[slug], ids[slug]
		for i, at := range []time.Time{now.AddDate(0, 0, -14), now} {
			st.SetClock(func() time.Time { return at })
			spec := identitygen.CouncilSpec(prof.domain, prof.seed, at)
			spec.Edges += i * 1500 // the second import: more rights handed out since
			dir, err := os.MkdirTemp(tmp, slug+"-")
			if err != nil {
				return err
			}
			if _, err := identitygen.SharpHound(dir, spec); err != nil {
				return err
			}
			d, err := sharphound.Open(dir)
			if err != nil {
				return err
			}
			harden(d, prof.hardened-0.3*float64(1-i), at)
			if i == 1 {
				if err := addLeavers(ctx, st, orgID, d, at); err != nil {
					return err
				}
			}
			if _, err := svc.ImportDirectory(ctx, p, orgID, strings.ToLower(slug)+"-sharphound.zip", d); err != nil {
				return err
			}
			tenant := strings.TrimPrefix(strings.ToLower(prof.domain), "corp.")
			tenant = strings.TrimSuffix(tenant, ".local") + map[bool]string{true: "", false: ".gov.uk"}[strings.HasSuffix(tenant, ".gov.uk")]
			path := dir + ".entra.json"
			f, err := os.Create(path)
			if err != nil {
				return err
			}
			err = identitygen.Entra(f, identitygen.EntraSpec{Seed: uint64(prof.seed), TenantName: orgName(slug), Domain: tenant,
				Users: prof.cloud, Guests: prof.cloud / 20, Groups: prof.cloud / 10, ServicePrincipals: 12, ExportedAt: at})
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
			if _, err := svc.ImportEntra(ctx, p, orgID, path); err != nil {
				return err
			}
		}
	}
	return nil
}

func orgName(slug string) string {
	return strings.ToUpper(slug[:1]) + slug[1:] + " Council"
}

// addLeavers records two people who have left but whose AD accounts are
// still enabled.
func addLeavers(ctx context.Context, st *store.Store, orgID int64, d *identity.Directory, at time.Time) error {
	added := 0
	for i := len(d.Nodes) - 1; i >= 0 && added < 2; i-- {
		n := &d.Nodes[i]
		if n.Kind != identity.User || !n.Is(identity.Enabled) || n.Mail == "" || n.Is(identity.AdminCount) {
			continue
		}
		name, _, _ := strings.Cut(n.Name, "@")
		if _, err := st.CreatePerson(ctx, everyOrg, store.Person{OrgID: orgID, Name: strings.ToLower(name), Email: n.Mail}); err != nil {
			return err
		}
		if err := st.SetPersonLeft(ctx, everyOrg, orgID, n.Mail, at.AddDate(0, 0, -10*(added+1)).Format(time.DateOnly)); err != nil {
			return err
		}
		added++
	}
	return nil
}

// harden puts right a share of the generated privileged-account and stale
// failures, the same ones at every import (picked by position), as a
// council working through its findings would.
func harden(d *identity.Directory, share float64, at time.Time) {
	if share <= 0 {
		return
	}
	staleCut := at.AddDate(0, 0, -90).Unix()
	for i := range d.Nodes {
		n := &d.Nodes[i]
		if n.Kind != identity.User || i%10 >= int(share*10) {
			continue
		}
		if n.Is(identity.AdminCount) && !identity.IsKrbtgt(n.ID) {
			n.Flags |= identity.Sensitive
			n.Flags &^= identity.PasswordNeverExpires | identity.HasSPN
			n.LastLogon = at.AddDate(0, 0, -2).Unix()
		}
		if n.Is(identity.Enabled) && n.LastLogon != 0 && n.LastLogon < staleCut {
			n.Flags &^= identity.Enabled
		}
	}
}
