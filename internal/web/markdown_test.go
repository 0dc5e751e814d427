package web

import (
	"strings"
	"testing"
)

// An advisory body comes from another organisation: whatever it holds,
// the page must not run it, load it, or offer it as a link.
func TestMarkdownNeutralisesScriptAndJavaScriptLinks(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string
		wantNot   []string
	}{
		{"script tag", "Before\n\n<script>alert(1)</script>\n\nafter <script>alert(2)</script>",
			[]string{"Before", "after"}, []string{"<script", "alert(1)"}},
		{"javascript link", "[x](javascript:alert(1))",
			[]string{`<p class="govuk-body">x</p>`}, []string{"<a", "href", "javascript:"}},
		{"javascript link in capitals", "[click](JavaScript:alert(1))", []string{"click"}, []string{"<a", "JavaScript:"}},
		{"entity-encoded scheme", "[x](&#106;avascript:alert(1))", []string{"x"}, []string{"<a", "avascript:"}},
		{"javascript autolink", "<javascript:alert(1)>", nil, []string{"<a", "href"}},
		{"data link", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", []string{"x"}, []string{"<a", "href"}},
		{"protocol-relative link", "[x](//evil.example/)", []string{"x"}, []string{"<a", "href"}},
		{"backslash link", `[x](/\evil.example/)`, []string{"x"}, []string{"<a", "href"}},
		{"event handler in raw html", `<img src=x onerror="alert(1)">`, nil, []string{"<img", "onerror"}},
		{"inline html", `Read <a href="javascript:alert(1)">this</a>`, []string{"Read", "this"}, []string{"<a ", "javascript:"}},
		{"image becomes a link", "![the phishing page](https://evil.example/shot.png)",
			[]string{`<a href="https://evil.example/shot.png" class="govuk-link" rel="noreferrer nofollow">the phishing page</a>`}, []string{"<img"}},
		{"web link kept", "See [NCSC](https://www.ncsc.gov.uk/guidance)",
			[]string{`<a href="https://www.ncsc.gov.uk/guidance" class="govuk-link" rel="noreferrer nofollow">NCSC</a>`}, nil},
		{"bare URL stays text", "Payload at https://evil.example/a.exe", []string{"https://evil.example/a.exe"}, []string{"<a"}},
		{"headings under the page's own", "# Summary\n\n## Detail", []string{`<h3 class="govuk-heading-m">Summary</h3>`, `<h4 class="govuk-heading-s">Detail</h4>`}, []string{"<h1", "<h2"}},
		{"lists and tables", "- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |",
			[]string{`<ul class="govuk-list govuk-list--bullet">`, `<table class="govuk-table">`}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := string(renderMarkdown(c.src))
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("missing %q in\n%s", w, out)
				}
			}
			for _, w := range c.wantNot {
				if strings.Contains(out, w) {
					t.Errorf("should not contain %q:\n%s", w, out)
				}
			}
		})
	}
}

func TestSafeLink(t *testing.T) {
	for dest, want := range map[string]bool{
		"https://www.ncsc.gov.uk/": true, "http://example.org/a?b=c": true, "mailto:soc@example.org": true, "/warp/advisories/4": true,
		"#detail": true, "javascript:alert(1)": false, "JAVASCRIPT:alert(1)": false, "vbscript:x": false, "data:text/html,x": false,
		"file:///etc/passwd": false, "//evil.example": false, "/\\evil.example": false, "java\tscript:alert(1)": false, "https://": false, "": false,
	} {
		if got := safeLink(dest); got != want {
			t.Errorf("safeLink(%q) = %v, want %v", dest, got, want)
		}
	}
}
