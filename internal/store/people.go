package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Person is someone who may call the desk: council staff, not necessarily a
// ward user.
type Person struct {
	ID        int64     `json:"id"`
	OrgID     int64     `json:"org_id"`
	Name      string    `json:"name"`
	Email     string    `json:"email"`
	Phone     string    `json:"phone"`
	SiteID    int64     `json:"site_id,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	// LeftOn is the day (yyyy-mm-dd) the person left the org, or empty.
	LeftOn string `json:"left_on,omitempty"`
	// Kind is staff, councillor, contractor or consultant (people.Kind).
	Kind string `json:"kind"`
	Team string `json:"team,omitempty"`
	// ManagerID is the person's line manager, another person of the org.
	ManagerID int64  `json:"manager_id,omitempty"`
	StartOn   string `json:"start_on,omitempty"` // yyyy-mm-dd
	EndOn     string `json:"end_on,omitempty"`   // contract end, yyyy-mm-dd
	// HRID is the HR system's id for the person, unique in the org.
	HRID string `json:"hr_id,omitempty"`
	// UPN is the directory sign-in name, when it is not the e-mail address.
	UPN string `json:"upn,omitempty"`
}

// PhoneKey reduces a UK phone number to its national digits so the forms
// people and phone systems write it in compare equal: "+44 (0)1632 960001",
// "0044 1632 960001" and "01632 960001" all give "01632960001".
func PhoneKey(number string) string {
	var b strings.Builder
	for _, r := range number {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	d := b.String()
	var national string
	switch {
	case strings.HasPrefix(d, "0044"):
		national = d[4:]
	case strings.HasPrefix(d, "44") && strings.HasPrefix(strings.TrimSpace(number), "+"):
		national = d[2:]
	default:
		return d
	}
	// "+44 (0)1632…" carries the trunk zero inside brackets; keep just one.
	return "0" + strings.TrimPrefix(national, "0")
}

// CreatePerson adds a person to an org.
func (s *Store) CreatePerson(ctx context.Context, scope tenancy.Scope, p Person) (Person, error) {
	if err := orgInScope(scope, p.OrgID); err != nil {
		return Person{}, err
	}
	p.CreatedAt = s.Now()
	if p.Kind == "" {
		p.Kind = "staff"
	}
	id, err := s.insertID(ctx, `INSERT INTO people (org_id, name, email, phone, phone_key, site_id, created_at, left_on,
		kind, team, manager_id, start_on, end_on, hr_id, upn) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.OrgID, p.Name, p.Email, p.Phone, PhoneKey(p.Phone), idOrNull(p.SiteID), p.CreatedAt, p.LeftOn,
		p.Kind, p.Team, idOrNull(p.ManagerID), p.StartOn, p.EndOn, p.HRID, p.UPN)
	p.ID = id
	return p, classify(err)
}

const personColumns = `id, org_id, name, email, phone, site_id, created_at, left_on, kind, team, manager_id, start_on, end_on, hr_id, upn`

func scanPerson(sc interface{ Scan(...any) error }) (Person, error) {
	var p Person
	var site, manager sql.NullInt64
	err := sc.Scan(&p.ID, &p.OrgID, &p.Name, &p.Email, &p.Phone, &site, &p.CreatedAt, &p.LeftOn,
		&p.Kind, &p.Team, &manager, &p.StartOn, &p.EndOn, &p.HRID, &p.UPN)
	p.SiteID, p.ManagerID = site.Int64, manager.Int64
	p.CreatedAt = p.CreatedAt.UTC()
	return p, err
}

// SetPersonLeft records the day a person (found by e-mail address, in any
// case) left an org; an empty day means they have not left after all.
func (s *Store) SetPersonLeft(ctx context.Context, scope tenancy.Scope, orgID int64, email, day string) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	res, err := s.exec(ctx, `UPDATE people SET left_on = ? WHERE org_id = ? AND lower(email) = lower(?)`, day, orgID, email)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return ErrNotFound
	}
	return nil
}

// People lists the people in scope, by name.
func (s *Store) People(ctx context.Context, scope tenancy.Scope) ([]Person, error) {
	cond, args, err := scopeFilter(scope, "org_id")
	if err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT `+personColumns+` FROM people WHERE `+cond+` ORDER BY name, id`, args...)
	if err != nil {
		return nil, err
	}
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

// PersonByPhone finds the person in an org with this phone number. When two
// people share a number (a team line) it finds none: guessing would put one
// person's call on another's record.
func (s *Store) PersonByPhone(ctx context.Context, scope tenancy.Scope, orgID int64, number string) (Person, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return Person{}, err
	}
	key := PhoneKey(number)
	if key == "" {
		return Person{}, ErrNotFound
	}
	rows, err := s.query(ctx, `SELECT `+personColumns+` FROM people WHERE org_id = ? AND phone_key = ? LIMIT 2`, orgID, key)
	if err != nil {
		return Person{}, err
	}
	defer rows.Close()
	var found []Person
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return Person{}, err
		}
		found = append(found, p)
	}
	if len(found) != 1 {
		return Person{}, ErrNotFound
	}
	return found[0], rows.Err()
}
