package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

const findingColumns = `f.id, f.org_id, f.control, f.subject_kind, f.subject_key, f.subject_name, f.severity, f.evidence,
	f.state, f.first_seen, f.last_seen, f.resolved_at, f.accepted_reason, f.accepted_owner, f.accepted_by,
	f.accepted_at, f.accepted_until, f.due_at, f.ticket_id, COALESCE(t.ref, '')`

const findingFrom = ` FROM findings f LEFT JOIN tickets t ON t.id = f.ticket_id `

func scanFinding(sc interface{ Scan(...any) error }) (finding.Finding, error) {
	var f finding.Finding
	var evidence []byte
	var kind, state string
	var resolved, acceptedAt, until, due sql.NullTime
	var ticket sql.NullInt64
	var reason, owner, by string
	err := sc.Scan(&f.ID, &f.OrgID, &f.Control, &kind, &f.Subject.Key, &f.Subject.Name, &f.Severity, &evidence,
		&state, &f.FirstSeen, &f.LastSeen, &resolved, &reason, &owner, &by, &acceptedAt, &until, &due, &ticket, &f.TicketRef)
	if err != nil {
		return f, err
	}
	f.Subject.Kind, f.State = finding.SubjectKind(kind), finding.State(state)
	f.ResolvedAt, f.DueAt, f.TicketID = nullTime(resolved), nullTime(due), ticket.Int64
	f.FirstSeen, f.LastSeen = f.FirstSeen.UTC(), f.LastSeen.UTC()
	if reason != "" || owner != "" {
		f.Acceptance = &finding.Acceptance{Reason: reason, Owner: owner, By: by, At: nullTime(acceptedAt), Expires: nullTime(until)}
	}
	if err := json.Unmarshal(evidence, &f.Evidence); err != nil {
		return f, err
	}
	return f, nil
}

// OrgFindings reads every finding an org holds on the given kinds of
// subject, in any state, for a run to reconcile against. Callers check
// rights first.
func (s *Store) OrgFindings(ctx context.Context, scope tenancy.Scope, orgID int64, kinds ...finding.SubjectKind) ([]finding.Finding, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	args := []any{orgID}
	q := `SELECT ` + findingColumns + findingFrom + `WHERE f.org_id = ?`
	if len(kinds) > 0 {
		q += ` AND f.subject_kind IN (` + strings.TrimSuffix(strings.Repeat("?,", len(kinds)), ",") + `)`
		for _, k := range kinds {
			args = append(args, string(k))
		}
	}
	return s.findings(ctx, q, args...)
}

func (s *Store) findings(ctx context.Context, q string, args ...any) ([]finding.Finding, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []finding.Finding
	for rows.Next() {
		f, err := scanFinding(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// ApplyFindings stores a reconcile's plan: new findings, changed ones, and
// the history entries of each. It must run inside a transaction.
func (s *Store) ApplyFindings(ctx context.Context, scope tenancy.Scope, plan finding.Plan) error {
	for _, changes := range [][]finding.Change{plan.New, plan.Updated} {
		for _, c := range changes {
			if err := orgInScope(scope, c.Finding.OrgID); err != nil {
				return err
			}
		}
	}
	ids, err := s.reserveIDs(ctx, "findings", len(plan.New))
	if err != nil {
		return err
	}
	rows := make([][]any, 0, len(plan.Updated))
	var events [][]any
	add := func(ch *finding.Change) error {
		row, err := findingRow(&ch.Finding)
		if err != nil {
			return err
		}
		rows = append(rows, row)
		if ch.Event != nil {
			events = append(events, eventRow(ch.Finding.ID, *ch.Event))
		}
		return nil
	}
	// A new finding has no resolution, acceptance or ticket yet: its row
	// names only what it has, which halves what a large first import binds.
	fresh := make([][]any, 0, len(plan.New))
	for i := range plan.New {
		f := &plan.New[i].Finding
		f.ID = ids[i]
		evidence, err := evidenceJSON(f.Evidence)
		if err != nil {
			return err
		}
		fresh = append(fresh, []any{f.ID, f.OrgID, f.Control, string(f.Subject.Kind), f.Subject.Key, f.Subject.Name,
			f.Severity, evidence, string(f.State), f.FirstSeen.UTC().Truncate(time.Microsecond), f.LastSeen.UTC().Truncate(time.Microsecond)})
		if ev := plan.New[i].Event; ev != nil {
			events = append(events, eventRow(f.ID, *ev))
		}
	}
	if err := s.insertRows(ctx, `INSERT INTO findings (id, org_id, control, subject_kind, subject_key, subject_name,
		severity, evidence, state, first_seen, last_seen)`, "", fresh); err != nil {
		return err
	}
	seen := map[time.Time][]int64{}
	for i := range plan.Updated {
		if ch := &plan.Updated[i]; ch.SeenOnly {
			at := ch.Finding.LastSeen.UTC().Truncate(time.Microsecond)
			seen[at] = append(seen[at], ch.Finding.ID)
			continue
		}
		if err := add(&plan.Updated[i]); err != nil {
			return err
		}
	}
	if err := s.upsertFindings(ctx, rows); err != nil {
		return err
	}
	for at, ids := range seen {
		if err := s.markSeen(ctx, at, ids); err != nil {
			return err
		}
	}
	return s.insertFindingEvents(ctx, events)
}

// SaveFinding stores one finding changed by a person (accepted, revoked,
// ticket raised) with its history entry.
func (s *Store) SaveFinding(ctx context.Context, scope tenancy.Scope, f finding.Finding, ev finding.Event) error {
	if err := orgInScope(scope, f.OrgID); err != nil {
		return err
	}
	return s.InTx(ctx, func(ctx context.Context) error {
		row, err := findingRow(&f)
		if err != nil {
			return err
		}
		if err := s.upsertFindings(ctx, [][]any{row}); err != nil {
			return err
		}
		return s.insertFindingEvents(ctx, [][]any{eventRow(f.ID, ev)})
	})
}

// markSeen moves the last-seen time of findings that are otherwise unchanged.
func (s *Store) markSeen(ctx context.Context, at time.Time, ids []int64) error {
	const perStatement = 500
	for len(ids) > 0 {
		n := min(perStatement, len(ids))
		args := make([]any, 0, n+1)
		args = append(args, at)
		for _, id := range ids[:n] {
			args = append(args, id)
		}
		if _, err := s.exec(ctx, `UPDATE findings SET last_seen = ? WHERE id IN (`+
			strings.TrimSuffix(strings.Repeat("?,", n), ",")+`)`, args...); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

func evidenceJSON(e []finding.Evidence) (string, error) {
	if e == nil {
		return "[]", nil
	}
	b, err := json.Marshal(e)
	return string(b), err
}

func findingRow(f *finding.Finding) ([]any, error) {
	evidence, err := evidenceJSON(f.Evidence)
	if err != nil {
		return nil, err
	}
	var a finding.Acceptance
	if f.Acceptance != nil {
		a = *f.Acceptance
	}
	return []any{f.ID, f.OrgID, f.Control, string(f.Subject.Kind), f.Subject.Key, f.Subject.Name, f.Severity,
		evidence, string(f.State), f.FirstSeen.UTC().Truncate(time.Microsecond), f.LastSeen.UTC().Truncate(time.Microsecond),
		timeOrNull(f.ResolvedAt), a.Reason, a.Owner, a.By, timeOrNull(a.At), timeOrNull(a.Expires), timeOrNull(f.DueAt),
		idOrNull(f.TicketID)}, nil
}

func eventRow(id int64, e finding.Event) []any {
	return []any{id, e.At.UTC().Truncate(time.Microsecond), string(e.Kind), e.Actor, e.Note}
}

func (s *Store) upsertFindings(ctx context.Context, rows [][]any) error {
	return s.insertRows(ctx, `INSERT INTO findings (id, org_id, control, subject_kind, subject_key, subject_name,
		severity, evidence, state, first_seen, last_seen, resolved_at, accepted_reason, accepted_owner, accepted_by,
		accepted_at, accepted_until, due_at, ticket_id)`,
		`ON CONFLICT (id) DO UPDATE SET subject_name = excluded.subject_name, severity = excluded.severity,
		evidence = excluded.evidence, state = excluded.state, last_seen = excluded.last_seen,
		resolved_at = excluded.resolved_at, accepted_reason = excluded.accepted_reason,
		accepted_owner = excluded.accepted_owner, accepted_by = excluded.accepted_by, accepted_at = excluded.accepted_at,
		accepted_until = excluded.accepted_until, due_at = excluded.due_at, ticket_id = excluded.ticket_id`, rows)
}

func (s *Store) insertFindingEvents(ctx context.Context, rows [][]any) error {
	return s.insertRows(ctx, `INSERT INTO finding_events (finding_id, at, kind, actor, note)`, "", rows)
}

// FindingFilter narrows a list of findings.
type FindingFilter struct {
	OrgID    int64 // 0 for every org in scope
	State    finding.State
	Control  string
	Severity string
	Kind     finding.SubjectKind
	Subject  string // subject key
	Limit    int    // 0 for all
	Offset   int
}

// Findings lists findings within the scope, worst and oldest first.
func (s *Store) Findings(ctx context.Context, scope tenancy.Scope, f FindingFilter) ([]finding.Finding, int, error) {
	cond, args, err := scopeFilter(scope, "f.org_id")
	if err != nil {
		return nil, 0, err
	}
	where := ` WHERE ` + cond
	for _, c := range []struct {
		col string
		val any
		set bool
	}{
		{"f.org_id", f.OrgID, f.OrgID != 0}, {"f.state", string(f.State), f.State != ""},
		{"f.control", f.Control, f.Control != ""}, {"f.severity", f.Severity, f.Severity != ""},
		{"f.subject_kind", string(f.Kind), f.Kind != ""}, {"f.subject_key", f.Subject, f.Subject != ""},
	} {
		if c.set {
			where += ` AND ` + c.col + ` = ?`
			args = append(args, c.val)
		}
	}
	var total int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM findings f`+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	q := `SELECT ` + findingColumns + findingFrom + where + ` ORDER BY CASE f.severity WHEN 'critical' THEN 0
		WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END, f.first_seen, f.id`
	if f.Limit > 0 {
		q += ` LIMIT ? OFFSET ?`
		args = append(args, f.Limit, f.Offset)
	}
	list, err := s.findings(ctx, q, args...)
	return list, total, err
}

// Finding reads one finding within the scope.
func (s *Store) Finding(ctx context.Context, scope tenancy.Scope, id int64) (finding.Finding, error) {
	cond, args, err := scopeFilter(scope, "f.org_id")
	if err != nil {
		return finding.Finding{}, err
	}
	f, err := scanFinding(s.queryRow(ctx, `SELECT `+findingColumns+findingFrom+`WHERE f.id = ? AND `+cond,
		append([]any{id}, args...)...))
	return f, classify(err)
}

// FindingEvents reads a finding's history, oldest first, within the scope.
func (s *Store) FindingEvents(ctx context.Context, scope tenancy.Scope, id int64) ([]finding.Event, error) {
	cond, args, err := scopeFilter(scope, "f.org_id")
	if err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT e.at, e.kind, e.actor, e.note FROM finding_events e
		JOIN findings f ON f.id = e.finding_id WHERE e.finding_id = ? AND `+cond+` ORDER BY e.id`,
		append([]any{id}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []finding.Event
	for rows.Next() {
		var e finding.Event
		var kind string
		if err := rows.Scan(&e.At, &kind, &e.Actor, &e.Note); err != nil {
			return nil, err
		}
		e.Kind, e.At = finding.EventKind(kind), e.At.UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

// FindingTally counts an org's findings by control, severity and state.
type FindingTally struct {
	Control  string `json:"control"`
	Severity string `json:"severity"`
	State    string `json:"state"`
	Count    int    `json:"count"`
}

// FindingTallies counts the findings of the orgs in scope (or one org).
func (s *Store) FindingTallies(ctx context.Context, scope tenancy.Scope, orgID int64) ([]FindingTally, error) {
	cond, args, err := scopeFilter(scope, "org_id")
	if err != nil {
		return nil, err
	}
	q := `SELECT control, severity, state, COUNT(*) FROM findings WHERE ` + cond
	if orgID != 0 {
		q += ` AND org_id = ?`
		args = append(args, orgID)
	}
	rows, err := s.query(ctx, q+` GROUP BY control, severity, state ORDER BY control, severity, state`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []FindingTally
	for rows.Next() {
		var t FindingTally
		if err := rows.Scan(&t.Control, &t.Severity, &t.State, &t.Count); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// ControlDay is one control's pass and fail counts for an org on a day.
type ControlDay struct {
	Day           string `json:"day"`
	Control       string `json:"control"`
	Pass          int    `json:"pass"`
	Fail          int    `json:"fail"`
	Unknown       int    `json:"unknown"`
	NotApplicable int    `json:"not_applicable"`
}

// SavePostureDay records an evaluation's counts for the day, replacing any
// earlier evaluation's counts of the same day.
func (s *Store) SavePostureDay(ctx context.Context, scope tenancy.Scope, orgID int64, days []ControlDay) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	rows := make([][]any, 0, len(days))
	for _, d := range days {
		rows = append(rows, []any{orgID, d.Day, d.Control, d.Pass, d.Fail, d.Unknown, d.NotApplicable})
	}
	return s.insertRows(ctx, `INSERT INTO posture_daily (org_id, day, control, pass, fail, unknown, not_applicable)`,
		`ON CONFLICT (org_id, day, control) DO UPDATE SET pass = excluded.pass, fail = excluded.fail,
		unknown = excluded.unknown, not_applicable = excluded.not_applicable`, rows)
}

// PostureDays reads an org's daily counts from the first day to the last, inclusive.
func (s *Store) PostureDays(ctx context.Context, scope tenancy.Scope, orgID int64, first, last string) ([]ControlDay, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT day, control, pass, fail, unknown, not_applicable FROM posture_daily
		WHERE org_id = ? AND day >= ? AND day <= ? ORDER BY day, control`, orgID, first, last)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ControlDay
	for rows.Next() {
		var d ControlDay
		if err := rows.Scan(&d.Day, &d.Control, &d.Pass, &d.Fail, &d.Unknown, &d.NotApplicable); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
