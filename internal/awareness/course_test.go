package awareness

import (
	"testing"

	"github.com/ward-shared-service/ward/internal/people"
)

func TestAudienceBindsKindsAndTeams(t *testing.T) {
	kinds, teams, err := Audience("staff, Contractors", "Revenues")
	if err != nil {
		t.Fatal(err)
	}
	c := Course{Kinds: kinds, Teams: teams}
	for _, x := range []struct {
		kind people.Kind
		team string
		want bool
	}{{people.Staff, "revenues", true}, {people.Contractor, "Revenues", true}, {people.Councillor, "Revenues", false}, {people.Staff, "Housing", false}} {
		if got := c.Binds(x.kind, x.team); got != x.want {
			t.Errorf("%s in %s: binds %v, want %v", x.kind, x.team, got, x.want)
		}
	}
	if !(Course{}).Binds(people.Consultant, "") {
		t.Error("an empty audience should bind everyone")
	}
	if _, _, err := Audience("aldermen", ""); err == nil {
		t.Error("an unknown kind should be refused")
	}
}

func TestAssessDueCurrentAndOverdue(t *testing.T) {
	yearly := Course{ID: 1, RefreshDays: 365, Since: "2024-01-01"}
	once := Course{ID: 2, Since: "2024-01-01"}
	done := Record{Completions: []string{"2025-03-01", "2024-02-01"}}
	for _, x := range []struct {
		name          string
		c             Course
		start         string
		r             Record
		day           string
		grace         int
		due           string
		current, late bool
	}{
		{"within the year", yearly, "", done, "2026-02-28", 0, "2026-03-01", true, false},
		{"on the due day", yearly, "", done, "2026-03-01", 0, "2026-03-01", false, false},
		{"the day after", yearly, "", done, "2026-03-02", 0, "2026-03-01", false, true},
		{"inside grace", yearly, "", done, "2026-03-10", 10, "2026-03-01", false, false},
		{"past grace", yearly, "", done, "2026-03-12", 10, "2026-03-01", false, true},
		{"history before the day only", yearly, "", done, "2024-06-01", 0, "2025-01-31", true, false},
		{"never, due from the course", yearly, "2020-01-01", Record{}, "2024-01-05", 0, "2024-01-01", false, true},
		{"never, due from their start", yearly, "2026-01-10", Record{}, "2026-01-09", 0, "2026-01-10", true, false},
		{"once is enough", once, "", done, "2030-01-01", 0, "", true, false},
		{"open enrolment is due", once, "", Record{Completions: []string{"2024-02-01"}, Enrolments: []Enrolment{{"2025-05-01", "2025-06-01"}}}, "2025-06-02", 0, "2025-06-01", false, true},
		{"enrolment met", once, "", Record{Completions: []string{"2024-02-01", "2025-05-20"}, Enrolments: []Enrolment{{"2025-05-01", "2025-06-01"}}}, "2025-06-02", 0, "", true, false},
	} {
		st := Assess(x.c, x.start, x.r, x.day, x.grace)
		if st.Due != x.due || st.Current != x.current || st.Overdue != x.late {
			t.Errorf("%s: due %q current %v overdue %v, want %q %v %v", x.name, st.Due, st.Current, st.Overdue, x.due, x.current, x.late)
		}
	}
}

func TestSharesAndTrendFromHandMadeHistory(t *testing.T) {
	courses := []Course{{ID: 1, RefreshDays: 365, Since: "2025-01-01"}, {ID: 2, RefreshDays: 0, Kinds: []people.Kind{people.Councillor}, Since: "2025-01-01"}}
	ps := []Person{
		{ID: 1, Kind: people.Staff},
		{ID: 2, Kind: people.Staff},
		{ID: 3, Kind: people.Councillor},
		{ID: 4, Kind: people.Staff, LeftOn: "2025-01-01"}, // gone: not counted
	}
	h := Histories{
		1: {1: {Completions: []string{"2025-06-01"}}},
		2: {1: {Completions: []string{"2024-06-01"}}},
		3: {1: {Completions: []string{"2025-06-01"}}, 2: {Completions: []string{"2025-02-01"}}},
	}
	shares := Shares(ps, courses, h, "2025-07-01")
	if shares[0].Kind != people.Staff || shares[0].InScope != 2 || shares[0].Current != 1 {
		t.Errorf("staff %+v, want 1 of 2", shares[0])
	}
	if shares[1].Kind != people.Councillor || shares[1].InScope != 1 || shares[1].Current != 1 {
		t.Errorf("councillors %+v, want 1 of 1", shares[1])
	}
	cs := CourseShares(ps, courses, h, "2025-07-01", 0)
	if cs[0].InScope != 3 || cs[0].Current != 2 || cs[0].Overdue != 1 || cs[1].InScope != 1 || cs[1].Current != 1 {
		t.Errorf("per course %+v", cs)
	}
	tr := Trend(ps, courses, h, "2025-07-01", 26)
	if len(tr) != 26 || tr[25].Day != "2025-07-01" || tr[0].Day != "2025-01-07" {
		t.Fatalf("trend days %v .. %v", tr[0].Day, tr[len(tr)-1].Day)
	}
	// In early January person 2's 2024 completion still held; 1 and 3 had none.
	if tr[0].InScope != 3 || tr[0].Current != 1 || tr[25].Current != 2 {
		t.Errorf("trend first %+v last %+v", tr[0], tr[25])
	}
}

func TestAFollowUpCourseBindsOnlyThoseEnrolled(t *testing.T) {
	c := Course{ID: 9, EnrolledOnly: true, Since: "2025-01-01"}
	ps := []Person{{ID: 1, Kind: people.Staff}, {ID: 2, Kind: people.Staff}}
	h := Histories{2: {9: {Enrolments: []Enrolment{{"2025-02-01", "2025-03-01"}}}}}
	if st := StateOf(ps[0], []Course{c}, h, "2025-04-01", 0); st.Bound() {
		t.Error("someone not enrolled is bound by the follow-up")
	}
	if st := StateOf(ps[1], []Course{c}, h, "2025-04-01", 0); !st.Bound() || len(st.Overdue()) != 1 {
		t.Errorf("the enrolled person: %+v", st)
	}
}
