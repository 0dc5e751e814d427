package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

type peopleSettingsData struct {
	Org     accountsvc.Org
	People  []desksvc.Person // still with the org
	Left    []desksvc.Person
	Editing *desksvc.Person // the person whose details the form changes; nil: the form adds one
	Form    map[string]string
}

func (s *Server) peopleSettings(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	var editing int64
	if v := r.URL.Query().Get("edit"); v != "" {
		editing, _ = strconv.ParseInt(v, 10, 64)
	}
	s.showPeople(w, r, rs, org, editing, http.StatusOK, nil, nil, "")
}

// showPeople lists the org's callers with the add form, or the edit form
// of one of them (editing, by id; an id not among them is not found).
func (s *Server) showPeople(w http.ResponseWriter, r *http.Request, rs *requestState, org accountsvc.Org, editing int64,
	status int, errs []fieldError, form map[string]string, flash string) {
	people, err := s.desk.People(r.Context(), rs.principal, org.ID)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	data := peopleSettingsData{Org: org, Form: form}
	for i, p := range people {
		if p.ID == editing {
			data.Editing = &people[i]
		}
		if p.LeftOn == "" {
			data.People = append(data.People, p)
		} else {
			data.Left = append(data.Left, p)
		}
	}
	if editing != 0 && data.Editing == nil {
		s.notFound(w, r)
		return
	}
	if data.Form == nil {
		data.Form = map[string]string{}
		if p := data.Editing; p != nil {
			data.Form = map[string]string{"name": p.Name, "email": p.Email, "phone": p.Phone}
		}
	}
	s.render(w, r, rs, status, "settings_people", page{Errors: errs, Flash: flash, Data: data})
}

func personForm(r *http.Request) map[string]string {
	_ = r.ParseForm()
	form := map[string]string{}
	for _, k := range []string{"name", "email", "phone", "id"} {
		form[k] = strings.TrimSpace(r.PostFormValue(k))
	}
	return form
}

// personAdd adds a caller, as `ward person add` does.
func (s *Server) personAdd(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	form := personForm(r)
	p, err := s.desk.AddPerson(r.Context(), rs.principal, desksvc.Person{OrgID: org.ID, Name: form["name"], Email: form["email"], Phone: form["phone"]})
	if err != nil {
		if errs := s.formFaults(w, r, err, "name", "email", "phone"); errs != nil {
			s.showPeople(w, r, rs, org, 0, http.StatusUnprocessableEntity, errs, form, "")
		}
		return
	}
	s.showPeople(w, r, rs, org, 0, http.StatusOK, nil, nil, p.Name+" added")
}

// formPerson is the id the edit and leave forms name; 0 when it is not one.
func formPerson(form map[string]string) int64 {
	id, _ := strconv.ParseInt(form["id"], 10, 64)
	return id
}

// personEdit changes a caller's details.
func (s *Server) personEdit(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	form := personForm(r)
	id := formPerson(form)
	p, err := s.desk.EditPerson(r.Context(), rs.principal, desksvc.Person{ID: id, OrgID: org.ID, Name: form["name"], Email: form["email"], Phone: form["phone"]})
	if err != nil {
		if errs := s.formFaults(w, r, err, "name", "email", "phone"); errs != nil {
			s.showPeople(w, r, rs, org, id, http.StatusUnprocessableEntity, errs, form, "")
		}
		return
	}
	s.showPeople(w, r, rs, org, 0, http.StatusOK, nil, nil, p.Name+"’s details saved")
}

// personLeave records that a caller left the org today: they stay on
// their tickets but are no longer offered as a caller, as `ward person
// leave` records.
func (s *Server) personLeave(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	form := personForm(r)
	p, err := s.desk.PersonLeaves(r.Context(), rs.principal, org.ID, formPerson(form), org.TimeZone)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	s.showPeople(w, r, rs, org, 0, http.StatusOK, nil, nil, p.Name+" has left "+org.Name)
}
