package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Visit is one person in a site's walk-up queue.
type Visit struct {
	ID       int64           `json:"id"`
	OrgID    int64           `json:"org_id"`
	SiteID   int64           `json:"site_id"`
	SiteName string          `json:"site"`
	Day      string          `json:"day"`    // the local day the number belongs to
	Number   int             `json:"number"` // the queue number, from 1 each day at each site
	Name     string          `json:"name"`   // a name or a staff number, as typed
	ShowName bool            `json:"show_name"`
	Reason   string          `json:"reason"`
	State    desk.VisitState `json:"state"`
	Desk     string          `json:"desk,omitempty"`
	CalledBy string          `json:"called_by,omitempty"`
	Outcome  string          `json:"outcome,omitempty"`
	TicketID int64           `json:"ticket_id,omitempty"`
	// The queue's clock: wait is CheckedIn to Called, service Called to Finished.
	CheckedIn time.Time `json:"checked_in_at"`
	Called    time.Time `json:"called_at,omitzero"`
	Served    time.Time `json:"served_at,omitzero"`
	Finished  time.Time `json:"finished_at,omitzero"`
}

const visitColumns = `v.id, v.org_id, v.site_id, st.name, v.day, v.number, v.name, v.show_name, v.reason, v.state, v.desk,
	v.called_by, v.outcome, v.ticket_id, v.checked_in_at, v.called_at, v.served_at, v.finished_at`

const visitFrom = ` FROM walkup_visits v JOIN sites st ON st.id = v.site_id`

func scanVisit(sc interface{ Scan(...any) error }) (Visit, error) {
	var v Visit
	var ticket sql.NullInt64
	var called, served, finished sql.NullTime
	err := sc.Scan(&v.ID, &v.OrgID, &v.SiteID, &v.SiteName, &v.Day, &v.Number, &v.Name, &v.ShowName, &v.Reason, &v.State,
		&v.Desk, &v.CalledBy, &v.Outcome, &ticket, &v.CheckedIn, &called, &served, &finished)
	v.TicketID = ticket.Int64
	v.CheckedIn = v.CheckedIn.UTC()
	v.Called, v.Served, v.Finished = nullTime(called), nullTime(served), nullTime(finished)
	return v, err
}

// SiteInOrg reads one of an org's sites.
func (s *Store) SiteInOrg(ctx context.Context, scope tenancy.Scope, orgID, siteID int64) (Site, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return Site{}, err
	}
	x := Site{ID: siteID, OrgID: orgID}
	err := s.queryRow(ctx, `SELECT name, address, created_at FROM sites WHERE id = ? AND org_id = ?`, siteID, orgID).
		Scan(&x.Name, &x.Address, &x.CreatedAt)
	x.CreatedAt = x.CreatedAt.UTC()
	return x, classify(err)
}

// AddVisit puts a visit in its site's queue with the next number of its
// day there, and returns it with its number. Run it in a transaction: two
// check-ins at once may both read the same highest number, and the unique
// (site, day, number) then refuses the second as ErrConflict, to be tried
// again. The times and state are the caller's, so past visits can be
// recorded as they happened.
func (s *Store) AddVisit(ctx context.Context, scope tenancy.Scope, v Visit) (Visit, error) {
	if err := orgInScope(scope, v.OrgID); err != nil {
		return Visit{}, err
	}
	if v.Number == 0 {
		err := s.queryRow(ctx, `SELECT COALESCE(MAX(number), 0) + 1 FROM walkup_visits WHERE org_id = ? AND site_id = ? AND day = ?`,
			v.OrgID, v.SiteID, v.Day).Scan(&v.Number)
		if err != nil {
			return Visit{}, err
		}
	}
	id, err := s.insertID(ctx, `INSERT INTO walkup_visits (org_id, site_id, day, number, name, show_name, reason, state, desk,
		called_by, outcome, ticket_id, checked_in_at, called_at, served_at, finished_at)
		SELECT ?, id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM sites WHERE id = ? AND org_id = ?`,
		v.OrgID, v.Day, v.Number, v.Name, v.ShowName, v.Reason, string(v.State), v.Desk, v.CalledBy, v.Outcome, idOrNull(v.TicketID),
		v.CheckedIn.UTC(), timeOrNull(v.Called), timeOrNull(v.Served), timeOrNull(v.Finished), v.SiteID, v.OrgID)
	v.ID = id
	return v, classify(err)
}

// VisitByID reads one visit of the orgs in scope.
func (s *Store) VisitByID(ctx context.Context, scope tenancy.Scope, id int64) (Visit, error) {
	cond, args, err := scopeFilter(scope, "v.org_id")
	if err != nil {
		return Visit{}, err
	}
	v, err := scanVisit(s.queryRow(ctx, `SELECT `+visitColumns+visitFrom+` WHERE v.id = ? AND `+cond, append([]any{id}, args...)...))
	return v, classify(err)
}

// SiteQueue is a site's visits still in the queue (waiting, called or being
// served), first come first. A queue is at most desk.MaxVisitsAtATime long
// as read: it is a room of people, not a list to page through.
func (s *Store) SiteQueue(ctx context.Context, scope tenancy.Scope, orgID, siteID int64) ([]Visit, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT `+visitColumns+visitFrom+` WHERE v.org_id = ? AND v.site_id = ? AND v.state IN (?, ?, ?)
		ORDER BY v.id LIMIT ?`, orgID, siteID, string(desk.VisitWaiting), string(desk.VisitCalled), string(desk.VisitServing),
		desk.MaxVisitsAtATime)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Visit
	for rows.Next() {
		v, err := scanVisit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// MoveVisit saves a visit's new state and what came with it, only if it is
// still in the state it was read in: when two desks call the same person,
// the second gets ErrConflict.
func (s *Store) MoveVisit(ctx context.Context, scope tenancy.Scope, v Visit, from desk.VisitState) error {
	if err := orgInScope(scope, v.OrgID); err != nil {
		return err
	}
	res, err := s.exec(ctx, `UPDATE walkup_visits SET state = ?, desk = ?, called_by = ?, outcome = ?, ticket_id = ?,
		called_at = ?, served_at = ?, finished_at = ? WHERE id = ? AND org_id = ? AND state = ?`,
		string(v.State), v.Desk, v.CalledBy, v.Outcome, idOrNull(v.TicketID), timeOrNull(v.Called), timeOrNull(v.Served),
		timeOrNull(v.Finished), v.ID, v.OrgID, string(from))
	if err != nil {
		return classify(err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		if err == nil {
			err = ErrConflict
		}
		return err
	}
	return nil
}

// EachVisit calls fn with each of an org's visits checked in within
// [from, to), in check-in order, for the walk-up figures. Only the columns
// the figures read are filled.
func (s *Store) EachVisit(ctx context.Context, scope tenancy.Scope, orgID int64, from, to time.Time, fn func(Visit) error) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	rows, err := s.query(ctx, `SELECT v.site_id, st.name, v.state, v.checked_in_at, v.called_at, v.finished_at`+visitFrom+`
		WHERE v.org_id = ? AND v.checked_in_at >= ? AND v.checked_in_at < ? ORDER BY v.checked_in_at, v.id`,
		orgID, from.UTC(), to.UTC())
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		v := Visit{OrgID: orgID}
		var called, finished sql.NullTime
		if err := rows.Scan(&v.SiteID, &v.SiteName, &v.State, &v.CheckedIn, &called, &finished); err != nil {
			return err
		}
		v.CheckedIn, v.Called, v.Finished = v.CheckedIn.UTC(), nullTime(called), nullTime(finished)
		if err := fn(v); err != nil {
			return err
		}
	}
	return rows.Err()
}
