package store

import (
	"context"
	"time"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Org is an organisation: a council, the shared service, or a partner.
type Org struct {
	ID        int64           `json:"id"`
	Slug      string          `json:"slug"`
	Name      string          `json:"name"`
	Kind      tenancy.OrgKind `json:"kind"`
	TimeZone  string          `json:"time_zone"`
	RefPrefix string          `json:"ref_prefix"`
	CreatedAt time.Time       `json:"created_at"`
}

// NewOrg is what CreateOrg needs.
type NewOrg struct {
	Slug, Name string
	Kind       tenancy.OrgKind
	TimeZone   string // default Europe/London
	// RefPrefix starts every ticket reference of the org (ASH-INC-10003);
	// empty takes the first of tenancy.RefPrefixCandidates not in use.
	RefPrefix string
}

// CreateOrg adds an org. The slug must be unused.
func (s *Store) CreateOrg(ctx context.Context, n NewOrg) (Org, error) {
	if n.TimeZone == "" {
		n.TimeZone = "Europe/London"
	}
	if _, err := time.LoadLocation(n.TimeZone); err != nil {
		return Org{}, err
	}
	prefix, err := s.refPrefixFor(ctx, n)
	if err != nil {
		return Org{}, err
	}
	o := Org{Slug: n.Slug, Name: n.Name, Kind: n.Kind, TimeZone: n.TimeZone, RefPrefix: prefix, CreatedAt: s.Now()}
	id, err := s.insertID(ctx, `INSERT INTO orgs (slug, name, kind, time_zone, ref_prefix, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		o.Slug, o.Name, string(o.Kind), o.TimeZone, o.RefPrefix, o.CreatedAt)
	o.ID = id
	return o, classify(err)
}

const orgColumns = `id, slug, name, kind, time_zone, ref_prefix, created_at`

func scanOrg(sc interface{ Scan(...any) error }) (Org, error) {
	var o Org
	var kind string
	err := sc.Scan(&o.ID, &o.Slug, &o.Name, &kind, &o.TimeZone, &o.RefPrefix, &o.CreatedAt)
	o.Kind = tenancy.OrgKind(kind)
	o.CreatedAt = o.CreatedAt.UTC()
	return o, err
}

// Orgs lists the orgs in scope, by name.
func (s *Store) Orgs(ctx context.Context, scope tenancy.Scope) ([]Org, error) {
	cond, args, err := scopeFilter(scope, "id")
	if err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT `+orgColumns+` FROM orgs WHERE `+cond+` ORDER BY name`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Org
	for rows.Next() {
		o, err := scanOrg(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// OrgBySlug finds an org in scope; one outside the scope is ErrNotFound.
func (s *Store) OrgBySlug(ctx context.Context, scope tenancy.Scope, slug string) (Org, error) {
	cond, args, err := scopeFilter(scope, "id")
	if err != nil {
		return Org{}, err
	}
	o, err := scanOrg(s.queryRow(ctx, `SELECT `+orgColumns+` FROM orgs WHERE slug = ? AND `+cond, append([]any{slug}, args...)...))
	return o, classify(err)
}

// OrgByID finds an org in scope.
func (s *Store) OrgByID(ctx context.Context, scope tenancy.Scope, id int64) (Org, error) {
	cond, args, err := scopeFilter(scope, "id")
	if err != nil {
		return Org{}, err
	}
	o, err := scanOrg(s.queryRow(ctx, `SELECT `+orgColumns+` FROM orgs WHERE id = ? AND `+cond, append([]any{id}, args...)...))
	return o, classify(err)
}

// CountOrgs says how many orgs exist at all: the demo seeds only an empty database.
func (s *Store) CountOrgs(ctx context.Context) (int, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM orgs`).Scan(&n)
	return n, err
}
