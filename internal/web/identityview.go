package web

import (
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/service/identitysvc"
)

// What the identity pages share: how a score, a directory, a path and a
// link to an object look on a page.

// sourceLabels names the directory sources as councils' IT teams know them.
var sourceLabels = map[identity.Source]string{
	identity.ActiveDirectory: "Active Directory (SharpHound collection: zip or .json)",
	identity.EntraID:         "Entra ID (ward's Entra export, .json)",
}

func sourceLabel(s string) string {
	switch identity.Source(s) {
	case identity.ActiveDirectory:
		return "Active Directory"
	case identity.EntraID:
		return "Entra ID"
	}
	return s
}

// directoryRow is one imported directory as the pages list it.
type directoryRow struct {
	Source, Name, File, ImportedBy string
	ImportedAt                     template.HTML
	Nodes, Edges                   int
}

// directoryRows lists an org's current snapshots, naming who imported
// each as the viewer may know them (see accounts.Service.ActorNamer).
func directoryRows(snaps []identitysvc.IdentitySnapshot, who func(string) string, loc *time.Location) []directoryRow {
	out := make([]directoryRow, len(snaps))
	for i, s := range snaps {
		out[i] = directoryRow{Source: sourceLabel(s.Source), Name: s.Directory, File: s.File, ImportedAt: shortTime(s.ImportedAt, loc),
			ImportedBy: or(who(s.ImportedBy), "ward"), Nodes: s.Nodes, Edges: s.Edges}
	}
	return out
}

// scoreText is a score out of 100, or "—" for an org never analysed
// (which is not the same as a perfect score).
func scoreText(day string, score int) string {
	if day == "" {
		return "—"
	}
	return strconv.Itoa(score)
}

// scoreTrend draws the identity score over the days given.
func scoreTrend(days []identitysvc.IdentityDay, width, height int, what string) *sparkline {
	pts := make([]trendPoint, len(days))
	for i, d := range days {
		pts[i] = trendPoint{Day: d.Day, Value: float64(d.Score)}
	}
	return drawTrend(pts, width, height, what, 0, "")
}

// categoryRow is one part of the score, with the checks that feed it.
type categoryRow struct {
	Title                 string
	Points, Cap, Findings int
	Controls              []controlLink
}

type controlLink struct{ ID, Title, Link string }

// categoryRows lays out the score's parts, each with links to the open
// findings of its checks (the findings list filters by control).
func categoryRows(cats []identity.Category, slug string) []categoryRow {
	byCategory := map[string][]controlLink{}
	for _, c := range posture.Catalogue() {
		if c.Category != "" {
			byCategory[c.Category] = append(byCategory[c.Category], controlLink{ID: c.ID, Title: c.Title,
				Link: findingsLink("org", slug, "control", c.ID, "state", "open")})
		}
	}
	out := make([]categoryRow, len(cats))
	for i, c := range cats {
		out[i] = categoryRow{Title: c.Title, Points: c.Points, Cap: c.Cap, Findings: c.Findings, Controls: byCategory[c.ID]}
	}
	return out
}

// chokeRow is a relation whose removal cuts accounts off from Tier Zero.
type chokeRow struct {
	From, FromLink, To, ToLink, Rights string
	Accounts                           int
	FindingsLink                       string
}

func chokeRows(cps []identitysvc.ChokePoint, slug string) []chokeRow {
	out := make([]chokeRow, len(cps))
	for i, c := range cps {
		out[i] = chokeRow{From: c.From, FromLink: principalLink(slug, c.FromID), To: c.To, ToLink: principalLink(slug, c.ToID),
			Rights: c.Rights, Accounts: c.Accounts,
			FindingsLink: findingsLink("org", slug, "control", "tier-zero-choke-point", "subject", c.FromID+">"+c.ToID)}
	}
	return out
}

// principalLink is an object's own page.
func principalLink(slug, id string) string {
	return "/identity/" + slug + "/principals/" + url.PathEscape(id)
}

// pathRow is one account that reaches Tier Zero, as the lists show it.
type pathRow struct {
	Name, Kind, Link string
	Hops             int
	Path             string // the path in words
}

func pathRowOf(r identity.Reach, slug string) pathRow {
	return pathRow{Name: r.Name, Kind: r.Kind, Link: principalLink(slug, r.ID), Hops: r.Hops, Path: pathText(r.Path)}
}

// pathText words a path: each object, then the right that leads on.
func pathText(steps []identity.Step) string {
	var b strings.Builder
	for i, s := range steps {
		if i > 0 {
			b.WriteString(" ")
		}
		b.WriteString(s.Name)
		if s.Edge != "" {
			b.WriteString(" —" + identity.EdgePhrase(s.Edge) + "→")
		}
	}
	return b.String()
}

// identityLinks is the identity pages' own menu, under the page heading.
func identityLinks(slug, current string, multi bool) []deskLink {
	var out []deskLink
	if multi {
		out = append(out, deskLink{Label: "Organisations side by side", Href: "/identity", Current: current == "/identity"})
	}
	if slug != "" {
		for _, l := range []deskLink{{Label: "Score and directories", Href: "/identity/" + slug}, {Label: "Attack paths", Href: "/identity/" + slug + "/paths"}} {
			l.Current = current == l.Href
			out = append(out, l)
		}
	}
	return append(out, deskLink{Label: "Findings", Href: "/findings"})
}
