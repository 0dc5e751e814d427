package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/service/mailsvc"
	"github.com/ward-shared-service/ward/internal/service/mailsvc/mailtest"
)

// TestCallerIsMailedFromTheForms raises a ticket as an officer and works it
// as the desk, through the pages, delivering the outbox over SMTP after
// each step: the officer (the caller) is told it was logged and that it
// was resolved, with a link to reopen it, and never of the internal note.
func TestCallerIsMailedFromTheForms(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		h := a.base
		h.Services.Desk.Notify, h.Services.Desk.BaseURL = true, "https://ward.example"
		smtp := mailtest.Start(t)
		deliver := func() []mailtest.Message {
			t.Helper()
			before := len(smtp.Messages())
			if d, err := mailsvc.Deliver(context.Background(), h.Store, mailsvc.Config{Addr: smtp.Addr, From: "desk@ward.example"}); err != nil || d.Failed != 0 {
				t.Fatalf("deliver: %+v %v", d, err)
			}
			return smtp.Messages()[before:]
		}
		officer := a.signedIn(t, "it.officer@ashcombe.example")
		agent := a.signedIn(t, "agent@abc-shared.example")
		res := do(t, officer, "POST", a.http.URL+"/tickets", url.Values{"type": {"incident"}, "title": {"Badge reader at the depot"},
			"impact": {"low"}, "urgency": {"low"}}, nil)
		if res.status != http.StatusSeeOther {
			t.Fatalf("raise: %d", res.status)
		}
		tk, _ := storedTicket(t, a, ticketIDFrom(t, a, res.location))
		page := a.http.URL + res.location
		got := deliver()
		if len(got) != 1 || got[0].To[0] != "it.officer@ashcombe.example" || !strings.Contains(got[0].Data, "Subject: "+tk.Ref+" logged: Badge reader at the depot") {
			t.Fatalf("logged: %+v", got)
		}
		if res := do(t, agent, "POST", page, url.Values{"note": {"Caller was short with us"}, "internal": {"yes"}}, nil); res.status != http.StatusSeeOther {
			t.Fatalf("internal note: %d", res.status)
		}
		if got := deliver(); len(got) != 0 {
			t.Fatalf("the internal note was mailed: %+v", got)
		}
		if body := do(t, officer, "GET", page, nil, nil).body; strings.Contains(body, "short with us") {
			t.Errorf("the officer's page shows the internal note")
		}
		if res := do(t, agent, "POST", page, url.Values{"state": {"resolved"}, "note": {"New reader fitted"}}, nil); res.status != http.StatusSeeOther {
			t.Fatalf("resolve: %d", res.status)
		}
		got = deliver()
		if len(got) != 1 || !strings.Contains(got[0].Data, "Subject: "+tk.Ref+" resolved") || !strings.Contains(got[0].Data, "New reader fitted") ||
			!strings.Contains(got[0].Data, "reopen it at https://ward.example/tickets/") {
			t.Fatalf("resolved: %+v", got)
		}
	})
}
