package web

import (
	"html/template"
	"net/http"

	"github.com/ward-shared-service/ward/internal/people"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/policysvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// The policy pages: an org's documents with the share of each kind of
// person holding a current acceptance, one document's versions and text,
// the people past their deadline by manager, and every council side by
// side. Each view of who has and has not accepted is audited by the
// service.

type policiesData struct {
	Org       accountsvc.Org
	Documents []policysvc.Document
	Kinds     []people.Kind
	Trend     []policysvc.Point // weekly, oldest first
	CanManage bool
	Form      map[string]string
}

func (s *Server) policiesPage(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	s.showPolicies(w, r, rs, org, http.StatusOK, nil, nil)
}

func (s *Server) showPolicies(w http.ResponseWriter, r *http.Request, rs *requestState, org accountsvc.Org, status int, errs []fieldError, form map[string]string) {
	docs, trend, err := s.policy.Overview(r.Context(), rs.principal, org.ID, 26)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	if form == nil {
		form = map[string]string{"accept_days": "14"}
	}
	s.render(w, r, rs, status, "policies", page{Errors: errs, Data: policiesData{Org: org, Documents: docs, Kinds: people.Kinds, Trend: trend,
		CanManage: rs.principal.Can(tenancy.ManagePolicy), Form: form}})
}

type policyDocumentData struct {
	Org      accountsvc.Org
	Document policysvc.Document
	Body     template.HTML
}

func (s *Server) policyDocumentPage(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	d, body, err := s.policy.Document(r.Context(), rs.principal, org.ID, r.PathValue("doc"))
	if err != nil {
		s.refused(w, r, err)
		return
	}
	s.render(w, r, rs, http.StatusOK, "policy_document", page{Data: policyDocumentData{Org: org, Document: d, Body: renderMarkdown(body)}})
}

type policyOverdueData struct {
	Org    accountsvc.Org
	Groups []policysvc.ManagerGroup
}

func (s *Server) policyOverduePage(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	groups, err := s.policy.Overdue(r.Context(), rs.principal, org.ID)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	s.render(w, r, rs, http.StatusOK, "policy_overdue", page{Data: policyOverdueData{Org: org, Groups: groups}})
}

type policyCouncilsData struct {
	Councils []policysvc.Council
	Kinds    []people.Kind
}

func (s *Server) policyCouncilsPage(w http.ResponseWriter, r *http.Request, rs *requestState) {
	councils, err := s.policy.Councils(r.Context(), rs.principal)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	s.render(w, r, rs, http.StatusOK, "policy_councils", page{Data: policyCouncilsData{Councils: councils, Kinds: people.Kinds}})
}
