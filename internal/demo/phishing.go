package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/people"
	"github.com/ward-shared-service/ward/internal/reader/gophishcsv"
	"github.com/ward-shared-service/ward/internal/service/phishingsvc"
	"github.com/ward-shared-service/ward/internal/store"
)

// phishRates are the shares of those sent an exercise's e-mail who opened
// it, clicked its link, submitted data, and reported it: the ranges seen
// in councils' exercises (about half open, one in six clicks, one in
// twenty submits, one in five reports).
type phishRates struct{ open, click, submit, report float64 }

// demoExercise is one phishing exercise of a council, launched daysAgo.
type demoExercise struct {
	slug, lure string
	daysAgo    int
	rates      phishRates
}

// Each council has this quarter's exercise; Ashcombe also the one before,
// which more people fell for, so its teams have two points over time.
var demoExercises = []demoExercise{
	{"ashcombe", "Parcel delivery lure", 126, phishRates{open: 0.58, click: 0.20, submit: 0.08, report: 0.11}},
	{"ashcombe", "Overdue invoice lure", 21, phishRates{open: 0.48, click: 0.14, submit: 0.05, report: 0.21}},
	{"brentmere", "Password expiry lure", 28, phishRates{open: 0.53, click: 0.17, submit: 0.06, report: 0.15}},
	{"calderwick", "Shared document lure", 35, phishRates{open: 0.44, click: 0.12, submit: 0.04, report: 0.24}},
}

// seedPhishing imports each council's exercises as Gophish would export
// them, for whatever people the council has, enrolling those who clicked
// or submitted in its phishing follow-up course (made here when the
// council has none).
func seedPhishing(ctx context.Context, st *store.Store, svc *phishingsvc.Service, ids map[string]int64, now time.Time) error {
	for _, ex := range demoExercises {
		orgID := ids[ex.slug]
		org, err := st.OrgByID(ctx, everyOrg, orgID)
		if err != nil {
			return err
		}
		course, err := followUpCourse(ctx, st, orgID)
		if err != nil {
			return err
		}
		staff, err := st.PhishingPeople(ctx, everyOrg, orgID)
		if err != nil {
			return err
		}
		launch := time.Date(now.Year(), now.Month(), now.Day(), 9, 0, 0, 0, time.UTC).AddDate(0, 0, -ex.daysAgo)
		rows := demoResults(staff, ex, launch, orgID)
		if len(rows) == 0 {
			continue
		}
		name := fmt.Sprintf("%s – %s", ex.lure, launch.Format("January 2006"))
		if _, err := svc.ImportResults(ctx, demoPrincipal, phishingsvc.Import{Org: org, Campaign: name, Enrol: course.Code,
			File: strings.ToLower(strings.ReplaceAll(ex.lure, " ", "-")) + "-results.csv"}, rows); err != nil {
			return fmt.Errorf("%s %s: %w", ex.slug, name, err)
		}
		if err := completeFollowUps(ctx, st, course, now); err != nil {
			return err
		}
	}
	return nil
}

// followUpCourse is the council's phishing follow-up: the training demo's
// course of kind phishing, or one made here when it has none.
func followUpCourse(ctx context.Context, st *store.Store, orgID int64) (store.Course, error) {
	courses, err := st.Courses(ctx, everyOrg, orgID)
	if err != nil {
		return store.Course{}, err
	}
	for _, c := range courses {
		if c.Kind == "phishing" && !c.Retired {
			return c, nil
		}
	}
	return st.CreateCourse(ctx, everyOrg, store.Course{OrgID: orgID, Code: "PHISH-FOLLOWUP", Title: "Phishing follow-up: spotting a lure",
		Kind: "phishing", CreatedBy: "system:demo"})
}

// completeFollowUps has three in four of those enrolled after an exercise
// at least a fortnight ago complete the follow-up within ten days, so the
// older exercise shows most clickers trained and a few overdue.
func completeFollowUps(ctx context.Context, st *store.Store, course store.Course, now time.Time) error {
	done, enrolments, err := st.TrainingRecords(ctx, everyOrg, course.OrgID)
	if err != nil {
		return err
	}
	has := map[int64]bool{}
	for _, c := range done {
		if c.CourseID == course.ID {
			has[c.PersonID] = true
		}
	}
	cutoff := now.AddDate(0, 0, -14).Format(time.DateOnly)
	var list []store.Completion
	for i, e := range enrolments {
		if e.CourseID != course.ID || e.Reason != "phishing" || e.EnrolledOn > cutoff || has[e.PersonID] || i%4 == 3 {
			continue
		}
		on, err := time.Parse(time.DateOnly, e.EnrolledOn)
		if err != nil {
			return err
		}
		list = append(list, store.Completion{CourseID: course.ID, PersonID: e.PersonID, Source: "import", RecordedBy: "system:demo",
			CompletedOn: on.AddDate(0, 0, 2+i%9).Format(time.DateOnly)})
	}
	_, err = st.AddCompletions(ctx, everyOrg, course.OrgID, list)
	return err
}

// demoResults gives each current person a result, the shares of each step
// as the exercise's rates say (at least one clicker and one reporter, so a
// small council shows both), in a shuffled order; reporters are mostly the
// wary who did not click. An address that bounced and one the council's
// people no longer hold are added, as real exports have them.
func demoResults(staff []store.Person, ex demoExercise, launch time.Time, orgID int64) []gophishcsv.Result {
	rng := rand.New(rand.NewPCG(uint64(orgID), uint64(ex.daysAgo)))
	day := launch.Format(time.DateOnly)
	var current []store.Person
	for _, p := range staff {
		if people.Current(p.StartOn, p.LeftOn, p.EndOn, day) {
			current = append(current, p)
		}
	}
	n := len(current)
	if n == 0 {
		return nil
	}
	rng.Shuffle(n, func(i, j int) { current[i], current[j] = current[j], current[i] })
	share := func(r float64) int { return int(r*float64(n) + 0.5) }
	submitted, clicked, opened, reported := share(ex.rates.submit), max(1, share(ex.rates.click)), share(ex.rates.open), max(1, share(ex.rates.report))
	var rows []gophishcsv.Result
	add := func(email string, step gophishcsv.Step, reported bool, sent, changed time.Time) {
		rows = append(rows, gophishcsv.Result{Line: len(rows) + 2, Email: strings.ToLower(email), Step: step, Reported: reported, SentAt: sent, ChangedAt: changed})
	}
	for i, p := range current {
		step := gophishcsv.Sent
		switch {
		case i < submitted:
			step = gophishcsv.Submitted
		case i < clicked:
			step = gophishcsv.Clicked
		case i < opened:
			step = gophishcsv.Opened
		}
		// The wary report: the last in the order, who did not click; one
		// clicker in five thinks better of it and reports too.
		report := i >= n-reported || (step >= gophishcsv.Clicked && i%5 == 4)
		sent := launch.Add(time.Duration(i*3) * time.Second)
		add(p.Email, step, report, sent, sent.Add(time.Duration(5+rng.IntN(240))*time.Minute))
	}
	domain := rows[0].Email[strings.LastIndexByte(rows[0].Email, '@')+1:]
	add("former.employee@"+domain, gophishcsv.Sent, false, launch, launch)
	add("typo.mailbox@"+domain, gophishcsv.NotSent, false, time.Time{}, launch)
	return rows
}
