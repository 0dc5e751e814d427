package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/people"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/peoplesvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

type peopleIndexData struct {
	Summaries []peoplesvc.Summary
	Kinds     []people.Kind
}

// peopleIndex is every council in view side by side: current people of
// each kind, recent leavers and contracts ending, each linking to its list.
func (s *Server) peopleIndex(w http.ResponseWriter, r *http.Request, rs *requestState) {
	orgs := s.orgsInScope(rs)
	if len(orgs) == 1 {
		http.Redirect(w, r, "/people/"+orgs[0].Slug, http.StatusSeeOther)
		return
	}
	d := peopleIndexData{Kinds: people.Kinds}
	for _, o := range orgs {
		if o.Kind != tenancy.KindCouncil {
			continue
		}
		sum, err := s.people.Summary(r.Context(), rs.principal, o.ID)
		if err != nil {
			s.refused(w, r, err)
			return
		}
		d.Summaries = append(d.Summaries, sum)
	}
	s.render(w, r, rs, http.StatusOK, "people_index", page{Data: d})
}

type peopleListData struct {
	Org              accountsvc.Org
	People           []personRow
	Filter           map[string]string
	Kinds            []people.Kind
	States           []choice
	PrevURL, NextURL string
	CanManage        bool
	Today            string
}

// peopleStates are the list's other states; blank is current people.
var peopleStates = []choice{{Value: "left", Label: "Left or contract ended"}, {Value: "all", Label: "Everyone"}}

// peopleList lists an org's people, filtered by kind, team, state and part
// of a name or address, a page at a time; the filters are a GET form, so a
// list can be bookmarked.
func (s *Server) peopleList(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	q := r.URL.Query()
	form := filterOf(q, "kind", "team", "state", "q")
	d := peopleListData{Org: org, Filter: form, Kinds: people.Kinds, States: peopleStates, CanManage: rs.principal.Can(tenancy.ManagePeople)}
	var errs []fieldError
	if form["kind"] != "" {
		if _, err := people.ParseKind(form["kind"]); err != nil {
			errs = append(errs, fieldError{"kind", "Choose a kind from the list"})
		}
	}
	state := form["state"]
	if state == "" {
		state = "current"
	} else if state != "current" && state != "left" && state != "all" {
		errs = append(errs, fieldError{"state", "Choose current, left or everyone"})
	}
	if len(errs) > 0 {
		s.render(w, r, rs, http.StatusBadRequest, "people", page{Errors: errs, Data: d, Wide: true})
		return
	}
	f := peoplesvc.Filter{Kind: form["kind"], Team: form["team"], State: state, Search: form["q"], PerPage: 50}
	if c := q.Get("cursor"); c != "" {
		cur, err := keyset.Decode(c)
		if err != nil {
			s.notFound(w, r)
			return
		}
		f.After = &cur
	}
	pg, err := s.people.List(r.Context(), rs.principal, org.ID, f)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	d.Today = pg.Today
	for _, p := range pg.People {
		d.People = append(d.People, personRow{Person: p, State: personState(p, pg.Today), KindLabel: kindLabelOf(p.Kind)})
	}
	d.PrevURL, d.NextURL = cursorLinks("/people/"+url.PathEscape(org.Slug), q, pg.Prev, pg.Next)
	s.render(w, r, rs, http.StatusOK, "people", page{Data: d, Wide: true})
}

// personRow is a person as a list shows them.
type personRow struct {
	peoplesvc.Person
	State, KindLabel string
}

// personState is how a list or page words whether someone is current.
func personState(p peoplesvc.Person, today string) string {
	switch {
	case people.Current(p.StartOn, p.LeftOn, p.EndOn, today):
		return "Current"
	case p.LeftOn != "":
		return "Left " + p.LeftOn
	case p.EndOn != "" && p.EndOn < today:
		return "Contract ended " + p.EndOn
	}
	return "Starts " + p.StartOn
}

func kindLabelOf(kind string) string {
	if kind == "" {
		return ""
	}
	return strings.ToUpper(kind[:1]) + kind[1:]
}
