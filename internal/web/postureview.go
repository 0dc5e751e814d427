package web

import (
	"fmt"
	"html/template"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// What the posture pages share: how a severity, a state, a compliance
// figure and a trend look on a page.

// severityTag colours a severity the way the desk colours priorities.
func severityTag(s string) tag {
	switch posture.Severity(s) {
	case posture.Critical:
		return tag{"Critical", "govuk-tag--red"}
	case posture.High:
		return tag{"High", "govuk-tag--orange"}
	case posture.Medium:
		return tag{"Medium", "govuk-tag--yellow"}
	case posture.Low:
		return tag{"Low", "govuk-tag--grey"}
	}
	return tag{s, "govuk-tag--grey"}
}

// stateTag is a finding's state.
func stateTag(s finding.State) tag {
	switch s {
	case finding.Open:
		return tag{"Open", "govuk-tag--red"}
	case finding.Accepted:
		return tag{"Accepted", "govuk-tag--purple"}
	case finding.Resolved:
		return tag{"Resolved", "govuk-tag--green"}
	}
	return tag{string(s), "govuk-tag--grey"}
}

// kindLabels words the kinds of subject a finding can be about.
var kindLabels = []struct {
	Kind  finding.SubjectKind
	Label string
}{{finding.Device, "Device"}, {finding.Mailbox, "Mailbox"}, {finding.Account, "Account"}, {finding.Person, "Person"}, {finding.Org, "Organisation"},
	{finding.Directory, "Directory"}, {finding.Relation, "Directory relation"}}

func kindLabel(k finding.SubjectKind) string {
	for _, l := range kindLabels {
		if l.Kind == k {
			return l.Label
		}
	}
	return string(k)
}

// percent words a compliance figure; "—" when nothing was checked either
// way, which is not the same as 100%.
func percent(pass, fail int, compliance float64) string {
	if pass+fail == 0 {
		return "—"
	}
	return percentOf(compliance)
}

func percentOf(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) + "%" }

// sparkline is a trend drawn as an inline SVG polyline, computed here so
// the page needs no script and no style attribute (the CSP allows neither).
type sparkline struct {
	Width, Height int
	Points        string // "x,y x,y …" in the SVG's own units; "" for a single day
	DotX, DotY    string // the latest day, drawn as a dot
	Label         string // what the line shows, with its scale, for screen readers and tooltips
}

// trendLine draws compliance over the days given, oldest first, as a
// percentage to one decimal place.
func trendLine(days []posturesvc.DayCompliance, width, height int, what string) *sparkline {
	pts := make([]trendPoint, len(days))
	for i, d := range days {
		pts[i] = trendPoint{Day: d.Day, Value: d.Compliance}
	}
	return drawTrend(pts, width, height, what, 1, "%")
}

// trendPoint is one day of a trend, on a scale that tops out at 100.
type trendPoint struct {
	Day   string
	Value float64
}

// drawTrend draws values out of 100 over the days given, oldest first. The
// scale runs from a round 10 below the lowest day (at most 90) to 100, so
// the movement a council cares about (96 to 98) is visible; the label says
// what the scale is, writing values with the decimals and unit given. One
// day is a dot; none is no line at all.
func drawTrend(days []trendPoint, width, height int, what string, decimals int, unit string) *sparkline {
	if len(days) == 0 {
		return nil
	}
	const pad = 3
	low := 100.0
	for _, d := range days {
		low = min(low, d.Value)
	}
	floor := min(90, math.Floor((low-5)/10)*10)
	floor = max(0, floor)
	sl := &sparkline{Width: width, Height: height}
	x := func(i int) float64 {
		if len(days) == 1 {
			return float64(width) / 2
		}
		return pad + float64(i)*float64(width-2*pad)/float64(len(days)-1)
	}
	y := func(v float64) float64 { return pad + (100-v)*float64(height-2*pad)/(100-floor) }
	pts := make([]string, len(days))
	for i, d := range days {
		pts[i] = fmt.Sprintf("%.1f,%.1f", x(i), y(d.Value))
	}
	last := days[len(days)-1]
	sl.DotX, sl.DotY = fmt.Sprintf("%.1f", x(len(days)-1)), fmt.Sprintf("%.1f", y(last.Value))
	if len(days) > 1 {
		sl.Points = strings.Join(pts, " ")
	}
	v := func(f float64) string { return strconv.FormatFloat(f, 'f', decimals, 64) + unit }
	first := days[0]
	if len(days) == 1 {
		sl.Label = fmt.Sprintf("%s: %s on %s", what, v(last.Value), last.Day)
	} else {
		sl.Label = fmt.Sprintf("%s: %s on %s, %s on %s (scale %.0f–100%s)", what, v(first.Value), first.Day, v(last.Value), last.Day, floor, unit)
	}
	return sl
}

// findingRow is a finding as the lists show it.
type findingRow struct {
	ID        int64
	Title     string // what is wrong: the control's failure, the subject beside it
	Control   string
	Subject   string
	Kind      string
	OrgName   string
	Severity  tag
	State     tag
	FirstSeen template.HTML
	LastSeen  template.HTML
	TicketID  int64
	TicketRef string
	Due       string
	Overdue   bool
}

func findingRowOf(f finding.Finding, orgName string, loc *time.Location, now time.Time) findingRow {
	row := findingRow{ID: f.ID, Title: posture.FailureOf(f.Control), Control: f.Control, Subject: f.Subject.Name, Kind: kindLabel(f.Subject.Kind),
		OrgName: orgName, Severity: severityTag(f.Severity), State: stateTag(f.State), FirstSeen: shortTime(f.FirstSeen, loc),
		LastSeen: shortTime(f.LastSeen, loc), TicketID: f.TicketID, TicketRef: f.TicketRef, Overdue: f.Overdue(now)}
	if row.Subject == "" {
		row.Subject = f.Subject.Key
	}
	if !f.DueAt.IsZero() {
		row.Due = localDate(f.DueAt, loc)
	}
	return row
}

func localDate(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(loc).Format("2 Jan 2006")
}

// findingsLink is the findings list narrowed by the given filters.
func findingsLink(pairs ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] != "" {
			v.Set(pairs[i], pairs[i+1])
		}
	}
	if len(v) == 0 {
		return "/findings"
	}
	return "/findings?" + v.Encode()
}

// canRaiseFromFinding says whether the user may open a ticket for a finding.
func canRaiseFromFinding(rs *requestState) bool {
	return rs.principal.Can(tenancy.ViewPosture) && rs.principal.Can(tenancy.RaiseTickets)
}

// postureLinks is the posture pages' own menu, under the page heading.
func postureLinks(current string, multi bool) []deskLink {
	var out []deskLink
	if multi {
		out = append(out, deskLink{Label: "Councils side by side", Href: "/posture", Current: current == "/posture"})
	}
	out = append(out, deskLink{Label: "Findings", Href: "/findings", Current: current == "/findings"})
	return out
}
