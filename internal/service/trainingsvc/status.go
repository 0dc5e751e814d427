package trainingsvc

import (
	"context"
	"sort"
	"strconv"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/awareness"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// KindStatus is the share of one kind of person current on all their
// training.
type KindStatus struct {
	awareness.Share
	Percent float64 `json:"percent"`
}

// CourseStatus is one course's audience on the day.
type CourseStatus struct {
	Course  store.Course `json:"course"`
	InScope int          `json:"in_scope"`
	Current int          `json:"current"`
	Overdue int          `json:"overdue"`
	Percent float64      `json:"percent"`
}

// Status is an org's training on its day.
type Status struct {
	Org     string         `json:"org"`
	OrgName string         `json:"org_name"`
	OrgID   int64          `json:"org_id"`
	Day     string         `json:"day"`
	Kinds   []KindStatus   `json:"kinds"`
	Total   KindStatus     `json:"total"`
	Courses []CourseStatus `json:"courses"`
}

func kindStatus(s awareness.Share) KindStatus { return KindStatus{Share: s, Percent: s.Percent()} }

// Status works out an org's training share per kind of person and per live
// course, from its whole history in a handful of queries.
func (s *Service) Status(ctx context.Context, p tenancy.Principal, orgID int64) (Status, error) {
	if err := require(p, tenancy.ViewAwareness, orgID); err != nil {
		return Status{}, err
	}
	w, err := s.load(ctx, p, orgID)
	if err != nil {
		return Status{}, err
	}
	grace, _, err := s.grace(ctx, p, orgID)
	if err != nil {
		return Status{}, err
	}
	return w.status(grace), nil
}

func (w *world) status(grace int) Status {
	st := Status{Org: w.org.Slug, OrgName: w.org.Name, OrgID: w.org.ID, Day: w.day}
	shares := awareness.Shares(w.persons, w.live, w.history, w.day)
	for _, sh := range shares {
		st.Kinds = append(st.Kinds, kindStatus(sh))
	}
	st.Total = kindStatus(awareness.Total(shares))
	for _, cs := range awareness.CourseShares(w.persons, w.live, w.history, w.day, grace) {
		st.Courses = append(st.Courses, CourseStatus{Course: w.coursesB[cs.CourseID], InScope: cs.InScope,
			Current: cs.Current, Overdue: cs.Overdue, Percent: cs.Share.Percent()})
	}
	return st
}

func (w *world) stateOf(personID int64, grace int) awareness.State {
	for _, p := range w.persons {
		if p.ID == personID {
			return awareness.StateOf(p, w.live, w.history, w.day, grace)
		}
	}
	return awareness.State{PersonID: personID}
}

// Councils is the status of every council the caller may see, side by side.
func (s *Service) Councils(ctx context.Context, p tenancy.Principal) ([]Status, error) {
	orgs, err := s.Store.Orgs(ctx, p.Scope)
	if err != nil {
		return nil, err
	}
	var out []Status
	for _, o := range orgs {
		if o.Kind != "council" || !p.Can(tenancy.ViewAwareness) {
			continue
		}
		st, err := s.Status(ctx, p, o.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}

// Trend is the share of everyone bound who was current, weekly for the
// given number of weeks up to the org's day, from the completion history.
func (s *Service) Trend(ctx context.Context, p tenancy.Principal, orgID int64, weeks int) ([]awareness.Point, error) {
	if err := require(p, tenancy.ViewAwareness, orgID); err != nil {
		return nil, err
	}
	if weeks < 1 || weeks > 520 {
		return nil, fault.Invalid("weeks", "give from 1 to 520 weeks")
	}
	w, err := s.load(ctx, p, orgID)
	if err != nil {
		return nil, err
	}
	return awareness.Trend(w.persons, w.live, w.history, w.day, weeks), nil
}

// OverdueCourse is one course a person is overdue on.
type OverdueCourse struct {
	Code  string `json:"code"`
	Title string `json:"title"`
	Due   string `json:"due_on"`
}

// OverduePerson is a person overdue on some of their training.
type OverduePerson struct {
	ID      int64           `json:"id"`
	Name    string          `json:"name"`
	Email   string          `json:"email"`
	Kind    string          `json:"kind"`
	Team    string          `json:"team,omitempty"`
	Courses []OverdueCourse `json:"courses"`
}

// ManagerGroup is the overdue people who report to one line manager (none:
// ManagerID 0).
type ManagerGroup struct {
	ManagerID int64           `json:"manager_id,omitempty"`
	Manager   string          `json:"manager"`
	Email     string          `json:"manager_email,omitempty"`
	People    []OverduePerson `json:"people"`
}

// Overdue lists everyone overdue past the org's grace days, grouped by
// line manager, so each manager can be sent their own list. Naming people
// is confidential: the view is audited.
func (s *Service) Overdue(ctx context.Context, p tenancy.Principal, orgID int64) ([]ManagerGroup, error) {
	if err := require(p, tenancy.ViewAwareness, orgID); err != nil {
		return nil, err
	}
	w, err := s.load(ctx, p, orgID)
	if err != nil {
		return nil, err
	}
	grace, _, err := s.grace(ctx, p, orgID)
	if err != nil {
		return nil, err
	}
	groups := map[int64]*ManagerGroup{}
	for _, person := range w.current() {
		late := awareness.StateOf(person, w.live, w.history, w.day, grace).Overdue()
		if len(late) == 0 {
			continue
		}
		sp := w.byID[person.ID]
		op := OverduePerson{ID: sp.ID, Name: sp.Name, Email: sp.Email, Kind: sp.Kind, Team: sp.Team}
		for _, st := range late {
			c := w.coursesB[st.CourseID]
			op.Courses = append(op.Courses, OverdueCourse{Code: c.Code, Title: c.Title, Due: st.Due})
		}
		g := groups[sp.ManagerID]
		if g == nil {
			g = &ManagerGroup{ManagerID: sp.ManagerID, Manager: "No line manager"}
			if m, ok := w.byID[sp.ManagerID]; ok && sp.ManagerID != 0 {
				g.Manager, g.Email = m.Name, m.Email
			}
			groups[sp.ManagerID] = g
		}
		g.People = append(g.People, op)
	}
	out := make([]ManagerGroup, 0, len(groups))
	overdue := 0
	for _, g := range groups {
		sort.Slice(g.People, func(i, j int) bool { return g.People[i].Name < g.People[j].Name })
		overdue += len(g.People)
		out = append(out, *g)
	}
	sort.Slice(out, func(i, j int) bool {
		if (out[i].ManagerID == 0) != (out[j].ManagerID == 0) {
			return out[j].ManagerID == 0 // the unmanaged last
		}
		return out[i].Manager < out[j].Manager
	})
	_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: audit.View, Target: "training overdue list",
		Detail: map[string]string{"people": strconv.Itoa(overdue)}, IP: p.IP})
	return out, err
}

// History is one person's whole completion history and where they stand on
// each course that binds them.
type History struct {
	Person      store.Person       `json:"person"`
	Day         string             `json:"day"`
	Current     bool               `json:"current"`
	Standings   []StandingView     `json:"courses"`
	Completions []store.Completion `json:"completions"`
	Enrolments  []store.Enrolment  `json:"enrolments,omitempty"`
}

// StandingView is a standing with its course named.
type StandingView struct {
	awareness.Standing
	Code  string `json:"code"`
	Title string `json:"title"`
}

// History reads one person's training; a confidential view, audited.
func (s *Service) History(ctx context.Context, p tenancy.Principal, orgID, personID int64) (History, error) {
	if err := require(p, tenancy.ViewAwareness, orgID); err != nil {
		return History{}, err
	}
	w, err := s.load(ctx, p, orgID)
	if err != nil {
		return History{}, err
	}
	person, ok := w.byID[personID]
	if !ok {
		return History{}, store.ErrNotFound
	}
	grace, _, err := s.grace(ctx, p, orgID)
	if err != nil {
		return History{}, err
	}
	h := History{Person: person, Day: w.day}
	state := w.stateOf(personID, grace)
	h.Current = state.Current()
	for _, st := range state.Standings {
		c := w.coursesB[st.CourseID]
		h.Standings = append(h.Standings, StandingView{Standing: st, Code: c.Code, Title: c.Title})
	}
	if h.Completions, err = s.Store.PersonCompletions(ctx, p.Scope, orgID, personID); err != nil {
		return h, err
	}
	_, enrolled, err := s.Store.TrainingRecords(ctx, p.Scope, orgID)
	if err != nil {
		return h, err
	}
	for _, e := range enrolled {
		if e.PersonID == personID {
			h.Enrolments = append(h.Enrolments, e)
		}
	}
	_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: audit.View,
		Target: "training history of person " + strconv.FormatInt(personID, 10), IP: p.IP})
	return h, err
}
