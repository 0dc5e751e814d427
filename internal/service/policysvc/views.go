package policysvc

import (
	"context"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/awareness"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/people"
	"github.com/ward-shared-service/ward/internal/policy"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// DocumentStatus is, for one document's current version, how many people
// it binds and how many hold a current acceptance.
type DocumentStatus struct {
	Document string  `json:"document"`
	Version  int     `json:"version"`
	Material bool    `json:"material"`
	InScope  int     `json:"in_scope"`
	Accepted int     `json:"accepted"`
	Percent  float64 `json:"percent"`
}

// Document is a document as listed: its settings, current version and
// acceptance by kind of person.
type Document struct {
	store.PolicyDocument
	Version       int                   `json:"version"`
	Material      bool                  `json:"material"`
	ReviewOverdue bool                  `json:"review_overdue"`
	Shares        []awareness.Share     `json:"shares"`
	Total         awareness.Share       `json:"total"`
	Versions      []store.PolicyVersion `json:"versions,omitempty"`
}

func (s *Service) view(ctx context.Context, p tenancy.Principal, orgID int64, what string) (*orgState, error) {
	if !p.Can(tenancy.ViewAwareness) && !p.Can(tenancy.ManagePolicy) {
		return nil, fault.Forbidden("seeing who has accepted the policy documents")
	}
	st, err := s.load(ctx, p.Scope, orgID)
	if err != nil {
		return nil, err
	}
	_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: audit.PolicyView, IP: p.IP, Target: what})
	return st, err
}

// documents works out every document's shares by kind.
func (st *orgState) documents() []Document {
	var out []Document
	for _, d := range st.Docs {
		doc := Document{PolicyDocument: d.Doc, ReviewOverdue: policy.ReviewOverdue(d.Doc.ReviewOn, st.Now), Versions: d.Versions}
		if v, ok := d.latest(); ok {
			doc.Version, doc.Material = v.Number, v.Material
		}
		byKind := map[string]*awareness.Share{}
		for _, k := range people.Kinds {
			doc.Shares = append(doc.Shares, awareness.Share{Kind: k})
		}
		for i := range doc.Shares {
			byKind[string(doc.Shares[i].Kind)] = &doc.Shares[i]
		}
		for _, p := range st.bound(d) {
			sh := byKind[p.Kind]
			if sh == nil {
				continue
			}
			sh.InScope++
			if st.current(d, p.ID, st.Now) {
				sh.Current++
			}
		}
		doc.Total = awareness.Total(doc.Shares)
		out = append(out, doc)
	}
	return out
}

// Documents lists an org's documents with their acceptance by kind.
func (s *Service) Documents(ctx context.Context, p tenancy.Principal, orgID int64) ([]Document, error) {
	st, err := s.view(ctx, p, orgID, "documents")
	if err != nil {
		return nil, err
	}
	return st.documents(), nil
}

// Status gives, for each document's current version, the number in scope,
// the number accepted and the percentage.
func (s *Service) Status(ctx context.Context, p tenancy.Principal, orgID int64) ([]DocumentStatus, error) {
	st, err := s.view(ctx, p, orgID, "status")
	if err != nil {
		return nil, err
	}
	return statusOf(st.documents()), nil
}

func statusOf(docs []Document) []DocumentStatus {
	out := []DocumentStatus{}
	for _, d := range docs {
		out = append(out, DocumentStatus{Document: d.Slug, Version: d.Version, Material: d.Material,
			InScope: d.Total.InScope, Accepted: d.Total.Current, Percent: d.Total.Percent()})
	}
	return out
}

// Council is one org's acceptance, for councils side by side.
type Council struct {
	Org    store.Org         `json:"org"`
	Status []DocumentStatus  `json:"status"`
	Shares []awareness.Share `json:"shares"` // by kind, over every document
}

// Councils puts every org in the principal's scope side by side.
func (s *Service) Councils(ctx context.Context, p tenancy.Principal) ([]Council, error) {
	orgs, err := s.Store.Orgs(ctx, p.Scope)
	if err != nil {
		return nil, err
	}
	var out []Council
	for _, o := range orgs {
		st, err := s.view(ctx, p, o.ID, "councils")
		if err != nil {
			return nil, err
		}
		docs := st.documents()
		if len(docs) == 0 {
			continue
		}
		c := Council{Org: o, Status: statusOf(docs)}
		for i, k := range people.Kinds {
			sh := awareness.Share{Kind: k}
			for _, d := range docs {
				sh.InScope += d.Shares[i].InScope
				sh.Current += d.Shares[i].Current
			}
			c.Shares = append(c.Shares, sh)
		}
		out = append(out, c)
	}
	return out, nil
}

// ManagerGroup is the people past a deadline who report to one manager.
type ManagerGroup struct {
	Manager string `json:"manager"` // "" for nobody recorded
	Email   string `json:"email,omitempty"`
	People  []Late `json:"people"`
}

// Overdue lists the people past a deadline, grouped by line manager.
func (s *Service) Overdue(ctx context.Context, p tenancy.Principal, orgID int64) ([]ManagerGroup, error) {
	st, err := s.view(ctx, p, orgID, "overdue")
	if err != nil {
		return nil, err
	}
	groups := map[int64]*ManagerGroup{}
	var order []int64
	for _, l := range st.overdue() {
		g := groups[l.Person.ManagerID]
		if g == nil {
			g = &ManagerGroup{}
			if m := st.byID[l.Person.ManagerID]; m != nil {
				g.Manager, g.Email = m.Name, m.Email
			}
			groups[l.Person.ManagerID] = g
			order = append(order, l.Person.ManagerID)
		}
		g.People = append(g.People, l)
	}
	out := []ManagerGroup{}
	for _, id := range order {
		out = append(out, *groups[id])
	}
	return out, nil
}

// Document is one document with its versions, and the current version's
// text.
func (s *Service) Document(ctx context.Context, p tenancy.Principal, orgID int64, slug string) (Document, string, error) {
	docs, err := s.Documents(ctx, p, orgID)
	if err != nil {
		return Document{}, "", err
	}
	for _, d := range docs {
		if d.Slug == slug && len(d.Versions) > 0 {
			v, err := s.Store.PolicyVersion(ctx, p.Scope, orgID, d.Versions[len(d.Versions)-1].ID)
			return d, v.Body, err
		}
	}
	return Document{}, "", fault.NotFound("no document %q with a version", slug)
}
