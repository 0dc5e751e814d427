package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/service/accountsvc"
)

type trainingAttendData struct {
	Org     accountsvc.Org
	Links   []deskLink
	Courses []Item
	People  []Item
	Form    map[string]string
}

// trainingAttendForm asks which briefing, which day, and who came.
func (s *Server) trainingAttendForm(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	s.showAttend(w, r, rs, org, http.StatusOK, nil, map[string]string{}, nil)
}

func (s *Server) showAttend(w http.ResponseWriter, r *http.Request, rs *requestState, org accountsvc.Org, status int, errs []fieldError, form map[string]string, ticked map[string]bool) {
	courses, err := s.training.Courses(r.Context(), rs.principal, org.ID)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	d := trainingAttendData{Org: org, Links: trainingLinks(org, rs.principal), Form: form}
	for _, c := range courses {
		if c.Kind == "briefing" && !c.Retired {
			d.Courses = append(d.Courses, Item{Value: c.Code, Label: c.Title})
		}
	}
	ps, err := s.training.AttendancePeople(r.Context(), rs.principal, org.ID)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	for _, p := range ps {
		id := strconv.FormatInt(p.ID, 10)
		d.People = append(d.People, Item{Value: id, Label: p.Name + " (" + p.Kind + ")", Checked: ticked[id]})
	}
	s.render(w, r, rs, status, "training_attend", page{Errors: errs, Data: d})
}

// trainingAttend records the attendance, naming every mistake at once.
func (s *Server) trainingAttend(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	_ = r.ParseForm()
	form := map[string]string{"course": strings.TrimSpace(r.PostFormValue("course")), "day": strings.TrimSpace(r.PostFormValue("day"))}
	ticked := map[string]bool{}
	var ids []int64
	for _, v := range r.PostForm["people"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			ids = append(ids, id)
			ticked[v] = true
		}
	}
	var errs []fieldError
	c, err := s.training.CourseByCode(r.Context(), rs.principal, org.ID, form["course"])
	if err != nil {
		errs = append(errs, fieldError{"course", "Choose the briefing"})
	}
	var added int
	if err == nil {
		added, err = s.training.Attend(r.Context(), rs.principal, c.ID, form["day"], ids)
	}
	if errs != nil || err != nil {
		more := s.formFaults(w, r, err, "course", "day", "people")
		if err != nil && more == nil && errs == nil {
			return
		}
		s.showAttend(w, r, rs, org, http.StatusUnprocessableEntity, append(errs, more...), form, ticked)
		return
	}
	s.flash(w, c.Title+" on "+form["day"]+": "+strconv.Itoa(len(ids))+" attended, "+strconv.Itoa(added)+" new completions")
	http.Redirect(w, r, "/training/"+org.Slug, http.StatusSeeOther)
}
