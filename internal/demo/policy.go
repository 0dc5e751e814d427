package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/ward-shared-service/ward/internal/policy"
	"github.com/ward-shared-service/ward/internal/service/policysvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// demoScan stands for a scanned signed page: the start of a PDF is enough
// for the content sniffing that admits it.
var demoScan = []byte("%PDF-1.4\n% signed paper copy (demo)\n%%EOF\n")

// seedPolicy gives each council the three usual documents, each with a
// first version most people accepted months ago and a material second
// version, published three weeks ago, that a good share but not everyone
// has accepted yet; a few acceptances were on paper.
func seedPolicy(ctx context.Context, st *store.Store, svc *policysvc.Service, actor string) error {
	orgs, err := st.Orgs(ctx, everyOrg)
	if err != nil {
		return err
	}
	now := st.Now()
	rnd := rand.New(rand.NewPCG(17, 35))
	for _, o := range orgs {
		if o.Kind != tenancy.KindCouncil {
			continue
		}
		folk, err := st.People(ctx, everyOrg.Narrow(o.ID))
		if err != nil {
			return err
		}
		var list []store.PolicyAcceptance
		for i, u := range policy.Usual {
			d, err := st.CreatePolicyDocument(ctx, everyOrg, store.PolicyDocument{OrgID: o.ID, Slug: u.Slug, Title: u.Title,
				Owner: "Head of ICT", ReviewOn: now.AddDate(0, 6-i*4, 0).Format(time.DateOnly), AcceptDays: 14, RemindDays: 7, RemindMax: 3})
			if err != nil {
				return fmt.Errorf("%s %s: %w", o.Slug, u.Slug, err)
			}
			var versions []store.PolicyVersion
			for n, at := range []time.Time{now.AddDate(0, -8, 0), now.AddDate(0, 0, -21)} {
				body := demoPolicyBody(u.Title, o.Name, n+1)
				v, err := st.AddPolicyVersion(ctx, everyOrg, store.PolicyVersion{DocumentID: d.ID, OrgID: o.ID, Number: n + 1, Body: body,
					SHA256: policy.Hash(body), Material: true, PublishedAt: at, PublishedBy: actor, Note: []string{"First issue", "New remote working rules"}[n]})
				if err != nil {
					return err
				}
				versions = append(versions, v)
			}
			for _, p := range folk {
				if p.Email == "" {
					continue
				}
				for n, v := range versions {
					share := []float64{0.92, 0.62}[n]
					if rnd.Float64() > share {
						continue
					}
					a := store.PolicyAcceptance{PersonID: p.ID, VersionID: v.ID, SHA256: v.SHA256, Method: "link",
						AcceptedAt: v.PublishedAt.Add(time.Duration(1+rnd.IntN(13*24)) * time.Hour), Client: "192.0.2.10 Mozilla/5.0"}
					if rnd.IntN(20) == 0 {
						a.Method, a.RecordedBy, a.Client = "paper", actor, ""
						a.Evidence, a.EvidenceName, a.EvidenceType = demoScan, "signed-"+u.Slug+".pdf", "application/pdf"
						a.EvidenceSHA256 = policy.Hash(string(demoScan))
					}
					list = append(list, a)
				}
			}
		}
		if err := st.AddPolicyAcceptances(ctx, everyOrg, o.ID, list); err != nil {
			return err
		}
		if err := svc.Reconcile(ctx, tenancy.System(tenancy.JobDemo, actor), o.ID); err != nil {
			return err
		}
	}
	return nil
}

func demoPolicyBody(title, org string, version int) string {
	body := fmt.Sprintf("# %s\n\n%s, version %d.\n\n## Who this binds\n\nEveryone who uses %s's information or systems: staff, "+
		"councillors, contractors and consultants.\n\n## What you agree to\n\n- Keep your password to yourself and use two-factor sign-in.\n"+
		"- Report anything suspicious to the service desk at once.\n- Keep council information on council systems.\n", title, org, version, org)
	if version > 1 {
		body += "- Work away from the office only on a council device, over the council VPN.\n"
	}
	return body
}
