package awareness

import (
	"time"

	"github.com/ward-shared-service/ward/internal/people"
)

// Person is what the rules need of one of an org's people.
type Person struct {
	ID                     int64
	Kind                   people.Kind
	Team                   string
	StartOn, LeftOn, EndOn string
	ManagerID              int64
}

// Histories holds an org's records, by person id, then course id.
type Histories map[int64]map[int64]Record

// State is a person's whole training on a day: their standing with every
// course that binds them.
type State struct {
	PersonID  int64      `json:"person_id"`
	Standings []Standing `json:"courses"`
}

// Bound reports whether any course binds the person.
func (s State) Bound() bool { return len(s.Standings) > 0 }

// Current reports whether the person is current on every course that binds
// them (and is bound by at least one).
func (s State) Current() bool {
	for _, st := range s.Standings {
		if !st.Current {
			return false
		}
	}
	return s.Bound()
}

// Overdue lists the courses the person is overdue on.
func (s State) Overdue() []Standing {
	var out []Standing
	for _, st := range s.Standings {
		if st.Overdue {
			out = append(out, st)
		}
	}
	return out
}

// StateOf works out a person's training on a day over the given courses
// (retired ones left out by the caller).
func StateOf(p Person, courses []Course, h Histories, day string, grace int) State {
	s := State{PersonID: p.ID}
	for _, c := range courses {
		if !binds(c, p, h) {
			continue
		}
		s.Standings = append(s.Standings, Assess(c, p.StartOn, h[p.ID][c.ID], day, grace))
	}
	return s
}

// binds reports whether a course binds a person: by their kind and team,
// or, for a course only some are enrolled on, by an enrolment.
func binds(c Course, p Person, h Histories) bool {
	if c.EnrolledOnly && len(h[p.ID][c.ID].Enrolments) == 0 {
		return false
	}
	return c.Binds(p.Kind, p.Team)
}

// Shares counts, per kind of person (in people.Kinds order), the org's
// people on a day who are bound by a course and how many of them are
// current on all they are bound by. Only people current on the day count.
func Shares(ps []Person, courses []Course, h Histories, day string) []Share {
	by := map[people.Kind]*Share{}
	out := make([]Share, len(people.Kinds))
	for i, k := range people.Kinds {
		out[i].Kind = k
		by[k] = &out[i]
	}
	for _, p := range ps {
		if !people.Current(p.StartOn, p.LeftOn, p.EndOn, day) {
			continue
		}
		sh := by[p.Kind]
		if sh == nil {
			continue
		}
		st := StateOf(p, courses, h, day, 0)
		if !st.Bound() {
			continue
		}
		sh.InScope++
		if st.Current() {
			sh.Current++
		}
	}
	return out
}

// CourseShare is one course's share on a day: people it binds, and how many
// are current with it or overdue.
type CourseShare struct {
	CourseID int64 `json:"course_id"`
	Share
	Overdue int `json:"overdue"`
}

// CourseShares counts each course's audience on a day.
func CourseShares(ps []Person, courses []Course, h Histories, day string, grace int) []CourseShare {
	out := make([]CourseShare, len(courses))
	for i, c := range courses {
		out[i].CourseID = c.ID
		for _, p := range ps {
			if !people.Current(p.StartOn, p.LeftOn, p.EndOn, day) || !binds(c, p, h) {
				continue
			}
			st := Assess(c, p.StartOn, h[p.ID][c.ID], day, grace)
			out[i].InScope++
			if st.Current {
				out[i].Current++
			}
			if st.Overdue {
				out[i].Overdue++
			}
		}
	}
	return out
}

// Point is the share of everyone bound who was current on one day.
type Point struct {
	Day string `json:"day"`
	Share
}

// Trend gives the share current on each of n weekly days ending on day,
// oldest first, worked out again from the completion history: a refresh
// adds a completion, it never rewrites one, so past weeks keep their answer.
func Trend(ps []Person, courses []Course, h Histories, day string, n int) []Point {
	end, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return nil
	}
	out := make([]Point, 0, n)
	for i := n - 1; i >= 0; i-- {
		d := end.AddDate(0, 0, -7*i).Format(time.DateOnly)
		out = append(out, Point{Day: d, Share: Total(Shares(ps, courses, h, d))})
	}
	return out
}
