package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/people"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/peoplesvc"
)

type personFormData struct {
	Org     accountsvc.Org
	Editing *peoplesvc.Person // nil: the form adds a person
	Form    map[string]string
	Kinds   []people.Kind
}

// personFields are the form's fields, named as the API and the HR file
// name them; the manager is given by HR id or e-mail address.
var personFields = []string{"name", "kind", "team", "manager", "email", "phone", "hr_id", "upn", "start_on", "end_on", "left_on"}

func (s *Server) personNewForm(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	s.showPersonForm(w, r, rs, org, nil, http.StatusOK, nil, map[string]string{"kind": "staff"})
}

func (s *Server) personEditForm(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, prof, ok := s.personInOrg(w, r, rs)
	if !ok {
		return
	}
	p := prof.Person
	form := map[string]string{"name": p.Name, "kind": p.Kind, "team": p.Team, "email": p.Email, "phone": p.Phone,
		"hr_id": p.HRID, "upn": p.UPN, "start_on": p.StartOn, "end_on": p.EndOn, "left_on": p.LeftOn}
	if m := prof.Manager; m != nil {
		form["manager"] = m.HRID
		if form["manager"] == "" {
			form["manager"] = m.Email
		}
	}
	s.showPersonForm(w, r, rs, org, &p, http.StatusOK, nil, form)
}

func (s *Server) showPersonForm(w http.ResponseWriter, r *http.Request, rs *requestState, org accountsvc.Org, editing *peoplesvc.Person,
	status int, errs []fieldError, form map[string]string) {
	s.render(w, r, rs, status, "person_form", page{Errors: errs, Data: personFormData{Org: org, Editing: editing, Form: form, Kinds: people.Kinds}})
}

// readPersonForm puts the posted fields on a person; a manager named by
// neither an HR id nor an address of the org is a mistake on the field.
func (s *Server) readPersonForm(r *http.Request, rs *requestState, p *peoplesvc.Person) (map[string]string, *fault.Error) {
	_ = r.ParseForm()
	form := map[string]string{}
	for _, k := range personFields {
		form[k] = strings.TrimSpace(r.PostFormValue(k))
	}
	p.Name, p.Kind, p.Team, p.Email, p.Phone = form["name"], form["kind"], form["team"], form["email"], form["phone"]
	p.HRID, p.UPN, p.StartOn, p.EndOn, p.LeftOn = form["hr_id"], form["upn"], form["start_on"], form["end_on"], form["left_on"]
	p.ManagerID = 0
	if m := form["manager"]; m != "" {
		found, err := s.people.FindPerson(r.Context(), rs.principal, p.OrgID, m)
		if err != nil {
			return form, fault.Invalid("manager", "enter the HR id or e-mail address of one of %s’s people", "the organisation")
		}
		p.ManagerID = found.ID
	}
	return form, nil
}

// savePerson adds or changes a person, showing every mistake at once.
func (s *Server) savePerson(w http.ResponseWriter, r *http.Request, rs *requestState, org accountsvc.Org, editing *peoplesvc.Person) {
	p := peoplesvc.Person{OrgID: org.ID}
	if editing != nil {
		p = *editing
	}
	form, managerErr := s.readPersonForm(r, rs, &p)
	var err error
	var saved peoplesvc.Person
	if editing == nil {
		saved, err = s.people.Add(r.Context(), rs.principal, p)
	} else {
		saved, err = s.people.Edit(r.Context(), rs.principal, p)
	}
	if err != nil || managerErr != nil {
		all := fault.All(err)
		if err != nil && len(all) == 0 {
			s.refused(w, r, err)
			return
		}
		var errs []fieldError
		if managerErr != nil {
			errs = append(errs, fieldOn(managerErr, personFields...))
		}
		for _, f := range all {
			if f.Field == "manager_id" {
				f = fault.Invalid("manager", "%s", f.Message)
			}
			errs = append(errs, fieldOn(f, personFields...))
		}
		s.showPersonForm(w, r, rs, org, editing, http.StatusUnprocessableEntity, errs, form)
		return
	}
	http.Redirect(w, r, "/people/"+org.Slug+"/"+strconv.FormatInt(saved.ID, 10), http.StatusSeeOther)
}

func (s *Server) personCreate(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	s.savePerson(w, r, rs, org, nil)
}

func (s *Server) personSave(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, prof, ok := s.personInOrg(w, r, rs)
	if !ok {
		return
	}
	s.savePerson(w, r, rs, org, &prof.Person)
}
