package web

import (
	"time"

	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
	"github.com/ward-shared-service/ward/internal/store"
)

// posturePageCases are the posture pages, rendered as TestPagesRender
// renders every page.
func posturePageCases(signedIn func(page) page, north, south store.Org) []pageCase {
	at := time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC)
	trend := []posturesvc.DayCompliance{{Day: "2026-10-30", Compliance: 50}, {Day: "2026-10-31", Compliance: 62.5}, {Day: "2026-11-02", Compliance: 87.5}}
	overview := posturesvc.Overview{Org: north.Slug, OrgName: north.Name, EvaluatedOn: "2026-11-02", Compliance: 87.5, Open: 3, Accepted: 1, Overdue: 1,
		BySeverity: map[string]int{"high": 2, "medium": 1}, TrendDays: 30, OverallTrend: trend, OSTableAsOf: "2026-10-01",
		OfficialMail: []string{"north-shire.gov.uk"}, Disabled: []string{"stale-device"},
		Controls: []posturesvc.ControlStatus{
			{Control: "disk-encryption", Title: "Storage is encrypted", Severity: "high", Subject: "device", Pass: 7, Fail: 2, Compliance: 87.5, Accepted: 1, Open: 1, Trend: trend},
			{Control: "firewall", Title: "Host firewall is on", Severity: "medium", Subject: "device", Pass: 8, Compliance: 100, Unknown: 2},
			{Control: "external-forwarding", Title: "Mail is not forwarded outside the council", Severity: "critical", Subject: "mailbox", Compliance: 100},
		},
		Identity: []posturesvc.OpenCount{
			{Control: "tier-zero-path", Failure: "Ordinary account has a path to Tier Zero", Kind: "account", Severity: "high", Open: 1},
			{Control: "global-admin-count", Failure: "Too many standing Global Administrators", Kind: "directory", Severity: "medium", Open: 1},
		},
		ByKind: []posturesvc.OpenCount{{Kind: "device", Open: 1}, {Kind: "account", Open: 1}, {Kind: "directory", Open: 1}},
		Worst: []posturesvc.WorstSubject{{Subject: finding.Subject{Kind: finding.Device, Key: "device:41", Name: "NSC-LT-0142"}, Score: 10,
			Findings: []string{"disk-encryption", "local-admin"}}},
		Ages: []posturesvc.AgeBand{{Label: "under a week", Count: 2}, {Label: "1–4 weeks", Count: 1}, {Label: "1–3 months"}, {Label: "over 3 months"}},
	}
	quiet := posturesvc.Overview{Org: south.Slug, OrgName: south.Name, TrendDays: 30, BySeverity: map[string]int{}, OSTableAsOf: "2026-10-01",
		Ages: []posturesvc.AgeBand{{Label: "under a week"}}}

	manage := postureOrgDataOf(north, overview, true)
	manage.Form = map[string]string{"format": "ward"}
	manage.Failure = &importFailure{File: "devices.csv", Line: 3, Column: "last_seen", Reason: `"31/02/2026" is not a date`,
		Message: `devices.csv:3: column "last_seen": "31/02/2026" is not a date`}
	officer := postureOrgDataOf(south, quiet, false)

	compare := compareDataOf([]posturesvc.Overview{overview, quiet})
	compare.Links = []deskLink{{"Councils side by side", "/posture", true}, {"Findings", "/findings", false}}

	open := finding.Finding{ID: 77, OrgID: north.ID, Control: "disk-encryption", Severity: "high", State: finding.Open,
		Subject:   finding.Subject{Kind: finding.Device, Key: "device:41", Name: "NSC-LT-0142"},
		Evidence:  []finding.Evidence{{Field: "encrypted", Value: "no", Want: "yes"}, {Item: "volume D:", Field: "bitlocker", Value: "off"}},
		FirstSeen: at, LastSeen: at.Add(72 * time.Hour)}
	overdue := open
	overdue.ID, overdue.TicketID, overdue.TicketRef, overdue.DueAt = 78, 9, "REQ-10009", at.Add(14*24*time.Hour)
	accepted := open
	accepted.ID, accepted.State = 79, finding.Accepted
	accepted.Acceptance = &finding.Acceptance{Reason: "Lab machine on an isolated VLAN", Owner: "Head of ICT", Expires: time.Date(2027, 1, 31, 0, 0, 0, 0, london),
		By: "user:grace@abc-shared.example", At: at}
	now := at.Add(30 * 24 * time.Hour)
	events := []finding.Event{{At: at, Kind: finding.Opened},
		{At: at.Add(time.Hour), Kind: finding.AcceptedRisk, Actor: "user:grace@abc-shared.example", Note: "Lab machine (owner Head of ICT, until 2027-01-31)"}}
	who := func(actor string) string {
		if actor == "user:grace@abc-shared.example" {
			return "shared service staff"
		}
		return actor
	}
	detail := func(f finding.Finding, can findingData) findingData {
		d := findingDataOf(f, events, north, who, now)
		d.CanAccept, d.CanRevoke, d.CanTicket = can.CanAccept, can.CanRevoke, can.CanTicket
		if can.Form != nil {
			d.Form = can.Form
		}
		return d
	}

	inventory := inventoryDataOf(north, map[string]string{"kind": "laptop", "failing": "disk-encryption", "seen": "stale", "owner": "jo"}, true)
	inventory.Count = deviceCount(51)
	inventory.Rows = []inventoryRow{inventoryRowOf(north.Slug, posturesvc.InventoryDevice{StoredDevice: store.StoredDevice{ID: 41, OrgID: north.ID,
		Device: posture.Device{Name: "NSC-LT-0142", Serial: "PF3ABC12", Type: posture.Laptop, OS: posture.Windows, OSVersion: "10.0.22631", LastSeen: at}},
		Failing: []string{"disk-encryption"}}, london)}
	inventory.NextURL = inventory.link("", "NDE6TlNDLUxULTAxNDI")

	return []pageCase{
		{name: "posture", label: "councils side by side", pg: signedIn(page{Data: compare}),
			want: []string{`<a class="govuk-link" href="/posture/north-shire">North Shire Council</a>`, `id="compliance-north-shire">87.5%</span>`,
				`id="compliance-south-vale">—</span>`, ">never</td>", `href="/findings?org=north-shire&amp;state=open" id="open-north-shire">3</a>`,
				"of which High", "Storage is encrypted", `href="/findings?control=disk-encryption&amp;org=north-shire&amp;state=open">87.5%</a>`,
				">off</td>", `<polyline`, `role="img"`, "Compliance of North Shire Council: 50.0% on 2026-10-30, 87.5% on 2026-11-02",
				`govuk-tag--red">1</strong>`},
			ids: []string{"councils", "controls"}},
		{name: "posture", label: "no councils", pg: signedIn(page{Data: postureCompareData{}}),
			want: []string{"No council is in view"}, wantNot: []string{`id="councils"`}},
		{name: "posture_org", label: "analyst, refused import", pg: signedIn(page{Errors: []fieldError{{"file", "The file was refused and nothing was imported: " + manage.Failure.Message}}, Data: manage}),
			want: []string{`id="compliance">87.5%</p>`, `id="open">3</p>`, `id="overdue">1</p>`, "Evaluated 2026-11-02", `<polyline`,
				`<tr class="govuk-table__row" id="control-disk-encryption">`, ">Storage is encrypted<br>", `href="/findings?control=disk-encryption&amp;org=north-shire&amp;state=open">1</a>`,
				`href="/findings?control=disk-encryption&amp;org=north-shire&amp;state=accepted">1</a>`, `href="/findings?org=north-shire&amp;state=accepted" id="accepted-link">`,
				`id="open-devices">1</a> on devices and mailboxes`, `id="open-identity">2</a> from identity checks`,
				`href="/findings?kind=account&amp;org=north-shire&amp;state=open">1</a>`, `href="/findings?kind=directory&amp;org=north-shire&amp;state=open">1</a>`,
				">Ordinary account has a path to Tier Zero</th>", `href="/findings?control=tier-zero-path&amp;org=north-shire&amp;state=open">1</a>`,
				`href="/identity/north-shire">`, `href="/posture/north-shire/devices" id="inventory-link"`,
				"Switched off for this organisation: stale-device.", `href="/findings?org=north-shire&amp;state=open&amp;subject=device%3A41">NSC-LT-0142</a>`,
				"Storage is not encrypted<br>Everyday user is a local administrator", ">under a week</th>", "north-shire.gov.uk", "as of 2026-10-01",
				`<form method="post" action="/posture/north-shire/import" enctype="multipart/form-data"`, `<option value="ward" selected>ward device CSV</option>`,
				`<optgroup label="Mailboxes">`, `name="file" type="file"`, `<form method="post" action="/posture/north-shire/evaluate"`,
				`id="failure-line">3</dd>`, `id="failure-column">last_seen</dd>`, `&#34;31/02/2026&#34; is not a date`, `<a href="#file">`},
			ids: []string{"summary", "trend", "by-severity", "by-kind", "controls", "identity", "worst", "ages", "baseline", "format", "file", "file-error", "import-failure"}},
		{name: "posture_org", label: "officer, nothing evaluated", pg: signedIn(page{Data: officer}),
			want:    []string{`id="compliance">—</p>`, "Not evaluated yet", "No evaluation in the last 30 days", "No device or mailbox has an open finding", "None set: the mail-domain controls are not checked"},
			wantNot: []string{"/import", "/evaluate", `id="file"`, "<polyline"}},
		{name: "findings", label: "filtered, paged", pg: signedIn(page{Data: findingListData{
			Links: []deskLink{{"Findings", "/findings", true}}, Filter: map[string]string{"org": "north-shire", "state": "open", "severity": "high", "control": "disk-encryption", "subject": "device:41"},
			Orgs: []store.Org{north, south}, States: []choice{{"open", "Open"}, {"accepted", "Accepted"}}, Severities: []choice{{"critical", "Critical"}, {"high", "High"}},
			Kinds: []choice{{"device", "Device"}}, Controls: posture.Catalogue(), ShowOrg: true, Total: 51,
			Rows:    []findingRow{findingRowOf(open, north.Name, london, now), findingRowOf(overdue, north.Name, london, now)},
			NextURL: "/findings?cursor=k1&org=north-shire", CSVURL: "/findings.csv?org=north-shire&state=open"}}),
			want: []string{`<form method="get" action="/findings"`, `<option value="open" selected>Open</option>`, `<option value="high" selected>High</option>`,
				`<option value="disk-encryption" selected>Storage is encrypted</option>`, `<option value="north-shire" selected>North Shire Council</option>`,
				`<input type="hidden" name="subject" value="device:41">`, "51 findings", `href="/findings.csv?org=north-shire&amp;state=open" download`,
				`href="/findings/77">Storage is not encrypted</a>`, "NSC-LT-0142", `href="/tickets/REQ-10009">REQ-10009</a>`, "due 16 Nov 2026", `govuk-tag--red">Overdue</strong>`,
				`title="Monday 2 November 2026 09:30 GMT"`, `rel="next"`, "Worst and oldest first"},
			ids: []string{"state", "severity", "kind", "org", "control", "findings", "total"}},
		{name: "inventory", label: "filtered, a next page", pg: signedIn(page{Data: inventory}),
			want: []string{`<form method="get" action="/posture/north-shire/devices"`, `<option value="laptop" selected>Laptop</option>`,
				`<option value="disk-encryption" selected>Storage is not encrypted</option>`, `<option value="stale" selected>Not for 30 days, or never</option>`,
				`value="jo"`, `id="total">51 devices, by name.`, `href="/posture/north-shire/devices.csv?failing=disk-encryption&amp;kind=laptop&amp;owner=jo&amp;seen=stale" download`,
				">NSC-LT-0142<br>", "PF3ABC12", "Windows 10.0.22631", `href="/findings?org=north-shire&amp;state=open&amp;subject=device%3A41">Storage is not encrypted</a>`,
				`href="/posture/north-shire/devices?cursor=NDE6TlNDLUxULTAxNDI&amp;failing=disk-encryption&amp;kind=laptop&amp;owner=jo&amp;seen=stale" rel="next"`, "Next page"},
			ids: []string{"kind", "os", "seen", "failing", "q", "owner", "devices", "total"}},
		{name: "inventory", label: "none", pg: signedIn(page{Data: inventoryDataOf(north, map[string]string{}, false)}),
			want: []string{"No devices match"}, wantNot: []string{"govuk-pagination", ".csv"}},
		{name: "findings", label: "none", pg: signedIn(page{Data: findingListData{Filter: map[string]string{}}}),
			want: []string{"No findings match"}, wantNot: []string{`id="org"`, "govuk-pagination", ".csv"}},
		{name: "finding", label: "analyst, open, expiry error", pg: signedIn(page{Errors: []fieldError{{"expires", "Enter the date the acceptance ends, for example 2027-02-02"}},
			Data: detail(open, findingData{CanAccept: true, CanTicket: true, Form: map[string]string{"reason": "Lab machine", "owner": "Head of ICT", "expires": "31/01/2027"}})}),
			want: []string{"Storage is not encrypted: NSC-LT-0142", `id="state">Open</strong>`, `id="severity">High</strong>`, "so a lost or stolen device does not expose council data", "Policy: ",
				"<code>encrypted</code>", ">no</td>", ">yes</td>", ">volume D:</td>", "<code>bitlocker</code>", ">None</dd>",
				`<form method="post" action="/findings/77/accept"`, `<form method="post" action="/findings/77/ticket"`, ">Lab machine</textarea>",
				`value="Head of ICT"`, `value="31/01/2027"`, `<a href="#expires">`, "Found failing", "Risk accepted", "shared service staff", "until 2027-01-31", `title="Monday 2 November 2026 10:30 GMT"`},
			wantNot: []string{"/revoke", `id="acceptance"`, `id="overdue"`, "grace@"},
			ids:     []string{"evidence", "history", "reason", "owner", "expires", "expires-error", "finding-fields", "subject"}},
		{name: "finding", label: "accepted, may revoke", pg: signedIn(page{Data: detail(accepted, findingData{CanRevoke: true})}),
			want:    []string{`id="state">Accepted</strong>`, "Lab machine on an isolated VLAN", "Head of ICT", `id="accepted-until">31 Jan 2027</dd>`, "shared service staff", `<form method="post" action="/findings/79/revoke"`},
			wantNot: []string{"/accept\"", "/ticket\""},
			ids:     []string{"acceptance"}},
		{name: "finding", label: "officer, ticket overdue", pg: signedIn(page{Data: detail(overdue, findingData{})}),
			want:    []string{`id="overdue">Overdue</strong>`, `href="/tickets/REQ-10009">REQ-10009</a>, remediation due 16 Nov 2026`},
			wantNot: []string{"<form method=\"post\" action=\"/findings/"}},
	}
}
