package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

type walkUpData struct {
	Links   []deskLink
	Form    map[string]string
	Orgs    []accountsvc.Org // a choice, when the user has not switched to one org
	OrgName string
	People  []string // suggestions for the caller's name
	Sites   []string // suggestions for the site
	MaxFile string   // the attachment limit, for the hint
}

// walkUpData suggests the people and sites of the org chosen, or of every
// org in view when none is chosen yet.
func (s *Server) walkUpData(r *http.Request, rs *requestState, form map[string]string) (walkUpData, error) {
	ctx := r.Context()
	d := walkUpData{Links: deskLinks(r, rs), Form: form, MaxFile: byteSize(s.desk.MaxAttachment())}
	var orgID int64 // 0: every org in view
	if org, fixed := s.formOrg(rs, ""); fixed {
		d.OrgName, orgID = org.Name, org.ID
	} else {
		d.Orgs = s.orgsInScope(rs)
		if org, ok := s.formOrg(rs, form["org"]); ok && form["org"] != "" {
			orgID = org.ID
		}
	}
	people, err := s.desk.People(ctx, rs.principal, orgID)
	if err != nil {
		return d, err
	}
	seen := map[string]bool{}
	for _, p := range people {
		if !seen[p.Name] {
			seen[p.Name] = true
			d.People = append(d.People, p.Name)
		}
	}
	sites, err := s.accounts.Sites(ctx, rs.principal, orgID)
	if err != nil {
		return d, err
	}
	for _, site := range sites {
		d.Sites = append(d.Sites, site.Name)
	}
	return d, nil
}

// walkUpForm is the on-site log: who came, where, what for, and whether it
// was fixed there and then (it usually is).
func (s *Server) walkUpForm(w http.ResponseWriter, r *http.Request, rs *requestState) {
	form := map[string]string{"org": r.URL.Query().Get("org"), "fixed": "yes"}
	if id := r.URL.Query().Get("visit"); id != "" {
		var ok bool
		if form, ok = s.visitForm(w, r, rs, id); !ok {
			return
		}
	}
	data, err := s.walkUpData(r, rs, form)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, rs, http.StatusOK, "walkup", page{Data: data})
}

// walkUpLog logs a visit as a walk-up ticket, with the files the visitor
// brought (a photo of an error, say) in the same transaction, and comes
// back to an empty form for the next visitor, keeping the org.
func (s *Server) walkUpLog(w http.ResponseWriter, r *http.Request, rs *requestState) {
	ctx := r.Context()
	files, fileErr := attachmentsFrom(r)
	_ = r.ParseForm()
	form := map[string]string{}
	for _, k := range []string{"org", "caller", "site", "category", "title", "fixed", "visit"} {
		form[k] = strings.TrimSpace(r.PostFormValue(k))
	}
	var errs []fieldError
	if fileErr != nil {
		errs = append(errs, *fileErr)
	}
	org, ok := s.formOrg(rs, form["org"])
	if !ok {
		fe := fieldError{"org", "Choose the organisation the visitor works for"}
		if _, fixed := s.formOrg(rs, ""); fixed {
			fe.Field = "" // the form offers no choice
		}
		errs = append(errs, fe)
	}
	if form["caller"] == "" {
		errs = append(errs, fieldError{"caller", "Enter the name of the person you helped"})
	}
	var created desksvc.Ticket
	n := desksvc.NewTicket{OrgID: org.ID, Type: desk.Incident, Channel: desk.WalkUp, Title: form["title"],
		Caller: form["caller"], Site: form["site"], Category: form["category"], FixedNow: form["fixed"] == "yes", Attachments: files}
	if len(errs) > 0 {
		// The desk's own checks name the rest (an empty title) at once.
		errs = faultLines(faultLines(errs, n.Check(), "title"), s.desk.CheckFiles(files), "attachment")
	} else {
		// Name the person on the ticket when the name is one of the org's people.
		people, err := s.desk.People(ctx, rs.principal, org.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		matches := 0
		for _, p := range people {
			if strings.EqualFold(p.Name, n.Caller) {
				n.CallerPersonID = p.ID
				matches++
			}
		}
		if matches > 1 {
			n.CallerPersonID = 0 // two people of that name: do not guess
		}
		if form["visit"] != "" {
			created, err = s.logVisitTicket(ctx, rs, form["visit"], n)
		} else {
			created, err = s.desk.Open(ctx, rs.principal, n)
		}
		switch bad := s.refusedForm(w, r, err); {
		case bad != nil:
			errs = faultLines(errs, err, "title", "attachment")
		case err != nil: // refusedForm answered it
			return
		}
	}
	if len(errs) > 0 {
		data, err := s.walkUpData(r, rs, form)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		s.render(w, r, rs, http.StatusUnprocessableEntity, "walkup", page{Errors: errs, Data: data})
		return
	}
	msg := "Logged " + created.Ref + " for " + created.Caller
	if created.State == desk.Resolved {
		msg += ", fixed on the spot"
	}
	s.flash(w, msg)
	next := "/desk/walk-up"
	if form["visit"] != "" {
		next = "/desk/queue?site=" + strconv.FormatInt(s.visitSite(ctx, rs, form["visit"]), 10)
	} else if form["org"] != "" {
		next += "?org=" + url.QueryEscape(org.Slug)
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}
