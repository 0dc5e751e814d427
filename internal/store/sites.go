package store

import (
	"context"
	"time"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Site is a place an org's people work: a town hall, a depot, a library.
type Site struct {
	ID        int64     `json:"id"`
	OrgID     int64     `json:"org_id"`
	Name      string    `json:"name"`
	Address   string    `json:"address"`
	CreatedAt time.Time `json:"created_at"`
}

// Team is a group of people in an org who work together.
type Team struct {
	ID        int64     `json:"id"`
	OrgID     int64     `json:"org_id"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
}

// CreateSite adds a site to an org.
func (s *Store) CreateSite(ctx context.Context, scope tenancy.Scope, orgID int64, name, address string) (Site, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return Site{}, err
	}
	site := Site{OrgID: orgID, Name: name, Address: address, CreatedAt: s.Now()}
	id, err := s.insertID(ctx, `INSERT INTO sites (org_id, name, address, created_at) VALUES (?, ?, ?, ?)`, orgID, name, address, site.CreatedAt)
	site.ID = id
	return site, classify(err)
}

// CreateTeam adds a team to an org.
func (s *Store) CreateTeam(ctx context.Context, scope tenancy.Scope, orgID int64, name string) (Team, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return Team{}, err
	}
	team := Team{OrgID: orgID, Name: name, CreatedAt: s.Now()}
	id, err := s.insertID(ctx, `INSERT INTO teams (org_id, name, created_at) VALUES (?, ?, ?)`, orgID, name, team.CreatedAt)
	team.ID = id
	return team, classify(err)
}

// Sites lists the sites of the orgs in scope, by org then name.
func (s *Store) Sites(ctx context.Context, scope tenancy.Scope) ([]Site, error) {
	cond, args, err := scopeFilter(scope, "org_id")
	if err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT id, org_id, name, address, created_at FROM sites WHERE `+cond+` ORDER BY org_id, name`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Site
	for rows.Next() {
		var x Site
		if err := rows.Scan(&x.ID, &x.OrgID, &x.Name, &x.Address, &x.CreatedAt); err != nil {
			return nil, err
		}
		x.CreatedAt = x.CreatedAt.UTC()
		out = append(out, x)
	}
	return out, rows.Err()
}

// Teams lists the teams of the orgs in scope, by org then name.
func (s *Store) Teams(ctx context.Context, scope tenancy.Scope) ([]Team, error) {
	cond, args, err := scopeFilter(scope, "org_id")
	if err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT id, org_id, name, created_at FROM teams WHERE `+cond+` ORDER BY org_id, name`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Team
	for rows.Next() {
		var x Team
		if err := rows.Scan(&x.ID, &x.OrgID, &x.Name, &x.CreatedAt); err != nil {
			return nil, err
		}
		x.CreatedAt = x.CreatedAt.UTC()
		out = append(out, x)
	}
	return out, rows.Err()
}
