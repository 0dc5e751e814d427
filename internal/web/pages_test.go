package web

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
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

	signedIn := func(p page) page {
		p.User = &userView{Name: admin.Name, RoleLabel: admin.Role.Label()}
		p.Nav = []navItem{{"Home", "/", false}, {"Organisations", "/orgs", false}, {"Users", "/admin/users", false}, {"API tokens", "/admin/tokens", false}, {"Audit log", "/admin/audit", false}}
		p.Switcher = []orgOption{{"shared", shared.Name, false}, {"north-shire", north.Name, false}, {"south-vale", south.Name, false}}
		p.Version = "test"
		return p
	}
	entries := []audit.Entry{
		{Seq: 102, At: later, Actor: "user:ada@shared.example.gov.uk", Action: audit.UserCreate, Target: "user:olu@north-shire.example.gov.uk", IP: "192.0.2.10"},
		{Seq: 101, At: at, Actor: "anonymous", Action: audit.SignInFailed, Target: "user:olu@north-shire.example.gov.uk"},
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
				">People</th>", ">41</td>", "Recent activity", "user.create", "1 Jul 2025 14:05", "14 Mar 2025 09:30"}},
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
				"ward_ab12…", ">Active</strong>", ">Revoked</strong>", ">Expired</strong>", `action="/admin/tokens/31/revoke"`, `value="90"`, "Never", "1 Jul 2025 13:05"},
			wantNot: []string{`/admin/tokens/32/revoke`, `/admin/tokens/33/revoke`},
			ids:     []string{"org", "role", "name", "days"}},
		{name: "tokens", label: "days error", pg: signedIn(page{Errors: []fieldError{{"days", "Enter how many days the token lasts, as a whole number"}},
			Data: tokensData{Orgs: orgs, Roles: tenancy.Roles, Form: map[string]string{"org": "south-vale", "role": "member", "name": "WARP feed", "days": "ninety"}}}),
			want:    []string{`<a href="#days">`, `id="days-error"`, `value="ninety"`, `<option value="south-vale" selected>`, `<option value="member" selected>`, "There are no API tokens yet"},
			wantNot: []string{"new-token"}},
		{name: "tokens", label: "expires error", pg: signedIn(page{Errors: []fieldError{{"expires", "A token must last between an hour and two years"}},
			Data: tokensData{Orgs: orgs, Roles: tenancy.Roles, Form: map[string]string{"days": "9000"}}}),
			want: []string{`<a href="#expires">`, `id="days-error"`}},
		{name: "audit", label: "page with older", pg: signedIn(page{Data: map[string]any{"Entries": entries, "Older": int64(101), "Action": "user.create"}}),
			want: []string{`<form method="get" action="/admin/audit"`, `name="action"`, `value="user.create"`, ">102</td>", "192.0.2.10", "itself recorded",
				`href="/admin/audit?before=101&amp;action=user.create"`, "Older entries"},
			ids: []string{"action"}},
		{name: "audit", label: "last page", pg: signedIn(page{Data: map[string]any{"Entries": entries, "Older": int64(0), "Action": ""}}),
			wantNot: []string{"before=", "Older entries"}},
		{name: "account", label: "two-factor on, password error", pg: signedIn(page{Errors: []fieldError{{"confirm", "The new passwords do not match"}},
			Data: accountData{User: summarise(admin), OrgName: shared.Name, RecoveryLeft: 2, SessionExpiry: "21:30 on 14 Mar 2025"}}),
			want: []string{"Ada Admin", admin.Email, "Shared IT Service", "Administrator", ">On</strong>", "Recovery codes left", "21:30 on 14 Mar 2025",
				`<form method="post" action="/account/recovery-codes"`, `<form method="post" action="/account/password"`, `autocomplete="current-password"`, `autocomplete="new-password"`, `<a href="#confirm">`},
			wantNot: []string{"SECRET-HASH", "SECRETTOTPSEED"},
			ids:     []string{"current", "password", "confirm", "confirm-error"}},
		{name: "account", label: "two-factor off", pg: signedIn(page{Data: accountData{User: summarise(officer), OrgName: north.Name, SessionExpiry: "21:30 on 14 Mar 2025"}}),
			want: []string{">Off</strong>", `href="/account/2fa/setup"`}, wantNot: []string{"/account/recovery-codes"}},
		{name: "error", label: "not found", pg: page{Data: map[string]any{"Status": 404, "Title": "Page not found", "Message": "If you typed the web address, check it is correct."}},
			want: []string{`<h1 class="govuk-heading-l">Page not found</h1>`, "If you typed the web address, check it is correct.", `href="/"`, "<title>Page not found – ward</title>"}},
	}

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
		if a["method"] == "get" && a["action"] == "/admin/audit" {
			continue
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
