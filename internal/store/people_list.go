package store

import (
	"context"
	"strings"

	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// PeopleFilter picks an org's people for a list page.
type PeopleFilter struct {
	Kind, Team string
	// State is current, left or all (blank); Today (yyyy-mm-dd, in the
	// org's zone) is the day it is judged on.
	State, Today string
	// Search matches part of a name or e-mail address, in any case.
	Search string
	After  *keyset.Cursor // the page starts here; nil for the first
	Limit  int            // rows to read (a page and one more)
}

// currentOn is the condition that a person is one of the org's people on
// a day: started, and not yet left or out of contract (people.Current).
const currentOn = `((start_on = '' OR start_on <= ?) AND
	((left_on <> '' AND left_on >= ?) OR (left_on = '' AND (end_on = '' OR end_on >= ?))))`

// goneBefore is the condition that a person left, or their contract ended,
// before a day (people.GoneBy).
const goneBefore = `((left_on <> '' AND left_on < ?) OR (left_on = '' AND end_on <> '' AND end_on < ?))`

// PeoplePage reads a page of an org's people in the order they were first
// recorded, keyset paged by id.
func (s *Store) PeoplePage(ctx context.Context, scope tenancy.Scope, orgID int64, f PeopleFilter) ([]Person, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	where, args := []string{"org_id = ?"}, []any{orgID}
	add := func(cond string, vals ...any) { where, args = append(where, cond), append(args, vals...) }
	if f.Kind != "" {
		add("kind = ?", f.Kind)
	}
	if f.Team != "" {
		add("team = ?", f.Team)
	}
	switch f.State {
	case "current":
		add(currentOn, f.Today, f.Today, f.Today)
	case "left":
		add(goneBefore, f.Today, f.Today)
	}
	if t := strings.TrimSpace(f.Search); t != "" {
		like := containing(strings.ToLower(t))
		add("(lower(name) LIKE ?"+likeEscape+" OR lower(email) LIKE ?"+likeEscape+")", like, like)
	}
	var at int64
	if f.After != nil {
		at = f.After.ID
	}
	seek, from, order := keysetOrder([]string{"id"}, false, f.After, at)
	if seek != "" {
		add(seek, from...)
	}
	limit := f.Limit
	if limit <= 0 || limit > 1001 {
		limit = 101
	}
	rows, err := s.query(ctx, `SELECT `+personColumns+` FROM people WHERE `+strings.Join(where, " AND ")+
		` ORDER BY `+order+` LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, err
	}
	list, err := scanPeople(rows)
	return backwards(f.After, list), err
}

// OrgPeople is every person of one org, by id: what an HR import matches
// its rows against.
func (s *Store) OrgPeople(ctx context.Context, scope tenancy.Scope, orgID int64) ([]Person, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT `+personColumns+` FROM people WHERE org_id = ? ORDER BY id`, orgID)
	if err != nil {
		return nil, err
	}
	return scanPeople(rows)
}

// DirectReports is the people whose line manager is one person, by name.
func (s *Store) DirectReports(ctx context.Context, scope tenancy.Scope, orgID, managerID int64) ([]Person, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT `+personColumns+` FROM people WHERE org_id = ? AND manager_id = ? ORDER BY name, id`, orgID, managerID)
	if err != nil {
		return nil, err
	}
	return scanPeople(rows)
}

// PersonTicketCount is how many of an org's tickets a person called about.
func (s *Store) PersonTicketCount(ctx context.Context, scope tenancy.Scope, orgID, personID int64) (int, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return 0, err
	}
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM tickets WHERE org_id = ? AND caller_person_id = ?`, orgID, personID).Scan(&n)
	return n, err
}

func scanPeople(rows interface {
	Next() bool
	Scan(...any) error
	Err() error
	Close() error
}) ([]Person, error) {
	defer rows.Close()
	var list []Person
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, p)
	}
	return list, rows.Err()
}
