package identitysvc

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// identityKinds are the finding subjects the identity checks raise; the
// person kind is shared with the policy and training checks, so held
// findings are also filtered to identity.Controls (ownHeld).
var identityKinds = []finding.SubjectKind{finding.Account, finding.Directory, finding.Relation, finding.Person}

// owned marks the controls the identity analysis raises and may resolve.
var owned = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range identity.Controls {
		m[c] = true
	}
	return m
}()

// ownHeld keeps the held findings of the identity analysis's own controls:
// a person's policy or training finding is another run's to resolve.
func ownHeld(held []finding.Finding) []finding.Finding {
	out := held[:0:0]
	for _, h := range held {
		if owned[h.Control] {
			out = append(out, h)
		}
	}
	return out
}

// Run says what one analysis of an org found and changed.
type Run struct {
	At          time.Time      `json:"at"`
	Directories int            `json:"directories"`
	Nodes       int            `json:"nodes"`
	Edges       int            `json:"edges"`
	TierZero    int            `json:"tier_zero"`
	Accounts    int            `json:"accounts"` // enabled accounts outside Tier Zero
	Reaching    int            `json:"reaching"` // of those, how many have a path into it
	Score       identity.Score `json:"score"`
	Findings    finding.Counts `json:"findings"`
}

// dayDetail is what identity_daily keeps beside the counts.
type dayDetail struct {
	Categories  []identity.Category `json:"categories"`
	ChokePoints []ChokePoint        `json:"choke_points"`
}

// ChokePoint is a relation whose removal cuts accounts off from Tier Zero.
type ChokePoint struct {
	From     string `json:"from"`
	FromID   string `json:"from_id"`
	To       string `json:"to"`
	ToID     string `json:"to_id"`
	Rights   string `json:"rights"`
	Accounts int    `json:"accounts"`
}

func chokePoints(a *identity.Analysis, n int) []ChokePoint {
	var out []ChokePoint
	for i, cp := range a.ChokePoints {
		if i == n {
			break
		}
		from, to := &a.Graph.Nodes[cp.From], &a.Graph.Nodes[cp.To]
		out = append(out, ChokePoint{From: from.Name, FromID: from.ID, To: to.Name, ToID: to.ID,
			Rights: identity.KindsText(cp.Kinds), Accounts: cp.Cut})
	}
	return out
}

// snapshotKey names the inputs of an analysis, for the cache.
func snapshotKey(snaps []store.IdentitySnapshot, added []store.TierZeroAddition) string {
	var b strings.Builder
	for _, s := range snaps {
		b.WriteString(strconv.FormatInt(s.ID, 10) + ",")
	}
	b.WriteString("|")
	for _, a := range added {
		b.WriteString(a.ObjectID + "," + a.AddedAt.String() + ";")
	}
	return b.String()
}

// load reads an org's snapshots in a state and joins them, using the
// directory just imported (fresh, by snapshot id) rather than decoding it
// again. Only reads outside a transaction remember their analysis: one
// inside may yet roll back, and SQLite may then hand its ids out again.
func (s *Service) load(ctx context.Context, p tenancy.Principal, orgID int64, state string, fresh map[int64]*identity.Directory, remember bool) (*identity.Analysis, []store.IdentitySnapshot, error) {
	snaps, err := s.Store.IdentitySnapshots(ctx, p.Scope, orgID, state, false)
	if err != nil {
		return nil, nil, err
	}
	added, err := s.Store.TierZeroAdditions(ctx, p.Scope, orgID)
	if err != nil {
		return nil, nil, err
	}
	key := state + ":" + snapshotKey(snaps, added)
	s.mu.Lock()
	if c := s.cache[orgID]; c != nil && c.key == key {
		s.mu.Unlock()
		return c.analysis, snaps, nil
	}
	s.mu.Unlock()
	var dirs []*identity.Directory
	var need bool
	for _, sn := range snaps {
		if fresh[sn.ID] == nil {
			need = true
		}
	}
	var withGraph []store.IdentitySnapshot
	if need {
		if withGraph, err = s.Store.IdentitySnapshots(ctx, p.Scope, orgID, state, true); err != nil {
			return nil, nil, err
		}
	}
	for i, sn := range snaps {
		if d := fresh[sn.ID]; d != nil {
			dirs = append(dirs, d)
			continue
		}
		d, err := identity.Decode(withGraph[i].Graph)
		if err != nil {
			return nil, nil, err
		}
		dirs = append(dirs, d)
	}
	ids := make([]string, len(added))
	for i, a := range added {
		ids[i] = a.ObjectID
	}
	a := identity.Analyse(identity.Combine(dirs...), ids)
	if remember && state == "current" {
		s.mu.Lock()
		s.cache[orgID] = &cached{key: key, analysis: a}
		s.mu.Unlock()
	}
	return a, snaps, nil
}

// analyse runs the whole analysis of an org inside the caller's
// transaction: join the current snapshots, walk the paths, run the checks,
// bring the identity findings up to date and record the day.
func (s *Service) analyse(ctx context.Context, p tenancy.Principal, orgID int64, fresh map[int64]*identity.Directory) (Run, error) {
	now := s.Store.Now()
	run := Run{At: now}
	a, snaps, err := s.load(ctx, p, orgID, "current", fresh, false)
	if err != nil {
		return run, err
	}
	settings, err := s.Posture.Settings(ctx, p, orgID)
	if err != nil {
		return run, err
	}
	day, err := s.orgDay(ctx, p, orgID, now)
	if err != nil {
		return run, err
	}
	matching, err := s.matchPeople(ctx, p, orgID, a)
	if err != nil {
		return run, err
	}
	failures := identity.Check(a, identity.CheckInput{Settings: settings, Now: now, People: matching, Today: day})
	held, err := s.Store.OrgFindings(ctx, p.Scope, orgID, identityKinds...)
	if err != nil {
		return run, err
	}
	held = ownHeld(held)
	observed := withPasses(held, failures, settings)
	plan := finding.Reconcile(orgID, held, observed, now)
	if err := s.Store.ApplyFindings(ctx, p.Scope, plan); err != nil {
		return run, err
	}
	if err := s.Store.ReplacePersonAccounts(ctx, p.Scope, orgID, accountRows(a, matching, now)); err != nil {
		return run, err
	}
	run.Directories, run.Nodes, run.Edges = len(snaps), len(a.Graph.Nodes), len(a.Graph.Edges)
	for _, t := range a.TierZero {
		if t {
			run.TierZero++
		}
	}
	run.Accounts, run.Reaching = a.Accounts, len(a.Reaching)
	run.Score = identity.ScoreOf(failures)
	run.Findings = plan.Counts()
	detail, _ := json.Marshal(dayDetail{Categories: run.Score.Categories, ChokePoints: chokePoints(a, 10)})
	return run, s.Store.SaveIdentityDay(ctx, p.Scope, orgID, store.IdentityDay{Day: day, Score: run.Score.Score,
		Accounts: run.Accounts, Reaching: run.Reaching, TierZero: run.TierZero, Detail: string(detail)})
}

// withPasses adds, to a run's failures, a pass for every held finding of
// an enabled identity check that did not fail again: the account was put
// right, or has gone. Findings of checks the org switched off resolve too,
// as posture's do. Only the identity analysis's own controls are passed:
// the other checks that raise person findings resolve their own.
func withPasses(held []finding.Finding, failures []finding.Observation, settings posture.Settings) []finding.Observation {
	failed := make(map[finding.Key]bool, len(failures))
	for _, f := range failures {
		failed[finding.Key{Control: f.Control, Kind: f.Subject.Kind, Subject: f.Subject.Key}] = true
	}
	out := failures
	for _, h := range held {
		if h.State == finding.Resolved || failed[h.KeyOf()] {
			continue
		}
		if _, known := posture.ControlByID(h.Control); !known || !owned[h.Control] {
			continue
		}
		outcome := finding.Pass
		if !settings.Enabled(h.Control) {
			outcome = finding.NotApplicable
		}
		out = append(out, finding.Observation{Control: h.Control, Subject: h.Subject, Outcome: outcome, Severity: h.Severity})
	}
	return out
}

// orgDay is the date in the org's own zone.
func (s *Service) orgDay(ctx context.Context, p tenancy.Principal, orgID int64, now time.Time) (string, error) {
	org, err := s.Store.OrgByID(ctx, p.Scope, orgID)
	if err != nil {
		return "", err
	}
	loc, err := time.LoadLocation(org.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	return now.In(loc).Format(time.DateOnly), nil
}
