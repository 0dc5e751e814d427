package policysvc

import (
	"context"
	"strconv"

	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Control is the finding raised for a person past a deadline without a
// current acceptance.
const Control = "policy-not-accepted"

// PersonKey is the subject key of a person's findings, shared with the
// other checks of people.
func PersonKey(id int64) string { return "person:" + strconv.FormatInt(id, 10) }

// reconcile brings the org's policy-not-accepted findings up to date: one
// per person past a deadline, naming each document not accepted. Only this
// control's findings are touched; other checks of people keep theirs.
func (s *Service) reconcile(ctx context.Context, scope tenancy.Scope, orgID int64) error {
	st, err := s.load(ctx, scope, orgID)
	if err != nil {
		return err
	}
	held, err := s.Store.OrgFindings(ctx, scope, orgID, finding.Person)
	if err != nil {
		return err
	}
	var mine []finding.Finding
	for _, f := range held {
		if f.Control == Control {
			mine = append(mine, f)
		}
	}
	severity := "medium"
	if c, ok := posture.ControlByID(Control); ok {
		severity = string(c.Severity)
	}
	failing := map[string]bool{}
	var observed []finding.Observation
	for _, o := range st.overdue() {
		key := PersonKey(o.Person.ID)
		failing[key] = true
		var ev []finding.Evidence
		for _, d := range o.Documents {
			ev = append(ev, finding.Evidence{Item: d.Title, Field: "accepted version", Value: d.Accepted,
				Want: "version " + strconv.Itoa(d.Version) + " by " + d.Deadline.Format("2006-01-02")})
		}
		observed = append(observed, finding.Observation{Control: Control, Severity: severity, Outcome: finding.Fail, Evidence: ev,
			Subject: finding.Subject{Kind: finding.Person, Key: key, Name: o.Person.Name}})
	}
	for _, f := range mine {
		if f.State != finding.Resolved && !failing[f.Subject.Key] {
			observed = append(observed, finding.Observation{Control: Control, Subject: f.Subject, Outcome: finding.Pass, Severity: f.Severity})
		}
	}
	return s.Store.ApplyFindings(ctx, scope, finding.Reconcile(orgID, mine, observed, st.Now))
}

// Reconcile brings an org's policy-not-accepted findings up to date, for
// work that wrote acceptances by other means (the demo).
func (s *Service) Reconcile(ctx context.Context, p tenancy.Principal, orgID int64) error {
	return s.reconcile(ctx, p.Scope, orgID)
}
