package web

import (
	"strings"
	"testing"
)

// The list's rows are written in Go, not by the template engine, so they
// must escape what a caller or an import can put in a ticket.
func TestTicketRowsEscapeWhatTheyShow(t *testing.T) {
	hostile := `<script>alert("x")</script>&'`
	d := ticketListData{ShowOrg: true, Rows: []ticketRow{{
		Ref: `ASH-INC-1"><b>`, Path: `/tickets/ASH-INC-1"><b>`, Title: hostile, Priority: "P1", State: "New",
		Caller: hostile, Assignee: "", Opened: "7 Dec 09:00", OrgName: hostile,
		SLA: tag{Label: hostile, Class: `x" onclick="y`}}}}
	body := string(d.Body())
	for _, raw := range []string{"<script>", `"><b>`, `" onclick="`} {
		if strings.Contains(body, raw) {
			t.Errorf("a row shows %q unescaped:\n%s", raw, body)
		}
	}
	if n := strings.Count(body, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&amp;&#39;"); n != 4 {
		t.Errorf("title, caller, org and SLA label escaped %d times, want 4:\n%s", n, body)
	}
	if !strings.Contains(body, "<td class=\"govuk-table__cell\">—</td>") {
		t.Errorf("no assignee is not shown as a dash:\n%s", body)
	}
	if !strings.Contains(body, "7 Dec 09:00") {
		t.Errorf("the opening time is missing:\n%s", body)
	}
	d.ShowOrg = false
	if strings.Count(string(d.Body()), "<td") != 8 {
		t.Errorf("without the org column a row should have 8 cells:\n%s", d.Body())
	}
}

// A select's options are written in Go too: values and labels escaped, the
// chosen one selected.
func TestSelectOptionsEscapeAndSelect(t *testing.T) {
	g := optGroup{Items: []Item{{Value: `a"b`, Label: "<i>one</i>"}, {Value: "two", Label: "Two & more", Checked: true}}}
	got := string(g.Options())
	want := "\n    <option value=\"a&#34;b\">&lt;i&gt;one&lt;/i&gt;</option>\n    <option value=\"two\" selected>Two &amp; more</option>"
	if got != want {
		t.Errorf("options written as\n%s\nwant\n%s", got, want)
	}
}
