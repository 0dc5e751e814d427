package demo

import (
	"bytes"
	"context"
	"strings"

	"github.com/ward-shared-service/ward/internal/gen/warpgen"
	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// demoAdvisory is one advisory of the demo WARP, by the user who wrote it.
type demoAdvisory struct {
	author string
	n      warpsvc.NewAdvisory
	update string // a follow-up by the author's org
	readBy []string
}

var demoAdvisories = []demoAdvisory{
	{author: "analyst@abc-shared.example", n: warpsvc.NewAdvisory{ShareSpec: warpsvc.ShareSpec{TLP: "CLEAR"}, Severity: "critical",
		Title:   "Patch now: remote code execution in edge VPN appliances",
		Summary: "A pre-authentication flaw in a widely used VPN appliance is being exploited. Patch or isolate management interfaces today.",
		Body: "## What is happening\n\nAttackers are scanning for exposed management interfaces and exploiting them **before sign-in**.\n\n" +
			"## What to do\n\n1. Apply the vendor's fixed release.\n2. Restrict the management interface to the admin network.\n3. Review appliance logs for the addresses below.\n"},
		readBy: []string{"warp@ashcombe.example", "warp@nthames-nhs.example"}},
	{author: "warp@ashcombe.example", n: warpsvc.NewAdvisory{ShareSpec: warpsvc.ShareSpec{TLP: "GREEN"}, Severity: "high",
		Title:   "Invoice fraud: supplier look-alike domains",
		Summary: "Finance teams received invoices from domains imitating a highways contractor; two payments were stopped.",
		Body:    "Messages carried a PDF invoice and asked for new bank details. Check your mail gateway for the domains below and warn finance staff.",
		Indicators: []warpsvc.NewIndicator{{Value: "roadworks-invoices.example"}, {Value: "billing@roadworks-invoices.example"},
			{Value: "hxxps://pay-roadworks.example/portal"}, {Value: "e8c1c4b5f2a5c7f0e6c9d2b8a1f3e4d5c6b7a8f9e0d1c2b3a4f5e6d7c8b9a0f1"}}},
		update: "The look-alike domains are now blocked at the shared mail gateway. Keep the warning to finance teams in place.",
		readBy: []string{"warp@brentmere.example", "warp@calderwick.example", "warp@calderwick-cva.example"}},
	{author: "warp@nthames-nhs.example", n: warpsvc.NewAdvisory{ShareSpec: warpsvc.ShareSpec{TLP: "AMBER", Anonymous: true}, Severity: "high",
		Title:      "Credential stuffing against remote access gateways",
		Summary:    "A burst of sign-in attempts from a small hosting range against staff remote access; no accounts lost.",
		Body:       "Blocking the range stopped it. Check remote access logs for the addresses and the network below.",
		Indicators: []warpsvc.NewIndicator{{Value: "203.0.113.0/24"}, {Value: "198.51.100.23"}, {Value: "2001:db8:bad::17"}}}},
	{author: "warp@brentmere.example", n: warpsvc.NewAdvisory{ShareSpec: warpsvc.ShareSpec{TLP: "AMBER+STRICT", Orgs: []string{"calderwick"}}, Severity: "medium",
		Title:      "Payroll supplier breach: check your exposure",
		Summary:    "Brentmere's payroll supplier reported a breach; Calderwick uses the same supplier.",
		Body:       "Only Calderwick shares this supplier. Rotate the supplier's SFTP credentials and check the file hash below on your transfer server.",
		Indicators: []warpsvc.NewIndicator{{Value: "sftp-drop.payroll-partner.example"}, {Value: "5f4dcc3b5aa765d61d8327deb882cf99"}}}},
	{author: "analyst@abc-shared.example", n: warpsvc.NewAdvisory{ShareSpec: warpsvc.ShareSpec{TLP: "RED", People: []string{"warp@ashcombe.example"}}, Severity: "high",
		Title:   "Suspected compromised mailbox in revenues",
		Summary: "One revenues mailbox forwarded mail to an outside address overnight. Named recipients only.",
		Body:    "Do not discuss outside the incident call. The forwarding rule has been removed; the password reset is pending."}},
}

// seedWarp builds the demo WARP: a community of the councils, the shared
// service and their partners, advisories under every marking, an AMBER
// feed of generated indicators, and a sighting from a matched log.
func seedWarp(ctx context.Context, st *store.Store, svc *warpsvc.Service, ids map[string]int64) error {
	admin := tenancy.Operator("system:demo")
	if _, err := svc.CreateCommunity(ctx, admin, "london-warp", "London Councils WARP",
		"Councils, the shared ICT service, the community health trust and the voluntary sector sharing warnings."); err != nil {
		return err
	}
	for _, slug := range []string{"abc-shared", "ashcombe", "brentmere", "calderwick", "nthames-nhs", "calderwick-cva"} {
		if err := svc.SetMember(ctx, admin, "london-warp", slug, slug != "calderwick-cva", false); err != nil {
			return err
		}
	}
	for slug, domains := range map[string][]string{"ashcombe": {"ashcombe.gov.uk"}, "brentmere": {"brentmere.gov.uk"}, "calderwick": {"calderwick.gov.uk"}} {
		if held, _ := st.OrgDomains(ctx, everyOrg, ids[slug]); len(held) == 0 {
			if err := st.SetOrgDomains(ctx, everyOrg, ids[slug], domains); err != nil {
				return err
			}
		}
	}
	who := func(email string) (tenancy.Principal, error) {
		u, err := st.UserByEmail(ctx, everyOrg, email)
		if err != nil {
			return tenancy.Principal{}, err
		}
		scope, err := st.ScopeFor(ctx, u.Role, u.OrgID, u.ID)
		return tenancy.Principal{Actor: "user:" + email, UserID: u.ID, OrgID: u.OrgID, Role: u.Role, Scope: scope}, err
	}
	for _, d := range demoAdvisories {
		p, err := who(d.author)
		if err != nil {
			return err
		}
		d.n.Community = "london-warp"
		a, err := svc.Publish(ctx, p, d.n)
		if err != nil {
			return err
		}
		if d.update != "" {
			if _, err := svc.AddFollowUp(ctx, p, a.ID, d.update); err != nil {
				return err
			}
		}
		for _, reader := range d.readBy {
			r, err := who(reader)
			if err != nil {
				return err
			}
			if err := svc.Acknowledge(ctx, r, a.ID); err != nil {
				return err
			}
		}
	}
	analyst, err := who("analyst@abc-shared.example")
	if err != nil {
		return err
	}
	feed := warpgen.Indicators(2000, 6)
	var list strings.Builder
	for _, in := range feed {
		list.WriteString(in.Value + "\n")
	}
	if _, err := svc.Import(ctx, analyst, warpsvc.FeedImport{ShareSpec: warpsvc.ShareSpec{Community: "london-warp", TLP: "AMBER"},
		File: "shared-ict-blocklist.txt", Reader: strings.NewReader(list.String()), DropFlagged: true}); err != nil {
		return err
	}
	var log bytes.Buffer
	if err := warpgen.Log(&log, warpgen.LogSpec{Lines: 2000, Seed: 6, Indicators: feed[:20], HitShare: 0.002}); err != nil {
		return err
	}
	member, err := who("warp@brentmere.example")
	if err != nil {
		return err
	}
	_, err = svc.Match(ctx, member, "brentmere", []warpsvc.LogFile{{Name: "proxy-2026-11-21.log", Reader: &log}},
		warpsvc.MatchOptions{Share: warpsvc.ShareAnonymous})
	return err
}
