package trainingsvc

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/reader/learningcsv"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

func itoa(n int) string { return strconv.Itoa(n) }

// Imported says what an import of completions did.
type Imported struct {
	File    string         `json:"file"`
	Rows    int            `json:"rows"`
	Added   int            `json:"added"`   // new completions; a repeat of one already held adds nothing
	Skipped int            `json:"skipped"` // rows naming nobody or no course, when asked to skip them
	Lines   []int          `json:"skipped_lines,omitempty"`
	Checked finding.Counts `json:"findings"`
}

// ImportOptions: SkipUnknown counts and skips rows whose person or course
// the org does not have, rather than refusing the whole file.
type ImportOptions struct {
	SkipUnknown bool
}

// ImportCompletions reads an e-learning completion history and adds it to
// the org's, in one transaction with its audit entry and the findings run:
// a bad row, or (unless skipped) a row naming an unknown person or course,
// refuses the whole file, named by line and column.
func (s *Service) ImportCompletions(ctx context.Context, p tenancy.Principal, orgID int64, file string, r io.Reader, opt ImportOptions) (Imported, error) {
	res := Imported{File: file}
	if err := require(p, tenancy.ManageTraining, orgID); err != nil {
		return res, err
	}
	rows, err := learningcsv.Read(r, file)
	if err != nil {
		return res, fault.Invalid("file", "%v", err).Because(err)
	}
	res.Rows = len(rows)
	err = s.Store.InTx(ctx, func(ctx context.Context) error {
		byEmail, byHR, courses, err := s.lookups(ctx, p, orgID)
		if err != nil {
			return err
		}
		list := make([]store.Completion, 0, len(rows))
		for _, row := range rows {
			col, why := "", ""
			personID := byEmail[row.Email]
			if row.HRID != "" && personID == 0 {
				personID = byHR[row.HRID]
			}
			course, ok := courses[strings.ToLower(row.CourseCode)]
			switch {
			case personID == 0 && row.Email != "":
				col, why = "email", fmt.Sprintf("%q is none of the org's people", row.Email)
			case personID == 0:
				col, why = "hr_id", fmt.Sprintf("%q is none of the org's people", row.HRID)
			case !ok:
				col, why = "course_code", fmt.Sprintf("%q is none of the org's courses", row.CourseCode)
			}
			if why != "" {
				if opt.SkipUnknown {
					res.Skipped++
					res.Lines = append(res.Lines, row.Line)
					continue
				}
				return fault.Invalid("file", "%s: line %d: column %s: %s (add them first, or import with skipping of unknown rows)", file, row.Line, col, why)
			}
			list = append(list, store.Completion{CourseID: course.ID, PersonID: personID, CompletedOn: row.CompletedOn,
				Source: "import", Score: row.Score, RecordedBy: p.Actor})
		}
		if res.Added, err = s.Store.AddCompletions(ctx, p.Scope, orgID, list); err != nil {
			return err
		}
		if err := s.record(ctx, p, orgID, audit.TrainingImport, "completions "+file, map[string]string{
			"rows": itoa(res.Rows), "added": itoa(res.Added), "skipped": itoa(res.Skipped)}); err != nil {
			return err
		}
		res.Checked, err = s.check(ctx, p, orgID)
		return err
	})
	if len(res.Lines) > 20 {
		res.Lines = res.Lines[:20]
	}
	return res, err
}

// lookups finds the org's people by e-mail and HR id, and courses by code.
func (s *Service) lookups(ctx context.Context, p tenancy.Principal, orgID int64) (map[string]int64, map[string]int64, map[string]store.Course, error) {
	ps, err := s.Store.People(ctx, p.Scope.Narrow(orgID))
	if err != nil {
		return nil, nil, nil, err
	}
	byEmail, byHR := map[string]int64{}, map[string]int64{}
	for _, x := range ps {
		if x.Email != "" {
			byEmail[strings.ToLower(x.Email)] = x.ID
		}
		if x.HRID != "" {
			byHR[x.HRID] = x.ID
		}
	}
	cs, err := s.Store.Courses(ctx, p.Scope, orgID)
	if err != nil {
		return nil, nil, nil, err
	}
	courses := map[string]store.Course{}
	for _, c := range cs {
		courses[strings.ToLower(c.Code)] = c
	}
	return byEmail, byHR, courses, nil
}

// Attend records, by hand, that people attended a briefing on a day: a
// completion of the course for each of them.
func (s *Service) Attend(ctx context.Context, p tenancy.Principal, courseID int64, day string, personIDs []int64) (int, error) {
	c, err := s.Store.CourseByID(ctx, p.Scope, courseID)
	if err != nil {
		return 0, err
	}
	if err := require(p, tenancy.ManageTraining, c.OrgID); err != nil {
		return 0, err
	}
	var fs fault.Fields
	if c.Kind != "briefing" {
		fs.Add("course", "%s is not a briefing: attendance is recorded for briefings; e-learning comes from the platform's import", c.Title)
	}
	d, ok := learningcsv.Day(strings.TrimSpace(day))
	if !ok {
		fs.Add("day", "give the day of the briefing, such as 2026-03-02")
	}
	if len(personIDs) == 0 {
		fs.Add("people", "choose at least one person who attended")
	}
	if err := fs.Err(); err != nil {
		return 0, err
	}
	added := 0
	err = s.Store.InTx(ctx, func(ctx context.Context) error {
		ps, err := s.Store.People(ctx, p.Scope.Narrow(c.OrgID))
		if err != nil {
			return err
		}
		known := map[int64]bool{}
		for _, x := range ps {
			known[x.ID] = true
		}
		list := make([]store.Completion, 0, len(personIDs))
		for _, id := range personIDs {
			if !known[id] {
				return fault.Invalid("people", "person %d is none of the org's people", id)
			}
			list = append(list, store.Completion{CourseID: c.ID, PersonID: id, CompletedOn: d, Source: "attendance", RecordedBy: p.Actor})
		}
		if added, err = s.Store.AddCompletions(ctx, p.Scope, c.OrgID, list); err != nil {
			return err
		}
		if err := s.record(ctx, p, c.OrgID, audit.TrainingAttend, "briefing "+c.Code+" on "+d, map[string]string{"people": itoa(len(personIDs)), "added": itoa(added)}); err != nil {
			return err
		}
		_, err = s.check(ctx, p, c.OrgID)
		return err
	})
	return added, err
}

// Enrol asks a person, by hand, to complete a course by a day.
func (s *Service) Enrol(ctx context.Context, p tenancy.Principal, courseID, personID int64, dueOn string) (store.Enrolment, error) {
	c, err := s.Store.CourseByID(ctx, p.Scope, courseID)
	if err != nil {
		return store.Enrolment{}, err
	}
	if err := require(p, tenancy.ManageTraining, c.OrgID); err != nil {
		return store.Enrolment{}, err
	}
	_, today, err := s.today(ctx, p.Scope, c.OrgID)
	if err != nil {
		return store.Enrolment{}, err
	}
	due, ok := learningcsv.Day(strings.TrimSpace(dueOn))
	if !ok || due < today {
		return store.Enrolment{}, fault.Invalid("due_on", "give the day it is due by, today (%s) or later", today)
	}
	var e store.Enrolment
	err = s.Store.InTx(ctx, func(ctx context.Context) error {
		ps, err := s.Store.People(ctx, p.Scope.Narrow(c.OrgID))
		if err != nil {
			return err
		}
		found := false
		for _, x := range ps {
			found = found || x.ID == personID
		}
		if !found {
			return fault.Invalid("person", "person %d is none of the org's people", personID)
		}
		e, err = s.Store.CreateEnrolment(ctx, p.Scope, store.Enrolment{OrgID: c.OrgID, CourseID: c.ID, PersonID: personID,
			EnrolledOn: today, DueOn: due, Reason: "manual", CreatedBy: p.Actor})
		if fault.KindOf(err) == fault.KindConflict {
			return fault.Invalid("person", "the person was already enrolled on %s today", c.Title)
		}
		if err != nil {
			return err
		}
		if err := s.record(ctx, p, c.OrgID, audit.TrainingEnrol, "course "+c.Code+" person "+strconv.FormatInt(personID, 10), map[string]string{"due_on": due}); err != nil {
			return err
		}
		_, err = s.check(ctx, p, c.OrgID)
		return err
	})
	return e, err
}
