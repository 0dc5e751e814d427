package web

import (
	"html/template"
	"net/http"

	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/identitysvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// objectLink is a directory object named with a link to its page.
// objectLink is an object to link to; Kind, on a path or a right, is the
// right by its name (HasSession), and Phrase says it in words.
type objectLink struct{ Name, Kind, Phrase, Link string }

type identityPrincipalData struct {
	Links        []deskLink
	Org          accountsvc.Org
	Principal    identitysvc.Principal
	Picture      template.HTML // the path drawn, when it has one
	Steps        []objectLink  // the path in words; Kind holds the right leading on
	MemberOf     []objectLink
	Rights       []objectLink // Kind holds the right
	FindingsLink string
	CanManage    bool
}

// identityPrincipal is one directory object: what it is, why it is Tier
// Zero or how it reaches Tier Zero (drawn, and in words), and what it is
// a member of and has rights on, each a link to walk the graph by hand.
func (s *Server) identityPrincipal(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	pr, err := s.identity.PrincipalOf(r.Context(), rs.principal, org.ID, r.PathValue("id"))
	if err != nil {
		s.refused(w, r, err)
		return
	}
	data := identityPrincipalDataOf(org, pr, rs.principal.Can(tenancy.ManagePosture), len(s.orgsInScope(rs)) > 1)
	s.render(w, r, rs, http.StatusOK, "identity_principal", page{Data: data})
}

// identityPrincipalDataOf lays out an object for its page; manage offers
// the form to make it Tier Zero (when it is not already).
func identityPrincipalDataOf(org accountsvc.Org, pr identitysvc.Principal, manage, multi bool) identityPrincipalData {
	data := identityPrincipalData{Links: identityLinks(org.Slug, "", multi), Org: org, Principal: pr,
		FindingsLink: findingsLink("org", org.Slug, "subject", pr.ID), CanManage: manage && pr.TierZero == ""}
	if len(pr.Path) > 1 {
		data.Picture = pathPicture(pr.Path)
	}
	for _, st := range pr.Path {
		data.Steps = append(data.Steps, objectLink{Name: st.Name, Kind: st.Edge, Phrase: identity.EdgePhrase(st.Edge), Link: principalLink(org.Slug, st.ID)})
	}
	for i, name := range pr.MemberOf {
		l := objectLink{Name: name}
		if i < len(pr.MemberOfIDs) {
			l.Link = principalLink(org.Slug, pr.MemberOfIDs[i])
		}
		data.MemberOf = append(data.MemberOf, l)
	}
	for _, rt := range pr.Rights {
		data.Rights = append(data.Rights, objectLink{Name: rt.Target, Kind: rt.Kind, Phrase: identity.EdgePhrase(rt.Kind), Link: principalLink(org.Slug, rt.ID)})
	}
	return data
}
