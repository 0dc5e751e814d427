package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/ward-shared-service/ward/internal/people"
	"github.com/ward-shared-service/ward/internal/service/trainingsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// demoCourse is one of each council's courses; everyN is how often, in
// years, people take it; lapse is the chance a person let their last
// refresh slip, so some are overdue now.
type demoCourse struct {
	code, title, kind, kinds string
	refreshDays, everyN      int
	lapse                    float64
}

var demoCourses = []demoCourse{
	{"CSE-ANNUAL", "Cyber security essentials", "elearning", "staff,contractor,consultant", 365, 1, 0.12},
	{"DP-2Y", "Data protection", "elearning", "staff,contractor,consultant", 730, 2, 0.08},
	{"CLLR-BRIEF", "Councillors' security briefing", "briefing", "councillor", 365, 1, 0.2},
	{"PHISH-FOLLOWUP", "Phishing follow-up: spotting a lure", "phishing", "", 0, 0, 0},
}

// seedTraining gives every council its courses and about three years of
// completion history for whatever people it has, written in bulk, then
// brings the training-overdue findings up to date.
func seedTraining(ctx context.Context, st *store.Store, svc *trainingsvc.Service, ids map[string]int64, now time.Time) error {
	everyone, err := st.People(ctx, everyOrg)
	if err != nil {
		return err
	}
	byOrg := map[int64][]store.Person{}
	for _, p := range everyone {
		byOrg[p.OrgID] = append(byOrg[p.OrgID], p)
	}
	began := now.AddDate(-3, 0, 0)
	for _, o := range orgs {
		if o.kind != tenancy.KindCouncil {
			continue
		}
		orgID := ids[o.slug]
		rng := rand.New(rand.NewPCG(uint64(orgID), 17))
		var list []store.Completion
		var followUp store.Course
		for _, dc := range demoCourses {
			c, err := st.CreateCourse(ctx, everyOrg, store.Course{OrgID: orgID, Code: dc.code, Title: dc.title, Kind: dc.kind,
				RefreshDays: dc.refreshDays, Kinds: dc.kinds, CreatedAt: began, CreatedBy: "system:demo"})
			if err != nil {
				return fmt.Errorf("course %s: %w", dc.code, err)
			}
			if dc.kind == "phishing" {
				followUp = c
				continue
			}
			for i, p := range byOrg[orgID] {
				if !bound(dc.kinds, p.Kind) {
					continue
				}
				h := history(rng, dc, c.ID, p, began, now)
				if i%9 == 1 && len(h) > 1 {
					h = h[:len(h)-1] // however few people, someone is overdue
				}
				list = append(list, h...)
			}
		}
		if _, err := st.AddCompletions(ctx, everyOrg, orgID, list); err != nil {
			return err
		}
		if err := seedFollowUps(ctx, st, rng, followUp, byOrg[orgID], now); err != nil {
			return err
		}
		if _, err := svc.Check(ctx, demoPrincipal, orgID); err != nil {
			return err
		}
	}
	return nil
}

func bound(kinds, kind string) bool {
	if kinds == "" {
		return true
	}
	for _, k := range splitComma(kinds) {
		if k == kind || (k == string(people.Staff) && kind == "") {
			return true
		}
	}
	return false
}

func splitComma(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return out
}

// history is one person's completions of a course: one every N years
// since the programme began (or they joined), a few weeks either side of
// the anniversary; some never start, some let the last one slip.
func history(rng *rand.Rand, dc demoCourse, courseID int64, p store.Person, began, now time.Time) []store.Completion {
	if rng.Float64() < 0.04 {
		return nil // never done it
	}
	from := began
	if t, err := time.Parse(time.DateOnly, p.StartOn); err == nil && t.After(from) {
		from = t
	}
	end := now
	if gone, ok := people.GoneBy(p.LeftOn, p.EndOn); ok && gone.Before(end) {
		end = gone
	}
	var out []store.Completion
	day := from.AddDate(0, 0, rng.IntN(60))
	for day.Before(end) {
		score := 60 + rng.IntN(41)
		out = append(out, store.Completion{CourseID: courseID, PersonID: p.ID, CompletedOn: day.Format(time.DateOnly),
			Source: "import", Score: &score, RecordedBy: "system:demo"})
		next := day.AddDate(dc.everyN, 0, rng.IntN(50)-30)
		if next.Before(end) && end.Sub(next) < 120*24*time.Hour && rng.Float64() < dc.lapse {
			break // the last refresh slipped: overdue by up to four months
		}
		day = next
	}
	return out
}

// seedFollowUps enrols a few people on the phishing follow-up, as if they
// had clicked in an exercise; most have done it since, one or two are late.
func seedFollowUps(ctx context.Context, st *store.Store, rng *rand.Rand, c store.Course, ps []store.Person, now time.Time) error {
	var done []store.Completion
	for i := 0; i < len(ps) && i < 60; i += 7 {
		p := ps[i]
		enrolled := now.AddDate(0, 0, -20-rng.IntN(60))
		e := store.Enrolment{OrgID: c.OrgID, CourseID: c.ID, PersonID: p.ID, EnrolledOn: enrolled.Format(time.DateOnly),
			DueOn: enrolled.AddDate(0, 0, 14).Format(time.DateOnly), Reason: "manual", CreatedBy: "system:demo"}
		if _, err := st.CreateEnrolment(ctx, everyOrg, e); err != nil {
			return err
		}
		if rng.Float64() < 0.7 {
			done = append(done, store.Completion{CourseID: c.ID, PersonID: p.ID, CompletedOn: enrolled.AddDate(0, 0, 3+rng.IntN(10)).Format(time.DateOnly),
				Source: "import", RecordedBy: "system:demo"})
		}
	}
	_, err := st.AddCompletions(ctx, everyOrg, c.OrgID, done)
	return err
}
