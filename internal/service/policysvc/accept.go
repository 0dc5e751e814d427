package policysvc

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// The ways a link is refused, each in words the person understands.
var (
	ErrLinkUnknown = fault.NotFound("this link is not known: check it was copied whole, or ask for a new one")
	ErrLinkUsed    = fault.Conflict("this link has already been used: your acceptance was recorded then, and a link works only once")
	ErrLinkExpired = fault.Conflict("this link has expired: ask your IT security team for a new one")
	ErrLinkOld     = fault.Conflict("a newer version has been published since this link was sent: follow the link in the newest e-mail")
)

// Offer is what an acceptance link shows: the document, the version's
// text, and whom it is for.
type Offer struct {
	OrgName  string              `json:"org"`
	Title    string              `json:"title"`
	Person   string              `json:"person"`
	Version  store.PolicyVersion `json:"version"`
	Deadline time.Time           `json:"deadline"`
	Accepted bool                `json:"accepted"` // just recorded
}

// linkFor finds a usable link by its token.
func (s *Service) linkFor(ctx context.Context, token string) (store.PolicyLink, error) {
	if len(token) < 20 || len(token) > 100 {
		return store.PolicyLink{}, ErrLinkUnknown
	}
	l, err := s.Store.PolicyLinkByToken(ctx, tenancy.ForSystem(tenancy.JobPolicyLink), auth.HashSecret(token))
	switch {
	case errors.Is(err, store.ErrNotFound):
		return l, ErrLinkUnknown
	case err != nil:
		return l, err
	case !l.UsedAt.IsZero():
		return l, ErrLinkUsed
	case !s.Store.Now().Before(l.ExpiresAt):
		return l, ErrLinkExpired
	}
	return l, nil
}

func (s *Service) offer(ctx context.Context, scope tenancy.Scope, l store.PolicyLink) (Offer, error) {
	st, err := s.load(ctx, scope, l.OrgID)
	if err != nil {
		return Offer{}, err
	}
	v, err := s.Store.PolicyVersion(ctx, scope, l.OrgID, l.VersionID)
	if err != nil {
		return Offer{}, err
	}
	d, p := st.doc(v.DocumentID), st.byID[l.PersonID]
	if d == nil || p == nil {
		return Offer{}, ErrLinkUnknown
	}
	if b, ok := d.binding(); ok && b.Number > v.Number {
		return Offer{}, ErrLinkOld // accepting it would not count, and its text is no longer in force
	}
	return Offer{OrgName: st.Org.Name, Title: d.Doc.Title, Person: p.Name, Version: v, Deadline: st.deadline(d, p)}, nil
}

// LinkOffer shows what a link asks the person to accept; it records
// nothing, since mail scanners follow links too.
func (s *Service) LinkOffer(ctx context.Context, token string) (Offer, error) {
	l, err := s.linkFor(ctx, token)
	if err != nil {
		return Offer{}, err
	}
	return s.offer(ctx, tenancy.ScopeOf(l.OrgID), l)
}

// AcceptLink records the acceptance a link offers, once, with the client
// (IP and user agent) it came from.
func (s *Service) AcceptLink(ctx context.Context, token, client string) (Offer, error) {
	l, err := s.linkFor(ctx, token)
	if err != nil {
		return Offer{}, err
	}
	scope := tenancy.ScopeOf(l.OrgID)
	var o Offer
	err = s.Store.InTx(ctx, func(ctx context.Context) error {
		took, err := s.Store.UsePolicyLink(ctx, scope, l)
		if err != nil {
			return err
		}
		if !took {
			return ErrLinkUsed
		}
		if o, err = s.offer(ctx, scope, l); err != nil {
			return err
		}
		if _, err := s.Store.AddPolicyAcceptance(ctx, scope, store.PolicyAcceptance{OrgID: l.OrgID, PersonID: l.PersonID,
			VersionID: l.VersionID, SHA256: o.Version.SHA256, Method: "link", Client: clip(client, 500)}); err != nil {
			return err
		}
		return s.reconcile(ctx, scope, l.OrgID)
	})
	o.Accepted = err == nil
	return o, err
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

// personIn finds one of an org's people by id or e-mail address.
func (st *orgState) personIn(who string) *store.Person {
	for i := range st.People {
		p := &st.People[i]
		if strings.EqualFold(p.Email, who) || strconv.FormatInt(p.ID, 10) == who {
			return p
		}
	}
	return nil
}

// NewLink makes a fresh acceptance link for one person and a document's
// binding version, for someone who lost their mail; the token is returned
// once and only its hash kept.
func (s *Service) NewLink(ctx context.Context, p tenancy.Principal, orgID int64, slug, who string) (string, error) {
	if !p.Can(tenancy.ManagePolicy) {
		return "", fault.Forbidden("making acceptance links")
	}
	st, err := s.load(ctx, p.Scope, orgID)
	if err != nil {
		return "", err
	}
	person := st.personIn(who)
	if person == nil {
		return "", fault.Invalid("person", "no person %q in %s", who, st.Org.Name)
	}
	for _, d := range st.Docs {
		if d.Doc.Slug != slug {
			continue
		}
		b, ok := d.binding()
		if !ok {
			return "", fault.Invalid("document", "%s has no version yet", d.Doc.Title)
		}
		token, err := auth.NewSessionToken()
		if err != nil {
			return "", err
		}
		l := store.PolicyLink{PersonID: person.ID, VersionID: b.ID, TokenHash: auth.HashSecret(token),
			ExpiresAt: linkExpiry(st.deadline(d, person), st.Now)}
		return token, s.Store.CreatePolicyLinks(ctx, p.Scope, orgID, []store.PolicyLink{l})
	}
	return "", fault.Invalid("document", "no document %q in %s", slug, st.Org.Name)
}

// PersonID finds one of an org's people by id or e-mail address.
func (s *Service) PersonID(ctx context.Context, p tenancy.Principal, orgID int64, who string) (int64, error) {
	st, err := s.load(ctx, p.Scope, orgID)
	if err != nil {
		return 0, err
	}
	if person := st.personIn(who); person != nil {
		return person.ID, nil
	}
	return 0, fault.Invalid("person", "no person %q in %s", who, st.Org.Name)
}
