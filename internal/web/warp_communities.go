package web

import (
	"net/http"

	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

type warpCommunitiesData struct {
	Links       []deskLink
	Communities []warpsvc.CommunityView
	CanManage   bool
	Orgs        []accountsvc.Org // to add as members
	Form        map[string]string
}

// warpCommunities lists the communities of the user's org with their
// members; administrators, who run the WARP, see every community and the
// forms to make one and to change who belongs.
func (s *Server) warpCommunities(w http.ResponseWriter, r *http.Request, rs *requestState) {
	s.showCommunities(w, r, rs, http.StatusOK, nil, map[string]string{})
}

func (s *Server) showCommunities(w http.ResponseWriter, r *http.Request, rs *requestState, status int, errs []fieldError, form map[string]string) {
	list, err := s.warp.Communities(r.Context(), rs.principal)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	data := warpCommunitiesData{Links: warpLinks(r), Communities: list, CanManage: rs.principal.Can(tenancy.ManageOrgs), Form: form}
	if data.CanManage {
		data.Orgs = s.orgsInScope(rs)
	}
	s.render(w, r, rs, status, "warp_communities", page{Errors: errs, Data: data})
}

// warpCommunityCreate makes a community.
func (s *Server) warpCommunityCreate(w http.ResponseWriter, r *http.Request, rs *requestState) {
	form := map[string]string{"slug": r.PostFormValue("slug"), "name": r.PostFormValue("name"), "description": r.PostFormValue("description")}
	c, err := s.warp.CreateCommunity(r.Context(), rs.principal, form["slug"], form["name"], form["description"])
	s.afterCommunityChange(w, r, rs, err, "", form, "Community "+c.Name+" made: add its members")
}

// warpMemberSet adds an org to the {slug} community, or changes whether it
// may publish there.
func (s *Server) warpMemberSet(w http.ResponseWriter, r *http.Request, rs *requestState) {
	slug, org := r.PathValue("slug"), r.PostFormValue("org")
	if !s.communityExists(w, r, rs, slug) {
		return
	}
	canPublish := r.PostFormValue("can_publish") != ""
	err := s.warp.SetMember(r.Context(), rs.principal, slug, org, canPublish, false)
	done := org + " is a member of " + slug
	if !canPublish {
		done += ", reading only"
	}
	s.afterCommunityChange(w, r, rs, err, slug, map[string]string{"org-" + slug: org}, done)
}

// warpMemberRemove takes an org out of the {slug} community. What it
// shared stays, under the markings it chose.
func (s *Server) warpMemberRemove(w http.ResponseWriter, r *http.Request, rs *requestState) {
	slug, org := r.PathValue("slug"), r.PostFormValue("org")
	if !s.communityExists(w, r, rs, slug) {
		return
	}
	err := s.warp.SetMember(r.Context(), rs.principal, slug, org, false, true)
	s.afterCommunityChange(w, r, rs, err, slug, map[string]string{}, org+" is no longer a member of "+slug)
}

// communityExists answers 404 for a community the user may not see.
func (s *Server) communityExists(w http.ResponseWriter, r *http.Request, rs *requestState, slug string) bool {
	if _, err := s.warp.Community(r.Context(), rs.principal, slug); err != nil {
		s.refused(w, r, err)
		return false
	}
	return true
}

// afterCommunityChange shows a refused change on the page, with the error
// on the form it came from (the member forms are one per community).
func (s *Server) afterCommunityChange(w http.ResponseWriter, r *http.Request, rs *requestState, err error, slug string, form map[string]string, done string) {
	switch bad := s.refusedForm(w, r, err); {
	case bad != nil:
		errs := formErrors(err, "")
		if slug != "" {
			for i := range errs {
				errs[i].Field = "org-" + slug
			}
		}
		s.showCommunities(w, r, rs, http.StatusUnprocessableEntity, errs, form)
	case err != nil: // refusedForm answered it
	default:
		s.flash(w, done)
		http.Redirect(w, r, "/warp/communities", http.StatusSeeOther)
	}
}
