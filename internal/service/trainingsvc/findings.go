package trainingsvc

import (
	"context"
	"strconv"

	"github.com/ward-shared-service/ward/internal/awareness"
	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Control is the finding this part raises, one per person.
const Control = "training-overdue"

// PersonKey is the subject key of a person's findings, shared by every part
// that raises findings about people.
func PersonKey(id int64) string { return "person:" + strconv.FormatInt(id, 10) }

// Check brings an org's training-overdue findings up to date: one per
// person overdue on any course (past its due day by more than the org's
// grace days), resolved once they are current again, leave, or the course
// is retired.
func (s *Service) Check(ctx context.Context, p tenancy.Principal, orgID int64) (finding.Counts, error) {
	if err := require(p, tenancy.ManageTraining, orgID); err != nil {
		return finding.Counts{}, err
	}
	var counts finding.Counts
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		var err error
		counts, err = s.check(ctx, p, orgID)
		return err
	})
	return counts, err
}

// CheckAll checks every org in the principal's scope, for the hourly run
// and `ward training check`; an org's failure does not stop the others.
func (s *Service) CheckAll(ctx context.Context, p tenancy.Principal) (map[string]finding.Counts, error) {
	orgs, err := s.Store.Orgs(ctx, p.Scope)
	if err != nil {
		return nil, err
	}
	out := map[string]finding.Counts{}
	var first error
	for _, o := range orgs {
		c, err := s.Check(ctx, p, o.ID)
		if err != nil && first == nil {
			first = err
		}
		out[o.Slug] = c
	}
	return out, first
}

// grace is the org's grace days for the control.
func (s *Service) grace(ctx context.Context, p tenancy.Principal, orgID int64) (int, bool, error) {
	settings, err := s.Posture.Settings(ctx, p, orgID)
	if err != nil {
		return 0, false, err
	}
	n, _ := strconv.Atoi(settings.Value(Control, "grace_days"))
	return n, settings.Enabled(Control), nil
}

// check is Check inside the caller's transaction.
func (s *Service) check(ctx context.Context, p tenancy.Principal, orgID int64) (finding.Counts, error) {
	w, err := s.load(ctx, p, orgID)
	if err != nil {
		return finding.Counts{}, err
	}
	grace, enabled, err := s.grace(ctx, p, orgID)
	if err != nil {
		return finding.Counts{}, err
	}
	held, err := s.Store.OrgFindings(ctx, p.Scope, orgID, finding.Person)
	if err != nil {
		return finding.Counts{}, err
	}
	// Other parts raise person findings too: this run sees only its own,
	// so it never resolves theirs.
	mine := held[:0:0]
	for _, h := range held {
		if h.Control == Control {
			mine = append(mine, h)
		}
	}
	control, _ := posture.ControlByID(Control)
	var observed []finding.Observation
	failed := map[string]bool{}
	if enabled {
		for _, person := range w.current() {
			overdue := w.evidence(person, grace)
			if len(overdue) == 0 {
				continue
			}
			key := PersonKey(person.ID)
			failed[key] = true
			observed = append(observed, finding.Observation{Control: Control, Outcome: finding.Fail, Severity: string(control.Severity),
				Subject: finding.Subject{Kind: finding.Person, Key: key, Name: w.byID[person.ID].Name}, Evidence: overdue})
		}
	}
	for _, h := range mine {
		if h.State == finding.Resolved || failed[h.Subject.Key] {
			continue
		}
		outcome := finding.Pass
		if !enabled {
			outcome = finding.NotApplicable
		}
		observed = append(observed, finding.Observation{Control: Control, Subject: h.Subject, Outcome: outcome, Severity: h.Severity})
	}
	plan := finding.Reconcile(orgID, mine, observed, s.Store.Now())
	if err := s.Store.ApplyFindings(ctx, p.Scope, plan); err != nil {
		return finding.Counts{}, err
	}
	return plan.Counts(), nil
}

// evidence lists each course a person is overdue on, with its due day.
func (w *world) evidence(person awareness.Person, grace int) []finding.Evidence {
	var out []finding.Evidence
	for _, st := range awareness.StateOf(person, w.live, w.history, w.day, grace).Overdue() {
		c := w.coursesB[st.CourseID]
		out = append(out, finding.Evidence{Item: c.Title, Field: "due_on", Value: st.Due, Want: "completed by " + st.Due})
	}
	return out
}
