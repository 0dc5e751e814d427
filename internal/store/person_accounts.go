package store

import (
	"context"
	"time"

	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// PersonAccount is one directory account as the people pages show it:
// linked to its person, or to nobody (PersonID zero), or to nobody because
// its address names two people (Ambiguous).
type PersonAccount struct {
	ID          int64     `json:"id"`
	OrgID       int64     `json:"org_id"`
	PersonID    int64     `json:"person_id,omitempty"`
	Source      string    `json:"source"` // ad or entra
	Directory   string    `json:"directory"`
	ObjectID    string    `json:"object_id"`
	AccountName string    `json:"account_name"`
	Address     string    `json:"address"` // the account's mail, or its UPN when it has none
	Enabled     bool      `json:"enabled"`
	MatchedBy   string    `json:"matched_by,omitempty"` // email or upn; empty when unlinked
	Ambiguous   bool      `json:"ambiguous,omitempty"`
	RefreshedAt time.Time `json:"refreshed_at"`
	// The person's own record, when linked.
	PersonName string `json:"person_name,omitempty"`
	PersonKind string `json:"person_kind,omitempty"`
	LeftOn     string `json:"left_on,omitempty"`
	EndOn      string `json:"end_on,omitempty"`
}

// ReplacePersonAccounts sets an org's accounts table to rows, whole: it is
// derived from the current snapshots and people, so it is rebuilt rather
// than patched. Run it inside the analysis's transaction.
func (s *Store) ReplacePersonAccounts(ctx context.Context, scope tenancy.Scope, orgID int64, rows []PersonAccount) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	if _, err := s.exec(ctx, `DELETE FROM person_accounts WHERE org_id = ?`, orgID); err != nil {
		return err
	}
	vals := make([][]any, len(rows))
	for i, r := range rows {
		vals[i] = []any{orgID, idOrNull(r.PersonID), r.Source, r.Directory, r.ObjectID, r.AccountName, r.Address,
			r.Enabled, r.MatchedBy, r.Ambiguous, r.RefreshedAt.UTC()}
	}
	return s.insertRows(ctx, `INSERT INTO person_accounts (org_id, person_id, source, directory, object_id, account_name,
		address, enabled, matched_by, ambiguous, refreshed_at)`, "", vals)
}

// Which rows of an org's accounts a list shows.
const (
	AccountsLinked   = "linked"    // accounts with their person, by person
	AccountsNoPerson = "unmatched" // enabled accounts that match nobody, or two people
	AccountsLeavers  = "leavers"   // enabled accounts of people gone before today
)

// PersonAccounts lists one view of an org's accounts (AccountsLinked,
// AccountsNoPerson or AccountsLeavers), a page at a time from cursor c,
// ordered by person then account (unlinked: by account). today
// (yyyy-mm-dd) says who has gone: a person has gone when the day they
// left, or failing that their contract end, is before it. It reads one row
// more than limit so keyset.Trim can tell a next page.
func (s *Store) PersonAccounts(ctx context.Context, scope tenancy.Scope, orgID int64, view, today string, c *keyset.Cursor, limit int) ([]PersonAccount, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	var rank, id int64
	if c != nil {
		rank, id = c.Rank, c.ID
	}
	// Linked rows page by person then row, along person_accounts_person;
	// unlinked ones (no person) by row alone.
	cond, args, order := keysetOrder([]string{"a.person_id", "a.id"}, false, c, rank, id)
	if view == AccountsNoPerson {
		cond, args, order = keysetOrder([]string{"a.id"}, false, c, id)
	}
	q := `SELECT a.id, a.org_id, COALESCE(a.person_id, 0), a.source, a.directory, a.object_id, a.account_name, a.address,
		a.enabled, a.matched_by, a.ambiguous, a.refreshed_at, COALESCE(p.name, ''), COALESCE(p.kind, ''),
		COALESCE(p.left_on, ''), COALESCE(p.end_on, '')
		FROM person_accounts a LEFT JOIN people p ON p.id = a.person_id WHERE a.org_id = ?`
	qargs := []any{orgID}
	switch view {
	case AccountsNoPerson:
		q += ` AND a.person_id IS NULL`
	case AccountsLeavers:
		q += ` AND a.person_id IS NOT NULL AND a.enabled AND ` + personGoneBefore
		qargs = append(qargs, today, today)
	default:
		q += ` AND a.person_id IS NOT NULL`
	}
	if cond != "" {
		q += " AND " + cond
		qargs = append(qargs, args...)
	}
	rows, err := s.query(ctx, q+" ORDER BY "+order+" LIMIT ?", append(qargs, limit+1)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PersonAccount
	for rows.Next() {
		var a PersonAccount
		if err := rows.Scan(&a.ID, &a.OrgID, &a.PersonID, &a.Source, &a.Directory, &a.ObjectID, &a.AccountName, &a.Address,
			&a.Enabled, &a.MatchedBy, &a.Ambiguous, &a.RefreshedAt, &a.PersonName, &a.PersonKind, &a.LeftOn, &a.EndOn); err != nil {
			return nil, err
		}
		a.RefreshedAt = a.RefreshedAt.UTC()
		out = append(out, a)
	}
	return backwards(c, out), rows.Err()
}

// personGoneBefore holds when the person p left, or failing that their
// contract ended, before the day bound twice after it (people.GoneBy in SQL).
const personGoneBefore = `((p.left_on <> '' AND p.left_on < ?) OR (p.left_on = '' AND p.end_on <> '' AND p.end_on < ?))`

// PeopleWithoutAccounts lists an org's current people (started by today,
// not gone before it) with an e-mail address whom no account matches, by
// id, a page at a time from cursor c.
func (s *Store) PeopleWithoutAccounts(ctx context.Context, scope tenancy.Scope, orgID int64, today string, c *keyset.Cursor, limit int) ([]Person, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	var id int64
	if c != nil {
		id = c.ID
	}
	cond, args, order := keysetOrder([]string{"p.id"}, false, c, id)
	q := `SELECT ` + prefixed("p.", personColumns) + ` FROM people p WHERE p.org_id = ? AND p.email <> ''
		AND (p.start_on = '' OR p.start_on <= ?) AND NOT ` + personGoneBefore + `
		AND NOT EXISTS (SELECT 1 FROM person_accounts a WHERE a.org_id = p.org_id AND a.person_id = p.id)`
	qargs := []any{orgID, today, today, today}
	if cond != "" {
		q += " AND " + cond
		qargs = append(qargs, args...)
	}
	rows, err := s.query(ctx, q+" ORDER BY "+order+" LIMIT ?", append(qargs, limit+1)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Person
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return backwards(c, out), rows.Err()
}
