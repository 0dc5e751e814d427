package cli

import (
	"flag"
	"fmt"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

// ticketByReference finds the ticket a command names within --org: the
// reference whole (ASH-INC-10003), without the prefix or the bare number.
// (--org stays required: INC-10003 looks as whole as ASH-INC-10003, so the
// command could not tell which was meant.)
func ticketByReference(e *env, c *cmd, ref string) (accountsvc.Org, desksvc.Ticket, []desk.Event, error) {
	t, events, err := c.svc.Desk.TicketRecord(e.ctx, c.op, c.org.ID, ref)
	return c.org, t, events, err
}

func ticketUpdate(e *env, args []string) error {
	c := e.command("ticket update --org SLUG REF [--state S] [--priority P1..P4] [--group G] [--assignee A] [--note TEXT] [--respond] [--reopen]").
		withOrg("the org").withArgs(1)
	var state, priority string
	c.withChoice(&state, "state", "", "new state", deskStates).
		withChoice(&priority, "priority", "", "new priority", ticketPriorities)
	group := c.fs.String("group", "", "new assignment group")
	assignee := c.fs.String("assignee", "", "new assignee")
	note := c.fs.String("note", "", "a note for the history (with --reopen, why)")
	respond := c.fs.Bool("respond", false, "record a response to the caller")
	reopen := c.fs.Bool("reopen", false, "reopen a resolved ticket")
	if err := c.parse(args); err != nil {
		return err
	}
	ch := desksvc.Change{Note: *note, Respond: *respond, Reopen: *reopen}
	if state != "" {
		s, err := desk.ParseState(state)
		if err != nil {
			return usagef("%s", err.Error())
		}
		ch.State = s
	}
	if priority != "" {
		p, err := desk.ParsePriority(priority)
		if err != nil {
			return usagef("%s", err.Error())
		}
		ch.Priority = p
	}
	c.fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "group":
			ch.AssignmentGroup = group
		case "assignee":
			ch.Assignee = assignee
		}
	})
	return c.looksFor("ticket", c.pos[0]).do(func() error {
		org, t, _, err := ticketByReference(e, c, c.pos[0])
		if err != nil {
			return err
		}
		if _, err := c.svc.Desk.Update(e.ctx, c.op, t.ID, ch); err != nil {
			return fmt.Errorf("ticket %s: %w", t.Ref, err)
		}
		t, events, err := c.svc.Desk.TicketRecord(e.ctx, c.op, org.ID, t.Ref)
		if err != nil {
			return err
		}
		return printTicket(e, org, t, events)
	})
}

func joinStates() string {
	var out []string
	for _, s := range desk.States {
		out = append(out, string(s))
	}
	return either(out)
}
