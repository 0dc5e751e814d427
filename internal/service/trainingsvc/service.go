// Package trainingsvc keeps an org's security awareness training: its
// courses and briefings, the completion history imported from an
// e-learning platform or recorded at a briefing, manual enrolments, the
// status views, and the training-overdue findings — one place for the
// pages, the API and the command line.
package trainingsvc

import (
	"context"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/awareness"
	"github.com/ward-shared-service/ward/internal/people"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Service is the training of every org over one store.
type Service struct {
	Store   *store.Store
	Posture *posturesvc.Service // the org's grace days for training-overdue
}

// New returns the training service over a store.
func New(st *store.Store, ps *posturesvc.Service) *Service { return &Service{Store: st, Posture: ps} }

var require = accountsvc.Require

// record writes an audit entry for an org.
func (s *Service) record(ctx context.Context, p tenancy.Principal, orgID int64, action, target string, detail map[string]string) error {
	_, err := s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: action, Target: target, Detail: detail, IP: p.IP})
	return err
}

// today is the day in the org's zone by the store's clock.
func (s *Service) today(ctx context.Context, scope tenancy.Scope, orgID int64) (store.Org, string, error) {
	org, err := s.Store.OrgByID(ctx, scope, orgID)
	if err != nil {
		return org, "", err
	}
	loc, err := time.LoadLocation(org.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	return org, s.Store.Now().In(loc).Format(time.DateOnly), nil
}

// world is everything an org's status is worked out from, read in a
// handful of queries whatever the number of people.
type world struct {
	org      store.Org
	day      string
	courses  []store.Course // every course, retired ones included
	live     []awareness.Course
	people   []store.Person
	persons  []awareness.Person
	byID     map[int64]store.Person
	history  awareness.Histories
	coursesB map[int64]store.Course
}

func (s *Service) load(ctx context.Context, p tenancy.Principal, orgID int64) (*world, error) {
	w := &world{byID: map[int64]store.Person{}, history: awareness.Histories{}, coursesB: map[int64]store.Course{}}
	var err error
	if w.org, w.day, err = s.today(ctx, p.Scope, orgID); err != nil {
		return nil, err
	}
	if w.courses, err = s.Store.Courses(ctx, p.Scope, orgID); err != nil {
		return nil, err
	}
	for _, c := range w.courses {
		w.coursesB[c.ID] = c
		if c.Retired {
			continue
		}
		w.live = append(w.live, ruleOf(c))
	}
	if w.people, err = s.Store.People(ctx, p.Scope.Narrow(orgID)); err != nil {
		return nil, err
	}
	for _, ps := range w.people {
		w.byID[ps.ID] = ps
		w.persons = append(w.persons, awareness.Person{ID: ps.ID, Kind: people.Kind(ps.Kind), Team: ps.Team,
			StartOn: ps.StartOn, LeftOn: ps.LeftOn, EndOn: ps.EndOn, ManagerID: ps.ManagerID})
	}
	done, enrolled, err := s.Store.TrainingRecords(ctx, p.Scope, orgID)
	if err != nil {
		return nil, err
	}
	rec := func(person, course int64) (map[int64]awareness.Record, awareness.Record) {
		m := w.history[person]
		if m == nil {
			m = map[int64]awareness.Record{}
			w.history[person] = m
		}
		return m, m[course]
	}
	for _, c := range done {
		m, r := rec(c.PersonID, c.CourseID)
		r.Completions = append(r.Completions, c.CompletedOn)
		m[c.CourseID] = r
	}
	for _, e := range enrolled {
		m, r := rec(e.PersonID, e.CourseID)
		r.Enrolments = append(r.Enrolments, awareness.Enrolment{EnrolledOn: e.EnrolledOn, DueOn: e.DueOn})
		m[e.CourseID] = r
	}
	return w, nil
}

// ruleOf is what the awareness rules need of a stored course. An audience
// that no longer parses binds nobody rather than everybody; a phishing
// follow-up binds only the people enrolled on it (by an exercise or by
// hand).
func ruleOf(c store.Course) awareness.Course {
	kinds, teams, err := awareness.Audience(c.Kinds, c.Teams)
	if err != nil {
		kinds = []people.Kind{"-"}
	}
	return awareness.Course{ID: c.ID, RefreshDays: c.RefreshDays, Kinds: kinds, Teams: teams, Since: c.CreatedAt.Format(time.DateOnly),
		EnrolledOnly: c.Kind == "phishing"}
}

// current lists the people of the org on its day.
func (w *world) current() []awareness.Person {
	var out []awareness.Person
	for _, p := range w.persons {
		if people.Current(p.StartOn, p.LeftOn, p.EndOn, w.day) {
			out = append(out, p)
		}
	}
	return out
}

// The records the adapters show, as the store keeps them.
type (
	Course     = store.Course
	Completion = store.Completion
	Enrolment  = store.Enrolment
	Person     = store.Person
)
