package web

import (
	"html"
	"time"

	"github.com/ward-shared-service/ward/internal/service/searchsvc"
	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/warp"
)

// warpPageCases are the WARP pages, rendered as TestPagesRender renders
// every page.
func warpPageCases(signedIn func(page) page, north, south store.Org) []pageCase {
	at := time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC)
	links := []deskLink{{"Advisories", "/warp", true}, {"Indicators", "/warp/indicators", false}}
	strict := advisoryRow{ID: 4, Title: "Payroll supplier breach", Summary: "Rotate the SFTP keys", Author: north.Name, Community: "london-warp",
		Published: "2 Nov 2026 09:30", TLP: tlpOf(warp.AmberStrict), Severity: severityTag("high"), Acked: true, Indicators: 2}
	clear := advisoryRow{ID: 5, Title: "Patch the VPN", Author: warp.AnonymousAuthor, TLP: tlpOf(warp.Clear), Severity: severityTag("critical")}
	list := warpListData{Links: links, Filter: map[string]string{"tlp": "AMBER+STRICT", "q": "payroll"}, Markings: markingChoices(true),
		Severities: severityChoices(), Communities: []choice{{"london-warp", "London WARP"}}, Rows: []advisoryRow{strict, clear},
		PrevURL: "/warp?q=payroll", NextURL: "/warp?cursor=k2&q=payroll", ExportURL: "/warp/export.json?q=payroll"}

	ind := warpsvc.IndicatorView{SharedIndicator: store.SharedIndicator{Indicator: warp.Indicator{Type: warp.URL, Value: "https://evil.example/pay"},
		AdvisoryID: 4, AdvisoryTitle: "Payroll supplier breach", ValidFrom: at, Warning: "common services", CommunitySlug: "london-warp"},
		TLP: warp.Amber, Author: north.Name}
	seen := warpsvc.SightingView{Sighting: store.Sighting{Indicator: warp.Indicator{Type: warp.Domain, Value: "evil.example"}, Count: 3,
		FirstSeen: at, LastSeen: at.Add(time.Hour), AdvisoryID: 4, Shared: true, Anonymous: true}, SeenBy: "Brentmere", Own: true, TLP: warp.Amber,
		Line: "proxy.log line 3: evil.example", Ticket: "INC-10042"}
	detail := warpsvc.AdvisoryDetail{AdvisoryView: warpsvc.AdvisoryView{Advisory: store.Advisory{ID: 4, Title: "Payroll <supplier> breach",
		Summary: "Rotate the SFTP keys", Body: "# Detail\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))", Severity: "high",
		PublishedAt: at, ModifiedAt: at.Add(time.Hour), CommunitySlug: "london-warp"}, TLP: warp.AmberStrict, Audience: warp.ToOrgs,
		Recipients: []string{south.Name}, Author: north.Name, Mine: true},
		FollowUps:    []store.AdvisoryUpdate{{Body: "Keys **rotated**", CreatedAt: at}},
		ReadBy:       []store.Ack{{UserName: "Sam Reader", OrgName: south.Name, At: at}},
		IndicatorsOf: []warpsvc.IndicatorView{ind}, Sightings: []warpsvc.SightingView{seen}}
	detail.AckedByViewer = true
	mine := advisoryPageDataOf(detail, true)
	mine.Links = links
	refused := advisoryPageDataOf(detail, true)
	refused.Form = map[string]string{"body": ""}
	other := detail
	other.Mine, other.ReadBy, other.Author, other.AckedByViewer = false, nil, warp.AnonymousAuthor, false
	theirs := advisoryPageDataOf(other, true)

	form := publishData{Links: links, Form: map[string]string{"title": "Look-alike domains", "tlp": "AMBER", "community": "london-warp",
		"indicators": "10.1.2.3\nevil.example", "anonymous": "yes"}, Err: map[string]string{"indicators": "2 of the indicators look like false positives"},
		Orgs:        []orgChoice{{"north-shire", north.Name, "orgs", true}, {"south-vale", south.Name, "orgs-2", false}},
		Communities: []choice{{"london-warp", "London WARP"}}, Markings: markingChoices(true), Severities: severityChoices(),
		Flagged: []flaggedRow{{Value: "10.1.2.3", Type: "ipv4", Reasons: []string{"private addresses: a private address"}}}}
	for _, m := range warp.Markings {
		form.Rules = append(form.Rules, tlpOf(m))
	}

	match := warpMatchData{Links: links, Orgs: []store.Org{north, south}, Form: map[string]string{"org": "south-vale", "share": "named"}, CanTicket: true,
		Report: matchReportOf(south.Name, warpsvc.MatchReport{Lines: 120, Files: 2, Checked: 40, HitsTotal: 1, SharedAs: "named", TicketRef: "INC-10050",
			Hits: []warpsvc.MatchHit{{File: "proxy.log", Line: 12, Indicator: "evil.example", Type: warp.Domain, AdvisoryID: 4, Advisory: "Payroll", TLP: warp.Amber}}})}

	communities := warpCommunitiesData{Links: links, CanManage: true, Orgs: []store.Org{north, south}, Form: map[string]string{"org-london-warp": "south-vale"},
		Communities: []warpsvc.CommunityView{{Community: store.Community{Slug: "london-warp", Name: "London WARP", Description: "Councils of London"},
			Members: []store.CommunityMember{{OrgSlug: "north-shire", OrgName: north.Name, CanPublish: true}, {OrgSlug: "south-vale", OrgName: south.Name}},
			Member:  true, CanPublish: true}, {Community: store.Community{Slug: "empty", Name: "Empty"}}}}

	feed := warpsvc.FeedResult{Format: "list", Community: "london-warp", Indicators: 12, AlreadyHeld: 3, Skipped: []string{"feed.txt: line 4: not an indicator"}}

	return []pageCase{
		{name: "warp", label: "filtered, second page", pg: signedIn(page{Data: list}),
			want: []string{`<strong class="ward-tlp ward-tlp--amber-strict">TLP:AMBER&#43;STRICT</strong>`, `<strong class="ward-tlp ward-tlp--clear">TLP:CLEAR</strong>`,
				`<a class="govuk-link" href="/warp/advisories/4">Payroll supplier breach</a>`, `a member`, `<option value="AMBER+STRICT" selected>`,
				`value="payroll"`, `href="/warp/export.json?q=payroll"`, `rel="next"`, `<span class="govuk-visually-hidden">Read</span>`},
			ids: []string{"advisories", "advisory-4", "q", "tlp", "severity", "community"}},
		{name: "warp", label: "empty", pg: signedIn(page{Data: warpListData{Links: links, Filter: map[string]string{}}}),
			want: []string{"No advisories match."}, wantNot: []string{"STIX 2.1 bundle", `id="community"`}},
		{name: "warp_advisory", label: "the author's", pg: signedIn(page{Flash: "Published", Data: mine}),
			want: []string{`class="ward-tlp-banner ward-tlp-banner--amber-strict"`, warp.AmberStrict.Rule(), `<h1 class="govuk-heading-l">Payroll &lt;supplier&gt; breach</h1>`,
				`<h3 class="govuk-heading-m">Detail</h3>`, `<p class="govuk-body">x</p>`, `Keys <strong>rotated</strong>`, "Sam Reader", html.EscapeString(south.Name),
				"evil[.]example", "hxxps://evil[.]example/pay", `action="/warp/advisories/4/updates"`, "Ticket INC-10042", "You have marked this as read"},
			wantNot: []string{"<script>", "alert(1)", "javascript:", `action="/warp/advisories/4/acknowledge"`},
			ids:     []string{"tlp-banner", "tlp-rule", "body", "read-by", "indicators", "sightings", "body-update"}},
		{name: "warp_advisory", label: "a follow-up refused", pg: signedIn(page{Errors: []fieldError{{"body-update", "Write the update"}}, Data: refused}),
			want: []string{`<a href="#body-update">Write the update</a>`, `id="body-update-error"`}},
		{name: "warp_advisory", label: "another org's, unread", pg: signedIn(page{Data: theirs}),
			want:    []string{`action="/warp/advisories/4/acknowledge"`, "Mark as read", "Advisory from a member"},
			wantNot: []string{"Sam Reader", `id="read-by"`, `/updates"`}},
		{name: "warp_new", label: "flagged indicators", pg: signedIn(page{Errors: []fieldError{{"indicators", "2 of the indicators look like false positives"}}, Data: form}),
			want: []string{`<form method="post" action="/warp/advisories"`, `id="allow_warnings"`, "10.1.2.3", "private addresses", `value="north-shire" checked`,
				`id="anonymous" name="anonymous" type="checkbox" value="yes" checked`, `<option value="AMBER" selected>TLP:AMBER</option>`, warp.Red.Rule()},
			ids: []string{"title", "summary", "body", "severity", "community", "tlp", "orgs", "orgs-2", "people", "indicators", "indicators-error", "flagged-indicators"}},
		{name: "warp_new", label: "cannot publish", pg: signedIn(page{Data: publishData{Links: links, Form: map[string]string{}, Err: map[string]string{}}}),
			want: []string{"may not publish in any WARP community"}, wantNot: []string{"<form method=\"post\" action=\"/warp/advisories\""}},
		{name: "warp_indicators", label: "one", pg: signedIn(page{Data: warpIndicatorsData{Links: links, Filter: map[string]string{"type": "url"}, Types: indicatorTypeChoices(),
			Markings: markingChoices(true), Rows: []indicatorRow{indicatorRowOf(ind)}}}),
			want: []string{"hxxps://evil[.]example/pay", `<option value="url" selected>`, `href="/warp/advisories/4"`, "On a warning list: common services"},
			ids:  []string{"indicators", "type", "tlp", "q"}},
		{name: "warp_sightings", label: "own", pg: signedIn(page{Data: warpSightingsData{Links: links, Own: true, Rows: []sightingRow{sightingRowOf(seen)}}}),
			want: []string{"evil[.]example", "proxy[.]log line 3: evil[.]example", "shared as “a member”", `href="/warp/sightings"`}, ids: []string{"sightings"}},
		{name: "search", label: "found", pg: signedIn(page{Data: searchData{Query: "ASH-INC-10003", Asked: true, Results: searchsvc.Results{Query: "ASH-INC-10003",
			Groups: []searchsvc.Group{{Kind: "tickets", Name: "Tickets", Hits: []searchsvc.Hit{{Title: "ASH-INC-10003 Printer", Path: "/tickets/ASH-INC-10003", Exact: true}}}}}}}),
			want: []string{`href="/tickets/ASH-INC-10003"`, "Exact match"}, ids: []string{"q", "results-tickets"}},
		{name: "warp_match", label: "a report", pg: signedIn(page{Data: match}),
			want: []string{"1 hit in " + html.EscapeString(south.Name), "proxy.log:12", "evil[.]example", `<form method="post" action="/warp/match" enctype="multipart/form-data"`,
				`type="file" multiple`, `<option value="south-vale" selected>`, `value="named" checked`, "Ticket INC-10050"},
			ids: []string{"hits", "org", "share", "ticket", "files"}},
		{name: "warp_match", label: "refused", pg: signedIn(page{Errors: []fieldError{{"files", "Choose one or more log files to check"}},
			Data: warpMatchData{Links: links, Form: map[string]string{}}}),
			want: []string{`<a href="#files">`, `id="files-error"`}, wantNot: []string{`id="org"`, `id="ticket"`}},
		{name: "warp_communities", label: "administrator", pg: signedIn(page{Errors: []fieldError{{"org-london-warp", "Choose an organisation"}}, Data: communities}),
			want: []string{"London WARP", north.Name, "No, reads only", `action="/warp/communities/london-warp/members"`, `action="/warp/communities/london-warp/members/remove"`,
				`<option value="south-vale" selected>`, `action="/warp/communities"`, `<a href="#org-london-warp">`},
			ids: []string{"org-london-warp", "org-empty", "can_publish-london-warp", "slug", "name", "description"}},
		{name: "warp_communities", label: "member", pg: signedIn(page{Data: warpCommunitiesData{Links: links, Communities: communities.Communities[:1]}}),
			want: []string{"Your organisation is a member and may publish here"}, wantNot: []string{`action="/warp/communities`}},
		{name: "warp_import", label: "loaded", pg: signedIn(page{Data: warpImportData{Links: links, Communities: []choice{{"london-warp", "London WARP"}},
			Markings: markingChoices(false), Form: map[string]string{"tlp": "GREEN", "flagged": "drop"}, Result: &feed}}),
			want:    []string{"12 new indicators", "3 already held", "line 4", `<form method="post" action="/warp/import" enctype="multipart/form-data"`, `value="drop" checked`},
			wantNot: []string{"TLP:RED"},
			ids:     []string{"community", "tlp", "flagged", "skip_bad", "file", "import-result"}},
	}
}
