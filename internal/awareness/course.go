package awareness

import (
	"slices"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/people"
)

// Course is what the rules need of a course: who it binds and how long a
// completion of it lasts.
type Course struct {
	ID int64
	// RefreshDays is how long a completion stays current; 0 means once is
	// enough.
	RefreshDays int
	// Kinds and Teams are the audience; empty binds every kind or team.
	Kinds []people.Kind
	Teams []string
	// EnrolledOnly binds only those enrolled on it, such as the follow-up
	// a phishing exercise leads to; it never binds a whole kind.
	EnrolledOnly bool
	// Since is the day (yyyy-mm-dd) the course began to bind people: someone
	// who never completed it is due from then, or from their own start.
	Since string
}

// Audience parses a course's stored audience (comma separated kinds and
// teams, as in the courses table).
func Audience(kinds, teams string) ([]people.Kind, []string, error) {
	var ks []people.Kind
	for _, s := range split(kinds) {
		k, err := people.ParseKind(s)
		if err != nil {
			return nil, nil, err
		}
		if !slices.Contains(ks, k) {
			ks = append(ks, k)
		}
	}
	return ks, split(teams), nil
}

func split(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// Binds reports whether the course is meant for a person of this kind and
// team. Teams compare without regard to case.
func (c Course) Binds(kind people.Kind, team string) bool {
	if len(c.Kinds) > 0 && !slices.Contains(c.Kinds, kind) {
		return false
	}
	if len(c.Teams) == 0 {
		return true
	}
	for _, t := range c.Teams {
		if strings.EqualFold(t, strings.TrimSpace(team)) {
			return true
		}
	}
	return false
}

// Enrolment asks a person to complete a course by DueOn; it is met by a
// completion on or after EnrolledOn.
type Enrolment struct {
	EnrolledOn string
	DueOn      string
}

// Record is one person's history with one course: every completion day
// (yyyy-mm-dd), in any order, and their enrolments.
type Record struct {
	Completions []string
	Enrolments  []Enrolment
}

// Standing is where a person stands with a course on a day.
type Standing struct {
	CourseID int64  `json:"course_id"`
	Last     string `json:"last_completed,omitempty"` // the last completion on or before the day
	Due      string `json:"due_on,omitempty"`         // empty: complete and never due again
	Current  bool   `json:"current"`
	Overdue  bool   `json:"overdue"`
}

// Assess says where a person who started on startOn stands with a course on
// day. The due day is the last completion plus the refresh period (none
// when refresh is 0), or, never completed, the later of the course's and
// the person's start; an open enrolment brings it forward to its own due
// day. A person is current before the due day, and overdue once more than
// grace days have passed after it.
func Assess(c Course, startOn string, r Record, day string, grace int) Standing {
	st := Standing{CourseID: c.ID}
	for _, d := range r.Completions {
		if d <= day && d > st.Last {
			st.Last = d
		}
	}
	switch {
	case st.Last == "":
		st.Due = max(c.Since, startOn)
		if st.Due == "" {
			st.Due = day
		}
	case c.RefreshDays > 0:
		st.Due = addDays(st.Last, c.RefreshDays)
	}
	for _, e := range r.Enrolments {
		if e.EnrolledOn > day || met(e, r.Completions, day) {
			continue
		}
		if st.Due == "" || e.DueOn < st.Due {
			st.Due = e.DueOn
		}
	}
	st.Current = st.Due == "" || day < st.Due
	st.Overdue = st.Due != "" && day > addDays(st.Due, grace)
	return st
}

// met reports whether an enrolment was met by a completion made on or
// after it, by day.
func met(e Enrolment, completions []string, day string) bool {
	for _, d := range completions {
		if d >= e.EnrolledOn && d <= day {
			return true
		}
	}
	return false
}

// addDays moves a yyyy-mm-dd day on by n days; a day that does not parse
// is kept, so bad stored data shows rather than vanishes.
func addDays(day string, n int) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return t.AddDate(0, 0, n).Format(time.DateOnly)
}

// AddDays is addDays for the views: a due day plus grace.
func AddDays(day string, n int) string { return addDays(day, n) }
