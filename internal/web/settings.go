package web

import (
	"net/http"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// The settings pages change what the command line changes, through the
// same service methods, so both doors check and audit alike: an org's SLA
// policies and working calendar, its official mail domains and control
// thresholds, the people who call its desk, and its phone webhook's secret.

// settingsLink is one settings page of an org that the user may open.
type settingsLink struct {
	Label, Href, About string
}

// settingsOrg is an org in scope and the settings pages the user may open.
type settingsOrg struct {
	Org   accountsvc.Org
	Links []settingsLink
}

// settingsLinks are the settings pages of an org that a principal's role
// allows; the services check the org is in scope.
func settingsLinks(p tenancy.Principal, slug string) []settingsLink {
	base := "/settings/" + slug
	var out []settingsLink
	if p.Can(tenancy.ManageDesk) {
		out = append(out,
			settingsLink{"SLA targets", base + "/sla", "Response and resolution targets by priority, version by version, and re-measuring past tickets"},
			settingsLink{"Working calendar and bank holidays", base + "/calendar", "Working hours, closures and the GOV.UK bank holidays the clocks skip"},
			settingsLink{"Phone system", base + "/phone", "The secret the phone system signs its calls with"},
			settingsLink{"Satisfaction surveys", base + "/surveys", "Whether callers are asked to score resolved tickets, when, how many, and what a low score raises"},
			settingsLink{"Walk-up tablets and screens", base + "/walkup", "The links each site's check-in tablet and queue screen open"},
			settingsLink{"Major incidents and the status page", base + "/major", "Rules that propose major incidents, a public status page, and how often subscribers are e-mailed"})
	}
	if p.Can(tenancy.ManagePosture) {
		out = append(out, settingsLink{"Mail domains and control thresholds", base + "/posture", "The official mail domains and the limits each security check uses"})
	}
	if p.Can(tenancy.ManageUsers) {
		out = append(out, settingsLink{"People who call the desk", base + "/people", "Callers the desk names on tickets by phone number and name"})
	}
	return out
}

func (s *Server) settingsIndex(w http.ResponseWriter, r *http.Request, rs *requestState) {
	var data []settingsOrg
	for _, o := range s.orgsInScope(rs) {
		if links := settingsLinks(rs.principal, o.Slug); len(links) > 0 {
			data = append(data, settingsOrg{Org: o, Links: links})
		}
	}
	s.render(w, r, rs, http.StatusOK, "settings", page{Data: data})
}

// formFaults is every invalid input in err as error-summary lines, each
// linked to its control when the form has one (fields), else shown at
// the top. A fault of another kind the error page answers, and it returns
// nil; so does a nil error.
func (s *Server) formFaults(w http.ResponseWriter, r *http.Request, err error, fields ...string) []fieldError {
	if s.refusedForm(w, r, err) == nil {
		return nil
	}
	var out []fieldError
	for _, f := range fault.All(err) {
		out = append(out, fieldOn(f, fields...))
	}
	return out
}
