package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/service/walkupsvc"
)

// The walk-up queue as the desk staff at a site work it: pick the site,
// call the next person to your desk, mark them at the desk, and finish
// (resolved, with what was done; a ticket, on the prefilled walk-up form;
// or a no-show).

type queueSite struct {
	ID            int64
	Name, OrgName string
	Current       bool
}

type queueRow struct {
	walkupsvc.Visit
	StateLabel string
	Waited     string // check-in to now, or to being called
}

type queueData struct {
	Links  []deskLink
	Sites  []queueSite
	Choice []Item // the sites as the chooser offers them, by org
	Site   *queueSite
	Desk   string
	Rows   []queueRow
	Called int // how many are called or at a desk
	Form   map[string]string
}

// sitesInView is every site of the orgs the user sees, with its org's name.
func (s *Server) sitesInView(r *http.Request, rs *requestState, current int64) ([]queueSite, *queueSite, error) {
	sites, err := s.accounts.Sites(r.Context(), rs.principal, 0)
	if err != nil {
		return nil, nil, err
	}
	names := map[int64]string{}
	for _, o := range s.orgsInScope(rs) {
		names[o.ID] = o.Name
	}
	var out []queueSite
	var found *queueSite
	for _, st := range sites {
		out = append(out, queueSite{ID: st.ID, Name: st.Name, OrgName: names[st.OrgID], Current: st.ID == current})
	}
	for i := range out {
		if out[i].Current {
			found = &out[i]
		}
	}
	return out, found, nil
}

// siteOrg is the org of a site in view, by the site's id; 0 when none.
func (s *Server) siteOrg(r *http.Request, rs *requestState, siteID int64) int64 {
	sites, err := s.accounts.Sites(r.Context(), rs.principal, 0)
	if err != nil {
		return 0
	}
	for _, st := range sites {
		if st.ID == siteID {
			return st.OrgID
		}
	}
	return 0
}

func (s *Server) walkupQueue(w http.ResponseWriter, r *http.Request, rs *requestState) {
	q := r.URL.Query()
	siteID, _ := strconv.ParseInt(q.Get("site"), 10, 64)
	s.showQueue(w, r, rs, siteID, q.Get("desk"), http.StatusOK, nil, nil)
}

func (s *Server) showQueue(w http.ResponseWriter, r *http.Request, rs *requestState, siteID int64, deskName string, status int, errs []fieldError, form map[string]string) {
	d := queueData{Links: deskLinks(r, rs), Desk: deskName, Form: form}
	if d.Desk == "" {
		d.Desk = "Desk 1"
	}
	var err error
	if d.Sites, d.Site, err = s.sitesInView(r, rs, siteID); err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, st := range d.Sites {
		d.Choice = append(d.Choice, Item{Value: strconv.FormatInt(st.ID, 10), Label: st.Name, Group: st.OrgName})
	}
	if siteID != 0 && d.Site == nil {
		s.notFound(w, r)
		return
	}
	if d.Site != nil {
		_, visits, err := s.walkup.Queue(r.Context(), rs.principal, s.siteOrg(r, rs, siteID), siteID)
		if err != nil {
			s.refused(w, r, err)
			return
		}
		now := s.now()
		for _, v := range visits {
			until := now
			if !v.Called.IsZero() {
				until = v.Called
				d.Called++
			}
			d.Rows = append(d.Rows, queueRow{Visit: v, StateLabel: v.State.Label(),
				Waited: strconv.Itoa(int(until.Sub(v.CheckedIn).Minutes())) + " min"})
		}
	}
	s.render(w, r, rs, status, "walkup_queue", page{Errors: errs, Data: d})
}

// queueBack is the queue page for the site and desk a form came from.
func queueBack(siteID int64, deskName string) string {
	return "/desk/queue?site=" + strconv.FormatInt(siteID, 10) + "&desk=" + url.QueryEscape(deskName)
}

func (s *Server) walkupCall(w http.ResponseWriter, r *http.Request, rs *requestState) {
	siteID, _ := strconv.ParseInt(r.PostFormValue("site"), 10, 64)
	deskName := strings.TrimSpace(r.PostFormValue("desk"))
	orgID := s.siteOrg(r, rs, siteID)
	if orgID == 0 {
		s.notFound(w, r)
		return
	}
	v, err := s.walkup.CallNext(r.Context(), rs.principal, orgID, siteID, deskName)
	if bad := s.refusedForm(w, r, err); bad != nil {
		s.showQueue(w, r, rs, siteID, deskName, http.StatusUnprocessableEntity, formErrors(err, ""), nil)
		return
	} else if err != nil {
		return
	}
	s.flash(w, "Called number "+strconv.Itoa(v.Number)+" ("+v.Name+") to "+v.Desk)
	http.Redirect(w, r, queueBack(siteID, deskName), http.StatusSeeOther)
}

// walkupFinish moves one visit on: served, resolved or a no-show.
func (s *Server) walkupFinish(to desk.VisitState) func(http.ResponseWriter, *http.Request, *requestState) {
	return func(w http.ResponseWriter, r *http.Request, rs *requestState) {
		id, _ := strconv.ParseInt(r.PostFormValue("visit"), 10, 64)
		deskName := r.PostFormValue("desk")
		var v walkupsvc.Visit
		var err error
		switch to {
		case desk.VisitServing:
			v, err = s.walkup.Serve(r.Context(), rs.principal, id)
		case desk.VisitNoShow:
			v, err = s.walkup.NoShow(r.Context(), rs.principal, id)
		default:
			v, err = s.walkup.Resolve(r.Context(), rs.principal, id, r.PostFormValue("outcome"))
		}
		if bad := s.refusedForm(w, r, err); bad != nil {
			siteID, _ := strconv.ParseInt(r.PostFormValue("site"), 10, 64)
			form := map[string]string{"outcome-" + strconv.FormatInt(id, 10): r.PostFormValue("outcome")}
			s.showQueue(w, r, rs, siteID, deskName, http.StatusUnprocessableEntity,
				[]fieldError{{Field: "outcome-" + strconv.FormatInt(id, 10), Message: sentence(bad.Message)}}, form)
			return
		} else if err != nil {
			return
		}
		s.flash(w, "Number "+strconv.Itoa(v.Number)+": "+strings.ToLower(v.State.Label()))
		http.Redirect(w, r, queueBack(v.SiteID, deskName), http.StatusSeeOther)
	}
}
