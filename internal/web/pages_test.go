package web

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/reader/ticketcsv"
	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// pageCase is one page rendered with sample data of the type its handler
// passes, and what a person looking at the result would check.
type pageCase struct {
	name    string // page template, as passed to s.render
	label   string // what this case shows, for failure messages
	pg      page
	want    []string // substrings that must appear
	wantNot []string // substrings that must not appear
	ids     []string // elements that must exist, by id
}

func TestPagesRender(t *testing.T) {
	ps, err := loadPages()
	if err != nil {
		t.Fatal(err)
	}

	at := time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC)   // 09:30 GMT
	later := time.Date(2025, 7, 1, 13, 5, 0, 0, time.UTC) // 14:05 BST
	used := later.Add(-time.Hour)
	revoked := later.Add(-2 * time.Hour)

	shared := store.Org{ID: 1, Slug: "shared", Name: "Shared IT Service", Kind: tenancy.KindSharedService, TimeZone: "Europe/London", CreatedAt: at}
	north := store.Org{ID: 2, Slug: "north-shire", Name: "North Shire Council", Kind: tenancy.KindCouncil, TimeZone: "Europe/London", CreatedAt: at}
	south := store.Org{ID: 3, Slug: "south-vale", Name: "South Vale & District Council", Kind: tenancy.KindCouncil, TimeZone: "Europe/London", CreatedAt: later}
	orgs := []store.Org{shared, north, south}

	admin := store.User{ID: 7, OrgID: 1, Email: "ada@shared.example.gov.uk", Name: "Ada Admin", Role: tenancy.RoleAdmin, TOTPEnabled: true, CreatedAt: at, UpdatedAt: later,
		PasswordHash: "$argon2id$SECRET-HASH", TOTPSecret: "SECRETTOTPSEED"}
	officer := store.User{ID: 12, OrgID: 2, Email: "olu@north-shire.example.gov.uk", Name: "Olu Officer", Role: tenancy.RoleOfficer, CreatedAt: at, UpdatedAt: at}
	gone := store.User{ID: 13, OrgID: 2, Email: "gail@north-shire.example.gov.uk", Name: "Gail Gone", Role: tenancy.RoleOfficer, Disabled: true, CreatedAt: at, UpdatedAt: later}

	openTicket := store.Ticket{ID: 7, OrgID: 2, Ticket: desk.Ticket{Ref: "INC-10007", Type: desk.Incident, Priority: desk.P2, Channel: desk.Portal,
		Title: "Scanner offline", Caller: "Priya Shah", State: desk.InProgress, OpenedAt: at}}
	openClocks := desk.Measurement{Resolution: desk.Clock{Target: 8 * time.Hour, Used: 6 * time.Hour, Left: 2 * time.Hour, Status: desk.Running, Warning: 75,
		Deadline: at.Add(3 * time.Hour)}}
	doneTicket := store.Ticket{ID: 41, OrgID: 3, Ticket: desk.Ticket{Ref: "INC-10041", Type: desk.Incident, Priority: desk.P2, Channel: desk.WalkUp,
		Title: "Printer on floor 2 jams", Description: "Laptop will not print\nafter the update", Caller: "Tom Ellis", Assignee: "Sam Agent",
		AssignmentGroup: "Service desk", State: desk.Resolved, OpenedAt: at, ResolvedAt: at.Add(90 * time.Minute)}}
	doneClocks := desk.Measurement{Resolution: desk.Clock{Target: 8 * time.Hour, Used: 90 * time.Minute, Left: 390 * time.Minute, Status: desk.Met}}

	signedIn := func(p page) page {
		p.User = &userView{Name: admin.Name, RoleLabel: admin.Role.Label()}
		p.Nav = []navItem{{"Home", "/", false}, {"Organisations", "/orgs", false}, {"Users", "/admin/users", false}, {"API tokens", "/admin/tokens", false}, {"Audit log", "/admin/audit", false}}
		p.Switcher = []orgOption{{"shared", shared.Name, false}, {"north-shire", north.Name, false}, {"south-vale", south.Name, false}}
		p.Version = "test"
		return p
	}
	entries := []auditRow{
		{Entry: audit.Entry{Seq: 102, At: later, Actor: "user:ada@shared.example.gov.uk", Action: audit.UserCreate, Target: "user:olu@north-shire.example.gov.uk", IP: "192.0.2.10"},
			Who: "Ada Lovelace", WhoID: "user:ada@shared.example.gov.uk"},
		{Entry: audit.Entry{Seq: 101, At: at, Actor: "anonymous", Action: audit.SignInFailed, Target: "user:olu@north-shire.example.gov.uk"}, Who: "ward", WhoID: "anonymous"},
	}
	tokens := []tokenRow{
		{Token: store.APIToken{ID: 31, OrgID: 2, Role: tenancy.RoleOfficer, Name: "Nightly asset sync", Prefix: "ward_ab12", CreatedBy: "user:ada@shared.example.gov.uk", CreatedAt: at, ExpiresAt: later.Add(90 * 24 * time.Hour), LastUsedAt: &used}, OrgName: north.Name, Active: true},
		{Token: store.APIToken{ID: 32, OrgID: 2, Role: tenancy.RoleOfficer, Name: "Old report job", Prefix: "ward_cd34", CreatedAt: at, ExpiresAt: later.Add(time.Hour), RevokedAt: &revoked}, OrgName: north.Name},
		{Token: store.APIToken{ID: 33, OrgID: 3, Role: tenancy.RoleMember, Name: "WARP feed", Prefix: "ward_ef56", CreatedAt: at, ExpiresAt: at.Add(time.Hour)}, OrgName: south.Name},
	}

	cases := []pageCase{
		{name: "signin", label: "blank", pg: page{Flash: "You have signed out", Data: signInData{Next: "/admin/users?x=1", SSO: true}},
			want: []string{`<form method="post" action="/signin"`, `name="email" type="email"`, `autocomplete="username"`, `type="password" autocomplete="current-password"`,
				`<input type="hidden" name="next" value="/admin/users?x=1">`, `>Sign in</button>`, `href="/signin/oidc"`, `Sign in with your organisation's account`, `You have signed out`},
			wantNot: []string{"govuk-error-summary", "/signout"},
			ids:     []string{"email", "password"}},
		{name: "signin", label: "failed, no SSO", pg: page{Errors: []fieldError{{"email", badSignIn}}, Data: signInData{Email: "ada@shared.example.gov.uk", Next: "/"}},
			want:    []string{`<title>Error: Sign in – ward</title>`, `<a href="#email">` + badSignIn + `</a>`, `govuk-form-group--error`, `id="email-error"`, `value="ada@shared.example.gov.uk"`},
			wantNot: []string{"/signin/oidc"}},
		{name: "twofactor", label: "wrong code", pg: page{User: &userView{Name: admin.Name, RoleLabel: "Administrator"}, Errors: []fieldError{{"code", "The code is not right"}}, Data: map[string]string{"Next": "/orgs"}},
			want: []string{`<form method="post" action="/signin/2fa"`, `<a href="#code">The code is not right</a>`, `autocomplete="one-time-code"`,
				`Enter the 6-digit code from your authenticator app, or one of your recovery codes`, `<input type="hidden" name="next" value="/orgs">`, `govuk-form-group--error`},
			wantNot: []string{`inputmode="numeric"`},
			ids:     []string{"code", "code-error"}},
		{name: "enrol", label: "required, with error", pg: page{User: &userView{Name: admin.Name, RoleLabel: "Administrator"}, Errors: []fieldError{{"code", "The code is not right"}}, Data: enrolData{Secret: "JBSWY3DPEHPK3PXP", Email: admin.Email, Required: true}},
			want: []string{`<img class="ward-totp-qr" src="/account/2fa/qr.png" alt="QR code to scan with your authenticator app" width="240" height="240">`,
				`<code class="ward-secret" id="totp-secret">JBSWY3DPEHPK3PXP</code>`, `<form method="post" action="/account/2fa/setup"`, `Your role must use two-factor sign-in`, `<a href="#code">`},
			ids: []string{"code", "totp-secret"}},
		{name: "enrol", label: "optional", pg: signedIn(page{Data: enrolData{Secret: "JBSWY3DPEHPK3PXP", Email: officer.Email}}),
			want: []string{`id="totp-secret"`, `ward-totp-qr`}, wantNot: []string{"Your role must use"}},
		{name: "enrol", label: "already on", pg: signedIn(page{Data: enrolData{Already: true}}),
			want: []string{"Two-factor sign-in is already on"}, wantNot: []string{"qr.png", "totp-secret", `action="/account/2fa/setup"`}},
		{name: "recovery", label: "codes", pg: signedIn(page{Flash: "Two-factor sign-in is on", Data: enrolData{Codes: []string{"abcde-fghjk", "mnpqr-stuvw"}}}),
			want: []string{`<ul class="govuk-list" id="recovery-codes">`, "abcde-fghjk", "mnpqr-stuvw", "govuk-warning-text", "shown once", `href="/"`, ">Continue</a>", "Two-factor sign-in is on"}},
		{name: "home", label: "admin", pg: signedIn(page{OrgName: north.Name, Data: homeData{Role: tenancy.RoleAdmin, NeedsTOTP: true, ShowOrgs: true, ShowPeople: true, ShowAdmin: true,
			Orgs: []orgSummary{{Org: north, Sites: 3, Teams: 2, People: 41}, {Org: south, Sites: 1}}, Recent: entries}}),
			want: []string{">Administration</h1>", `href="/account/2fa/setup"`, `<a class="govuk-link" href="/orgs/north-shire">North Shire Council</a>`, "South Vale &amp; District Council",
				">People</th>", ">41</td>", "Recent activity", "user.create", `<span title="user:ada@shared.example.gov.uk">Ada Lovelace</span>`, `title="Tuesday 1 July 2025 14:05 BST"`, `title="Friday 14 March 2025 09:30 GMT"`}},
		{name: "home", label: "committee", pg: page{User: &userView{Name: "Cat Committee", RoleLabel: "Committee member"}, Nav: []navItem{{"Home", "/", true}, {"Organisations", "/orgs", false}},
			Data: homeData{Role: tenancy.RoleCommittee, Orgs: []orgSummary{{Org: north, Sites: 3, Teams: 2, People: 41}}, ShowOrgs: true, ShowReports: true}},
			want: []string{">Committee</h1>", `href="/orgs/north-shire"`}, wantNot: []string{">People</th>", ">41<", "Recent activity", "/account/2fa/setup"}},
		{name: "home", label: "WARP member", pg: page{User: &userView{Name: "Mo Member", RoleLabel: "WARP member"}, Nav: []navItem{{"Home", "/", true}},
			Data: homeData{Role: tenancy.RoleMember, Orgs: []orgSummary{{Org: south, Sites: 1, Teams: 1}}, ShowWARP: true}},
			want: []string{">WARP</h1>", "South Vale &amp; District Council"}, wantNot: []string{`href="/orgs/`}},
		{name: "orgs", label: "admin", pg: signedIn(page{Data: map[string]any{"Orgs": []orgSummary{{Org: north, Sites: 3, Teams: 2, People: 41}}, "CanAdd": true}}),
			want: []string{`href="/admin/orgs/new"`, "Add an organisation", `href="/orgs/north-shire"`, "Council"}},
		{name: "orgs", label: "cannot add", pg: signedIn(page{Data: map[string]any{"Orgs": []orgSummary{{Org: north}}, "CanAdd": false}}),
			wantNot: []string{"/admin/orgs/new"}},
		{name: "org", label: "manage, site error", pg: signedIn(page{Errors: []fieldError{{"site_name", "The organisation already has a site called \"Depot\""}},
			Data: orgDetailData{Org: north, ShowPeople: true, CanManage: true,
				Sites: []store.Site{{ID: 1, OrgID: 2, Name: "Town Hall", Address: "1 High Street", CreatedAt: at}},
				Teams: []store.Team{{ID: 1, OrgID: 2, Name: "Revenues", CreatedAt: at}},
				Users: summariseAll([]store.User{officer, gone}),
				Form:  map[string]string{"site_name": "Depot", "site_address": "Mill Lane", "team_name": ""}}}),
			want: []string{"<code>north-shire</code>", "Europe/London", "14 Mar 2025 09:30", "Town Hall", "Revenues", "olu@north-shire.example.gov.uk", "IT officer", ">Disabled</strong>",
				`<form method="post" action="/orgs/north-shire/sites"`, `<form method="post" action="/orgs/north-shire/teams"`, `value="Depot"`, `value="Mill Lane"`, `<a href="#site_name">`},
			ids: []string{"site_name", "site_address", "team_name", "site_name-error"}},
		{name: "org", label: "read only, no people", pg: signedIn(page{Data: orgDetailData{Org: south}}),
			want: []string{"No sites yet", "No teams yet"}, wantNot: []string{"<form method=\"post\" action=\"/orgs/", ">People</h2>"}},
		{name: "org_new", label: "slug error", pg: signedIn(page{Errors: []fieldError{{"slug", "An organisation with slug \"north-shire\" already exists"}},
			Data: map[string]any{"Form": map[string]string{"slug": "north-shire", "name": "North Shire Council", "kind": "partner"}, "Kinds": tenancy.OrgKinds}}),
			want: []string{`<form method="post" action="/admin/orgs"`, `<a href="#slug">`, `value="north-shire"`, `<option value="partner" selected>Partner</option>`, `<option value="council">Council</option>`, `>Shared service</option>`},
			ids:  []string{"slug", "name", "kind"}},
		{name: "org_new", label: "blank", pg: signedIn(page{Data: map[string]any{"Form": map[string]string{}, "Kinds": tenancy.OrgKinds}}),
			ids: []string{"slug", "name", "kind"}},
		{name: "users", label: "list", pg: signedIn(page{Data: []userRow{{User: summarise(admin), OrgName: shared.Name}, {User: summarise(gone), OrgName: north.Name}}}),
			want: []string{`href="/admin/users/7">Ada Admin</a>`, `href="/admin/users/13">Gail Gone</a>`, "Administrator", `href="/admin/users/new"`, "Add a user", ">Disabled</strong>", ">On</strong>", ">Off</strong>"}},
		{name: "user_new", label: "role error", pg: signedIn(page{Errors: []fieldError{{"role", "A Administrator cannot belong to a council organisation"}},
			Data: userFormData{Form: map[string]string{"org": "north-shire", "email": "new@north-shire.example.gov.uk", "name": "New Person", "role": "admin"}, Orgs: orgs, Roles: tenancy.Roles}}),
			want: []string{`<form method="post" action="/admin/users"`, `<option value="north-shire" selected>`, `<option value="admin" selected>Administrator</option>`, `value="new@north-shire.example.gov.uk"`,
				`name="grant" type="checkbox" value="south-vale"`, "For shared-service agents, analysts and committee members", `<a href="#role">`},
			wantNot: []string{"new-password"},
			ids:     []string{"org", "email", "name", "role", "grant", "role-error"}},
		{name: "user_new", label: "created", pg: signedIn(page{Flash: "User olu@north-shire.example.gov.uk added",
			Data: userFormData{Form: map[string]string{"org": "north-shire", "email": officer.Email, "name": officer.Name, "role": "officer"}, Orgs: orgs, Roles: tenancy.Roles, Created: ref(summarise(officer)), Password: "tidy-otter-copper-42"}}),
			want: []string{`<code class="ward-secret" id="new-password">tidy-otter-copper-42</code>`, "shown once", officer.Email, "Add another user"},
			ids:  []string{"new-password", "email"}},
		{name: "user", label: "other user, new password", pg: signedIn(page{Data: userDetailData{User: summarise(officer), OrgName: north.Name, Grants: []store.Org{south}, GrantOptions: []store.Org{shared}, CanGrant: true, Password: "brisk-heron-maple-17"}}),
			want: []string{`<code class="ward-secret" id="new-password">brisk-heron-maple-17</code>`, "South Vale &amp; District Council",
				`action="/admin/users/12/disable"`, `action="/admin/users/12/reset-2fa"`, `action="/admin/users/12/reset-password"`, "govuk-button--warning", `action="/admin/users/12/ungrant"`, `<input type="hidden" name="org" value="south-vale">`, `action="/admin/users/12/grant"`, `id="grant-org"`},
			wantNot: []string{"/enable"}},
		{name: "user", label: "self", pg: signedIn(page{Data: userDetailData{User: summarise(admin), OrgName: shared.Name, Self: true}}),
			want:    []string{`action="/admin/users/7/reset-password"`, "Only their own organisation"},
			wantNot: []string{"/disable", "new-password", "SECRET-HASH", "SECRETTOTPSEED"}},
		{name: "user", label: "disabled", pg: signedIn(page{Data: userDetailData{User: summarise(gone), OrgName: north.Name}}),
			want: []string{`action="/admin/users/13/enable"`}, wantNot: []string{"/disable"}},
		{name: "tokens", label: "new token", pg: signedIn(page{Data: tokensData{Tokens: tokens, Orgs: orgs, Roles: tenancy.Roles, Form: map[string]string{"days": "90"}, NewToken: "ward_ab12_secretpart"}}),
			want: []string{`<code class="ward-secret" id="new-token">ward_ab12_secretpart</code>`, "shown once", `<form method="post" action="/admin/tokens"`,
				"ward_ab12…", ">Active</strong>", ">Revoked</strong>", ">Expired</strong>", `action="/admin/tokens/31/revoke"`, `value="90"`, "Never", `title="Tuesday 1 July 2025 13:05 BST"`},
			wantNot: []string{`/admin/tokens/32/revoke`, `/admin/tokens/33/revoke`},
			ids:     []string{"org", "role", "name", "days"}},
		{name: "tokens", label: "days error", pg: signedIn(page{Errors: []fieldError{{"days", "Enter how many days the token lasts, as a whole number"}},
			Data: tokensData{Orgs: orgs, Roles: tenancy.Roles, Form: map[string]string{"org": "south-vale", "role": "member", "name": "WARP feed", "days": "ninety"}}}),
			want:    []string{`<a href="#days">`, `id="days-error"`, `value="ninety"`, `<option value="south-vale" selected>`, `<option value="member" selected>`, "There are no API tokens yet"},
			wantNot: []string{"new-token"}},
		{name: "tokens", label: "expires error", pg: signedIn(page{Errors: []fieldError{{"expires", "A token must last between an hour and two years"}},
			Data: tokensData{Orgs: orgs, Roles: tenancy.Roles, Form: map[string]string{"days": "9000"}}}),
			want: []string{`<a href="#expires">`, `id="days-error"`}},
		{name: "audit", label: "page with older", pg: signedIn(page{Data: auditData{Filter: map[string]string{"action": "user.create", "actor": "ada@shared.example.gov.uk"}, Filtered: true,
			People: []choice{{"ada@shared.example.gov.uk", "Ada Lovelace (ada@shared.example.gov.uk)"}}, Orgs: []choice{{"north-shire", north.Name}},
			Actions: []choice{{"user.create", "User added"}}, Entries: entries,
			OlderURL: "/admin/audit?action=user.create&before=101", NewestURL: "/admin/audit?action=user.create", CSVURL: "/admin/audit.csv?action=user.create"}}),
			want: []string{`<form method="get" action="/admin/audit"`, `name="action"`, `<option value="user.create" selected>User added</option>`,
				`<option value="ada@shared.example.gov.uk" selected>Ada Lovelace (ada@shared.example.gov.uk)</option>`, ">102</td>", "192.0.2.10", "itself recorded",
				`<span title="user:ada@shared.example.gov.uk">Ada Lovelace</span>`, `href="/admin/audit?action=user.create&amp;before=101"`, "Older entries",
				`href="/admin/audit.csv?action=user.create" download>Download these entries as CSV`},
			ids: []string{"action", "actor", "org", "from", "to", "q", "entries"}},
		{name: "audit", label: "last page", pg: signedIn(page{Data: auditData{Filter: map[string]string{}, Entries: entries, CSVURL: "/admin/audit.csv"}}),
			want: []string{"Download the log as CSV"}, wantNot: []string{"before=", "Older entries"}},
		{name: "audit", label: "every error at once", pg: signedIn(page{Errors: []fieldError{{"action", "Choose an action from the list"}, {"from", "The first day must be a real date"}},
			Data: auditData{Filter: map[string]string{"action": "x", "from": "7 Dec"}, Filtered: true}}),
			want:    []string{`<a href="#action">Choose an action from the list</a>`, `<a href="#from">The first day must be a real date</a>`, `id="action-error"`, `id="from-error"`, `value="7 Dec"`},
			wantNot: []string{"Download", "No entries"}},
		{name: "account", label: "two-factor on, password error", pg: signedIn(page{Errors: []fieldError{{"confirm", "The new passwords do not match"}},
			Data: accountData{User: summarise(admin), OrgName: shared.Name, RecoveryLeft: 2, SessionExpiry: "21:30 on 14 Mar 2025"}}),
			want: []string{"Ada Admin", admin.Email, "Shared IT Service", "Administrator", ">On</strong>", "Recovery codes left", "21:30 on 14 Mar 2025",
				`<form method="post" action="/account/recovery-codes"`, `<form method="post" action="/account/password"`, `autocomplete="current-password"`, `autocomplete="new-password"`, `<a href="#confirm">`},
			wantNot: []string{"SECRET-HASH", "SECRETTOTPSEED"},
			ids:     []string{"current", "password", "confirm", "confirm-error"}},
		{name: "account", label: "two-factor off", pg: signedIn(page{Data: accountData{User: summarise(officer), OrgName: north.Name, SessionExpiry: "21:30 on 14 Mar 2025"}}),
			want: []string{">Off</strong>", `href="/account/2fa/setup"`}, wantNot: []string{"/account/recovery-codes"}},
		{name: "tickets", label: "agent, filtered, paged", pg: signedIn(page{Data: ticketListData{
			Links: []deskLink{{"Dashboard", "/desk", false}, {"Tickets", "/tickets", true}}, Filter: map[string]string{"state": "open", "priority": "P2", "q": "printer", "org": "north-shire"},
			Orgs: orgs, States: desk.States, Priorities: desk.Priorities, Channels: desk.Channels, Types: desk.Types, ShowOrg: true,
			Sorts: ticketSortOptions, SortCols: ticketSortColumns(map[string]string{"state": "open"}, "priority"), Count: "More than 10,000 tickets",
			Rows:    []ticketRow{rowOf(openTicket, openClocks, north), rowOf(doneTicket, doneClocks, south)},
			PrevURL: "/tickets?cursor=b1&state=open", NextURL: "/tickets?cursor=a2&state=open"}}),
			want: []string{`<form method="get" action="/tickets"`, `<option value="open" selected>`, `<option value="P2" selected>P2</option>`, `value="printer"`,
				`<option value="north-shire" selected>North Shire Council</option>`, `href="/tickets/INC-10041">INC-10041</a>`, "Printer on floor 2 jams", "North Shire Council",
				`title="Friday 14 March 2025 09:30 GMT"`, "Nearing breach", "govuk-tag--orange", ">Met</strong>", `href="/tickets?cursor=a2&amp;state=open"`, `rel="prev"`, `aria-current="page"`,
				"More than 10,000 tickets", `aria-sort="ascending"><a class="govuk-link" href="/tickets?sort=priority&amp;state=open">Priority</a>`,
				`<a class="govuk-link" href="/tickets?state=open">Opened</a>`},
			ids: []string{"state", "priority", "channel", "type", "q", "org", "sort", "tickets"}},
		{name: "tickets", label: "officer, none", pg: signedIn(page{Data: ticketListData{Filter: map[string]string{}, States: desk.States, Priorities: desk.Priorities,
			Channels: desk.Channels, Types: desk.Types}}),
			want: []string{"No tickets match"}, wantNot: []string{`id="org"`, "govuk-pagination", ">Organisation</th>"}},
		{name: "ticket_new", label: "staff, title error", pg: signedIn(page{Errors: []fieldError{{"title", "Say in a few words what is wrong or wanted"}},
			Data: ticketNewData{Form: map[string]string{"org": "north-shire", "type": "request", "impact": "high", "urgency": "low", "priority": "P2", "channel": "phone", "description": "Line one\nline two"},
				Orgs: orgs, Staff: true, Types: desk.Types, Levels: []desk.Level{desk.High, desk.Medium, desk.Low}, Priorities: desk.Priorities, Channels: desk.Channels}}),
			want: []string{`<form method="post" action="/tickets"`, `<a href="#title">Say in a few words`, `id="title-error"`, `<option value="north-shire" selected>`,
				`value="request" checked`, `<option value="high" selected>high</option>`, `<option value="P2" selected>P2</option>`, `<option value="phone" selected>phone</option>`,
				"Line one\nline two", `list="categories"`, `<datalist id="categories">`},
			ids: []string{"org", "type", "title", "description", "category", "impact", "urgency", "priority", "channel", "caller"}},
		{name: "ticket_new", label: "officer", pg: signedIn(page{Data: ticketNewData{Form: map[string]string{"type": "incident", "impact": "medium", "urgency": "medium"},
			OrgName: north.Name, Types: desk.Types, Levels: []desk.Level{desk.High, desk.Medium, desk.Low}}}),
			want: []string{`value="incident" checked`, north.Name}, wantNot: []string{`id="priority"`, `id="channel"`, `id="caller"`, `id="org"`},
			ids: []string{"type", "title", "description", "impact", "urgency"}},
		{name: "ticket", label: "agent, with clocks and history", pg: signedIn(page{Errors: []fieldError{{"state", "INC-10041 is resolved: reopen it first"}},
			Data: ticketData{Ticket: doneTicket, OrgName: south.Name, Opened: "14 Mar 2025 09:30", Resolved: "14 Mar 2025 11:00", Impact: "high", Urgency: "medium",
				Events: []eventRow{{When: "14 Mar 2025 09:30", Who: "ada@shared.example.gov.uk", What: "Logged; state New; priority P2", Note: "first line\nsecond line"},
					{When: "14 Mar 2025 11:00", Who: "service desk staff", What: "State changed; state Resolved"}},
				Clocks: []clockRow{{Name: "Response", Target: "1 h", Used: "20 min", Paused: "0 min", Deadline: "—", Left: "40 min", Status: tag{"Met", "govuk-tag--green"}},
					{Name: "Resolution", Target: "8 h", Used: "1 h 30 min", Paused: "10 min", Deadline: "—", Left: "6 h 30 min", Status: tag{"Met", "govuk-tag--green"}, Warning: "50% of the target used"}},
				SLA: tag{"Met", "govuk-tag--green"}, CanWork: true, CanReopen: true, States: desk.States[1:], Priorities: desk.Priorities,
				Form: map[string]string{"state": "in-progress", "priority": "P2", "assignment_group": "Service desk", "assignee": "7"}, Assignees: []choice{{"7", "Sam Okafor"}, {"9", "Priya Raman"}}, NobodyLabel: "Nobody"}}),
			want: []string{"INC-10041: Printer on floor 2 jams", "South Vale &amp; District Council", ">Response</th>", ">Resolution</th>", "1 h 30 min", "50% of the target used", "first line<br>second line",
				"service desk staff", `<form method="post" action="/tickets/INC-10041"`, `<option value="in-progress" selected>In progress</option>`, `<option value="7" selected>Sam Okafor</option>`, `<option value="">Nobody</option>`,
				`Record a response to the caller`, `<a href="#state">`, "Laptop will not print<br>after the update", "Time left"},
			wantNot: []string{"reopen-form", "Verdict"},
			ids:     []string{"state", "priority", "assignment_group", "assignee", "note", "respond", "clocks", "history", "state-error"}},
		{name: "ticket", label: "agent, resolved ticket", pg: signedIn(page{Errors: []fieldError{{"note", "Enter why the ticket is being reopened"}},
			Data: ticketData{Ticket: doneTicket, OrgName: south.Name, Opened: "14 Mar 2025 09:30", Resolved: "14 Mar 2025 11:00",
				Clocks: []clockRow{{Name: "Response", Target: "1 h", Used: "20 min", Paused: "0 min", Stopped: "14 Mar 2025 09:50", Status: tag{"Met", "govuk-tag--green"}, Verdict: "Met: 20 min of 1 h, 40 min to spare"},
					{Name: "Resolution", Target: "8 h", Used: "9 h 30 min", Paused: "10 min", Stopped: "14 Mar 2025 11:00", Status: tag{"Breached", "govuk-tag--red"}, Verdict: "Breached: 9 h 30 min of 8 h, 1 h 30 min over"}},
				SLA: tag{"Breached", "govuk-tag--red"}, CanWork: true, CanReopen: true, Finished: true, Form: map[string]string{"reopen": "yes"}}}),
			want: []string{"Verdict", "Met: 20 min of 1 h, 40 min to spare", "Breached: 9 h 30 min of 8 h, 1 h 30 min over", "14 Mar 2025 11:00",
				`<form method="post" action="/tickets/INC-10041" novalidate id="reopen-form">`, "Why reopen it?", `<a href="#note">Enter why`, `id="close-form"`},
			wantNot: []string{"Time left", `id="state"`, `id="priority"`, `id="assignee"`, `id="respond"`, "Save changes"},
			ids:     []string{"note", "note-error", "reopen-form", "close-form", "clocks"}},
		{name: "ticket", label: "officer, closed ticket", pg: signedIn(page{Data: ticketData{Ticket: doneTicket, OrgName: south.Name, Opened: "14 Mar 2025 09:30",
			Clocks: []clockRow{{Name: "Resolution", Target: "8 h", Used: "1 h 30 min", Status: tag{"Met", "govuk-tag--green"}, Verdict: "Met: 1 h 30 min of 8 h, 6 h 30 min to spare"}},
			SLA:    tag{"Met", "govuk-tag--green"}, Finished: true, Form: map[string]string{}}}),
			want:    []string{"Met: 1 h 30 min of 8 h, 6 h 30 min to spare", "cannot be reopened", `href="/tickets/new"`},
			wantNot: []string{"Time left", "reopen-form", "close-form", `id="note"`, "Add note"},
			ids:     []string{"closed-note", "clocks"}},
		{name: "ticket", label: "officer, open ticket", pg: signedIn(page{Data: ticketData{Ticket: openTicket, OrgName: north.Name, Opened: "14 Mar 2025 09:30",
			Clocks: []clockRow{{Name: "Resolution", Target: "8 h", Used: "6 h", Left: "2 h", Status: tag{"Nearing breach", "govuk-tag--orange"}}},
			SLA:    tag{"Nearing breach", "govuk-tag--orange"}, Form: map[string]string{"note": "Still broken"}}}),
			want:    []string{`<form method="post" action="/tickets/INC-10007"`, "Add note", ">Still broken</textarea>", "Nearing breach"},
			wantNot: []string{`id="state"`, `id="priority"`, `id="assignee"`, `id="respond"`, `id="reopen"`},
			ids:     []string{"note"}},
		{name: "walkup", label: "agent, caller error", pg: signedIn(page{Errors: []fieldError{{"caller", "Enter the name of the person you helped"}},
			Data: walkUpData{Form: map[string]string{"org": "south-vale", "fixed": "yes", "title": "Password reset"}, Orgs: orgs,
				People: []string{"Priya Shah", "Tom Ellis"}, Sites: []string{"Town Hall"}}}),
			want: []string{`<form method="post" action="/desk/walk-up"`, `<option value="south-vale" selected>`, `<datalist id="people">`, `<option value="Priya Shah">`,
				`<option value="Town Hall">`, `id="fixed" name="fixed" type="checkbox" value="yes" checked`, `value="Password reset"`, `<a href="#caller">`},
			ids: []string{"org", "caller", "site", "category", "title", "fixed", "caller-error", "people", "sites"}},
		{name: "walkup", label: "one org, after a visit", pg: signedIn(page{Flash: "Logged INC-10042 for Priya Shah, fixed on the spot",
			Data: walkUpData{Form: map[string]string{"fixed": "yes"}, OrgName: north.Name}}),
			want: []string{"Logged INC-10042 for Priya Shah", north.Name, `value="yes" checked`}, wantNot: []string{`id="org"`}},
		{name: "desk_import", label: "after an import with repairs", pg: signedIn(page{Data: deskImportData{Orgs: orgs,
			Form: map[string]string{"org": "south-vale", "source": "servicenow"},
			Result: &desksvc.ImportResult{File: "log.csv", Rows: 6, Tickets: 2, Created: 2, RepairedTickets: 1, Repairs: []ticketcsv.Repair{
				{Line: 3, Ticket: "INC7", Column: "incident_state", What: `"-100" is not a state ward knows: kept as written, and the SLA clocks run through it`}}}}}),
			want: []string{`<form method="post" action="/desk/import" enctype="multipart/form-data"`, `<option value="south-vale" selected>`,
				"Imported log.csv: 6 rows, 2 tickets: 2 new, 0 updated, 0 unchanged.", "Repaired 1 ticket (1 repair)",
				`<td class="govuk-table__cell govuk-table__cell--numeric">3</td>`, "<code>incident_state</code>", "&#34;-100&#34; is not a state ward knows",
				`value="servicenow" checked`, `id="strict" name="strict" type="checkbox"`},
			ids: []string{"org", "source", "strict", "file", "import-result", "repaired", "repairs"}},
		{name: "desk_import", label: "one org, the file refused", pg: signedIn(page{Errors: []fieldError{{"file", "The file was refused and nothing was imported: log.csv: line 3: ticket INC1: sys_mod_count 1 appears twice"}},
			Data: deskImportData{OrgName: north.Name, Form: map[string]string{"source": "csv", "strict": "yes"}}}),
			want:    []string{north.Name, `<a href="#file">`, "sys_mod_count 1 appears twice", `value="csv" checked`, `name="strict" type="checkbox" value="yes" checked`},
			wantNot: []string{`id="org"`, `id="import-result"`, `id="repairs"`},
			ids:     []string{"file-error"}},
		{name: "desk", label: "dashboard", pg: signedIn(page{Data: deskData{
			OpenByPriority: []desksvc.PriorityCount{{Priority: desk.P1, Count: 1}, {Priority: desk.P2, Count: 0}, {Priority: desk.P3, Count: 12}, {Priority: desk.P4, Count: 3}}, Open: 16,
			Nearing:  []ticketRow{rowOf(openTicket, openClocks, north)},
			Channels: []desksvc.ChannelCount{{Channel: desk.Portal, Count: 4}, {Channel: desk.WalkUp, Count: 2}}, OpenedToday: 6, ResolvedToday: 5,
			Today: []ticketRow{rowOf(doneTicket, doneClocks, south)}, ShowOrg: true, Date: "Friday 14 March 2025"}}),
			want: []string{`id="open-P3">12</p>`, `href="/tickets?state=open&amp;priority=P1"`, "16 open in all", `href="/tickets/INC-10007">INC-10007</a>`, "Nearing breach",
				`id="today-walk-up">2</p>`, ">Walk-up</h3>", `id="today-opened">6</p>`, `id="today-resolved">5</p>`, "Logged today", "Friday 14 March 2025", "South Vale &amp; District Council"},
			ids: []string{"open-by-priority", "nearing-breach", "today-by-channel", "today"}},
		{name: "desk", label: "quiet", pg: signedIn(page{Data: deskData{Date: "Friday 14 March 2025"}}),
			want: []string{"No open ticket is near its resolution target"}, wantNot: []string{`id="today"`}},
		{name: "report_sla", label: "report", pg: signedIn(page{Data: slaReportData{Orgs: orgs, Form: map[string]string{"org": "north-shire", "from": "2025-02-01", "to": "2025-02-28"},
			Report: &report.SLA{Org: "north-shire", OrgName: north.Name, From: "2025-02-01", To: "2025-02-28", TimeZone: "Europe/London", Basis: report.Basis,
				Priorities: []report.PriorityRow{{Priority: "P3", Opened: 40, Resolved: 38, WithinTarget: 35, PercentWithinTarget: 92.11, TargetPercent: 90, TargetMet: true, MedianResolutionHours: 5.5, Percentile90ResolutionHours: 14.25},
					{Priority: "P1", TargetPercent: 90}, {Priority: "P2", Opened: 3, Resolved: 3, WithinTarget: 2, PercentWithinTarget: 66.67, TargetPercent: 90}},
				Channels: []report.Count{{Name: "walk-up", Count: 7}}, Categories: []report.Count{{Name: "Printing", Count: 9}}, Months: []report.Count{{Name: "2025-02", Count: 43}}, Backlog: []report.Count{{Name: "under 1 working day", Count: 2}},
				NearestBreach: []report.OpenTicket{{Ref: "INC-10050", Priority: "P3", Title: "Scanner offline", State: "In progress", Status: "running", LeftHours: 1.5}}},
			Downloads: map[string]string{"csv": "/reports/sla?format=csv&from=2025-02-01&org=north-shire&to=2025-02-28", "html": "/reports/sla?format=html", "json": "/reports/sla?format=json"}}}),
			want: []string{`<form method="get" action="/reports/sla"`, `value="2025-02-01"`, `<option value="north-shire" selected>`, "92.1% (90.0%)", ">Met</strong>", ">Missed</strong>", "None resolved",
				"5.50", "14.25", "walk-up", "Printing", "2025-02", "under 1 working day", "INC-10050", "Scanner offline",
				`href="/reports/sla?format=csv&amp;from=2025-02-01&amp;org=north-shire&amp;to=2025-02-28"`, "Download as CSV", "Tickets are counted in the period in which they were opened"},
			ids: []string{"org", "from", "to", "priorities", "downloads", "nearest-breach", "categories", "channels", "months", "backlog"}},
		{name: "report_sla", label: "choose org, date error", pg: signedIn(page{Errors: []fieldError{{"from", "Enter the date as year-month-day, for example 2026-04-01"}},
			Data: slaReportData{Orgs: orgs, Form: map[string]string{"from": "31/02/2025"}}}),
			want: []string{`<a href="#from">`, `value="31/02/2025"`, `id="from-error"`}, wantNot: []string{`id="priorities"`}},
		{name: "calls_import", label: "imported", pg: signedIn(page{Data: callsImportData{Orgs: orgs, Form: map[string]string{"org": "north-shire"},
			Result: &desksvc.CallImportResult{File: "calls.csv", Calls: 12, New: 10, Linked: 2}}}),
			want: []string{`action="/desk/calls/import" enctype="multipart/form-data"`, "Imported calls.csv: 12 calls, 10 new, 2 linked to tickets."},
			ids:  []string{"org", "file", "import-result"}},
		{name: "report_telephony", label: "report", pg: signedIn(page{Data: telephonyReportData{Orgs: orgs, Form: map[string]string{"org": "north-shire", "from": "2025-02-01", "to": "2025-02-28"},
			Report: &report.Telephony{Org: "north-shire", OrgName: north.Name, From: "2025-02-01", To: "2025-02-28", TimeZone: "Europe/London", Basis: report.TelephonyBasis,
				Calls:        report.CallTotals{CallFigures: report.CallFigures{Offered: 20, Answered: 15, Abandoned: 4, PercentAnswered: 75, PercentWithin20: 53.33, AverageQueue: 41.42, P90Queue: 120}},
				FirstTimeFix: report.FixFigures{WithTicket: 9, Fixed: 4, Rate: 44.44}, Agents: []report.FixFigures{{Agent: "Ann Lee", WithTicket: 4, Fixed: 2, Rate: 50}},
				Days: []report.CallFigures{{Name: "Monday", Offered: 5, Answered: 4}, {Name: "Tuesday"}}, Hours: []report.CallFigures{{Name: "09:00", Offered: 6, P90Queue: 37}}},
			Downloads: map[string]string{"csv": "/reports/telephony?format=csv", "json": "/reports/telephony?format=json"}}}),
			want:    []string{`<form method="get" action="/reports/telephony"`, "41.42 s", "120 s", "4 of 9 answered calls with a ticket (44.4%)", "Ann Lee", "Monday", "09:00", "90th percentile queue (s)", ">37</td>"},
			wantNot: []string{"Tuesday"}, ids: []string{"org", "from", "to", "calls", "downloads", "by-day", "by-hour", "by-agent"}},
		{name: "error", label: "not found", pg: page{Data: map[string]any{"Status": 404, "Title": "Page not found", "Message": "If you typed the web address, check it is correct."}},
			want: []string{`<h1 class="govuk-heading-l">Page not found</h1>`, "If you typed the web address, check it is correct.", `href="/"`, "<title>Page not found – ward</title>"}},
	}

	cases = append(cases, posturePageCases(signedIn, north, south)...)
	cases = append(cases, identityPageCases(signedIn, north, south)...)
	cases = append(cases, warpPageCases(signedIn, north, south)...)
	cases = append(cases, settingsPageCases(signedIn, north, south)...)
	cases = append(cases, surveyPageCases(signedIn, north, south)...)
	cases = append(cases, walkupPageCases(signedIn, north)...)
	cases = append(cases, majorPageCases(signedIn, north, south)...)
	cases = append(cases, peoplePageCases(signedIn, north, south)...)
	cases = append(cases, peopleAccountsPageCases(signedIn, north)...)
	cases = append(cases, trainingPageCases(signedIn, north)...)
	cases = append(cases, policyPageCases(signedIn, north)...)
	cases = append(cases, phishingPageCases(signedIn, north, south)...)

	routes := postRoutes(t)
	seen := map[string]bool{}
	for _, c := range cases {
		t.Run(c.name+"/"+c.label, func(t *testing.T) {
			seen[c.name] = true
			tmpl := ps.byName[c.name]
			if tmpl == nil {
				t.Fatalf("no page template %q", c.name)
			}
			var b strings.Builder
			if err := tmpl.ExecuteTemplate(&b, "layout", c.pg); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("missing %q", w)
				}
			}
			for _, w := range c.wantNot {
				if strings.Contains(out, w) {
					t.Errorf("should not contain %q", w)
				}
			}
			ids := elementIDs(out)
			for _, id := range c.ids {
				if ids[id] == 0 {
					t.Errorf("no element with id %q", id)
				}
			}
			checkPageMarkup(t, out, ids, routes)
			if c.pg.Flash != "" && !strings.Contains(out, c.pg.Flash) {
				t.Errorf("flash %q not shown", c.pg.Flash)
			}
			if t.Failed() {
				t.Log(out)
			}
		})
	}
	for name := range ps.byName {
		if !seen[name] {
			t.Errorf("page template %q has no test case", name)
		}
	}
}

var (
	idAttr      = regexp.MustCompile(`\sid="([^"]*)"`)
	scriptTag   = regexp.MustCompile(`<script\b[^>]*>`)
	handlerAttr = regexp.MustCompile(`(?i)\son[a-z]+\s*=`)
	formTag     = regexp.MustCompile(`<form\b[^>]*>`)
	attr        = regexp.MustCompile(`\s([a-z-]+)="([^"]*)"`)
	fieldTag    = regexp.MustCompile(`<(input|select|textarea)\b[^>]*>`)
	summaryLink = regexp.MustCompile(`<a href="#([^"]*)">`)
	labelFor    = regexp.MustCompile(`<label\b[^>]*\sfor="([^"]*)"`)
	// identityPathsSearch is the search box of an org's attack paths.
	identityPathsSearch = regexp.MustCompile(`^/identity/[^/]+/paths$`)
	inventorySearch     = regexp.MustCompile(`^/posture/[^/]+/devices$`)
)

func elementIDs(out string) map[string]int {
	ids := map[string]int{}
	for _, m := range idAttr.FindAllStringSubmatch(out, -1) {
		ids[m[1]]++
	}
	return ids
}

func attrs(tag string) map[string]string {
	m := map[string]string{}
	for _, a := range attr.FindAllStringSubmatch(tag, -1) {
		m[a[1]] = a[2]
	}
	return m
}

// checkPageMarkup checks what every page must get right: nothing the strict
// CSP blocks, unique ids, error summary links that land on a field, a label
// for every field, and forms that post to a real route.
func checkPageMarkup(t *testing.T, out string, ids map[string]int, routes []*regexp.Regexp) {
	t.Helper()
	if strings.Contains(out, "style=") {
		t.Error("style= attribute present")
	}
	for _, tag := range scriptTag.FindAllString(out, -1) {
		if !strings.Contains(tag, ` src="`) {
			t.Errorf("inline script: %s", tag)
		}
	}
	if h := handlerAttr.FindString(out); h != "" {
		t.Errorf("inline event handler: %s", h)
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %q used %d times", id, n)
		}
	}
	for _, m := range summaryLink.FindAllStringSubmatch(out, -1) {
		if ids[m[1]] == 0 {
			t.Errorf("error summary links to #%s, which is not on the page", m[1])
		}
	}
	labelled := map[string]bool{}
	for _, m := range labelFor.FindAllStringSubmatch(out, -1) {
		labelled[m[1]] = true
	}
	for _, tag := range fieldTag.FindAllString(out, -1) {
		a := attrs(tag)
		if a["type"] == "hidden" {
			continue
		}
		if a["id"] == "" || !labelled[a["id"]] {
			t.Errorf("field without a label: %s", tag)
		}
	}
	for _, tag := range formTag.FindAllString(out, -1) {
		a := attrs(tag)
		if a["method"] == "get" && (slices.Contains([]string{"/admin/audit", "/tickets", "/reports/sla", "/reports/satisfaction", "/reports/telephony", "/findings", "/warp", "/warp/indicators", "/search", "/desk/queue", "/reports/walkup", "/major"}, a["action"]) ||
			identityPathsSearch.MatchString(a["action"]) || settingsRecomputeGET.MatchString(a["action"]) || inventorySearch.MatchString(a["action"]) ||
			peopleListGET.MatchString(a["action"])) {
			continue // filters, searches and report periods are bookmarkable GETs
		}
		if a["method"] != "post" {
			t.Errorf("form is not method=post: %s", tag)
			continue
		}
		if !slices.ContainsFunc(routes, func(re *regexp.Regexp) bool { return re.MatchString(a["action"]) }) {
			t.Errorf("form posts to %q, which is no POST route", a["action"])
		}
	}
}

// postRoutes turns the POST page routes into patterns: {slug} and {id}
// match one path segment.
func postRoutes(t *testing.T) []*regexp.Regexp {
	t.Helper()
	var out []*regexp.Regexp
	for _, r := range (&Server{}).pageRoutes() {
		if r.Method != "POST" {
			continue
		}
		parts := strings.Split(r.Path, "/")
		for i, p := range parts {
			if strings.HasPrefix(p, "{") {
				parts[i] = `[^/]+`
			} else {
				parts[i] = regexp.QuoteMeta(p)
			}
		}
		out = append(out, regexp.MustCompile("^"+strings.Join(parts, "/")+"$"))
	}
	if len(out) == 0 {
		t.Fatal("no POST routes")
	}
	return out
}

// The brief's own example, spelled out: the summary link for a field error
// lands on the field.
func TestPagesErrorSummaryLandsOnField(t *testing.T) {
	ps, err := loadPages()
	if err != nil {
		t.Fatal(err)
	}
	for name, field := range map[string]string{"twofactor": "code", "signin": "email", "account": "password"} {
		var data any
		switch name {
		case "twofactor":
			data = map[string]string{"Next": "/"}
		case "signin":
			data = signInData{Next: "/"}
		case "account":
			data = accountData{User: userSummary{Name: "A", Email: "a@example.org", Role: tenancy.RoleOfficer}}
		}
		var b strings.Builder
		msg := fmt.Sprintf("Problem with %s", field)
		if err := ps.byName[name].ExecuteTemplate(&b, "layout", page{Errors: []fieldError{{field, msg}}, Data: data}); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if !strings.Contains(out, `<a href="#`+field+`">`+msg+`</a>`) {
			t.Errorf("%s: no summary link to #%s", name, field)
		}
		if n := strings.Count(out, ` id="`+field+`"`); n != 1 {
			t.Errorf("%s: %d elements with id %q, want 1", name, n, field)
		}
		if !strings.Contains(out, `id="`+field+`-error"`) {
			t.Errorf("%s: error not shown inline by the field", name)
		}
	}
}

func ref[T any](v T) *T { return &v }
