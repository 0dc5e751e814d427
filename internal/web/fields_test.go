package web

import (
	"html/template"
	"regexp"
	"strings"
	"testing"
)

var fieldsetTag = regexp.MustCompile(`<fieldset\b[^>]*>`)

// Each field partial, with and without an error, wired as a screen reader
// needs: a label for the control, the hint and error named by
// aria-describedby, the error's hidden "Error:" prefix, and an error summary
// link that lands on the control.
func TestFieldPartials(t *testing.T) {
	ps, err := loadPages()
	if err != nil {
		t.Fatal(err)
	}
	tmpl := ps.byName["signin"]
	options := []choice{{"north", "North Council"}, {"south", "South & Co"}}
	cases := []struct {
		partial  string
		opts     []any
		fieldset bool   // the hint and error describe the fieldset, not one control
		class    string // the control's GOV.UK class, which gains --error
	}{
		{partial: "input", opts: []any{"type", "email", "value", "a@example.org", "autocomplete", "username", "width", "20"}, class: "govuk-input"},
		{partial: "input", opts: []any{"suffix", "days", "inputmode", "numeric"}, class: "govuk-input"},
		{partial: "date", opts: []any{"value", "2026-04-01"}, class: "govuk-input"},
		{partial: "textarea", opts: []any{"rows", 3, "value", "Printer jams"}, class: "govuk-textarea"},
		{partial: "select", opts: []any{"empty", "Choose", "options", options, "value", "south"}, class: "govuk-select"},
		{partial: "file", opts: []any{"accept", ".zip", "multiple", true}, class: "govuk-file-upload"},
		{partial: "radios", opts: []any{"options", options, "value", "north"}, fieldset: true},
		{partial: "checkboxes", opts: []any{"options", options}, fieldset: true},
		{partial: "checkbox", opts: []any{"checked", "yes"}},
	}
	for _, c := range cases {
		for _, withHint := range []bool{false, true} {
			for _, msg := range []string{"", "Enter the thing"} {
				name := c.partial
				if withHint {
					name += " with hint"
				}
				if msg != "" {
					name += " with error"
				}
				t.Run(name, func(t *testing.T) {
					opts := c.opts
					if withHint {
						opts = append(opts[:len(opts):len(opts)], "hint", "Say what it is")
					}
					pg := page{}
					if msg != "" {
						pg.Errors = []fieldError{{"thing", msg}}
					}
					f, err := newField(pg, "thing", "The thing", opts...)
					if err != nil {
						t.Fatal(err)
					}
					var b strings.Builder
					if err := tmpl.ExecuteTemplate(&b, c.partial, f); err != nil {
						t.Fatal(err)
					}
					out := b.String()
					checkField(t, out, msg, withHint, c.fieldset, c.class)

					// The summary at the top of the page links to the control.
					b.Reset()
					if err := tmpl.ExecuteTemplate(&b, "error-summary", pg); err != nil {
						t.Fatal(err)
					}
					summary := b.String()
					if msg == "" {
						if summary != "" {
							t.Errorf("an error summary with no errors: %s", summary)
						}
						return
					}
					if !strings.Contains(summary, `<a href="#thing">`+msg+`</a>`) || !strings.Contains(summary, `role="alert"`) {
						t.Errorf("summary does not link to #thing: %s", summary)
					}
					if n := strings.Count(out, `<input`) + strings.Count(out, `<select`) + strings.Count(out, `<textarea`); n == 0 {
						t.Fatalf("no control: %s", out)
					}
					first := attrs(fieldTag.FindString(out))
					if first["id"] != "thing" {
						t.Errorf("the summary's link lands on id %q, want the first control, thing:\n%s", first["id"], out)
					}
				})
			}
		}
	}
}

// checkField checks one rendered field group.
func checkField(t *testing.T, out, msg string, withHint, fieldset bool, class string) {
	t.Helper()
	ids := elementIDs(out)
	labelled := map[string]bool{}
	for _, m := range labelFor.FindAllStringSubmatch(out, -1) {
		labelled[m[1]] = true
	}
	controls := fieldTag.FindAllString(out, -1)
	if len(controls) == 0 {
		t.Fatalf("no control:\n%s", out)
	}
	for _, tag := range controls {
		a := attrs(tag)
		if a["id"] == "" || !labelled[a["id"]] || ids[a["id"]] != 1 {
			t.Errorf("control without its own label: %s", tag)
		}
		if a["name"] != "thing" {
			t.Errorf("control named %q, want thing: %s", a["name"], tag)
		}
	}
	described := attrs(controls[0])["aria-describedby"]
	if fieldset {
		fs := fieldsetTag.FindString(out)
		if fs == "" || !strings.Contains(out, `<legend class="govuk-fieldset__legend`) {
			t.Fatalf("radios or checkboxes without a fieldset and legend:\n%s", out)
		}
		described = attrs(fs)["aria-describedby"]
	}
	want := []string{}
	if withHint {
		want = append(want, "thing-hint")
	}
	if msg != "" {
		want = append(want, "thing-error")
	}
	if described != strings.Join(want, " ") {
		t.Errorf("aria-describedby %q, want %q:\n%s", described, strings.Join(want, " "), out)
	}
	for _, id := range want {
		if ids[id] != 1 {
			t.Errorf("aria-describedby names %s, which is not on the page once:\n%s", id, out)
		}
	}
	errorMessage := `<p id="thing-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> ` + template.HTMLEscapeString(msg) + `</p>`
	if msg == "" {
		if strings.Contains(out, "--error") || strings.Contains(out, "govuk-error-message") {
			t.Errorf("error markup on a field with no error:\n%s", out)
		}
		return
	}
	if !strings.Contains(out, errorMessage) {
		t.Errorf("no error message %s:\n%s", errorMessage, out)
	}
	if !strings.HasPrefix(out, `<div class="govuk-form-group govuk-form-group--error"`) {
		t.Errorf("the group is not marked as in error:\n%s", out)
	}
	if class != "" && !strings.Contains(attrs(controls[0])["class"], class+"--error") {
		t.Errorf("control not marked %s--error: %s", class, controls[0])
	}
}

// The options of a field: chosen by value, numbered the GOV.UK way, and a
// mistyped option is an error, not a silently plain field.
func TestFieldOptions(t *testing.T) {
	f, err := newField(nil, "org", "Organisation", "options", []choice{{"a", "A"}, {"b", "B"}, {"c", "C"}}, "value", "b")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range f.Items {
		got = append(got, it.ID)
		if it.Checked != (it.Value == "b") {
			t.Errorf("%s checked %v", it.Value, it.Checked)
		}
	}
	if strings.Join(got, " ") != "org org-2 org-3" {
		t.Errorf("item ids %v, want org org-2 org-3", got)
	}
	// An error on the group (a wrapper's id) shows on the field in it.
	f, _ = newField([]fieldError{{"expires", "Too long"}}, "days", "Days", "group-id", "expires")
	if f.Error != "Too long" {
		t.Errorf("group error not shown: %q", f.Error)
	}
	if _, err := newField(nil, "x", "X", "hnit", "typo"); err == nil {
		t.Error("an unknown option was taken")
	}
	if _, err := newField(nil, "x", "X", "hint"); err == nil {
		t.Error("an option without a value was taken")
	}
}

// One pagination partial serves every paged list.
func TestPaginationPartial(t *testing.T) {
	ps, err := loadPages()
	if err != nil {
		t.Fatal(err)
	}
	render := func(p Pagination) string {
		var b strings.Builder
		if err := ps.byName["signin"].ExecuteTemplate(&b, "pagination", p); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	if out := render(Pagination{Label: "Pages of tickets"}); strings.TrimSpace(out) != "" {
		t.Errorf("one page shows pagination: %s", out)
	}
	p, _ := newPagination("Pages of tickets", "/tickets?before=9", "/tickets?after=3&q=a b")
	out := render(p)
	for _, want := range []string{`<nav class="govuk-pagination govuk-pagination--block" aria-label="Pages of tickets">`,
		`href="/tickets?before=9" rel="prev"`, `href="/tickets?after=3&amp;q=a%20b" rel="next"`,
		`Previous<span class="govuk-visually-hidden"> page</span>`, `Next<span class="govuk-visually-hidden"> page</span>`} {
		if !strings.Contains(out, want) {
			t.Errorf("no %s in:\n%s", want, out)
		}
	}
	p, _ = newPagination("Pages of the audit log", "", "/admin/audit?before=5", "", "Older entries")
	out = render(p)
	if strings.Contains(out, `rel="prev"`) || !strings.Contains(out, `<span class="govuk-pagination__link-title">Older entries</span>`) {
		t.Errorf("a next-only page with its own title:\n%s", out)
	}
	if _, err := newPagination("x", "", "", "only one"); err == nil {
		t.Error("one title was taken")
	}
}

// A select offers "no choice" only when asked, and a false from a template's
// and (one organisation, nothing to choose) asks for none.
func TestFieldEmptyOption(t *testing.T) {
	for _, c := range []struct {
		empty any
		want  string
	}{{"Choose", "Choose"}, {false, ""}, {"", ""}} {
		f, err := newField(nil, "org", "Organisation", "empty", c.empty)
		if err != nil || f.Empty != c.want {
			t.Errorf("empty %v: got %q, %v; want %q", c.empty, f.Empty, err, c.want)
		}
	}
}
