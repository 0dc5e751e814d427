package web

import (
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/calendar"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

// maxCalendarForm is the largest calendar form or upload taken: room for
// a file past the service's limit, so that its refusal, which says the
// limit, is the one a person sees.
const maxCalendarForm = 2 * desksvc.MaxCalendarFile

type calendarSettingsData struct {
	Org      accountsvc.Org
	Version  int
	Name     string
	Zone     string
	Region   string
	Days     []workingDay
	Year     int
	Holidays []calendar.Holiday
	Closures []calendar.Closure
	Form     map[string]string
	Added    []calendar.Holiday // what an upload of GOV.UK's file added
}

type workingDay struct{ Day, Hours string }

func (s *Server) calendarSettings(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	s.showCalendar(w, r, rs, org, http.StatusOK, nil, nil, "", nil)
}

// showCalendar shows the calendar in force; form, when given, is what the
// user wrote in the definition box, kept when it was refused.
func (s *Server) showCalendar(w http.ResponseWriter, r *http.Request, rs *requestState, org accountsvc.Org, status int, errs []fieldError,
	form map[string]string, flash string, added []calendar.Holiday) {
	cal, version, err := s.desk.Calendar(r.Context(), rs.principal, org.ID)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	def := cal.Definition()
	data := calendarSettingsData{Org: org, Version: version, Name: def.Name, Zone: def.TimeZone, Region: regionLabel(def.Region),
		Year: s.now().In(zoneOf(org)).Year(), Closures: def.Closures, Form: form, Added: added}
	if data.Zone == "" {
		data.Zone = calendar.DefaultTimeZone
	}
	data.Holidays = cal.Holidays(data.Year)
	for _, wd := range []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday} {
		var hours []string
		for _, sp := range def.Week[wd] {
			hours = append(hours, sp.String())
		}
		data.Days = append(data.Days, workingDay{wd.String(), strings.Join(hours, ", ")})
	}
	if data.Form == nil {
		body, _ := json.MarshalIndent(def, "", "  ")
		data.Form = map[string]string{"definition": string(body)}
	}
	s.render(w, r, rs, status, "settings_calendar", page{Errors: errs, Flash: flash, Data: data})
}

func regionLabel(r calendar.Region) string {
	switch r {
	case "":
		return "None"
	case calendar.EnglandAndWales:
		return "England and Wales"
	case calendar.Scotland:
		return "Scotland"
	case calendar.NorthernIreland:
		return "Northern Ireland"
	}
	return string(r)
}

// calendarSave puts the definition from the form in force, as `ward
// calendar set` does with a file.
func (s *Server) calendarSave(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	_ = r.ParseForm()
	form := map[string]string{"definition": r.PostFormValue("definition")}
	v, err := s.desk.SaveCalendarJSON(r.Context(), rs.principal, org.ID, "the calendar", strings.NewReader(form["definition"]))
	if err != nil {
		if errs := s.formFaults(w, r, err, "definition"); errs != nil {
			for i := range errs {
				errs[i].Field = "definition" // every problem is in the one box
			}
			s.showCalendar(w, r, rs, org, http.StatusUnprocessableEntity, errs, form, "", nil)
		}
		return
	}
	s.showCalendar(w, r, rs, org, http.StatusOK, nil, nil, "Calendar version "+strconv.Itoa(v)+" in force. Re-measure past tickets to apply it to them.", nil)
}

// calendarGovUK reads an uploaded GOV.UK bank-holidays file, streamed
// from the form, and adds the days the calendar lacks, as `ward calendar
// import-govuk` does.
func (s *Server) calendarGovUK(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	refuse := func(status int, field, msg string, _ *importFailure, _ map[string]string) {
		if status == http.StatusRequestEntityTooLarge { // the imports' message names their own, larger, limit
			msg = fmt.Sprintf("The file is larger than %d MB: GOV.UK’s bank holidays file is about 20 KB", desksvc.MaxCalendarFile>>20)
		}
		s.showCalendar(w, r, rs, org, status, []fieldError{{field, msg}}, nil, "", nil)
	}
	s.walkUpload(w, r, refuse, "-", "Choose the GOV.UK bank holidays file to upload", func(part *multipart.Part, _ map[string]string) {
		if part == nil || part.FileName() == "" { // the form's one field, so its one mistake
			refuse(http.StatusUnprocessableEntity, "file", "Choose the GOV.UK bank holidays file to upload", nil, nil)
			return
		}
		name := part.FileName()
		res, err := s.desk.ImportGovUK(r.Context(), rs.principal, org.ID, name, part)
		if err != nil {
			if errs := s.formFaults(w, r, err); errs != nil {
				for i := range errs {
					errs[i].Field = "file"
				}
				s.showCalendar(w, r, rs, org, http.StatusUnprocessableEntity, errs, nil, "", nil)
			}
			return
		}
		flash := fmt.Sprintf("Every %s bank holiday in %s is already in the calendar", regionLabel(res.Region), name)
		if len(res.Added) > 0 {
			flash = fmt.Sprintf("Added %d bank holidays from %s: calendar version %d in force", len(res.Added), name, res.Version)
		}
		s.showCalendar(w, r, rs, org, http.StatusOK, nil, nil, flash, res.Added)
	})
}
