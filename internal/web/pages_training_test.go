package web

import (
	"github.com/ward-shared-service/ward/internal/awareness"
	"github.com/ward-shared-service/ward/internal/people"
	"github.com/ward-shared-service/ward/internal/service/trainingsvc"
	"github.com/ward-shared-service/ward/internal/store"
)

// trainingPageCases are the training pages with sample data: councils side
// by side, an org's status, a person's history, the course list and form,
// the import with a refused line, and the attendance form.
func trainingPageCases(signedIn func(page) page, north store.Org) []pageCase {
	cyber := store.Course{ID: 4, OrgID: north.ID, Code: "CSE", Title: "Cyber security essentials", Kind: "elearning", RefreshDays: 365, Kinds: "staff"}
	share := func(k people.Kind, in, cur int) trainingsvc.KindStatus {
		s := awareness.Share{Kind: k, InScope: in, Current: cur}
		return trainingsvc.KindStatus{Share: s, Percent: s.Percent()}
	}
	st := trainingsvc.Status{Org: north.Slug, OrgName: north.Name, OrgID: north.ID, Day: "2026-12-07",
		Kinds: []trainingsvc.KindStatus{share(people.Staff, 3, 2), share(people.Councillor, 0, 0), share(people.Contractor, 1, 1), share(people.Consultant, 0, 0)},
		Total: share("", 4, 3), Courses: []trainingsvc.CourseStatus{{Course: cyber, InScope: 4, Current: 3, Overdue: 1, Percent: 75}}}
	links := []deskLink{{Label: "Status", Href: "/training/" + north.Slug}}
	overdue := []trainingsvc.ManagerGroup{{ManagerID: 9, Manager: "Mo Manager", Email: "mo@north.example", People: []trainingsvc.OverduePerson{{ID: 7, Name: "Ann Lee", Kind: "staff",
		Courses: []trainingsvc.OverdueCourse{{Code: "CSE", Title: "Cyber security essentials", Due: "2026-11-01"}}}}}}
	score := 88
	hist := trainingsvc.History{Person: store.Person{ID: 7, Name: "Ann Lee", Kind: "staff", Email: "ann@north.example"}, Day: "2026-12-07",
		Standings:   []trainingsvc.StandingView{{Standing: awareness.Standing{CourseID: 4, Last: "2025-11-01", Due: "2026-11-01", Overdue: true}, Code: "CSE", Title: "Cyber security essentials"}},
		Completions: []store.Completion{{CompletedOn: "2025-11-01", CourseTitle: "Cyber security essentials", Source: "import", Score: &score}, {CompletedOn: "2024-10-20", CourseTitle: "Cyber security essentials", Source: "import"}}}
	form := map[string]string{"code": "IG", "title": "", "kind": "elearning", "refresh_days": "soon"}
	return []pageCase{
		{name: "training", label: "councils", pg: signedIn(page{Data: []trainingsvc.Status{st}}), want: []string{north.Name, "66.6%", "75.0%", "(3 of 4)"}, ids: []string{"training-councils"}},
		{name: "training_org", label: "status", pg: signedIn(page{Data: trainingOrgData{Org: north, Links: links, Status: st,
			Trend: []awareness.Point{{Day: "2026-12-07", Share: awareness.Share{InScope: 4, Current: 3}}}, Overdue: overdue}}),
			want: []string{"Mo Manager", `href="/training/north-shire/people/7"`, "due 2026-11-01", "75.0%"}, ids: []string{"training-kinds", "training-courses", "training-trend"}},
		{name: "training_org", label: "nobody overdue", pg: signedIn(page{Data: trainingOrgData{Org: north, Links: links, Status: st}}), ids: []string{"training-none-overdue"}},
		{name: "training_person", label: "history", pg: signedIn(page{Data: trainingPersonData{Org: north, Links: links, History: hist}}),
			want: []string{"Ann Lee", "2024-10-20", "88%", "overdue", "not current"}, ids: []string{"person-standings", "person-completions"}},
		{name: "training_courses", label: "list and form", pg: signedIn(page{Data: trainingCoursesData{Org: north, Links: links, Courses: []store.Course{cyber},
			Manage: true, Kinds: courseKindItems(), Form: map[string]string{"kind": "elearning", "refresh_days": "365"}}}),
			want: []string{"Cyber security essentials", `href="/training/north-shire/courses/CSE"`, `value="365"`}, ids: []string{"course-list", "course-add", "code", "title", "kind", "refresh_days", "kinds", "teams"}},
		{name: "training_courses", label: "mistakes", pg: signedIn(page{Errors: []fieldError{{"title", "Give the course a title"}, {"refresh_days", "Give the refresh period as a whole number of days"}},
			Data: trainingCoursesData{Org: north, Links: links, Manage: true, Kinds: courseKindItems(), Form: form}}),
			want: []string{`<a href="#title">`, `<a href="#refresh_days">`, `value="soon"`}},
		{name: "training_course", label: "edit", pg: signedIn(page{Data: trainingCoursesData{Org: north, Links: links, Course: cyber, Manage: true, Kinds: courseKindItems(),
			Form: map[string]string{"code": "CSE", "title": cyber.Title, "kind": "elearning", "refresh_days": "365", "retired": "yes"}}}),
			want: []string{`action="/training/north-shire/courses/CSE"`, "checked"}, ids: []string{"course-edit", "retired"}},
		{name: "training_import", label: "refused", pg: signedIn(page{Errors: []fieldError{{"file", "The file was refused and nothing was imported: lms.csv: line 3: column completed_on: \"31/02/2026\" is not a date"}},
			Data: trainingImportData{Org: north, Links: links, Form: map[string]string{}, Failure: &importFailure{File: "lms.csv", Line: 3, Column: "completed_on", Reason: `"31/02/2026" is not a date`}}}),
			want: []string{"Line 3, column completed_on", `enctype="multipart/form-data"`}, ids: []string{"import-failure", "training-import", "file", "skip_unknown"}},
		{name: "training_attend", label: "form", pg: signedIn(page{Data: trainingAttendData{Org: north, Links: links, Form: map[string]string{},
			Courses: []Item{{Value: "BRF", Label: "Members' briefing"}}, People: []Item{{Value: "7", Label: "Ann Lee (staff)"}}}}),
			want: []string{"Members&#39; briefing", "Ann Lee (staff)"}, ids: []string{"training-attend", "course", "day", "people"}},
		{name: "training_attend", label: "no briefings", pg: signedIn(page{Data: trainingAttendData{Org: north, Links: links, Form: map[string]string{}}}),
			want: []string{"has no briefings"}, wantNot: []string{`id="training-attend"`}},
	}
}
