package cli

import (
	"fmt"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/major"
	"github.com/ward-shared-service/ward/internal/service/majorsvc"
)

func majorList(e *env, args []string) error {
	c := e.command("major list [--org SLUG] [--state S] [--limit N] [--format table|json]").
		withOptionalOrg("only this org's").withFormat("table", "json")
	var state string
	c.withChoice(&state, "state", "", "only major incidents in this state", majorStates)
	limit := c.fs.Int("limit", 50, "at most this many (1 to 200)")
	if err := c.parse(args); err != nil {
		return err
	}
	return c.do(func() error {
		f := majorsvc.Filter{OrgID: c.org.ID, PerPage: *limit}
		if state != "" {
			f.States = []major.State{major.State(state)}
		}
		items, _, err := c.svc.Major.List(e.ctx, c.op, f)
		return listing(c, items, err, []string{"REF", "STATE", "PHASE", "RAISED", "TICKET", "TITLE", "OVERDUE"}, func(m majorsvc.Listed) []string {
			var late []string
			for _, a := range m.Overdue {
				late = append(late, string(a))
			}
			return []string{majorsvc.Ref(m.ID), string(m.State), string(m.Phase), m.RaisedAt.Format("2006-01-02 15:04"), m.TicketRef, m.Title, strings.Join(late, ",")}
		})
	})
}

func majorShow(e *env, args []string) error {
	c := e.command("major show [--format text|json] ID").withArgs(1).withFormat("text", "json")
	if err := c.parse(args); err != nil {
		return err
	}
	id, err := majorID(c)
	if err != nil {
		return err
	}
	return c.looksFor("major incident", c.pos[0]).do(func() error {
		rec, err := c.svc.Major.Get(e.ctx, c.op, id)
		return answer(c, rec, err, func(rec majorsvc.Record) error {
			w := e.stdout
			if err := printMajor(e, rec.Incident); err != nil {
				return err
			}
			fmt.Fprintf(w, "Raised %s by %s: %s\n", rec.Incident.RaisedAt.Format(time.RFC3339), rec.Incident.RaisedBy, rec.Incident.RaisedWhy)
			for _, p := range rec.Comms {
				late := ""
				if p.Overdue {
					late = " OVERDUE"
				}
				fmt.Fprintf(w, "Plan: %s every %s, next due %s%s\n", p.Audience, p.Every, p.NextDue.Format(time.RFC3339), late)
			}
			for _, u := range rec.Updates {
				fmt.Fprintf(w, "%s [%s, %s] %s: %s\n", u.At.Format(time.RFC3339), u.Audience, u.Phase, u.Actor, u.Body)
			}
			for _, t := range rec.Children {
				fmt.Fprintf(w, "Child %s (%s): %s\n", t.Ref, t.State, t.Title)
			}
			if r := rec.Review; r != nil {
				fmt.Fprintf(w, "Review by %s: cause: %s\nLessons: %s\n", r.ReviewedBy, r.Cause, r.Lessons)
				for _, a := range r.Actions {
					fmt.Fprintf(w, "Action: %s (owner %s, due %s)\n", a.Action, a.Owner, a.Due)
				}
			}
			return nil
		})
	})
}

func majorSettings(e *env, args []string) error {
	c := e.command("major settings --org SLUG [--public true|false] [--gap 30m] [--burst N] [--window 30m] [--critical A,B] [--direct true|false]").
		withOrg("the org").withFormat("text", "json")
	public := c.fs.String("public", "", "the status page needs no sign-in (true or false)")
	gap := c.fs.Duration("gap", -1, "at most one e-mail notice per service per subscriber in this time, unless resolved")
	burst := c.fs.Int("burst", -1, "this many P1/P2 incidents on one service within --window propose a candidate (0: off)")
	window := c.fs.Duration("window", -1, "the burst rule's window")
	critical := c.fs.String("critical", "\x00", "critical services, comma-separated: any P1 on one proposes a candidate")
	direct := c.fs.String("direct", "", "rules open a major incident at once instead of proposing (true or false)")
	if err := c.parse(args); err != nil {
		return err
	}
	return c.do(func() error {
		st, err := c.svc.Major.Settings(e.ctx, c.op, c.org.ID)
		if err != nil {
			return err
		}
		if *public != "" {
			st.StatusPublic = *public == "true"
		}
		if *direct != "" {
			st.RaiseDirectly = *direct == "true"
		}
		if *gap >= 0 {
			st.NoticeGap = *gap
		}
		if *burst >= 0 {
			st.BurstTickets = *burst
		}
		if *window >= 0 {
			st.BurstWindow = *window
		}
		if *critical != "\x00" {
			st.Critical = nil
			for _, s := range strings.Split(*critical, ",") {
				if s = strings.TrimSpace(s); s != "" {
					st.Critical = append(st.Critical, s)
				}
			}
		}
		if err := c.svc.Major.SaveSettings(e.ctx, c.op, c.org.ID, st); err != nil {
			return err
		}
		// JSON is the API's settings document, durations in minutes.
		return answer(c, major.DocOf(st), nil, func(major.SettingsDoc) error {
			_, err := fmt.Fprintf(e.stdout, "%s: status page public %v; notices at most every %s; burst rule %d within %s; critical %s; rules raise directly %v\n",
				c.org.Slug, st.StatusPublic, st.NoticeGap, st.BurstTickets, st.BurstWindow, strings.Join(st.Critical, ", "), st.RaiseDirectly)
			return err
		})
	})
}
