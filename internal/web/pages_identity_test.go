package web

import (
	"time"

	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/service/identitysvc"
	"github.com/ward-shared-service/ward/internal/store"
)

// identityPageCases are the identity pages, rendered as TestPagesRender
// renders every page.
func identityPageCases(signedIn func(page) page, north, south store.Org) []pageCase {
	at := time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC)
	who := func(actor string) string {
		if actor == "user:grace@abc-shared.example" {
			return "shared service staff"
		}
		return actor
	}
	dfm := identity.Reach{ID: "S-1-5-21-1-1105", Name: "DFM@NORTH.LOCAL", Kind: "user", Hops: 2, Path: []identity.Step{
		{ID: "S-1-5-21-1-1105", Name: "DFM@NORTH.LOCAL", Kind: "user", Edge: "AdminTo"},
		{ID: "S-1-5-21-1-1104", Name: "WIN10.NORTH.LOCAL", Kind: "computer", Edge: "HasSession"},
		{ID: "S-1-5-21-1-500", Name: "ADMINISTRATOR@NORTH.LOCAL", Kind: "user"}}}
	snaps := []store.IdentitySnapshot{{ID: 4, OrgID: north.ID, Source: "ad", Directory: "NORTH.LOCAL", File: "north.zip", ImportedAt: at,
		ImportedBy: "user:grace@abc-shared.example", Nodes: 120, Edges: 480}}
	sum := identitysvc.Summary{OrgID: north.ID, Org: north.Name, Slug: north.Slug, Directories: snaps, Day: "2026-11-02", Score: 72,
		TierZero: 6, Accounts: 40, Reaching: 3,
		Categories: []identity.Category{{ID: "privileged", Title: "Privileged accounts", Points: 5, Cap: 20, Findings: 2},
			{ID: "paths", Title: "Attack paths to Tier Zero", Points: 3, Cap: 20, Findings: 3}},
		ChokePoints: []identitysvc.ChokePoint{{From: "HELPDESK@NORTH.LOCAL", FromID: "S-1-5-21-1-1200", To: "SVC-ADMIN@NORTH.LOCAL",
			ToID: "S-1-5-21-1-1001", Rights: "ForceChangePassword", Accounts: 12}},
		History:   []store.IdentityDay{{Day: "2026-10-30", Score: 60}, {Day: "2026-11-02", Score: 72}},
		Additions: []store.TierZeroAddition{{OrgID: north.ID, ObjectID: "S-1-5-21-1-1300", Note: "Backs up the DCs", AddedBy: "user:grace@abc-shared.example", AddedAt: at}}}
	var many []identity.Reach
	var lost []string
	for i := 0; i < changesShown+3; i++ {
		many = append(many, dfm)
		lost = append(lost, "GONE@NORTH.LOCAL")
	}
	change := identitysvc.Change{Previous: 30, Current: 31, Gained: many, Lost: lost}
	manage := identityOrgDataOf(north, sum, change, who, true, true)
	manage.Form["source"] = "entra"
	quiet := identityOrgDataOf(south, identitysvc.Summary{OrgID: south.ID, Org: south.Name, Slug: south.Slug}, identitysvc.Change{}, who, false, false)

	overview := identityOverviewData{Links: identityLinks("", "/identity", true), Days: 30, Orgs: []identityRow{
		{Slug: north.Slug, Name: north.Name, Score: "72", Day: "2026-11-02", Reaching: 3, Accounts: 40, TierZero: 6,
			Directories: directoryRows(snaps, who, london), Trend: scoreTrend(sum.History, 120, 32, "Identity score of "+north.Name)},
		{Slug: south.Slug, Name: south.Name, Score: scoreText("", 0)}}}

	paths := identitysvc.Paths{OrgID: north.ID, Directories: snaps, TierZero: 6, Accounts: 40, Reaching: 3, Principals: []identity.Reach{dfm, dfm, dfm}}
	listed := identityPathsDataOf(north, paths, "dfm", 2, true)
	none := identityPathsDataOf(north, identitysvc.Paths{Directories: snaps}, "nobody", 50, false)

	reaching := identityPrincipalDataOf(north, identitysvc.Principal{ID: dfm.ID, Name: `DFM <b>@NORTH.LOCAL`, Kind: "user", Directory: "NORTH.LOCAL",
		Enabled: true, Path: dfm.Path, MemberOf: []string{"IT STAFF@NORTH.LOCAL"}, MemberOfIDs: []string{"S-1-5-21-1-1400"},
		Rights: []identitysvc.Right{{Kind: "GenericWrite", Target: "TESTGPO@NORTH.LOCAL", ID: "ABC-GUID"}}}, true, true)
	admin := identityPrincipalDataOf(north, identitysvc.Principal{ID: "S-1-5-21-1-500", Name: "ADMINISTRATOR@NORTH.LOCAL", Kind: "user",
		Directory: "NORTH.LOCAL", Enabled: true, TierZero: identity.ReasonMember}, true, true)

	return []pageCase{
		{name: "identity", label: "organisations side by side", pg: signedIn(page{Data: overview}),
			want: []string{`<a class="govuk-link" href="/identity/north-shire">North Shire Council</a>`, `id="score-north-shire">72</span>`,
				`id="reaching-north-shire">3 of 40</td>`, `id="tier-zero-north-shire">6</td>`, "Active Directory NORTH.LOCAL, <time", `title="Monday 2 November 2026 09:30 GMT"`,
				`id="score-south-vale">—</span>`, "None imported", "<polyline", "Identity score of North Shire Council: 60 on 2026-10-30, 72 on 2026-11-02 (scale 50–100)"},
			ids: []string{"orgs"}},
		{name: "identity", label: "nothing in view", pg: signedIn(page{Data: identityOverviewData{}}),
			want: []string{"No organisation is in view"}, wantNot: []string{`id="orgs"`}},
		{name: "identity_org", label: "analyst, refused file", pg: signedIn(page{Data: manage,
			Errors: []fieldError{{"file", "The file was refused and nothing was imported: users.json: $.data[0].ObjectIdentifier: want a string, got 5"}}}),
			want: []string{`id="score">72<span class="govuk-body-s"> / 100</span></p>`, "Analysed 2026-11-02", `id="reaching">3</p>`, "of 40 enabled accounts",
				`id="tier-zero">6</p>`, "<polyline", "5 / 20", `href="/findings?control=privileged-not-protected&amp;org=north-shire&amp;state=open"`,
				`href="/findings?control=tier-zero-path&amp;org=north-shire&amp;state=open"`,
				`Remove <a class="govuk-link" href="/identity/north-shire/principals/S-1-5-21-1-1200">HELPDESK@NORTH.LOCAL</a>’s ForceChangePassword on`,
				"cuts 12 accounts off from Tier Zero", `subject=S-1-5-21-1-1200%3ES-1-5-21-1-1001`,
				"30 accounts reached Tier Zero before the last imports; 31 do now.", "DFM@NORTH.LOCAL —is an administrator of→ WIN10.NORTH.LOCAL —has a signed-in session of→ ADMINISTRATOR@NORTH.LOCAL",
				"and 3 more: see", "<li>and 3 more</li>", ">north.zip</td>", `title="Monday 2 November 2026 09:30 GMT"`, "</time> by shared service staff", ">120</td>", ">480</td>",
				"Backs up the DCs", `<form method="post" action="/identity/north-shire/tier-zero/remove">`, `<input type="hidden" name="object_id" value="S-1-5-21-1-1300">`,
				`<form method="post" action="/identity/north-shire/tier-zero" novalidate>`,
				`<form method="post" action="/identity/north-shire/import" enctype="multipart/form-data" novalidate>`,
				`<option value="entra" selected>Entra ID`, `<a href="#file">The file was refused and nothing was imported: users.json: $.data[0].ObjectIdentifier`},
			wantNot: []string{"grace@"},
			ids:     []string{"summary", "trend", "categories", "choke-points", "changes", "gained", "lost", "directories", "tier-zero-additions", "object", "tier-zero-candidates", "note", "source", "file", "file-error"}},
		{name: "identity_org", label: "officer, nothing imported", pg: signedIn(page{Data: quiet}),
			want: []string{`id="score">—</p>`, "Nothing imported yet", "No analysis in the last 30 days", "No single relation cuts", "No account gained or lost",
				"No directory has been imported for South Vale &amp; District Council", "Nothing has been added by hand"},
			wantNot: []string{"/import", `action="/identity/south-vale/tier-zero`, "<polyline", `id="categories"`, "Organisations side by side"}},
		{name: "identity_paths", label: "searched, more to show", pg: signedIn(page{Data: listed}),
			want: []string{"3 of 40 enabled accounts have a path into Tier Zero (6 objects)", `value="dfm"`,
				`<a class="govuk-link" href="/identity/north-shire/principals/S-1-5-21-1-1105">DFM@NORTH.LOCAL</a>`,
				"DFM@NORTH.LOCAL —is an administrator of→ WIN10.NORTH.LOCAL —has a signed-in session of→ ADMINISTRATOR@NORTH.LOCAL", `href="/identity/north-shire/paths?limit=4&amp;match=dfm">Show more</a>`},
			ids: []string{"paths", "match", "more", "reaching"}},
		{name: "identity_paths", label: "nobody matches", pg: signedIn(page{Data: none}),
			want: []string{"No account matching “nobody” has a path into Tier Zero."}, wantNot: []string{`id="paths"`, `id="more"`}},
		{name: "identity_principal", label: "reaches Tier Zero, analyst", pg: signedIn(page{Data: reaching}),
			want: []string{"DFM &lt;b&gt;@NORTH.LOCAL", `class="ward-path"`, `data-edge="AdminTo"`, "ward-path__node--tier-zero", "No, but it can reach it",
				`<a class="govuk-link" href="/identity/north-shire/principals/S-1-5-21-1-1104">WIN10.NORTH.LOCAL</a>, which <strong title="HasSession">has a signed-in session of</strong>`,
				`href="/identity/north-shire/principals/S-1-5-21-1-1400">IT STAFF@NORTH.LOCAL</a>`, `href="/identity/north-shire/principals/ABC-GUID">TESTGPO@NORTH.LOCAL</a>`,
				`href="/findings?org=north-shire&amp;subject=S-1-5-21-1-1105"`, `<input type="hidden" name="object_id" value="S-1-5-21-1-1105">`},
			wantNot: []string{"DFM <b>"},
			ids:     []string{"facts", "path-picture", "path", "member-of", "rights", "note"}},
		{name: "identity_principal", label: "Tier Zero itself", pg: signedIn(page{Data: admin}),
			want:    []string{"Yes: member of Tier Zero", "No groups.", "No rights over other objects."},
			wantNot: []string{"<svg", `action="/identity/north-shire/tier-zero"`, `id="path"`}},
	}
}
