package store

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

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
	if err := checkEncoded("evidence", e); err != nil {
		return "", err
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
