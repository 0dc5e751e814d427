package web

import (
	"html"
	"html/template"
	"strings"
)

// Body is the ticket list's table rows. They are written here rather than
// by the template engine: fifty rows of nine cells were the larger part of
// the page's CPU, most of it the engine's reflection, and a list page is
// what the desk loads most. Every value is escaped for HTML text or an
// attribute; the dates are already safe markup (shortTime).
func (d ticketListData) Body() template.HTML {
	var b strings.Builder
	b.Grow(len(d.Rows) * 900)
	for _, r := range d.Rows {
		b.WriteString("\n    <tr class=\"govuk-table__row\">")
		r.writeLeadCells(&b, d.ShowOrg)
		cell(&b, r.Priority)
		cell(&b, r.State)
		cell(&b, orDash(r.Caller))
		cell(&b, orDash(r.Assignee))
		b.WriteString("\n      <td class=\"govuk-table__cell\">")
		b.WriteString(string(r.Opened))
		b.WriteString("</td>\n      <td class=\"govuk-table__cell\"><strong class=\"govuk-tag ")
		b.WriteString(html.EscapeString(r.SLA.Class))
		b.WriteString("\">")
		b.WriteString(html.EscapeString(r.SLA.Label))
		b.WriteString("</strong></td>\n    </tr>")
	}
	return template.HTML(b.String())
}

// writeLeadCells writes the cells every ticket table starts with: the
// reference as a link to the ticket, the title, and the org when the user
// sees several.
func (r ticketRow) writeLeadCells(b *strings.Builder, showOrg bool) {
	b.WriteString("\n      <td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"")
	b.WriteString(html.EscapeString(r.Path))
	b.WriteString("\">")
	b.WriteString(html.EscapeString(r.Ref))
	b.WriteString("</a></td>")
	cell(b, r.Title)
	if showOrg {
		cell(b, r.OrgName)
	}
}

// LeadCells is writeLeadCells for a template (the desk dashboard's tables).
func (r ticketRow) LeadCells(showOrg bool) template.HTML {
	var b strings.Builder
	r.writeLeadCells(&b, showOrg)
	return template.HTML(b.String())
}

func cell(b *strings.Builder, text string) {
	b.WriteString("\n      <td class=\"govuk-table__cell\">")
	b.WriteString(html.EscapeString(text))
	b.WriteString("</td>")
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
