package web

import (
	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
)

// partRow is one part of an org's open findings, with the findings list
// that shows exactly that many.
type partRow struct {
	Label, Kind            string
	Severity               tag
	Open, Accepted         int
	OpenLink, AcceptedLink string
}

// openParts is how the posture page accounts for every open finding: the
// controls table (devices and mailboxes), the identity checks, and any
// control switched off or retired add up to the total, and so do the kinds.
type openParts struct {
	DeviceOpen, IdentityOpen, OtherOpen int
	IdentityLink                        string
	Identity, Other, Kinds              []partRow
}

func openPartsOf(slug string, o posturesvc.Overview) openParts {
	var p openParts
	for _, c := range o.Controls {
		p.DeviceOpen += c.Open
	}
	row := func(c posturesvc.OpenCount) partRow {
		return partRow{Label: c.Failure, Kind: kindLabel(finding.SubjectKind(c.Kind)), Severity: severityTag(c.Severity),
			Open: c.Open, Accepted: c.Accepted, OpenLink: findingsLink("org", slug, "control", c.Control, "state", "open"),
			AcceptedLink: findingsLink("org", slug, "control", c.Control, "state", "accepted")}
	}
	for _, c := range o.Identity {
		p.IdentityOpen += c.Open
		p.Identity = append(p.Identity, row(c))
	}
	for _, c := range o.Other {
		p.OtherOpen += c.Open
		p.Other = append(p.Other, row(c))
	}
	for _, k := range o.ByKind {
		p.Kinds = append(p.Kinds, partRow{Label: kindLabel(finding.SubjectKind(k.Kind)), Open: k.Open,
			OpenLink: findingsLink("org", slug, "kind", k.Kind, "state", "open")})
	}
	p.IdentityLink = "/identity/" + slug
	return p
}
