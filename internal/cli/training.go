package cli

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/awareness"
	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/service/trainingsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

func runTraining(e *env, args []string) error {
	return subcommand(e, "training", args, []verb{
		{"courses", "list an org's courses and briefings", trainingCourses},
		{"course-add", "add a course or briefing with its refresh period and audience", trainingCourseAdd},
		{"course-edit", "change or retire a course", trainingCourseEdit},
		{"import", "import an e-learning platform's completion history (CSV)", trainingImport},
		{"attend", "record who attended a briefing on a day", trainingAttend},
		{"enrol", "ask a person to complete a course by a day", trainingEnrol},
		{"status", "the share current per kind of person and per course (--all: councils side by side)", trainingStatus},
		{"overdue", "who is overdue, grouped by line manager", trainingOverdue},
		{"history", "a person's whole completion history", trainingHistory},
		{"trend", "the share current each week, from the completion history", trainingTrend},
		{"check", "bring training-overdue findings up to date (for cron)", trainingCheck},
	})
}

func trainingCourses(e *env, args []string) error {
	c := e.command("training courses --org SLUG [--format json]").withOrg("the org").withFormat("table", "json")
	return c.run(args, func() error {
		list, err := c.svc.Training.Courses(e.ctx, c.op, c.org.ID)
		return listing(c, list, err, []string{"CODE", "TITLE", "KIND", "REFRESH DAYS", "KINDS", "TEAMS", "RETIRED"}, func(x trainingsvc.Course) []string {
			return []string{x.Code, x.Title, x.Kind, strconv.Itoa(x.RefreshDays), orAll(x.Kinds), orAll(x.Teams), yesNo(x.Retired)}
		})
	})
}

func orAll(s string) string {
	if s == "" {
		return "all"
	}
	return s
}

// courseFlags are the flags of a course, shared by add and edit.
type courseFlags struct {
	code, title, kind, kinds, teams *string
	refresh                         *int
}

func addCourseFlags(c *cmd) courseFlags {
	return courseFlags{
		code:    c.fs.String("code", "", "the e-learning platform's id for the course, as its CSV names it"),
		title:   c.fs.String("title", "", "the course's title"),
		kind:    c.fs.String("kind", "elearning", "elearning, briefing or phishing"),
		refresh: c.fs.Int("refresh-days", 365, "days a completion stays current; 0: once is enough"),
		kinds:   c.fs.String("kinds", "", "the kinds of people it binds, comma separated (staff,councillor,contractor,consultant); empty: all"),
		teams:   c.fs.String("teams", "", "the teams it binds, comma separated; empty: all"),
	}
}

func trainingCourseAdd(e *env, args []string) error {
	c := e.command("training course-add --org SLUG --code CODE --title TITLE [--kind elearning|briefing|phishing] [--refresh-days N] [--kinds K,..] [--teams T,..]").
		withOrg("the org").withRequired("code", "title").withFormat("text", "json")
	f := addCourseFlags(c)
	return c.run(args, func() error {
		added, err := c.svc.Training.AddCourse(e.ctx, c.op, trainingsvc.Course{OrgID: c.org.ID, Code: *f.code, Title: *f.title, Kind: *f.kind,
			RefreshDays: *f.refresh, Kinds: *f.kinds, Teams: *f.teams})
		return answer(c, added, err, func(x trainingsvc.Course) error {
			_, err := fmt.Fprintf(e.stdout, "added %s %q (%s, refreshed every %d days, for %s)\n", x.Code, x.Title, x.Kind, x.RefreshDays, orAll(x.Kinds))
			return err
		})
	})
}

func trainingCourseEdit(e *env, args []string) error {
	c := e.command("training course-edit --org SLUG CODE [--code NEW] [--title T] [--kind K] [--refresh-days N] [--kinds K,..] [--teams T,..] [--retire|--restore]").
		withOrg("the org").withArgs(1).withFormat("text", "json")
	f := addCourseFlags(c)
	retire := c.fs.Bool("retire", false, "retire the course: it binds nobody, its history is kept")
	restore := c.fs.Bool("restore", false, "bring a retired course back")
	if err := c.parse(args); err != nil {
		return err
	}
	set := map[string]bool{}
	c.fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	return c.do(func() error {
		old, err := c.svc.Training.CourseByCode(e.ctx, c.op, c.org.ID, c.pos[0])
		if err != nil {
			return named(err, lookup{what: "course", key: c.pos[0], hint: "ward training courses --org " + c.org.Slug})
		}
		n := old
		pick := func(name string, dst *string, v *string) {
			if set[name] {
				*dst = *v
			}
		}
		pick("code", &n.Code, f.code)
		pick("title", &n.Title, f.title)
		pick("kind", &n.Kind, f.kind)
		pick("kinds", &n.Kinds, f.kinds)
		pick("teams", &n.Teams, f.teams)
		if set["refresh-days"] {
			n.RefreshDays = *f.refresh
		}
		n.Retired = (old.Retired || *retire) && !*restore
		edited, err := c.svc.Training.EditCourse(e.ctx, c.op, n)
		return answer(c, edited, err, func(x trainingsvc.Course) error {
			_, err := fmt.Fprintf(e.stdout, "changed %s %q (retired: %s)\n", x.Code, x.Title, yesNo(x.Retired))
			return err
		})
	})
}

func trainingImport(e *env, args []string) error {
	c := e.command("training import --org SLUG [--skip-unknown] FILE").withOrg("the org the people belong to").withArgs(1).withFormat("text", "json")
	skip := c.fs.Bool("skip-unknown", false, "skip and count rows naming a person or course the org does not have, instead of refusing the file")
	return c.run(args, func() error {
		f, err := os.Open(c.pos[0])
		if err != nil {
			return err
		}
		defer f.Close()
		res, err := c.svc.Training.ImportCompletions(e.ctx, c.op, c.org.ID, filepath.Base(c.pos[0]), f, trainingsvc.ImportOptions{SkipUnknown: *skip})
		if err != nil {
			return fmt.Errorf("nothing was imported: %w", err)
		}
		return answer(c, res, nil, func(r trainingsvc.Imported) error {
			fmt.Fprintf(e.stdout, "%s: %d rows read, %d completions added, %d already held", r.File, r.Rows, r.Added, r.Rows-r.Added-r.Skipped)
			if r.Skipped > 0 {
				fmt.Fprintf(e.stdout, ", %d skipped (lines %s)", r.Skipped, joinInts(r.Lines))
			}
			fmt.Fprintln(e.stdout)
			printTrainingCounts(e, r.Checked)
			return nil
		})
	})
}

func joinInts(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ", ")
}

func printTrainingCounts(e *env, c finding.Counts) {
	fmt.Fprintf(e.stdout, "training-overdue findings: %d opened, %d reopened, %d resolved, %d still failing\n", c.Opened, c.Reopened, c.Resolved, c.Kept+c.Expired)
}

func trainingAttend(e *env, args []string) error {
	c := e.command("training attend --org SLUG --course CODE --day YYYY-MM-DD --person EMAIL [--person …]").
		withOrg("the org").withRequired("course", "day", "person")
	course := c.fs.String("course", "", "the briefing's code")
	day := c.fs.String("day", "", "the day of the briefing")
	var who many
	c.fs.Var(&who, "person", "a person who attended, by e-mail, HR id or id (repeat)")
	return c.run(args, func() error {
		brf, err := c.svc.Training.CourseByCode(e.ctx, c.op, c.org.ID, *course)
		if err != nil {
			return named(err, lookup{what: "course", key: *course, flag: "--course", hint: "ward training courses --org " + c.org.Slug})
		}
		ids, err := c.svc.Training.FindPeople(e.ctx, c.op, c.org.ID, who)
		if err != nil {
			return err
		}
		added, err := c.svc.Training.Attend(e.ctx, c.op, brf.ID, *day, ids)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(e.stdout, "%s on %s: %d attended, %d new completions\n", brf.Title, *day, len(ids), added)
		return err
	})
}

func trainingEnrol(e *env, args []string) error {
	c := e.command("training enrol --org SLUG --course CODE --person EMAIL --due YYYY-MM-DD").
		withOrg("the org").withRequired("course", "person", "due").withFormat("text", "json")
	course := c.fs.String("course", "", "the course's code")
	person := c.fs.String("person", "", "the person, by e-mail, HR id or id")
	due := c.fs.String("due", "", "the day it must be completed by")
	return c.run(args, func() error {
		co, err := c.svc.Training.CourseByCode(e.ctx, c.op, c.org.ID, *course)
		if err != nil {
			return named(err, lookup{what: "course", key: *course, flag: "--course", hint: "ward training courses --org " + c.org.Slug})
		}
		ids, err := c.svc.Training.FindPeople(e.ctx, c.op, c.org.ID, []string{*person})
		if err != nil {
			return err
		}
		en, err := c.svc.Training.Enrol(e.ctx, c.op, co.ID, ids[0], *due)
		return answer(c, en, err, func(x trainingsvc.Enrolment) error {
			_, err := fmt.Fprintf(e.stdout, "enrolled %s on %s, due by %s\n", *person, co.Title, x.DueOn)
			return err
		})
	})
}

func trainingStatus(e *env, args []string) error {
	c := e.command("training status (--org SLUG | --all) [--format json]").withOrgOrAll("the org").withFormat("table", "json")
	return c.run(args, func() error {
		var all []trainingsvc.Status
		for _, o := range c.chosenOrgs() {
			st, err := c.svc.Training.Status(e.ctx, c.op, o.ID)
			if err != nil {
				return err
			}
			all = append(all, st)
		}
		if c.format == "json" {
			if !*c.allFlag {
				return list(e.stdout, "json", all[0], nil, nil)
			}
			return list(e.stdout, "json", all, nil, nil)
		}
		for i, st := range all {
			if i > 0 {
				fmt.Fprintln(e.stdout)
			}
			fmt.Fprintf(e.stdout, "%s: security awareness training on %s\n", st.OrgName, st.Day)
			var rows [][]string
			for _, k := range append(st.Kinds, st.Total) {
				name := string(k.Kind)
				if name == "" {
					name = "everyone"
				}
				rows = append(rows, []string{name, strconv.Itoa(k.InScope), strconv.Itoa(k.Current), pct(k.Percent)})
			}
			if err := list(e.stdout, "table", nil, []string{"KIND", "IN SCOPE", "CURRENT", "PERCENT"}, rows); err != nil {
				return err
			}
			fmt.Fprintln(e.stdout)
			rows = nil
			for _, cs := range st.Courses {
				rows = append(rows, []string{cs.Course.Code, cs.Course.Title, strconv.Itoa(cs.InScope), strconv.Itoa(cs.Current), strconv.Itoa(cs.Overdue), pct(cs.Percent)})
			}
			if err := list(e.stdout, "table", nil, []string{"COURSE", "TITLE", "IN SCOPE", "CURRENT", "OVERDUE", "PERCENT"}, rows); err != nil {
				return err
			}
		}
		return nil
	})
}

func trainingOverdue(e *env, args []string) error {
	c := e.command("training overdue --org SLUG [--format json]").withOrg("the org").withFormat("table", "json")
	return c.run(args, func() error {
		groups, err := c.svc.Training.Overdue(e.ctx, c.op, c.org.ID)
		return listing(c, groups, err, []string{"MANAGER", "PERSON", "EMAIL", "KIND", "OVERDUE (DUE ON)"}, func(g trainingsvc.ManagerGroup) []string {
			var people, emails, kinds, courses []string
			for _, p := range g.People {
				people, emails, kinds = append(people, p.Name), append(emails, p.Email), append(kinds, p.Kind)
				var cs []string
				for _, x := range p.Courses {
					cs = append(cs, x.Code+" ("+x.Due+")")
				}
				courses = append(courses, strings.Join(cs, " "))
			}
			// One row a manager keeps the table readable; JSON has every person.
			return []string{g.Manager, strings.Join(people, "; "), strings.Join(emails, "; "), strings.Join(dedupe(kinds), ","), strings.Join(courses, "; ")}
		})
	})
}

func dedupe(s []string) []string {
	sort.Strings(s)
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

func trainingHistory(e *env, args []string) error {
	c := e.command("training history --org SLUG [--format json] PERSON").withOrg("the org").withArgs(1).withFormat("table", "json")
	return c.run(args, func() error {
		ids, err := c.svc.Training.FindPeople(e.ctx, c.op, c.org.ID, c.pos)
		if err != nil {
			return err
		}
		h, err := c.svc.Training.History(e.ctx, c.op, c.org.ID, ids[0])
		return answer(c, h, err, func(h trainingsvc.History) error {
			fmt.Fprintf(e.stdout, "%s (%s), on %s: current on all training: %s\n", h.Person.Name, h.Person.Kind, h.Day, yesNo(h.Current))
			var rows [][]string
			for _, s := range h.Standings {
				rows = append(rows, []string{s.Code, s.Title, s.Last, s.Due, yesNo(s.Current), yesNo(s.Overdue)})
			}
			if err := list(e.stdout, "table", nil, []string{"COURSE", "TITLE", "LAST", "DUE", "CURRENT", "OVERDUE"}, rows); err != nil {
				return err
			}
			fmt.Fprintln(e.stdout)
			rows = nil
			for _, x := range h.Completions {
				score := ""
				if x.Score != nil {
					score = strconv.Itoa(*x.Score) + "%"
				}
				rows = append(rows, []string{x.CompletedOn, x.CourseCode, x.CourseTitle, x.Source, score})
			}
			return list(e.stdout, "table", nil, []string{"COMPLETED", "COURSE", "TITLE", "SOURCE", "SCORE"}, rows)
		})
	})
}

func trainingTrend(e *env, args []string) error {
	c := e.command("training trend --org SLUG [--weeks 26] [--format json]").withOrg("the org").withFormat("table", "json")
	weeks := c.fs.Int("weeks", 26, "how many weeks back")
	return c.run(args, func() error {
		points, err := c.svc.Training.Trend(e.ctx, c.op, c.org.ID, *weeks)
		return listing(c, points, err, []string{"WEEK ENDING", "IN SCOPE", "CURRENT", "PERCENT"}, func(p awareness.Point) []string {
			return []string{p.Day, strconv.Itoa(p.InScope), strconv.Itoa(p.Current), pct(p.Percent())}
		})
	})
}

func trainingCheck(e *env, args []string) error {
	c := e.command("training check [--org SLUG] [--format json]").withOptionalOrg("one org (default: every org)").withFormat("table", "json")
	return c.run(args, func() error {
		var counts map[string]finding.Counts
		var err error
		if c.org.ID != 0 {
			var one finding.Counts
			one, err = c.svc.Training.Check(e.ctx, c.op, c.org.ID)
			counts = map[string]finding.Counts{c.org.Slug: one}
		} else {
			counts, err = c.svc.Training.CheckAll(e.ctx, tenancy.System(tenancy.JobTrainingCheck, c.op.Actor))
		}
		if err != nil {
			return err
		}
		if c.format == "json" {
			return list(e.stdout, "json", counts, nil, nil)
		}
		slugs := make([]string, 0, len(counts))
		for s := range counts {
			slugs = append(slugs, s)
		}
		sort.Strings(slugs)
		var rows [][]string
		for _, s := range slugs {
			n := counts[s]
			rows = append(rows, []string{s, strconv.Itoa(n.Opened), strconv.Itoa(n.Reopened), strconv.Itoa(n.Resolved), strconv.Itoa(n.Kept + n.Expired)})
		}
		return list(e.stdout, "table", nil, []string{"ORG", "OPENED", "REOPENED", "RESOLVED", "STILL FAILING"}, rows)
	})
}
