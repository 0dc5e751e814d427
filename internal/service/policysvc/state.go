// Package policysvc publishes an org's policy documents, records who
// accepted which version (signed in, by a mailed link, or on paper), chases
// those who have not, and reports who has: the policy half of the security
// culture evidence (CAF B6).
package policysvc

import (
	"context"
	"time"

	"github.com/ward-shared-service/ward/internal/people"
	"github.com/ward-shared-service/ward/internal/policy"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Service carries out policy requests over the store.
type Service struct {
	Store *store.Store
	// BaseURL starts the links in mails ("https://ward.example"); empty
	// gives a path only.
	BaseURL string
}

// New builds the service.
func New(st *store.Store) *Service { return &Service{Store: st} }

// docState is one document with its versions, as the rules see them.
type docState struct {
	Doc      store.PolicyDocument
	Versions []store.PolicyVersion // by number
	rules    []policy.Version
	Audience policy.Audience
}

func (d *docState) latest() (store.PolicyVersion, bool) {
	if len(d.Versions) == 0 {
		return store.PolicyVersion{}, false
	}
	return d.Versions[len(d.Versions)-1], true
}

func (d *docState) binding() (store.PolicyVersion, bool) {
	b, ok := policy.Binding(d.rules)
	if !ok {
		return store.PolicyVersion{}, false
	}
	for _, v := range d.Versions {
		if v.Number == b.Number {
			return v, true
		}
	}
	return store.PolicyVersion{}, false
}

// orgState is everything the status of an org's documents is worked out
// from, read once.
type orgState struct {
	Org    store.Org
	Now    time.Time
	People []store.Person
	byID   map[int64]*store.Person
	Docs   []*docState
	// accepted[person][document] is the version numbers the person
	// accepted, at what time.
	accepted map[int64]map[int64][]acceptedAt
}

type acceptedAt struct {
	Number int
	At     time.Time
}

func (s *Service) load(ctx context.Context, scope tenancy.Scope, orgID int64) (*orgState, error) {
	org, err := s.Store.OrgByID(ctx, scope, orgID)
	if err != nil {
		return nil, err
	}
	st := &orgState{Org: org, Now: s.Store.Now(), byID: map[int64]*store.Person{}, accepted: map[int64]map[int64][]acceptedAt{}}
	if st.People, err = s.Store.People(ctx, scope.Narrow(orgID)); err != nil {
		return nil, err
	}
	for i := range st.People {
		st.byID[st.People[i].ID] = &st.People[i]
	}
	docs, err := s.Store.PolicyDocuments(ctx, scope, orgID)
	if err != nil {
		return nil, err
	}
	versions, err := s.Store.PolicyVersions(ctx, scope, orgID)
	if err != nil {
		return nil, err
	}
	byDoc := map[int64]*docState{}
	for _, d := range docs {
		ds := &docState{Doc: d, Audience: policy.Audience{Kinds: policy.ParseList(d.Kinds), Teams: policy.ParseList(d.Teams)}}
		st.Docs = append(st.Docs, ds)
		byDoc[d.ID] = ds
	}
	versionOf := map[int64]store.PolicyVersion{}
	for _, v := range versions {
		ds := byDoc[v.DocumentID]
		ds.Versions = append(ds.Versions, v)
		ds.rules = append(ds.rules, policy.Version{Number: v.Number, Hash: v.SHA256, Material: v.Material, PublishedAt: v.PublishedAt})
		versionOf[v.ID] = v
	}
	acc, err := s.Store.PolicyAcceptedAll(ctx, scope, orgID)
	if err != nil {
		return nil, err
	}
	for _, a := range acc {
		v := versionOf[a.VersionID]
		m := st.accepted[a.PersonID]
		if m == nil {
			m = map[int64][]acceptedAt{}
			st.accepted[a.PersonID] = m
		}
		m[v.DocumentID] = append(m[v.DocumentID], acceptedAt{v.Number, a.At.UTC()})
	}
	return st, nil
}

// day is today in the org's own zone.
func (st *orgState) day() string {
	loc, err := time.LoadLocation(st.Org.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	return st.Now.In(loc).Format(time.DateOnly)
}

// bound lists the people a document binds today.
func (st *orgState) bound(d *docState) []*store.Person {
	day := st.day()
	var out []*store.Person
	for i := range st.People {
		p := &st.People[i]
		if people.Current(p.StartOn, p.LeftOn, p.EndOn, day) && d.Audience.Binds(p.Kind, p.Team) {
			out = append(out, p)
		}
	}
	return out
}

// current reports whether a person holds a current acceptance of a
// document, counting acceptances made by at.
func (st *orgState) current(d *docState, personID int64, at time.Time) bool {
	var nums []int
	for _, a := range st.accepted[personID][d.Doc.ID] {
		if !a.At.After(at) {
			nums = append(nums, a.Number)
		}
	}
	var rules []policy.Version
	for _, v := range d.rules {
		if !v.PublishedAt.After(at) {
			rules = append(rules, v)
		}
	}
	return policy.Current(rules, nums)
}

// deadline is when a person must have accepted a document's binding
// version.
func (st *orgState) deadline(d *docState, p *store.Person) time.Time {
	b, _ := policy.Binding(d.rules)
	return policy.Deadline(b, d.Doc.AcceptDays, p.StartOn)
}
