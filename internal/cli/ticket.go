package cli

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/servicedesk"
	"github.com/ward-shared-service/ward/internal/store"
)

func runTicket(e *env, args []string) error {
	return subcommand(e, "ticket", args, []verb{{"list", ticketList}, {"show", ticketShow}})
}

func ticketList(e *env, args []string) error {
	const usage = "ticket list --org SLUG [--open] [--priority P1..P4] [--limit N] [--format json]"
	fs := e.newFlags("ticket list", usage)
	orgSlug := fs.String("org", "", "the org")
	open := fs.Bool("open", false, "only tickets not yet resolved")
	priority := fs.String("priority", "", "only this priority")
	limit := fs.Int("limit", 50, "at most this many, newest first (up to 1000)")
	format := formatFlag(fs)
	if _, err := parseCommand(fs, args, usage, 0, "org"); err != nil {
		return err
	}
	f := store.TicketFilter{OpenOnly: *open, Limit: *limit}
	if *priority != "" {
		p, err := desk.ParsePriority(*priority)
		if err != nil {
			return usagef("--priority: %v", err)
		}
		f.Priority = p
	}
	s, org, err := e.orgFor(*orgSlug)
	if err != nil {
		return err
	}
	defer s.Close()
	f.OrgID = org.ID
	list_, err := s.Tickets(e.ctx, operator().Scope.Narrow(org.ID), f)
	if err != nil {
		return err
	}
	if list_ == nil {
		list_ = []store.Ticket{}
	}
	loc, _ := time.LoadLocation(org.TimeZone)
	rows := make([][]string, len(list_))
	for i, t := range list_ {
		rows[i] = []string{t.Ref, t.Priority.String(), string(t.State), string(t.Channel), t.OpenedAt.In(loc).Format("2006-01-02 15:04"),
			string(t.SLA.Resolution.Status), t.Title}
	}
	return list(e.stdout, *format, list_, []string{"REF", "PRIORITY", "STATE", "CHANNEL", "OPENED", "SLA", "TITLE"}, rows)
}

func ticketShow(e *env, args []string) error {
	const usage = "ticket show --org SLUG REF [--format json]"
	fs := e.newFlags("ticket show", usage)
	orgSlug := fs.String("org", "", "the org")
	format := formatFlag(fs)
	pos, err := parseCommand(fs, args, usage, 1, "org")
	if err != nil {
		return err
	}
	s, org, err := e.orgFor(*orgSlug)
	if err != nil {
		return err
	}
	defer s.Close()
	scope := operator().Scope.Narrow(org.ID)
	t, err := s.TicketByRef(e.ctx, scope, org.ID, pos[0])
	if err != nil {
		return fmt.Errorf("ticket %s: %w", pos[0], err)
	}
	events, err := s.TicketEvents(e.ctx, scope, t.ID)
	if err != nil {
		return err
	}
	m, err := servicedesk.New(s).Measure(e.ctx, operator(), t, events)
	if err != nil {
		return err
	}
	t.SLA = m
	if *format == "json" {
		return list(e.stdout, "json", struct {
			store.Ticket
			Events []desk.Event `json:"events"`
		}{t, events}, nil, nil)
	}
	loc, _ := time.LoadLocation(org.TimeZone)
	fmt.Fprintf(e.stdout, "%s  %s  %s  %s\n%s\n", t.Ref, t.Priority, t.State.Label(), t.Channel, t.Title)
	for _, c := range []struct {
		name string
		c    desk.Clock
	}{{"response", m.Response}, {"resolution", m.Resolution}} {
		deadline := ""
		if !c.c.Deadline.IsZero() {
			deadline = ", deadline " + c.c.Deadline.In(loc).Format("Mon 2 Jan 2006 15:04")
		}
		fmt.Fprintf(e.stdout, "%-10s %s: used %s of %s, paused %s%s\n", c.name, c.c.Status, c.c.Used.Round(time.Minute),
			c.c.Target, c.c.Paused.Round(time.Minute), deadline)
	}
	rows := make([][]string, len(events))
	for i, ev := range events {
		p := ""
		if ev.Priority != 0 {
			p = ev.Priority.String()
		}
		rows[i] = []string{ev.At.In(loc).Format("2006-01-02 15:04"), string(ev.Kind), string(ev.State), p, ev.Actor, ev.Note}
	}
	return list(e.stdout, "table", nil, []string{"WHEN", "EVENT", "STATE", "PRIORITY", "BY", "NOTE"}, rows)
}

func runPerson(e *env, args []string) error {
	return subcommand(e, "person", args, []verb{{"add", personAdd}, {"list", personList}, {"leave", personLeave}})
}

func personAdd(e *env, args []string) error {
	const usage = "person add --org SLUG --name NAME [--phone NUMBER] [--email ADDRESS]"
	fs := e.newFlags("person add", usage)
	orgSlug := fs.String("org", "", "the org the person works for")
	name := fs.String("name", "", "full name")
	phone := fs.String("phone", "", "phone number, matched against callers' numbers")
	email := fs.String("email", "", "email address")
	if _, err := parseCommand(fs, args, usage, 0, "org", "name"); err != nil {
		return err
	}
	s, org, err := e.orgFor(*orgSlug)
	if err != nil {
		return err
	}
	defer s.Close()
	p, err := s.CreatePerson(e.ctx, operator().Scope, store.Person{OrgID: org.ID, Name: *name, Phone: *phone, Email: *email})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "added %s to %s (person %d)\n", p.Name, org.Slug, p.ID)
	return nil
}

func personList(e *env, args []string) error {
	const usage = "person list --org SLUG [--format json]"
	fs := e.newFlags("person list", usage)
	orgSlug := fs.String("org", "", "the org")
	format := formatFlag(fs)
	if _, err := parseCommand(fs, args, usage, 0, "org"); err != nil {
		return err
	}
	s, org, err := e.orgFor(*orgSlug)
	if err != nil {
		return err
	}
	defer s.Close()
	people, err := s.People(e.ctx, operator().Scope.Narrow(org.ID))
	if err != nil {
		return err
	}
	if people == nil {
		people = []store.Person{}
	}
	rows := make([][]string, len(people))
	for i, p := range people {
		rows[i] = []string{strconv.FormatInt(p.ID, 10), p.Name, p.Phone, p.Email}
	}
	return list(e.stdout, *format, people, []string{"ID", "NAME", "PHONE", "EMAIL"}, rows)
}

func runPhone(e *env, args []string) error {
	return subcommand(e, "phone", args, []verb{{"secret", phoneSecret}})
}

// phoneSecret makes a new signing secret for an org's phone webhook and
// prints it once, to be set in the phone system.
func phoneSecret(e *env, args []string) error {
	const usage = "phone secret --org SLUG"
	fs := e.newFlags("phone secret", usage)
	orgSlug := fs.String("org", "", "the org whose phone system calls the webhook")
	if _, err := parseCommand(fs, args, usage, 0, "org"); err != nil {
		return err
	}
	s, org, err := e.orgFor(*orgSlug)
	if err != nil {
		return err
	}
	defer s.Close()
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return err
	}
	secret := hex.EncodeToString(raw)
	if err := s.SetWebhookSecret(e.ctx, operator().Scope, org.ID, servicedesk.PhoneHook, secret); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "phone webhook for %s: POST /hooks/phone/%s\nsigning secret (shown once; any earlier secret no longer works):\n%s\n",
		org.Slug, org.Slug, secret)
	return nil
}
