package web

import (
	"html/template"
	"net/http"
	"strconv"

	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/identitysvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// changesShown is how many accounts that gained or lost a path the page
// names; a big import can move hundreds, and the paths page lists them all.
const changesShown = 25

// additionRow is an object an analyst put in Tier Zero.
type additionRow struct {
	ObjectID, Name, Link, Note, AddedBy string
	AddedAt                             template.HTML
}

type identityOrgData struct {
	Links        []deskLink
	Org          accountsvc.Org
	Summary      identitysvc.Summary
	Score        string
	Trend        *sparkline
	Categories   []categoryRow
	Directories  []directoryRow
	ChokePoints  []chokeRow
	Change       identitysvc.Change
	Gained       []pathRow // the first changesShown of them
	Lost         []string  // likewise
	MoreGained   int       // how many more there are than shown
	MoreLost     int
	Additions    []additionRow
	CanManage    bool
	Candidates   []string // names to offer when adding to Tier Zero
	Sources      []choice
	Form         map[string]string
	FindingsLink string
	Days         int
}

// identityPage is one org's identity risk: its score and what makes it
// up, the directories it comes from, the relations worth cutting, what
// changed with the last import and, for those who manage posture, the
// forms to import a directory and to change Tier Zero.
func (s *Server) identityPage(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	s.showIdentity(w, r, rs, org, http.StatusOK, nil, nil)
}

// showIdentity renders the org's page, with a refused form's errors and
// values when there are any.
func (s *Server) showIdentity(w http.ResponseWriter, r *http.Request, rs *requestState, org accountsvc.Org, status int, errs []fieldError, form map[string]string) {
	ctx := r.Context()
	sum, err := s.identity.SummaryOf(ctx, rs.principal, org.ID, trendDays)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	change, err := s.identity.ChangeOf(ctx, rs.principal, org.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	who, err := s.actorNames(r, rs)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data := identityOrgDataOf(org, sum, change, who, rs.principal.Can(tenancy.ManagePosture), len(s.orgsInScope(rs)) > 1)
	for i, a := range data.Additions {
		// The analysis is cached, so naming each addition costs little.
		if pr, err := s.identity.PrincipalOf(ctx, rs.principal, org.ID, a.ObjectID); err == nil {
			data.Additions[i].Name = pr.Name
		}
	}
	if data.CanManage {
		// Offered as suggestions: any name or id in the directories will do.
		if data.Candidates, err = s.identity.TierZeroCandidates(ctx, rs.principal, org.ID, 5000); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	for k, v := range form {
		data.Form[k] = v
	}
	s.render(w, r, rs, status, "identity_org", page{Errors: errs, Data: data})
}

// identityOrgDataOf lays out an org's summary and latest change for its
// page, naming people by who; manage shows the forms, multi the link back
// to the organisations side by side.
func identityOrgDataOf(org accountsvc.Org, sum identitysvc.Summary, change identitysvc.Change, who func(string) string, manage, multi bool) identityOrgData {
	loc := zoneOf(org)
	data := identityOrgData{Links: identityLinks(org.Slug, "/identity/"+org.Slug, multi), Org: org, Summary: sum,
		Score: scoreText(sum.Day, sum.Score), Categories: categoryRows(sum.Categories, org.Slug),
		Trend:       scoreTrend(sum.History, 320, 80, "Identity score of "+org.Name+" over "+strconv.Itoa(trendDays)+" days"),
		Directories: directoryRows(sum.Directories, who, loc), ChokePoints: chokeRows(sum.ChokePoints, org.Slug), Change: change,
		CanManage: manage, Form: map[string]string{"source": string(identity.ActiveDirectory)},
		FindingsLink: findingsLink("org", org.Slug, "state", "open"), Days: trendDays}
	for i, g := range change.Gained {
		if i == changesShown {
			data.MoreGained = len(change.Gained) - i
			break
		}
		data.Gained = append(data.Gained, pathRowOf(g, org.Slug))
	}
	data.Lost = change.Lost[:min(len(change.Lost), changesShown)]
	data.MoreLost = len(change.Lost) - len(data.Lost)
	for _, a := range sum.Additions {
		data.Additions = append(data.Additions, additionRow{ObjectID: a.ObjectID, Name: a.ObjectID, Link: principalLink(org.Slug, a.ObjectID),
			Note: a.Note, AddedBy: or(who(a.AddedBy), "ward"), AddedAt: shortTime(a.AddedAt, loc)})
	}
	if manage {
		for _, src := range []identity.Source{identity.ActiveDirectory, identity.EntraID} {
			data.Sources = append(data.Sources, choice{Value: string(src), Label: sourceLabels[src]})
		}
	}
	return data
}
