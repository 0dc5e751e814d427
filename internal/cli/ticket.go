package cli

import (
	"fmt"
	"strconv"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

func runTicket(e *env, args []string) error {
	return subcommand(e, "ticket", args, []verb{
		{"list", "list an org's tickets, newest first", ticketList},
		{"show", "a ticket, its clocks and its history", ticketShow},
		{"attach", "add files to a ticket", ticketAttach},
		{"attachments", "list a ticket's files", ticketAttachments},
		{"download", "write one of a ticket's files to disk", ticketDownload},
		{"update", "change a ticket's state, priority or assignee, add a note, or reopen it", ticketUpdate},
	})
}

func ticketList(e *env, args []string) error {
	const usage = "ticket list --org SLUG [--open] [--state STATE] [--priority P1..P4] [--channel CHANNEL] [--type TYPE] [--assigned unassigned] [--sort opened|priority|due|updated|ref] [--limit N] [--format table|json|csv]"
	c := e.command(usage).withOrg("the org").withFormat("table", "json", "csv").
		choose("state", "only tickets in this state (open: any not yet closed)", ticketStates).
		choose("priority", "only this priority", ticketPriorities).
		choose("channel", "only tickets raised this way", ticketChannels).
		choose("type", "only incidents or only requests", ticketTypes).
		choose("assigned", "unassigned: the tickets assigned to nobody", oneOf("unassigned")).
		choose("sort", "the order: opened (newest first, the default), priority, due, updated or ref", oneOf("opened", "priority", "due", "updated", "ref"))
	c.fs.Bool("open", false, "only tickets not yet resolved")
	limit := c.fs.Int("limit", 50, "at most this many, in that order (up to 1000)")
	if err := c.parse(args); err != nil {
		return err
	}
	q := flagValues(c.fs)
	f, bad := httpin.TicketFilter(q)
	bad = append(bad, httpin.TicketAssigned(q, 0, &f)...)
	bad = append(bad, httpin.TicketOrder(q, &f)...)
	if err := filterUsage(bad); err != nil {
		return err
	}
	f.Limit = *limit
	return c.do(func() error {
		f.OrgID = c.org.ID
		if c.format == "csv" { // every match, not a page: the export the web offers
			_, err := c.svc.Desk.ExportTickets(e.ctx, c.op, f, q.Encode(), e.stdout)
			return err
		}
		tickets, err := c.svc.Desk.Tickets(e.ctx, c.op, f)
		loc, _ := time.LoadLocation(c.org.TimeZone)
		return listing(c, tickets, err, []string{"REF", "PRIORITY", "STATE", "CHANNEL", "OPENED", "SLA", "ASSIGNEE", "TITLE"}, func(t desksvc.Ticket) []string {
			return []string{t.Ref, t.Priority.String(), string(t.State), string(t.Channel), t.OpenedAt.In(loc).Format("2006-01-02 15:04"),
				string(t.SLA.Resolution.Status), t.Assignee, t.Title}
		})
	})
}

func ticketShow(e *env, args []string) error {
	c := e.command("ticket show --org SLUG REF [--format json]").withOrg("the org").withFormat("table", "json").withArgs(1)
	if err := c.parse(args); err != nil {
		return err
	}
	return c.looksFor("ticket", c.pos[0]).do(func() error {
		org, t, events, err := ticketByReference(e, c, c.pos[0])
		if err != nil {
			return err
		}
		if c.format == "json" {
			return list(e.stdout, "json", struct {
				desksvc.Ticket
				Events []desk.Event `json:"events"`
			}{t, events}, nil, nil)
		}
		return printTicket(e, org, t, events)
	})
}

// printTicket shows a ticket, its clocks and its history in the org's zone.
func printTicket(e *env, org accountsvc.Org, t desksvc.Ticket, events []desk.Event) error {
	m := t.SLA
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
	return subcommand(e, "person", args, []verb{
		{"add", "add a person who calls the desk", personAdd},
		{"list", "list an org's people", personList},
		{"leave", "record that a person has left, or has not", personLeave},
	})
}

func personAdd(e *env, args []string) error {
	c := e.command("person add --org SLUG --name NAME [--phone NUMBER] [--email ADDRESS]").withOrg("the org the person works for").withRequired("name")
	name := c.fs.String("name", "", "full name")
	phone := c.fs.String("phone", "", "phone number, matched against callers' numbers")
	email := c.fs.String("email", "", "email address")
	return c.run(args, func() error {
		p, err := c.svc.Desk.AddPerson(e.ctx, c.op, desksvc.Person{OrgID: c.org.ID, Name: *name, Phone: *phone, Email: *email})
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "added %s to %s (person %d)\n", p.Name, c.org.Slug, p.ID)
		return nil
	})
}

func personList(e *env, args []string) error {
	c := e.command("person list --org SLUG [--format json]").withOrg("the org").withFormat("table", "json")
	return c.run(args, func() error {
		people, err := c.svc.Desk.People(e.ctx, c.op, c.org.ID)
		return listing(c, people, err, []string{"ID", "NAME", "PHONE", "EMAIL"}, func(p desksvc.Person) []string {
			return []string{strconv.FormatInt(p.ID, 10), p.Name, p.Phone, p.Email}
		})
	})
}

func runPhone(e *env, args []string) error {
	return subcommand(e, "phone", args, []verb{{"secret", "make a new signing secret for an org's phone webhook", phoneSecret},
		{"import", "import a phone system's call log (CSV) for past telephony figures", phoneImport},
		{"link", "put a call on a ticket", phoneLink}})
}

// phoneSecret makes a new signing secret for an org's phone webhook and
// prints it once, to be set in the phone system.
func phoneSecret(e *env, args []string) error {
	c := e.command("phone secret --org SLUG").withOrg("the org whose phone system calls the webhook")
	return c.run(args, func() error {
		secret, err := c.svc.Desk.NewPhoneSecret(e.ctx, c.op, c.org.ID)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "phone webhook for %s: POST /hooks/phone/%s\nsigning secret (shown once; any earlier secret no longer works):\n%s\n",
			c.org.Slug, c.org.Slug, secret)
		return nil
	})
}
