package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/major"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/majorsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

type majorListData struct {
	Incidents       []majorRow
	PrevURL         string
	NextURL         string
	CanRaise        bool
	Form            map[string]string
	StatusPages     []statusLink
	OverdueAnywhere bool
	Filter          map[string]string // the council and state filters, as asked
	Orgs            []accountsvc.Org  // councils to filter by, when several
	States          []major.State
}

type majorRow struct {
	ID                   int64
	Ref, Title, State    string
	Phase, Raised, Org   string
	Ticket, Affects, Why string
	Overdue              string
}

type statusLink struct{ Name, URL string }

// majorList lists major incidents and candidates, newest first, with the
// form a manager raises one from.
func (s *Server) majorList(w http.ResponseWriter, r *http.Request, rs *requestState) {
	s.showMajorList(w, r, rs, http.StatusOK, nil, map[string]string{})
}

func (s *Server) showMajorList(w http.ResponseWriter, r *http.Request, rs *requestState, status int, errs []fieldError, form map[string]string) {
	q := r.URL.Query()
	f, filter, ferrs := s.majorFilter(rs, q)
	d := majorListData{CanRaise: rs.principal.Can(tenancy.ManageDesk), Form: form, Filter: filter,
		Orgs: s.majorFilterOrgs(rs), States: majorFilterStates}
	if len(ferrs) > 0 {
		s.render(w, r, rs, http.StatusBadRequest, "major_list", page{Errors: ferrs, Data: d})
		return
	}
	if c := q.Get("cursor"); c != "" {
		cur, err := keyset.Decode(c)
		if err != nil {
			s.notFound(w, r)
			return
		}
		f.Cursor = &cur
	}
	list, pg, err := s.major.List(r.Context(), rs.principal, f)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	orgs := orgIndex(rs.orgs)
	for _, m := range list {
		loc := zoneOf(orgs[m.OrgID])
		row := majorRow{ID: m.ID, Ref: majorsvc.Ref(m.ID), Title: m.Title, State: m.State.Label(), Phase: m.Phase.Label(),
			Raised: localTime(m.RaisedAt, loc), Org: orgs[m.OrgID].Name, Ticket: m.TicketRef, Affects: affects(m.Impacts), Why: m.RaisedWhy}
		for _, a := range m.Overdue {
			row.Overdue = strings.TrimPrefix(row.Overdue+", "+string(a), ", ")
			d.OverdueAnywhere = true
		}
		d.Incidents = append(d.Incidents, row)
	}
	d.PrevURL, d.NextURL = cursorLinks("/major", q, pg.Prev, pg.Next) // the filters ride along
	for _, o := range s.orgsInScope(rs) {
		d.StatusPages = append(d.StatusPages, statusLink{o.Name, "/status/" + o.Slug})
	}
	s.render(w, r, rs, status, "major_list", page{Errors: errs, Data: d})
}

func affects(list []major.Impact) string {
	var out []string
	for _, im := range list {
		t := im.Org + ": " + im.Service
		if im.Site != "" {
			t += " at " + im.Site
		}
		out = append(out, t)
	}
	return strings.Join(out, "; ")
}

// parseImpacts reads the raise form's lines, each "council: service" or
// "council: service: site"; a line without a council is the ticket's own.
func parseImpacts(text string) []major.Impact {
	var out []major.Impact
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		parts := strings.Split(line, ":")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		switch len(parts) {
		case 1:
			out = append(out, major.Impact{Service: parts[0]})
		case 2:
			out = append(out, major.Impact{Org: parts[0], Service: parts[1]})
		default:
			out = append(out, major.Impact{Org: parts[0], Service: parts[1], Site: strings.Join(parts[2:], ":")})
		}
	}
	return out
}

// majorRaise raises a ticket to major from the list page's form.
func (s *Server) majorRaise(w http.ResponseWriter, r *http.Request, rs *requestState) {
	_ = r.ParseForm()
	form := map[string]string{}
	for _, k := range []string{"ticket", "title", "why", "impacts", "every_staff", "every_public"} {
		form[k] = r.PostFormValue(k)
	}
	raise := majorsvc.Raise{TicketRef: strings.TrimSpace(form["ticket"]), Title: form["title"], Why: form["why"], Impacts: parseImpacts(form["impacts"]),
		Candidate: r.PostFormValue("candidate") == "yes"}
	for _, c := range []struct {
		field string
		aud   major.Audience
	}{{"every_staff", major.Staff}, {"every_public", major.Public}} {
		if v := strings.TrimSpace(form[c.field]); v != "" {
			mins, _ := strconv.Atoi(v) // not a number: zero, which the service refuses by this field
			raise.Comms = append(raise.Comms, major.Comms{Audience: c.aud, Every: time.Duration(mins) * time.Minute})
		}
	}
	m, err := s.major.Raise(r.Context(), rs.principal, raise)
	if err != nil {
		if errs := s.formFaults(w, r, err, "ticket", "title", "impacts", "every_staff", "every_public"); errs != nil {
			s.showMajorList(w, r, rs, http.StatusUnprocessableEntity, errs, form)
		}
		return
	}
	s.flash(w, majorsvc.Ref(m.ID)+" raised: "+m.State.Label())
	http.Redirect(w, r, "/major/"+strconv.FormatInt(m.ID, 10), http.StatusSeeOther)
}
