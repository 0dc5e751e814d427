package trainingsvc

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/awareness"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Course kinds a course may be.
var CourseKinds = []string{"elearning", "briefing", "phishing"}

// Courses lists an org's courses, retired ones included.
func (s *Service) Courses(ctx context.Context, p tenancy.Principal, orgID int64) ([]store.Course, error) {
	if err := require(p, tenancy.ViewAwareness, orgID); err != nil {
		return nil, err
	}
	return s.Store.Courses(ctx, p.Scope, orgID)
}

// Course finds one course.
func (s *Service) Course(ctx context.Context, p tenancy.Principal, id int64) (store.Course, error) {
	c, err := s.Store.CourseByID(ctx, p.Scope, id)
	if err != nil {
		return c, err
	}
	return c, require(p, tenancy.ViewAwareness, c.OrgID)
}

// CheckCourse names every mistake in a course at once, saving nothing: for
// a form with a mistake of its own to show the rest beside it.
func CheckCourse(c store.Course) error { return check(&c) }

// check names every mistake in a course at once.
func check(c *store.Course) error {
	var fs fault.Fields
	c.Code, c.Title, c.Kind = strings.TrimSpace(c.Code), strings.TrimSpace(c.Title), strings.ToLower(strings.TrimSpace(c.Kind))
	if c.Code == "" || len(c.Code) > 100 {
		fs.Add("code", "give the course's code (the e-learning platform's id), up to 100 characters")
	}
	if c.Title == "" || len(c.Title) > 200 {
		fs.Add("title", "give the course a title, up to 200 characters")
	}
	valid := false
	for _, k := range CourseKinds {
		valid = valid || k == c.Kind
	}
	if !valid {
		fs.Add("kind", "choose elearning, briefing or phishing")
	}
	if c.RefreshDays < 0 || c.RefreshDays > 3660 {
		fs.Add("refresh_days", "give the refresh period in days, from 0 (once is enough) to 3660")
	}
	kinds, teams, err := awareness.Audience(c.Kinds, c.Teams)
	if err != nil {
		fs.Add("kinds", "%v", err)
	} else {
		c.Kinds, c.Teams = joinKinds(kinds), strings.Join(teams, ",")
	}
	return fs.Err()
}

func joinKinds[T ~string](ks []T) string {
	parts := make([]string, len(ks))
	for i, k := range ks {
		parts[i] = string(k)
	}
	return strings.Join(parts, ",")
}

// AddCourse adds a course to an org.
func (s *Service) AddCourse(ctx context.Context, p tenancy.Principal, c store.Course) (store.Course, error) {
	if err := require(p, tenancy.ManageTraining, c.OrgID); err != nil {
		return c, err
	}
	if err := check(&c); err != nil {
		return c, err
	}
	c.CreatedBy, c.CreatedAt = p.Actor, time.Time{} // binding from now
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		var err error
		if c, err = s.Store.CreateCourse(ctx, p.Scope, c); err != nil {
			if fault.KindOf(err) == fault.KindConflict {
				return fault.Invalid("code", "the org already has a course with the code %q", c.Code)
			}
			return err
		}
		return s.record(ctx, p, c.OrgID, audit.TrainingCourseAdd, "course "+c.Code, map[string]string{"title": c.Title, "kind": c.Kind})
	})
	return c, err
}

// EditCourse changes a course (its org stays). Retiring it stops it binding
// anyone; its completions are kept.
func (s *Service) EditCourse(ctx context.Context, p tenancy.Principal, c store.Course) (store.Course, error) {
	old, err := s.Store.CourseByID(ctx, p.Scope, c.ID)
	if err != nil {
		return c, err
	}
	if err := require(p, tenancy.ManageTraining, old.OrgID); err != nil {
		return c, err
	}
	c.OrgID, c.CreatedAt, c.CreatedBy = old.OrgID, old.CreatedAt, old.CreatedBy
	if err := check(&c); err != nil {
		return c, err
	}
	err = s.Store.InTx(ctx, func(ctx context.Context) error {
		if err := s.Store.UpdateCourse(ctx, p.Scope, c); err != nil {
			if fault.KindOf(err) == fault.KindConflict {
				return fault.Invalid("code", "the org already has a course with the code %q", c.Code)
			}
			return err
		}
		return s.record(ctx, p, c.OrgID, audit.TrainingCourseEdit, "course "+c.Code, map[string]string{"title": c.Title,
			"refresh_days": itoa(c.RefreshDays), "kinds": c.Kinds, "teams": c.Teams, "retired": boolText(c.Retired)})
	})
	return c, err
}

func boolText(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// CourseByCode finds an org's course by its code.
func (s *Service) CourseByCode(ctx context.Context, p tenancy.Principal, orgID int64, code string) (store.Course, error) {
	if err := require(p, tenancy.ViewAwareness, orgID); err != nil {
		return store.Course{}, err
	}
	return s.Store.CourseByCode(ctx, p.Scope, orgID, code)
}

// FindPeople turns e-mail addresses, HR ids or person ids into the org's
// people's ids, naming every one it does not know at once.
func (s *Service) FindPeople(ctx context.Context, p tenancy.Principal, orgID int64, keys []string) ([]int64, error) {
	if err := require(p, tenancy.ViewAwareness, orgID); err != nil {
		return nil, err
	}
	ps, err := s.Store.People(ctx, p.Scope.Narrow(orgID))
	if err != nil {
		return nil, err
	}
	by := map[string]int64{}
	for _, x := range ps {
		by[strconv.FormatInt(x.ID, 10)] = x.ID
		if x.Email != "" {
			by[strings.ToLower(x.Email)] = x.ID
		}
		if x.HRID != "" {
			by["hr:"+x.HRID] = x.ID
		}
	}
	var fs fault.Fields
	var out []int64
	for _, k := range keys {
		k = strings.TrimSpace(k)
		id, ok := by[strings.ToLower(k)]
		if !ok {
			id, ok = by["hr:"+k]
		}
		if !ok {
			fs.Add("people", "%q is none of the org's people (give an e-mail address, HR id or person id)", k)
			continue
		}
		out = append(out, id)
	}
	return out, fs.Err()
}

// AttendancePeople lists the org's people on its day, by name, for the
// attendance form to tick.
func (s *Service) AttendancePeople(ctx context.Context, p tenancy.Principal, orgID int64) ([]store.Person, error) {
	if err := require(p, tenancy.ManageTraining, orgID); err != nil {
		return nil, err
	}
	w, err := s.load(ctx, p, orgID)
	if err != nil {
		return nil, err
	}
	var out []store.Person
	for _, x := range w.current() {
		out = append(out, w.byID[x.ID])
	}
	return out, nil
}
