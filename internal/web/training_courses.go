package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/trainingsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

var courseFields = []string{"code", "title", "kind", "refresh_days", "kinds", "teams"}

type trainingCoursesData struct {
	Org     accountsvc.Org
	Links   []deskLink
	Courses []trainingsvc.Course
	Manage  bool
	Kinds   []Item
	Form    map[string]string
	Course  trainingsvc.Course // the course edited, on the edit page
}

func courseKindItems() []Item {
	labels := map[string]string{"elearning": "E-learning", "briefing": "Briefing (attendance recorded by hand)", "phishing": "Phishing follow-up (only those enrolled)"}
	var out []Item
	for _, k := range trainingsvc.CourseKinds {
		out = append(out, Item{Value: k, Label: labels[k]})
	}
	return out
}

// trainingCourses lists an org's courses, with the form to add one for
// those who manage training.
func (s *Server) trainingCourses(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	s.showCourses(w, r, rs, org, http.StatusOK, nil, map[string]string{"kind": "elearning", "refresh_days": "365"})
}

func (s *Server) showCourses(w http.ResponseWriter, r *http.Request, rs *requestState, org accountsvc.Org, status int, errs []fieldError, form map[string]string) {
	list, err := s.training.Courses(r.Context(), rs.principal, org.ID)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	s.render(w, r, rs, status, "training_courses", page{Errors: errs, Data: trainingCoursesData{Org: org, Links: trainingLinks(org, rs.principal),
		Courses: list, Manage: rs.principal.Can(tenancy.ManageTraining), Kinds: courseKindItems(), Form: form}})
}

// courseForm reads a course form; a refresh period that is not a number
// is named with the service's own mistakes.
func courseForm(r *http.Request) (map[string]string, trainingsvc.Course, []fieldError) {
	_ = r.ParseForm()
	form := map[string]string{}
	for _, f := range append(courseFields, "retired") {
		form[f] = strings.TrimSpace(r.PostFormValue(f))
	}
	c := trainingsvc.Course{Code: form["code"], Title: form["title"], Kind: form["kind"], Kinds: form["kinds"], Teams: form["teams"], Retired: form["retired"] == "yes"}
	n, err := strconv.Atoi(form["refresh_days"])
	if err != nil {
		return form, c, []fieldError{{"refresh_days", "Give the refresh period as a whole number of days, 0 for once is enough"}}
	}
	c.RefreshDays = n
	return form, c, nil
}

func (s *Server) trainingCourseAdd(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	form, c, errs := courseForm(r)
	c.OrgID = org.ID
	var added trainingsvc.Course
	var err error
	if errs != nil {
		err = trainingsvc.CheckCourse(c) // the rest of the mistakes, all at once; nothing saved
	} else {
		added, err = s.training.AddCourse(r.Context(), rs.principal, c)
	}
	if errs != nil || err != nil {
		more := s.formFaults(w, r, err, courseFields...)
		if err != nil && more == nil {
			return
		}
		s.showCourses(w, r, rs, org, http.StatusUnprocessableEntity, append(errs, more...), form)
		return
	}
	s.flash(w, "Added "+added.Title)
	http.Redirect(w, r, "/training/"+org.Slug+"/courses", http.StatusSeeOther)
}

// trainingCourse is the form to change or retire one course.
func (s *Server) trainingCourse(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	c, err := s.training.CourseByCode(r.Context(), rs.principal, org.ID, r.PathValue("code"))
	if err != nil {
		s.refused(w, r, err)
		return
	}
	retired := ""
	if c.Retired {
		retired = "yes"
	}
	form := map[string]string{"code": c.Code, "title": c.Title, "kind": c.Kind, "refresh_days": strconv.Itoa(c.RefreshDays),
		"kinds": c.Kinds, "teams": c.Teams, "retired": retired}
	s.showCourse(w, r, rs, org, c, http.StatusOK, nil, form)
}

func (s *Server) showCourse(w http.ResponseWriter, r *http.Request, rs *requestState, org accountsvc.Org, c trainingsvc.Course, status int, errs []fieldError, form map[string]string) {
	s.render(w, r, rs, status, "training_course", page{Errors: errs, Data: trainingCoursesData{Org: org, Links: trainingLinks(org, rs.principal),
		Kinds: courseKindItems(), Form: form, Course: c, Manage: true}})
}

func (s *Server) trainingCourseSave(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	old, err := s.training.CourseByCode(r.Context(), rs.principal, org.ID, r.PathValue("code"))
	if err != nil {
		s.refused(w, r, err)
		return
	}
	form, c, errs := courseForm(r)
	c.ID = old.ID
	var saved trainingsvc.Course
	if errs != nil {
		err = trainingsvc.CheckCourse(c)
	} else {
		saved, err = s.training.EditCourse(r.Context(), rs.principal, c)
	}
	if errs != nil || err != nil {
		more := s.formFaults(w, r, err, courseFields...)
		if err != nil && more == nil {
			return
		}
		s.showCourse(w, r, rs, org, old, http.StatusUnprocessableEntity, append(errs, more...), form)
		return
	}
	s.flash(w, "Saved "+saved.Title)
	http.Redirect(w, r, "/training/"+org.Slug+"/courses", http.StatusSeeOther)
}
