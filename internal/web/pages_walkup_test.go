package web

import (
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/service/walkupsvc"
	"github.com/ward-shared-service/ward/internal/store"
)

// walkupPageCases are the walk-up queue's pages with sample data: the
// tablet (form, a mistake, the number given), the screen, the staff's
// queue, the kiosk links' settings and the report.
func walkupPageCases(signedIn func(page) page, north store.Org) []pageCase {
	at := time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC)
	kiosk := kioskData{Title: "Check in", SiteName: "Civic Centre", Action: "/walkup/checkin/tok", Form: map[string]string{"name": "Ann"}}
	given := kiosk
	given.Number, given.Refresh = 12, "20; url=/walkup/checkin/tok"
	called := walkupsvc.Visit{ID: 5, SiteID: 3, SiteName: "Civic Centre", Number: 4, Name: "Ann Smith", Reason: "Printer jams",
		State: desk.VisitCalled, Desk: "Desk 2", CheckedIn: at, Called: at.Add(4 * time.Minute)}
	waiting := walkupsvc.Visit{ID: 6, SiteID: 3, SiteName: "Civic Centre", Number: 5, Name: "E1234", Reason: "Password", State: desk.VisitWaiting, CheckedIn: at}
	site := queueSite{ID: 3, Name: "Civic Centre", OrgName: north.Name, Current: true}
	row := report.WalkupRow{Name: "Civic Centre", Visits: 40, Called: 39, Resolved: 30, Tickets: 7, NoShows: 2, MeanWaitMinutes: 6.25, MedianWaitMinutes: 4.5,
		P90WaitMinutes: 14, LongestWaitMinutes: 31.5, MeanServiceMinutes: 9.1, MedianServiceMinutes: 8, P90ServiceMinutes: 17}
	rep := report.Walkup{Org: north.Slug, OrgName: north.Name, From: "2025-02-01", To: "2025-02-28", TimeZone: "Europe/London", Basis: report.WalkupBasis,
		Total: row, Sites: []report.WalkupRow{row}, Hours: []report.WalkupRow{{Name: "09", Visits: 40}}, Days: []report.WalkupRow{{Name: "Friday", Visits: 40}}}
	return []pageCase{
		{name: "walkup_checkin", label: "form", pg: page{Data: kiosk}, want: []string{"Civic Centre", `action="/walkup/checkin/tok"`, `value="Ann"`}, ids: []string{"name", "reason", "show_name"}},
		{name: "walkup_checkin", label: "mistakes", pg: page{Errors: []fieldError{{"name", "Enter your name or staff number"}, {"reason", "Tell us briefly what you need help with"}}, Data: kiosk},
			want: []string{`<a href="#name">`, `<a href="#reason">`}},
		{name: "walkup_checkin", label: "number given", pg: page{Data: given}, want: []string{"Your number is", ">12<"}, ids: []string{"queue-number"}, wantNot: []string{`id="name"`}},
		{name: "walkup_screen", label: "called and waiting", pg: page{Data: kioskData{Title: "Queue", SiteName: "Civic Centre", Refresh: "5",
			Screen: walkupsvc.Screen{SiteName: "Civic Centre", Called: []walkupsvc.ScreenLine{{Label: "4 Ann", Desk: "Desk 2"}}, Waiting: []walkupsvc.ScreenLine{{Label: "5"}, {Label: "6"}}}}},
			want: []string{"4 Ann", "Desk 2", "5 · 6"}, wantNot: []string{"Smith"}, ids: []string{"called", "waiting"}},
		{name: "walkup_screen", label: "empty", pg: page{Data: kioskData{Title: "Queue", SiteName: "Civic Centre", Screen: walkupsvc.Screen{}}},
			want: []string{"No one is being called just now.", "No one is waiting."}},
		{name: "walkup_queue", label: "a site's queue", pg: signedIn(page{Data: queueData{Sites: []queueSite{site}, Site: &site, Desk: "Desk 2", Called: 1,
			Choice: []Item{{Value: "3", Label: "Civic Centre", Group: north.Name}},
			Rows:   []queueRow{{Visit: called, StateLabel: "Called", Waited: "4 min"}, {Visit: waiting, StateLabel: "Waiting", Waited: "9 min"}}}}),
			want: []string{"Walk-up queue at Civic Centre", "Call the next person to Desk 2", "Ann Smith", "Printer jams", `action="/desk/queue/serve"`,
				`action="/desk/queue/no-show"`, `href="/desk/walk-up?visit=5"`, "4 min"},
			wantNot: []string{`href="/desk/walk-up?visit=6"`}, ids: []string{"site", "desk-name", "call-next", "queue", "visit-4", "visit-5", "outcome-5"}},
		{name: "walkup_queue", label: "no site chosen", pg: signedIn(page{Data: queueData{Desk: "Desk 1"}}), want: []string{"Choose the site you are working at"}, wantNot: []string{`id="call-next"`}},
		{name: "settings_walkup", label: "a link just made", pg: signedIn(page{Flash: "New link made: the old one no longer works",
			Data: walkupSettingsData{Org: north, NewLink: "https://ward.example/walkup/screen/tok", NewFor: "Civic Centre's queue screen",
				Rows: []kioskRow{{Site: store.Site{ID: 3, Name: "Civic Centre"}, ScreenMade: "14 Mar 2025 09:30"}}}}),
			want: []string{"https://ward.example/walkup/screen/tok", "Link made 14 Mar 2025 09:30", "No link yet", "shown once"}, ids: []string{"new-link", "kiosks", "checkin-3", "screen-3"}},
		{name: "report_walkup", label: "report", pg: signedIn(page{Data: walkupReportData{Form: map[string]string{"from": "2025-02-01", "to": "2025-02-28"}, Report: &rep,
			SiteRows: []report.WalkupRow{row, rep.Total}, Downloads: map[string]string{"csv": "/reports/walkup?format=csv", "json": "/reports/walkup?format=json"}}}),
			want: []string{"Civic Centre", "6.25", "31.50", "Friday", "Download as CSV"}, ids: []string{"sites", "hours", "days", "downloads", "from", "to"}},
		{name: "report_walkup", label: "empty", pg: signedIn(page{Data: walkupReportData{Form: map[string]string{}, Report: &report.Walkup{OrgName: north.Name, From: "2025-02-01", To: "2025-02-28"}}}),
			want: []string{"No one checked in"}, ids: []string{"report-empty"}},
	}
}
