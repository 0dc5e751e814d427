package peoplesvc

import (
	"context"
	"time"

	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/people"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Filter picks people for a list: kind, team, state (current, left or
// all), part of a name or address, and where the page starts.
type Filter struct {
	Kind, Team, State, Search string
	After                     *keyset.Cursor
	PerPage                   int
}

// Page is one page of a list of people and where the pages beside it start.
type Page struct {
	People     []store.Person
	Prev, Next *keyset.Cursor
	Today      string // the org's day the states were judged on
}

// States are the choices of Filter.State.
var States = []string{"current", "left", "all"}

// List reads a page of an org's people.
func (s *Service) List(ctx context.Context, p tenancy.Principal, orgID int64, f Filter) (Page, error) {
	if err := require(p, tenancy.ViewPeople, orgID); err != nil {
		return Page{}, err
	}
	today, err := s.today(ctx, p.Scope, orgID)
	if err != nil {
		return Page{}, err
	}
	per := f.PerPage
	if per <= 0 || per > 1000 {
		per = 50
	}
	rows, err := s.Store.PeoplePage(ctx, p.Scope, orgID, store.PeopleFilter{Kind: f.Kind, Team: f.Team, State: f.State,
		Today: today, Search: f.Search, After: f.After, Limit: per + 1})
	if err != nil {
		return Page{}, err
	}
	page, prev, next := keyset.Trim(rows, per, f.After, func(p store.Person) keyset.Cursor { return keyset.Cursor{ID: p.ID} })
	return Page{People: page, Prev: prev, Next: next, Today: today}, nil
}

// Profile is a person with what their page shows beside them.
type Profile struct {
	store.Person
	Manager       *store.Person  `json:"manager,omitempty"`
	DirectReports []store.Person `json:"direct_reports"`
	Tickets       int            `json:"tickets"`
	Current       bool           `json:"current"`
}

// Profile is one person with their manager, direct reports and how many
// desk tickets they called about.
func (s *Service) Profile(ctx context.Context, p tenancy.Principal, orgID, id int64) (Profile, error) {
	person, err := s.Get(ctx, p, orgID, id)
	if err != nil {
		return Profile{}, err
	}
	out := Profile{Person: person, DirectReports: []store.Person{}}
	if person.ManagerID != 0 {
		if m, err := s.Store.Person(ctx, p.Scope, orgID, person.ManagerID); err == nil {
			out.Manager = &m
		}
	}
	if reports, err := s.Store.DirectReports(ctx, p.Scope, orgID, id); err != nil {
		return Profile{}, err
	} else if reports != nil {
		out.DirectReports = reports
	}
	if out.Tickets, err = s.Store.PersonTicketCount(ctx, p.Scope, orgID, id); err != nil {
		return Profile{}, err
	}
	today, err := s.today(ctx, p.Scope, orgID)
	if err != nil {
		return Profile{}, err
	}
	out.Current = people.Current(person.StartOn, person.LeftOn, person.EndOn, today)
	return out, nil
}

// KindSummary is one kind of person in one org, on one day.
type KindSummary struct {
	Kind string `json:"kind"`
	// Current is how many are the org's people today.
	Current int `json:"current"`
	// Leavers left in the last 30 days (left_on in the 30 days to today).
	Leavers int `json:"leavers_30_days"`
	// Ending are current people whose contract ends in the next 30 days.
	Ending int `json:"contracts_ending_30_days"`
}

// Summary is one org's people by kind.
type Summary struct {
	OrgID   int64         `json:"org_id"`
	OrgSlug string        `json:"org"`
	OrgName string        `json:"org_name"`
	Today   string        `json:"today"`
	Kinds   []KindSummary `json:"kinds"`
}

// Summary counts an org's people by kind.
func (s *Service) Summary(ctx context.Context, p tenancy.Principal, orgID int64) (Summary, error) {
	if err := require(p, tenancy.ViewPeople, orgID); err != nil {
		return Summary{}, err
	}
	org, err := s.Store.OrgByID(ctx, p.Scope, orgID)
	if err != nil {
		return Summary{}, err
	}
	today, err := s.today(ctx, p.Scope, orgID)
	if err != nil {
		return Summary{}, err
	}
	all, err := s.Store.OrgPeople(ctx, p.Scope, orgID)
	if err != nil {
		return Summary{}, err
	}
	return Summarise(org.ID, org.Slug, org.Name, all, today), nil
}

// Summarise counts people by kind on a day (yyyy-mm-dd).
func Summarise(orgID int64, slug, name string, all []store.Person, today string) Summary {
	day, _ := time.Parse(time.DateOnly, today)
	monthAgo, monthOn := day.AddDate(0, 0, -30).Format(time.DateOnly), day.AddDate(0, 0, 30).Format(time.DateOnly)
	out := Summary{OrgID: orgID, OrgSlug: slug, OrgName: name, Today: today}
	at := map[string]int{}
	for _, k := range people.Kinds {
		at[string(k)] = len(out.Kinds)
		out.Kinds = append(out.Kinds, KindSummary{Kind: string(k)})
	}
	for _, p := range all {
		i, ok := at[p.Kind]
		if !ok {
			continue
		}
		k := &out.Kinds[i]
		current := people.Current(p.StartOn, p.LeftOn, p.EndOn, today)
		if current {
			k.Current++
		}
		if p.LeftOn != "" && p.LeftOn > monthAgo && p.LeftOn <= today {
			k.Leavers++
		}
		if current && p.LeftOn == "" && p.EndOn != "" && p.EndOn >= today && p.EndOn <= monthOn {
			k.Ending++
		}
	}
	return out
}

// FindPerson finds one of an org's people by id, e-mail address or HR id,
// as a command line names them.
func (s *Service) FindPerson(ctx context.Context, p tenancy.Principal, orgID int64, key string) (store.Person, error) {
	if err := require(p, tenancy.ViewPeople, orgID); err != nil {
		return store.Person{}, err
	}
	all, err := s.Store.OrgPeople(ctx, p.Scope, orgID)
	if err != nil {
		return store.Person{}, err
	}
	return pick(all, key)
}
