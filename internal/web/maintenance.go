package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/service/majorsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

type maintenanceData struct {
	Windows []maintenanceRow
	NextURL string
	All     bool
	CanAdd  bool
	Orgs    []Item
	Form    map[string]string
}

type maintenanceRow struct {
	Org, Service, Sites, Starts, Ends, Description string
}

// maintenanceList lists planned maintenance in view, soonest first (past
// windows with ?all=1), with the form a manager plans one with.
func (s *Server) maintenanceList(w http.ResponseWriter, r *http.Request, rs *requestState) {
	s.showMaintenance(w, r, rs, http.StatusOK, nil, map[string]string{})
}

func (s *Server) showMaintenance(w http.ResponseWriter, r *http.Request, rs *requestState, status int, errs []fieldError, form map[string]string) {
	q := r.URL.Query()
	f := majorsvc.MaintenanceFilter{PerPage: 50}
	if c := q.Get("cursor"); c != "" {
		cur, err := keyset.Decode(c)
		if err != nil {
			s.notFound(w, r)
			return
		}
		f.Cursor = &cur
	}
	all := q.Get("all") == "1"
	list, next, err := s.major.Maintenance(r.Context(), rs.principal, f, !all)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	orgs := orgIndex(rs.orgs)
	d := maintenanceData{All: all, CanAdd: rs.principal.Can(tenancy.ManageDesk), Form: form}
	for _, m := range list {
		loc := zoneOf(orgs[m.OrgID])
		d.Windows = append(d.Windows, maintenanceRow{Org: orgs[m.OrgID].Name, Service: m.Service, Sites: strings.Join(m.Sites, ", "),
			Starts: localTime(m.Starts, loc), Ends: localTime(m.Ends, loc), Description: m.Description})
	}
	if next != nil {
		d.NextURL = "/maintenance?cursor=" + next.Encode()
		if all {
			d.NextURL += "&all=1"
		}
	}
	for _, o := range s.orgsInScope(rs) {
		d.Orgs = append(d.Orgs, Item{Value: o.Slug, Label: o.Name})
	}
	s.render(w, r, rs, status, "maintenance", page{Errors: errs, Data: d})
}

// maintenanceAdd plans a window; times are read in the council's zone.
func (s *Server) maintenanceAdd(w http.ResponseWriter, r *http.Request, rs *requestState) {
	form := postForm(r, "org", "service", "sites", "starts", "ends", "description")
	var errs []fieldError
	org, ok := s.formOrg(rs, form["org"])
	if !ok {
		errs = append(errs, fieldError{"org", "Choose the council"})
	}
	when := func(field, label string) time.Time {
		t, err := time.ParseInLocation("2006-01-02 15:04", strings.TrimSpace(form[field]), zoneOf(org))
		if err != nil {
			errs = append(errs, fieldError{field, "Enter when the maintenance " + label + " as YYYY-MM-DD HH:MM"})
		}
		return t
	}
	starts, ends := when("starts", "starts"), when("ends", "ends")
	n := majorsvc.NewMaintenance{OrgID: org.ID, Service: form["service"], Sites: strings.Split(form["sites"], ","),
		Starts: starts, Ends: ends, Description: form["description"]}
	if len(errs) > 0 {
		// The dates are wrong: the rest is still checked, so every
		// mistake is named at once.
		if n.Starts.IsZero() {
			n.Starts = time.Unix(0, 0)
		}
		if n.Ends.IsZero() {
			n.Ends = n.Starts.Add(time.Hour)
		}
		errs = faultLines(errs, n.Check(), "service", "starts", "ends", "description")
		s.showMaintenance(w, r, rs, http.StatusUnprocessableEntity, errs, form)
		return
	}
	m, err := s.major.AddMaintenance(r.Context(), rs.principal, n)
	if err != nil {
		if errs := s.formFaults(w, r, err, "service", "starts", "ends", "description"); errs != nil {
			s.showMaintenance(w, r, rs, http.StatusUnprocessableEntity, errs, form)
		}
		return
	}
	s.flash(w, "Maintenance of "+m.Service+" planned (number "+strconv.FormatInt(m.ID, 10)+")")
	http.Redirect(w, r, "/maintenance", http.StatusSeeOther)
}
