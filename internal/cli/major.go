package cli

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/major"
	"github.com/ward-shared-service/ward/internal/service/majorsvc"
)

var (
	majorAudiences = parsedBy(major.Audiences, major.ParseAudience)
	majorPhases    = parsedBy(major.Phases, major.ParsePhase)
	majorStates    = oneOf(string(major.Candidate), string(major.Declined), string(major.Open), string(major.Resolved))
)

func runMajor(e *env, args []string) error {
	return subcommand(e, "major", args, []verb{
		{"raise", "raise an incident ticket to major (or propose it as a candidate)", majorRaise},
		{"accept", "accept a candidate a rule proposed", func(e *env, a []string) error { return majorDecide(e, a, true) }},
		{"decline", "decline a candidate a rule proposed", func(e *env, a []string) error { return majorDecide(e, a, false) }},
		{"update", "add an update to a major incident's timeline", majorUpdate},
		{"link", "make a ticket a child of a major incident, resolved with it", majorLink},
		{"resolve", "resolve a major incident with its child tickets", majorResolve},
		{"review", "write a major incident's post-incident review", majorReview},
		{"list", "list major incidents, newest first", majorList},
		{"show", "show a major incident: timeline, plan, children and review", majorShow},
		{"settings", "set an org's major incident rules and status page", majorSettings},
	})
}

// many is a flag that may be given more than once.
type many []string

func (m *many) String() string     { return strings.Join(*m, ", ") }
func (m *many) Set(v string) error { *m = append(*m, v); return nil }

// majorID reads the one positional argument, MI-7 or 7.
func majorID(c *cmd) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(strings.ToUpper(c.pos[0]), "MI-"), 10, 64)
	if err != nil || id <= 0 {
		return 0, usagef("usage: ward %s (ID is a major incident's number, such as MI-7)", c.usage)
	}
	return id, nil
}

func printMajor(e *env, m majorsvc.Incident) error {
	var impacts []string
	for _, im := range m.Impacts {
		impacts = append(impacts, strings.TrimSuffix(im.Org+": "+im.Service+" at "+im.Site, " at "))
	}
	_, err := fmt.Fprintf(e.stdout, "%s %s (%s): %s\n  on %s; affects %s\n", majorsvc.Ref(m.ID), m.State, m.Phase, m.Title,
		m.TicketRef, strings.Join(impacts, "; "))
	return err
}

func majorRaise(e *env, args []string) error {
	c := e.command("major raise --org SLUG --ticket REF [--service NAME]... [--affects SLUG:SERVICE[:SITE]]... [--every AUDIENCE=DURATION]... [--title T] [--why TEXT] [--candidate]").
		withOrg("the ticket's org").withRequired("ticket").withFormat("text", "json")
	ticket := c.fs.String("ticket", "", "the incident ticket's reference")
	title := c.fs.String("title", "", "the major incident's title (default: the ticket's)")
	why := c.fs.String("why", "", "why it is major")
	candidate := c.fs.Bool("candidate", false, "propose it for another manager to accept")
	var services, affects, every many
	c.fs.Var(&services, "service", "a service affected in the ticket's org (repeat for more)")
	c.fs.Var(&affects, "affects", "a service affected in another council, as SLUG:SERVICE or SLUG:SERVICE:SITE (repeat)")
	c.fs.Var(&every, "every", "how often an audience hears, as staff=30m (repeat; default staff=1h)")
	if err := c.parse(args); err != nil {
		return err
	}
	r := majorsvc.Raise{TicketRef: *ticket, Title: *title, Why: *why, Candidate: *candidate}
	for _, s := range services {
		r.Impacts = append(r.Impacts, major.Impact{Service: s})
	}
	for _, a := range affects {
		parts := strings.SplitN(a, ":", 3)
		if len(parts) < 2 {
			return usagef("--affects %q: want SLUG:SERVICE or SLUG:SERVICE:SITE", a)
		}
		im := major.Impact{Org: parts[0], Service: parts[1]}
		if len(parts) == 3 {
			im.Site = parts[2]
		}
		r.Impacts = append(r.Impacts, im)
	}
	for _, ev := range every {
		aud, d, ok := strings.Cut(ev, "=")
		a, err := major.ParseAudience(aud)
		dur, derr := time.ParseDuration(d)
		if !ok || err != nil || derr != nil {
			return usagef("--every %q: want AUDIENCE=DURATION such as staff=30m (audiences: %s)", ev, either(majorAudiences.allowed))
		}
		r.Comms = append(r.Comms, major.Comms{Audience: a, Every: dur})
	}
	return c.do(func() error {
		r.OrgID = c.org.ID
		m, err := c.svc.Major.Raise(e.ctx, c.op, r)
		return answer(c, m, err, func(m majorsvc.Incident) error { return printMajor(e, m) })
	})
}

func majorDecide(e *env, args []string, accept bool) error {
	verb := "decline"
	if accept {
		verb = "accept"
	}
	c := e.command("major " + verb + " [--why TEXT] ID").withArgs(1)
	why := c.fs.String("why", "", "why")
	if err := c.parse(args); err != nil {
		return err
	}
	id, err := majorID(c)
	if err != nil {
		return err
	}
	return c.looksFor("major incident", c.pos[0]).do(func() error {
		m, err := c.svc.Major.Decide(e.ctx, c.op, id, accept, *why)
		if err != nil {
			return err
		}
		return printMajor(e, m)
	})
}

func majorUpdate(e *env, args []string) error {
	c := e.command("major update --text TEXT [--audience staff|members|partners|public] [--phase P] ID").withArgs(1).withRequired("text")
	var audience, phase string
	c.withChoice(&audience, "audience", "staff", "who the update is for", majorAudiences).
		withChoice(&phase, "phase", "", "the incident's new phase", majorPhases)
	text := c.fs.String("text", "", "the update")
	if err := c.parse(args); err != nil {
		return err
	}
	id, err := majorID(c)
	if err != nil {
		return err
	}
	aud, _ := major.ParseAudience(audience)
	u := majorsvc.NewUpdate{Audience: aud, Body: *text}
	if phase != "" {
		u.Phase, _ = major.ParsePhase(phase)
	}
	return c.looksFor("major incident", c.pos[0]).do(func() error {
		up, err := c.svc.Major.PostUpdate(e.ctx, c.op, id, u)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(e.stdout, "%s updated for %s (%s) at %s\n", majorsvc.Ref(id), up.Audience, up.Phase, up.At.Format(time.RFC3339))
		return err
	})
}

func majorLink(e *env, args []string) error {
	c := e.command("major link --ticket REF ID").withArgs(1).withRequired("ticket")
	ref := c.fs.String("ticket", "", "the child ticket's whole reference, such as ASH-INC-10003")
	if err := c.parse(args); err != nil {
		return err
	}
	id, err := majorID(c)
	if err != nil {
		return err
	}
	return c.looksFor("major incident", c.pos[0]).do(func() error {
		t, err := c.svc.Major.LinkChild(e.ctx, c.op, id, *ref)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(e.stdout, "%s is now a child of %s\n", t.Ref, majorsvc.Ref(id))
		return err
	})
}

func majorResolve(e *env, args []string) error {
	c := e.command("major resolve --note TEXT ID").withArgs(1).withRequired("note")
	note := c.fs.String("note", "", "how it was resolved (public: subscribers and the status page see it)")
	if err := c.parse(args); err != nil {
		return err
	}
	id, err := majorID(c)
	if err != nil {
		return err
	}
	return c.looksFor("major incident", c.pos[0]).do(func() error {
		m, err := c.svc.Major.Resolve(e.ctx, c.op, id, *note)
		if err != nil {
			return err
		}
		return printMajor(e, m)
	})
}

func majorReview(e *env, args []string) error {
	c := e.command("major review --cause TEXT [--lessons TEXT] [--action 'WHAT|OWNER|YYYY-MM-DD']... ID").withArgs(1).withRequired("cause")
	cause := c.fs.String("cause", "", "what caused the incident")
	lessons := c.fs.String("lessons", "", "what was learnt")
	var actions many
	c.fs.Var(&actions, "action", "an action, its owner and due date, separated by | (repeat)")
	if err := c.parse(args); err != nil {
		return err
	}
	id, err := majorID(c)
	if err != nil {
		return err
	}
	r := major.Review{Cause: *cause, Lessons: *lessons}
	for _, a := range actions {
		parts := strings.Split(a, "|")
		if len(parts) != 3 {
			return usagef("--action %q: want WHAT|OWNER|YYYY-MM-DD", a)
		}
		r.Actions = append(r.Actions, major.Action{Action: parts[0], Owner: parts[1], Due: parts[2]})
	}
	return c.looksFor("major incident", c.pos[0]).do(func() error {
		r, err := c.svc.Major.Review(e.ctx, c.op, id, r)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(e.stdout, "%s reviewed: %d actions\n", majorsvc.Ref(id), len(r.Actions))
		return err
	})
}
