package policysvc

import (
	"context"
	"time"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Mine is one document that binds a signed-in user, as one of their org's
// people.
type Mine struct {
	Slug     string              `json:"slug"`
	Title    string              `json:"title"`
	Version  store.PolicyVersion `json:"version"` // the latest, with its body
	Current  bool                `json:"current"` // the user's acceptance is current
	Deadline time.Time           `json:"deadline"`
}

// Mine lists the documents that bind the signed-in user, found among their
// own org's people by their e-mail address; none when they are not one.
func (s *Service) Mine(ctx context.Context, p tenancy.Principal, email string) ([]Mine, error) {
	st, person, err := s.me(ctx, p, email)
	if err != nil || person == nil {
		return nil, err
	}
	var out []Mine
	for _, d := range st.Docs {
		latest, ok := d.latest()
		if !ok || !d.Audience.Binds(person.Kind, person.Team) {
			continue
		}
		v, err := s.Store.PolicyVersion(ctx, tenancy.ScopeOf(p.OrgID), p.OrgID, latest.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, Mine{Slug: d.Doc.Slug, Title: d.Doc.Title, Version: v, Current: st.current(d, person.ID, st.Now), Deadline: st.deadline(d, person)})
	}
	return out, nil
}

func (s *Service) me(ctx context.Context, p tenancy.Principal, email string) (*orgState, *store.Person, error) {
	if p.OrgID == 0 || email == "" {
		return nil, nil, nil
	}
	// The user's own org, whatever else their role lets them see: what
	// binds them is their own council's policy.
	st, err := s.load(ctx, tenancy.ScopeOf(p.OrgID), p.OrgID)
	if err != nil {
		return nil, nil, err
	}
	return st, st.personIn(email), nil
}

// AcceptSignedIn records the signed-in user's acceptance of the latest
// version of one of their org's documents, as the version's content hash
// they were shown (sha256) says: a version published since is refused, to
// be read first.
func (s *Service) AcceptSignedIn(ctx context.Context, p tenancy.Principal, email, slug, sha256, client string) error {
	st, person, err := s.me(ctx, p, email)
	if err != nil {
		return err
	}
	if person == nil {
		return fault.Forbidden("accepting policy documents: you are not among your org's people")
	}
	for _, d := range st.Docs {
		latest, ok := d.latest()
		if d.Doc.Slug != slug || !ok || !d.Audience.Binds(person.Kind, person.Team) {
			continue
		}
		if latest.SHA256 != sha256 {
			return fault.Conflict("a new version of %s was published since you opened it: read it again, then accept", d.Doc.Title)
		}
		scope := tenancy.ScopeOf(p.OrgID)
		return s.Store.InTx(ctx, func(ctx context.Context) error {
			if _, err := s.Store.AddPolicyAcceptance(ctx, scope, store.PolicyAcceptance{OrgID: p.OrgID, PersonID: person.ID,
				VersionID: latest.ID, SHA256: latest.SHA256, Method: "signed-in", Client: clip(client, 500),
				RecordedBy: p.Actor}); err != nil {
				return err
			}
			return s.reconcile(ctx, scope, p.OrgID)
		})
	}
	return fault.NotFound("no document %q binds you", slug)
}
