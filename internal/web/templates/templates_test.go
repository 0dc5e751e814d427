package templates

import (
	"html/template"
	"regexp"
	"strings"
	"testing"
)

// These mirror the fields the layout reads; the real types live elsewhere.
type (
	navItem struct {
		Label, Href string
		Active      bool
	}
	user struct{ Name, RoleLabel string }
	org  struct {
		Slug, Name string
		Selected   bool
	}
	errItem  struct{ Field, Message string }
	pageData struct {
		Nav      []navItem
		User     *user
		Switcher []org
		OrgName  string
		Errors   []errItem
		Flash    string
		Version  string
		Wide     bool
	}
)

const page = `{{define "title"}}Dashboard{{end}}{{define "content"}}<h1 class="govuk-heading-l">Dashboard</h1>{{end}}`

func render(t *testing.T, data any) string {
	t.Helper()
	tmpl, err := template.New("").ParseFS(FS, "layout.html", "partials.html")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tmpl.New("page").Parse(page); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := tmpl.ExecuteTemplate(&b, "layout", data); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// checkCSP fails on anything the strict Content-Security-Policy would block.
func checkCSP(t *testing.T, out string) {
	t.Helper()
	for _, tag := range regexp.MustCompile(`<script\b[^>]*>`).FindAllString(out, -1) {
		if !strings.Contains(tag, ` src="`) {
			t.Errorf("inline script: %s", tag)
		}
	}
	if strings.Contains(out, "style=") {
		t.Error("style= attribute present")
	}
}

func TestLayout(t *testing.T) {
	data := struct{ pageData }{
		pageData: pageData{
			Nav:  []navItem{{"Dashboard", "/", true}, {"Incidents", "/incidents", false}},
			User: &user{Name: "Ada Lovelace", RoleLabel: "Service admin"},
			Switcher: []org{
				{"north", "North Council", false},
				{"south", "South Council", true},
				{"east", "East & Co", false},
			},
			OrgName: "South Council",
			Errors:  []errItem{{"name", "Enter a name"}, {"email", "Enter an email address"}},
			Flash:   "Settings saved",
			Version: "1.2.3",
		},
	}

	out := render(t, data)
	want := []string{
		`<title>Error: Dashboard – ward</title>`,
		`<form method="post" action="/signout"`,
		`>Sign out</button>`,
		`Ada Lovelace`, `Service admin`, `href="/account"`,
		`<form method="post" action="/org/switch" class="ward-org-switcher">`,
		`<select class="govuk-select" id="ward-org" name="org">`,
		`<option value="">All my organisations</option>`,
		`<option value="north">North Council</option>`,
		`<option value="south" selected>South Council</option>`,
		`<option value="east">East &amp; Co</option>`,
		`<a href="#name">Enter a name</a>`,
		`<a href="#email">Enter an email address</a>`,
		`govuk-notification-banner--success`, `Settings saved`,
		`data-disable-auto-focus="true"`, // the error summary takes focus
		`aria-current="true"><strong class="govuk-service-navigation__active-fallback">Dashboard</strong>`,
		`<span class="govuk-phase-banner__text">South Council</span>`,
		`Version 1.2.3`,
		`<script type="module" src="/static/app.js"></script>`,
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("missing %q", w)
		}
	}
	if n := strings.Count(out, "<option "); n != 4 {
		t.Errorf("switcher has %d options, want 4", n)
	}
	checkCSP(t, out)
	if t.Failed() {
		t.Log(out)
	}
}

// A signed-out page (sign-in, errors) has no user, nav or switcher.
func TestLayoutSignedOut(t *testing.T) {
	data := struct{ pageData }{}
	out := render(t, data)
	for _, absent := range []string{"/signout", "/org/switch", "govuk-service-navigation", "govuk-error-summary", "govuk-notification-banner", "govuk-phase-banner"} {
		if strings.Contains(out, absent) {
			t.Errorf("signed-out page contains %q", absent)
		}
	}
	if !strings.Contains(out, "<title>Dashboard – ward</title>") {
		t.Error("title block not overridden")
	}
	checkCSP(t, out)
}

// Only a data page widens the main column; the header keeps GOV.UK's width.
func TestLayoutWidensDataPagesOnly(t *testing.T) {
	if out := render(t, struct{ pageData }{}); strings.Contains(out, "ward-width-container--wide") {
		t.Error("an ordinary page is widened")
	}
	out := render(t, struct{ pageData }{pageData{Wide: true}})
	if strings.Count(out, "ward-width-container--wide") != 1 || !strings.Contains(out, `<div class="govuk-header__container govuk-width-container">`) {
		t.Error("a data page should widen its main column, and only that")
	}
}
