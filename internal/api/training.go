package api

import (
	"net/http"
	"strconv"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/service/trainingsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// trainingRoutes are security awareness training's routes, under one org.
func (a *API) trainingRoutes() []Route {
	view, manage := tenancy.ViewAwareness, tenancy.ManageTraining
	return []Route{
		{Method: "GET", Path: "/api/v1/training/councils", Permission: view, handle: a.trainingCouncils},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/training/status", Permission: view, handle: a.trainingStatus},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/training/trend", Permission: view, handle: a.trainingTrend},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/training/overdue", Permission: view, handle: a.trainingOverdue},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/training/people/{id}", Permission: view, handle: a.trainingHistory},
		{Method: "GET", Path: "/api/v1/orgs/{slug}/training/courses", Permission: view, handle: a.trainingCourses},
		{Method: "POST", Path: "/api/v1/orgs/{slug}/training/courses", Permission: manage, handle: a.trainingAddCourse},
		{Method: "PUT", Path: "/api/v1/orgs/{slug}/training/courses/{code}", Permission: manage, handle: a.trainingEditCourse},
		{Method: "POST", Path: "/api/v1/orgs/{slug}/training/import", Permission: manage, MaxBody: httpin.MaxImport, handle: a.trainingImport},
		{Method: "POST", Path: "/api/v1/orgs/{slug}/training/attendance", Permission: manage, handle: a.trainingAttend},
		{Method: "POST", Path: "/api/v1/orgs/{slug}/training/enrolments", Permission: manage, handle: a.trainingEnrol},
	}
}

func (a *API) trainingCouncils(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	list, err := a.training.Councils(r.Context(), p)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if list == nil {
		list = []trainingsvc.Status{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"councils": list})
}

// trainingAnswer answers with v, or the error.
func trainingAnswer[T any](a *API, w http.ResponseWriter, r *http.Request, v T, err error) {
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

func (a *API) trainingStatus(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	if org, ok := a.orgInScope(w, r, p); ok {
		st, err := a.training.Status(r.Context(), p, org.ID)
		trainingAnswer(a, w, r, st, err)
	}
}

func (a *API) trainingTrend(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	weeks := 26
	if s := r.URL.Query().Get("weeks"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			a.fail(w, r, fault.Invalid("weeks", "give a whole number of weeks"))
			return
		}
		weeks = n
	}
	points, err := a.training.Trend(r.Context(), p, org.ID, weeks)
	trainingAnswer(a, w, r, map[string]any{"weeks": points}, err)
}

func (a *API) trainingOverdue(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	if org, ok := a.orgInScope(w, r, p); ok {
		groups, err := a.training.Overdue(r.Context(), p, org.ID)
		trainingAnswer(a, w, r, map[string]any{"managers": groups}, err)
	}
}

func (a *API) trainingHistory(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		a.fail(w, r, fault.NotFound("no person %s in %s", r.PathValue("id"), org.Slug))
		return
	}
	h, err := a.training.History(r.Context(), p, org.ID, id)
	trainingAnswer(a, w, r, h, err)
}

func (a *API) trainingCourses(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	if org, ok := a.orgInScope(w, r, p); ok {
		list, err := a.training.Courses(r.Context(), p, org.ID)
		if list == nil {
			list = []trainingsvc.Course{}
		}
		trainingAnswer(a, w, r, map[string]any{"courses": list}, err)
	}
}

// courseBody is a course as a client sends it.
type courseBody struct {
	Code        string `json:"code"`
	Title       string `json:"title"`
	Kind        string `json:"kind"`
	RefreshDays *int   `json:"refresh_days"`
	Kinds       string `json:"kinds"`
	Teams       string `json:"teams"`
	Retired     bool   `json:"retired"`
}

func (b courseBody) course(orgID int64) trainingsvc.Course {
	c := trainingsvc.Course{OrgID: orgID, Code: b.Code, Title: b.Title, Kind: b.Kind, RefreshDays: 365, Kinds: b.Kinds, Teams: b.Teams, Retired: b.Retired}
	if b.RefreshDays != nil {
		c.RefreshDays = *b.RefreshDays
	}
	return c
}

func (a *API) trainingAddCourse(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	var b courseBody
	if !ok || !decode(w, r, &b) {
		return
	}
	c, err := a.training.AddCourse(r.Context(), p, b.course(org.ID))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, c)
}

func (a *API) trainingEditCourse(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	var b courseBody
	if !ok || !decode(w, r, &b) {
		return
	}
	old, err := a.training.CourseByCode(r.Context(), p, org.ID, r.PathValue("code"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	c := b.course(org.ID)
	c.ID = old.ID
	c, err = a.training.EditCourse(r.Context(), p, c)
	trainingAnswer(a, w, r, c, err)
}

func (a *API) trainingImport(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	name := httpin.FileName(r.URL.Query().Get("filename"), r.Header.Get("Content-Disposition"), "completions")
	res, err := a.training.ImportCompletions(r.Context(), p, org.ID, name, r.Body,
		trainingsvc.ImportOptions{SkipUnknown: r.URL.Query().Get("skip_unknown") == "true"})
	if tooLarge(w, err, "File too large", "a completion file may be at most "+strconv.Itoa(httpin.MaxImport>>20)+" MiB; gzip it or split it") {
		return
	}
	trainingAnswer(a, w, r, res, err)
}

// peopleBody names a course, people (by e-mail, HR id or id) and a day.
type peopleBody struct {
	Course string   `json:"course"` // the course's code
	Day    string   `json:"day"`
	DueOn  string   `json:"due_on"`
	People []string `json:"people"`
}

func (a *API) trainingPeople(w http.ResponseWriter, r *http.Request, p tenancy.Principal) (peopleBody, trainingsvc.Course, []int64, bool) {
	org, ok := a.orgInScope(w, r, p)
	var b peopleBody
	if !ok || !decode(w, r, &b) {
		return b, trainingsvc.Course{}, nil, false
	}
	c, err := a.training.CourseByCode(r.Context(), p, org.ID, b.Course)
	if err != nil {
		a.fail(w, r, fault.Invalid("course", "%q is none of %s's courses", b.Course, org.Slug))
		return b, c, nil, false
	}
	ids, err := a.training.FindPeople(r.Context(), p, org.ID, b.People)
	if err != nil {
		a.fail(w, r, err)
		return b, c, nil, false
	}
	return b, c, ids, true
}

func (a *API) trainingAttend(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	b, c, ids, ok := a.trainingPeople(w, r, p)
	if !ok {
		return
	}
	added, err := a.training.Attend(r.Context(), p, c.ID, b.Day, ids)
	trainingAnswer(a, w, r, map[string]int{"people": len(ids), "added": added}, err)
}

func (a *API) trainingEnrol(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	b, c, ids, ok := a.trainingPeople(w, r, p)
	if !ok {
		return
	}
	if len(ids) != 1 {
		a.fail(w, r, fault.Invalid("people", "enrol one person at a time"))
		return
	}
	e, err := a.training.Enrol(r.Context(), p, c.ID, ids[0], b.DueOn)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, e)
}
