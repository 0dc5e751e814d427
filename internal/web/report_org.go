package web

import (
	"net/http"

	"github.com/ward-shared-service/ward/internal/service/accountsvc"
)

// reportOrg is the org a report page is for, as the query chose it.
type reportOrg struct {
	Org    accountsvc.Org
	Orgs   []accountsvc.Org // offered in the form, when the user sees several
	Choice bool             // the user chose among several, so links carry org=
	// When no org is chosen yet, or the one asked for is not in view: the
	// status and errors the page answers with.
	Status int
	Errs   []fieldError
}

// chooseReportOrg reads form["org"]: the user's one org, or the one they
// chose among those in view, which it writes back into the form.
func (s *Server) chooseReportOrg(rs *requestState, form map[string]string) (reportOrg, bool) {
	var c reportOrg
	if _, fixed := s.formOrg(rs, ""); !fixed {
		c.Choice, c.Orgs = true, s.orgsInScope(rs)
	}
	org, ok := s.formOrg(rs, form["org"])
	if !ok {
		c.Status = http.StatusOK
		if form["org"] != "" {
			c.Status, c.Errs = http.StatusNotFound, []fieldError{{"org", "Choose an organisation you can see"}}
		}
		return c, false
	}
	c.Org = org
	if c.Choice {
		form["org"] = org.Slug
	}
	return c, true
}
