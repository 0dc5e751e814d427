package web_test

import (
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// openLink is a figure on the posture page that links to open findings.
var openLink = regexp.MustCompile(`href="(/findings\?[^"]*state=open[^"]*)"[^>]*>(\d+)</a>`)

// sectionOf is the part of a page from the element with this id to the end
// of its table.
func sectionOf(body, id string) string {
	_, after, ok := strings.Cut(body, `id="`+id+`"`)
	if !ok {
		return ""
	}
	s, _, _ := strings.Cut(after, "</table>")
	return s
}

// Every figure on a council's posture page adds up: the open findings by
// severity, by kind of subject, and by control (devices and mailboxes, then
// identity checks, then controls switched off) each sum to the total; and
// every figure links to the findings list that shows exactly that many.
func TestPosturePageFiguresAddUpAndLeadToTheirFindings(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		analyst := a.signedIn(t, "analyst@abc-shared.example")
		res := do(t, analyst, "GET", a.http.URL+"/posture/ashcombe", nil, nil)
		if res.status != 200 {
			t.Fatalf("posture page: %d", res.status)
		}
		total, err := strconv.Atoi(between(res.body, `id="open">`, "</p>"))
		if err != nil || total == 0 {
			t.Fatalf("no total of open findings on the page (%v): %q", err, between(res.body, `id="open">`, "</p>"))
		}
		links := map[string]int{}
		sum := func(section string) int {
			n := 0
			for _, m := range openLink.FindAllStringSubmatch(section, -1) {
				v, _ := strconv.Atoi(m[2])
				n += v
				links[html.UnescapeString(m[1])] = v
			}
			return n
		}
		byControl := sum(sectionOf(res.body, "controls")) + sum(sectionOf(res.body, "identity")) + sum(sectionOf(res.body, "other"))
		identity := sum(sectionOf(res.body, "identity"))
		for name, got := range map[string]int{"severity": sum(sectionOf(res.body, "by-severity")), "kind": sum(sectionOf(res.body, "by-kind")),
			"control": byControl} {
			if got != total {
				t.Errorf("open findings by %s add up to %d, the page's total is %d", name, got, total)
			}
		}
		if identity == 0 {
			t.Error("Ashcombe's identity findings have no place on its posture page")
		}
		cards := 0
		for _, id := range []string{"open-devices", "open-identity", "open-other"} {
			if v := between(res.body, `id="`+id+`">`, "</a>"); v != "" {
				n, _ := strconv.Atoi(v)
				cards += n
			}
		}
		if cards != total {
			t.Errorf("the open card's parts add up to %d, not %d", cards, total)
		}
		if len(links) < 5 {
			t.Fatalf("only %d figures link to findings: %v", len(links), links)
		}
		for link, want := range links {
			list := do(t, analyst, "GET", a.http.URL+link, nil, nil)
			got, _, _ := strings.Cut(between(list.body, `id="total">`, "</p>"), " ")
			if n, _ := strconv.Atoi(got); list.status != 200 || n != want {
				t.Errorf("%s shows %q findings (%d), the posture page says %d", link, got, list.status, want)
			}
		}
	})
}
