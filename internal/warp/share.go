package warp

import (
	"errors"
	"fmt"
	"slices"
)

// AudienceKind says who a shared item is addressed to.
type AudienceKind string

const (
	// ToCommunity addresses every member org of the community.
	ToCommunity AudienceKind = "community"
	// ToOrgs addresses named member orgs.
	ToOrgs AudienceKind = "orgs"
	// ToPeople addresses named people; TLP:RED items always go to people.
	ToPeople AudienceKind = "people"
)

// Share is how an item (an advisory, a set of indicators, a sighting) is
// shared: in which community, under which marking, to whom and by whom. It
// is the whole input of the visibility rule.
type Share struct {
	CommunityID  int64
	Marking      Marking
	Audience     AudienceKind
	Orgs         []int64 // the named orgs when Audience is ToOrgs
	People       []int64 // the named users when Audience is ToPeople
	AuthorOrgID  int64
	AuthorUserID int64 // 0 when an import or a token shared it
	Anonymous    bool  // show the author as "a member" to everyone outside the author's org
}

// Check says whether the share is one TLP 2.0 allows: CLEAR and GREEN go to
// the whole community (recipients may pass GREEN on within it anyway), AMBER
// and AMBER+STRICT to the community or named orgs, and RED only to named
// people.
func (s Share) Check() error {
	if !s.Marking.Valid() {
		return fmt.Errorf("unknown TLP marking %q", s.Marking)
	}
	if s.CommunityID == 0 {
		return errors.New("a shared item needs a community")
	}
	switch s.Marking {
	case Clear, Green:
		if s.Audience != ToCommunity {
			return fmt.Errorf("%s items go to the whole community; name orgs only for AMBER or AMBER+STRICT", s.Marking)
		}
	case Amber, AmberStrict:
		if s.Audience == ToOrgs && len(s.Orgs) == 0 {
			return fmt.Errorf("%s to named orgs needs at least one org", s.Marking)
		}
		if s.Audience != ToCommunity && s.Audience != ToOrgs {
			return fmt.Errorf("%s items go to the community or to named orgs; only RED goes to named people", s.Marking)
		}
	case Red:
		if s.Audience != ToPeople || len(s.People) == 0 {
			return errors.New("TLP:RED items go to named people only: name at least one")
		}
	}
	return nil
}

// Viewer is who is looking at shared items, worked out once per request as
// a tenancy scope is. The zero Viewer sees nothing, so forgetting to build
// one fails closed, and the store refuses to read shared items without one.
type Viewer struct {
	UserID int64
	OrgID  int64
	// Communities are those the viewer's own org belongs to.
	Communities []int64
	// Acting are the orgs the viewer works for besides their own (the
	// councils a shared-service analyst is granted): TLP:AMBER reaches an
	// org's clients and those who run its IT on a need-to-know basis, so a
	// GREEN or AMBER item for a council reaches the analysts who look after
	// it. AMBER+STRICT and RED never reach them this way.
	Acting []int64
	// ActingCommunities are the communities any of Acting belongs to.
	ActingCommunities []int64
	valid             bool
}

// NewViewer builds a viewer; the lists need not be sorted.
func NewViewer(userID, orgID int64, communities, acting, actingCommunities []int64) Viewer {
	return Viewer{UserID: userID, OrgID: orgID, Communities: sorted(communities), Acting: sorted(acting),
		ActingCommunities: sorted(actingCommunities), valid: true}
}

// Valid is false for the zero Viewer.
func (v Viewer) Valid() bool { return v.valid }

func sorted(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

func has(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// Sees is the visibility rule, the one place TLP is decided; the store's
// SQL filter is tested against it on random shares and viewers.
//
//	RED           the author and the named people
//	AMBER+STRICT  users of the author org and of the recipient orgs
//	GREEN, AMBER  the same, and those acting for a recipient org
//	CLEAR         everyone with a way into the WARP
//
// The recipient orgs are the named orgs, or every member of the community.
func (v Viewer) Sees(s Share) bool {
	if !v.valid || !s.Marking.Valid() {
		return false
	}
	if s.Marking == Red {
		return v.UserID != 0 && (v.UserID == s.AuthorUserID || has(s.People, v.UserID))
	}
	if s.Marking == Clear || v.OrgID == s.AuthorOrgID {
		return true
	}
	own := func() bool {
		if s.Audience == ToOrgs {
			return has(s.Orgs, v.OrgID)
		}
		return has(v.Communities, s.CommunityID)
	}
	if own() {
		return true
	}
	if s.Marking == AmberStrict {
		return false
	}
	if s.Audience == ToOrgs {
		for _, o := range s.Orgs {
			if has(v.Acting, o) {
				return true
			}
		}
		return false
	}
	return has(v.ActingCommunities, s.CommunityID)
}

// ShowsAuthor reports whether the viewer may see who shared the item: an
// anonymous author is known only to their own org.
func (v Viewer) ShowsAuthor(s Share) bool {
	return !s.Anonymous || (v.valid && v.OrgID == s.AuthorOrgID)
}

// AnonymousAuthor is how an anonymous author is shown.
const AnonymousAuthor = "a member"
