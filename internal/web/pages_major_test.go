package web

import (
	"github.com/ward-shared-service/ward/internal/major"
	"github.com/ward-shared-service/ward/internal/service/majorsvc"
	"github.com/ward-shared-service/ward/internal/store"
)

// majorPageCases are the major incident, maintenance and status pages.
func majorPageCases(signedIn func(page) page, north, south store.Org) []pageCase {
	review := &major.Review{Cause: "A failed disk", Lessons: "Alert on disks", Actions: []major.Action{{Action: "Add alerts", Owner: "Infrastructure lead", Due: "2027-01-31"}}}
	open := majorData{ID: 7, Ref: "MI-7", Title: "Payroll down", State: "Open", Phase: "Identified", Org: north.Name, Raised: "27 Nov 2026 09:10",
		RaisedBy: "Ada", Why: "payroll run at noon", Ticket: "NS-INC-10001", IsOpen: true, CanUpdate: true, CanResolve: true,
		Impacts:  []major.Impact{{Org: north.Slug, Service: "Payroll", Site: "Town Hall"}},
		Comms:    []majorCommsRow{{Audience: "staff", Every: "30m0s", NextDue: "27 Nov 2026 09:40", Overdue: true}},
		Updates:  []majorUpdateRow{{At: "27 Nov 2026 09:20", Audience: "public", Phase: "Investigating", Who: "Ada", Body: "We are looking"}},
		Children: []majorChildRow{{Ref: "NS-INC-10002", Title: "Cannot approve overtime", State: "New"}}, Form: map[string]string{}}
	resolved := open
	resolved.IsOpen, resolved.IsResolved, resolved.CanUpdate, resolved.CanResolve, resolved.CanReview, resolved.State = false, true, false, false, true, "Resolved"
	resolved.Review = review
	candidate := open
	candidate.IsOpen, candidate.IsCandidate, candidate.CanDecide, candidate.CanResolve, candidate.State = false, true, true, false, "Candidate (awaiting a manager)"
	status := func(public bool) page {
		v := majorsvc.StatusView{Org: south.Slug, OrgName: south.Name, Public: public, Services: []string{"Payroll", "Email"}}
		d := statusData{View: v, Form: map[string]string{},
			Incidents:   []statusIncidentRow{{Title: "Payroll down", Phase: "Identified", Since: "27 Nov 2026 09:10", Services: "Payroll", Updates: []majorUpdateRow{{At: "09:20", Phase: "Identified", Body: "We know the cause"}}}},
			Maintenance: []maintenanceRow{{Service: "Email", Starts: "14 Dec 2026 19:00", Ends: "14 Dec 2026 22:00"}}}
		if public {
			return page{Data: d}
		}
		d.SignedIn = true
		d.Incidents[0].Sites = "Civic Centre"
		d.Maintenance[0].Description = "Exchange patching"
		return signedIn(page{Data: d})
	}
	return []pageCase{
		{name: "major_list", label: "manager", pg: signedIn(page{Data: majorListData{CanRaise: true, OverdueAnywhere: true, Form: map[string]string{},
			Incidents:   []majorRow{{ID: 7, Ref: "MI-7", Title: "Payroll down", State: "Open", Phase: "Identified", Org: north.Name, Ticket: "NS-INC-10001", Affects: "north-shire: Payroll", Overdue: "staff"}},
			StatusPages: []statusLink{{north.Name, "/status/" + north.Slug}}}}),
			want: []string{`href="/major/7"`, "MI-7", `<form method="post" action="/major"`, "An update is overdue", `href="/status/north-shire"`},
			ids:  []string{"major-incidents", "ticket", "impacts", "every_staff"}},
		{name: "major_list", label: "reader, none", pg: signedIn(page{Data: majorListData{Form: map[string]string{}}}),
			want: []string{"No major incidents."}, wantNot: []string{`<form method="post" action="/major"`}},
		{name: "major", label: "open, desk manager", pg: signedIn(page{Data: open}),
			want:    []string{"MI-7: Payroll down", ">Overdue</strong>", "We are looking", "NS-INC-10002", `action="/major/7/updates"`, `action="/major/7/children"`, `action="/major/7/resolve"`},
			wantNot: []string{`action="/major/7/review"`, `action="/major/7/decision"`}, ids: []string{"timeline", "comms", "children", "body", "note"}},
		{name: "major", label: "candidate", pg: signedIn(page{Data: candidate}),
			want: []string{`action="/major/7/decision"`}, wantNot: []string{`action="/major/7/updates"`, `action="/major/7/resolve"`}},
		{name: "major", label: "resolved and reviewed", pg: signedIn(page{Data: resolved}),
			want: []string{"A failed disk", "Infrastructure lead", "Revise the review", `action="/major/7/review"`}, ids: []string{"review", "review-actions", "cause"}},
		{name: "maintenance", label: "manager", pg: signedIn(page{Data: maintenanceData{CanAdd: true, Form: map[string]string{},
			Windows: []maintenanceRow{{Org: north.Name, Service: "Email", Starts: "14 Dec 2026 19:00", Ends: "14 Dec 2026 22:00", Description: "Patching"}},
			Orgs:    []Item{{Value: north.Slug, Label: north.Name}}}}),
			want: []string{"Patching", `<form method="post" action="/maintenance"`}, ids: []string{"maintenance", "org", "service", "starts", "ends", "description"}},
		{name: "maintenance", label: "reader", pg: signedIn(page{Data: maintenanceData{Form: map[string]string{}}}),
			want: []string{"No maintenance planned."}, wantNot: []string{`action="/maintenance"`}},
		{name: "status", label: "staff", pg: status(false),
			want: []string{"South Vale &amp; District Council", "We know the cause", "Civic Centre", "Exchange patching", `action="/status/south-vale/subscribe"`}, ids: []string{"incidents", "planned", "email", "service"}},
		{name: "status", label: "public", pg: status(true),
			want: []string{"public view", "We know the cause"}, wantNot: []string{"Civic Centre", "Exchange patching"}},
		{name: "status_link", label: "confirm", pg: page{Data: statusLinkData{Action: "/status/south-vale/verify", Token: "abc", Question: "Start receiving e-mail?", Button: "Confirm"}},
			want: []string{`action="/status/south-vale/verify"`, `value="abc"`}},
		{name: "status_link", label: "done", pg: page{Data: statusLinkData{Done: "You will now receive e-mail about Payroll"}},
			want: []string{"You will now receive"}, wantNot: []string{"<form"}},
		{name: "settings_major", label: "form", pg: signedIn(page{Data: majorSettingsData{Org: north, Form: map[string]string{"public": "no", "gap": "30", "burst": "0", "window": "30", "direct": "no"}}}),
			want: []string{`action="/settings/north-shire/major"`, `value="30"`}, ids: []string{"public", "gap", "burst", "window", "critical", "direct"}},
	}
}
