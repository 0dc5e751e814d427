package desksvc_test

import (
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/mailsvc"
	"github.com/ward-shared-service/ward/internal/service/mailsvc/mailtest"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// TestTheCallerHearsOfLoggingPublicNotesAndResolution follows a ticket
// from logging to resolution and delivers each mail over SMTP: the caller,
// found among the desk's known people, gets one mail when it is logged,
// one for the public note, none for the internal note, and one on
// resolution with a link to reopen it; the org's own wording is used once
// it has written one.
func TestTheCallerHearsOfLoggingPublicNotesAndResolution(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ash := council(t, s, "ashcombe")
		if _, err := s.CreatePerson(ctx, tenancy.ScopeOf(ash.ID), store.Person{OrgID: ash.ID, Name: "Ann Caller", Email: "ann@ashcombe.example"}); err != nil {
			t.Fatal(err)
		}
		svc := desksvc.New(s)
		svc.Notify, svc.BaseURL = true, "https://ward.example/"
		smtp := mailtest.Start(t)
		deliver := func() []mailtest.Message {
			t.Helper()
			before := len(smtp.Messages())
			if d, err := mailsvc.Deliver(ctx, s, mailsvc.Config{Addr: smtp.Addr, From: "desk@ward.example"}); err != nil || d.Failed != 0 {
				t.Fatalf("deliver: %+v %v", d, err)
			}
			return smtp.Messages()[before:]
		}
		agent := agentOf(ash.ID)
		tk, err := svc.Open(ctx, agent, desksvc.NewTicket{OrgID: ash.ID, Title: "Cannot print payslips", Caller: "Ann Caller", Channel: desk.Phone})
		if err != nil {
			t.Fatal(err)
		}
		expect := func(step string, got []mailtest.Message, subject string, body ...string) {
			t.Helper()
			if len(got) != 1 || len(got[0].To) != 1 || got[0].To[0] != "ann@ashcombe.example" {
				t.Fatalf("%s: delivered %+v, want one mail to ann@ashcombe.example", step, got)
			}
			if !strings.Contains(got[0].Data, "Subject: "+subject+"\r\n") {
				t.Errorf("%s: want subject %q in\n%s", step, subject, got[0].Data)
			}
			for _, b := range body {
				if !strings.Contains(got[0].Data, b) {
					t.Errorf("%s: want %q in\n%s", step, b, got[0].Data)
				}
			}
		}
		expect("logged", deliver(), tk.Ref+" logged: Cannot print payslips", "ashcombe Council service desk has logged your ticket "+tk.Ref)

		if _, err := svc.Update(ctx, agent, tk.ID, desksvc.Change{Note: "Driver pushed; please try again", Respond: true}); err != nil {
			t.Fatal(err)
		}
		expect("public note", deliver(), tk.Ref+" updated: Cannot print payslips", "Driver pushed; please try again")

		if _, err := svc.Update(ctx, agent, tk.ID, desksvc.Change{Note: "Caller sounded cross", Internal: true}); err != nil {
			t.Fatal(err)
		}
		if got := deliver(); len(got) != 0 {
			t.Fatalf("an internal note was mailed: %+v", got)
		}
		if _, _, err := svc.Ticket(ctx, officerOf(ash.ID), tk.ID); err != nil {
			t.Fatal(err)
		} else if _, events, _ := svc.Ticket(ctx, officerOf(ash.ID), tk.ID); strings.Contains(notes(events), "cross") {
			t.Errorf("an officer sees the internal note: %s", notes(events))
		}
		// Every way of reading a ticket hides the note alike: by id, by
		// reference within the org, and by the whole reference.
		if _, events, _ := svc.TicketRecord(ctx, officerOf(ash.ID), ash.ID, tk.Ref); strings.Contains(notes(events), "cross") {
			t.Errorf("an officer reading by reference sees the internal note: %s", notes(events))
		}
		if _, events, _ := svc.TicketByReference(ctx, officerOf(ash.ID), tk.Ref); strings.Contains(notes(events), "cross") {
			t.Errorf("an officer reading by the whole reference sees the internal note: %s", notes(events))
		}
		if _, events, _ := svc.Ticket(ctx, agent, tk.ID); !strings.Contains(notes(events), "cross") {
			t.Errorf("the desk does not see its internal note: %s", notes(events))
		}
		if _, err := svc.Update(ctx, officerOf(ash.ID), tk.ID, desksvc.Change{Note: "secret", Internal: true}); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("an officer wrote an internal note: %v", err)
		}

		// The org writes its own wording for resolution.
		err = svc.SaveMailTemplate(ctx, tenancy.Operator("cli:test"), ash.ID, "resolved", "Fixed: {{.Ref}}", "Dear {{.Caller}}, {{.Note}} Not fixed? {{.ReopenLink}}")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Update(ctx, agent, tk.ID, desksvc.Change{State: desk.Resolved, Note: "Printed fine."}); err != nil {
			t.Fatal(err)
		}
		expect("resolved", deliver(), "Fixed: "+tk.Ref, "Dear Ann Caller, Printed fine.", "https://ward.example/tickets/")
		// and the link goes to the ticket, where it can be reopened.
		if got := smtp.Messages(); !strings.Contains(got[len(got)-1].Data, "#reopen") {
			t.Errorf("no reopen link: %s", got[len(got)-1].Data)
		}
	})
}

// TestMailTemplatesAreCheckedBeforeTheyAreKept refuses a template that
// would fail at send time or hide which ticket a mail is about.
func TestMailTemplatesAreCheckedBeforeTheyAreKept(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ash := council(t, s, "ashcombe")
		svc := desksvc.New(s)
		op := tenancy.Operator("cli:test")
		for _, c := range []struct{ kind, subject, body, field string }{
			{"logged", "Your ticket", "Hello", "subject"},
			{"logged", "{{.Ref}}", "{{.Nope}}", "body"},
			{"logged", "{{.Ref}", "x", "subject"},
			{"closed", "{{.Ref}}", "x", "kind"},
			{"note", "{{.Ref}}", "{{range $i := 1000000000}}x{{end}}", "body"},
			{"note", "{{.Ref}} {{printf \"%s\" .Title}}", "x", "subject"},
			{"note", "{{.Ref}}", "{{template \"x\"}}{{define \"x\"}}y{{end}}", "body"},
			{"note", "{{.Ref}}", "{{$x := .Ref}}", "body"},
		} {
			err := svc.SaveMailTemplate(ctx, op, ash.ID, c.kind, c.subject, c.body)
			if f := fault.As(err); f == nil || f.Field != c.field {
				t.Errorf("%+v: got %v, want a refusal of %s", c, err, c.field)
			}
		}
		if err := svc.SaveMailTemplate(ctx, op, ash.ID, "note", "{{.Ref}}: {{.Title}}", "{{if .Note}}{{.Note}}{{else}}No note.{{end}}"); err != nil {
			t.Errorf("fields and if are refused: %v", err)
		}
		if err := svc.SaveMailTemplate(ctx, officerOf(ash.ID), ash.ID, "logged", "{{.Ref}}", "x"); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("an officer changed the wording: %v", err)
		}
		got, err := svc.MailTemplates(ctx, agentOf(ash.ID), ash.ID)
		if err != nil || len(got) != 3 || got[0].Custom || !got[1].Custom {
			t.Errorf("templates: %+v %v", got, err)
		}
	})
}

func notes(events []desk.Event) string {
	var b strings.Builder
	for _, e := range events {
		b.WriteString(e.Note + "|")
	}
	return b.String()
}
