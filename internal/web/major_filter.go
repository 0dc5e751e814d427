package web

import (
	"net/url"

	"github.com/ward-shared-service/ward/internal/major"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/majorsvc"
)

// majorFilterStates are the states the list filters by; a declined
// candidate is rarely looked for and stays under "Any".
var majorFilterStates = []major.State{major.Candidate, major.Open, major.Resolved}

// majorFilter reads the list's council and state filters from the query
// string, so a filtered list can be bookmarked; the council must be one the
// user sees.
func (s *Server) majorFilter(rs *requestState, q url.Values) (majorsvc.Filter, map[string]string, []fieldError) {
	form := filterOf(q, "org", "state")
	f := majorsvc.Filter{PerPage: 25}
	var errs []fieldError
	if v := form["org"]; v != "" {
		org, ok := s.formOrg(rs, v)
		if !ok {
			errs = append(errs, fieldError{"org", "Choose a council you can see"})
		}
		f.OrgID = org.ID
	}
	if v := form["state"]; v != "" {
		known := false
		for _, st := range majorFilterStates {
			if string(st) == v {
				f.States, known = []major.State{st}, true
			}
		}
		if !known {
			errs = append(errs, fieldError{"state", "Choose a state from the list"})
		}
	}
	return f, form, errs
}

// majorFilterOrgs are the councils to choose from: none when the user sees
// only one, as the filter would change nothing.
func (s *Server) majorFilterOrgs(rs *requestState) []accountsvc.Org {
	if orgs := s.orgsInScope(rs); len(orgs) > 1 {
		return orgs
	}
	return nil
}
