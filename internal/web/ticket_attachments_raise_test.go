package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// ticketsTitled are the tickets whose title holds title, with how many
// files each carries, read from the database itself.
func ticketsTitled(t *testing.T, a *app, title string) (refs []string, files []int) {
	t.Helper()
	ctx := context.Background()
	sys := tenancy.ForSystem(tenancy.JobTest)
	list, err := a.store.Tickets(ctx, sys, store.TicketFilter{Search: title, Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range list {
		got, err := a.store.Attachments(ctx, sys, tk.ID)
		if err != nil {
			t.Fatal(err)
		}
		refs, files = append(refs, tk.Ref), append(files, len(got))
	}
	return refs, files
}

const refusedFile = "<html><script>alert(1)</script></html>"

// TestFilesComeWithTheTicketOnEveryRaise raises tickets with a file from the
// walk-up form, the portal and the API in one request each: the file is on
// the ticket, and a file the desk refuses leaves no ticket at all, with
// the refusal naming the attachment.
func TestFilesComeWithTheTicketOnEveryRaise(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		agent := a.signedIn(t, "agent@abc-shared.example")
		officer := a.signedIn(t, "it.officer@ashcombe.example")
		_, token := a.token(t, "ashcombe", "officer", time.Hour)
		raises := []struct {
			name   string
			post   func(title, file, content string) response
			status int // when the file is taken
		}{
			{"walk-up", func(title, file, content string) response {
				body, ct := multipartForm(url.Values{"org": {"ashcombe"}, "caller": {"Pat Visitor"}, "title": {title}, "fixed": {"yes"}}, "attachment", file, content)
				return send(t, agent, "POST", a.http.URL+"/desk/walk-up", body, ct, nil)
			}, http.StatusSeeOther},
			{"portal", func(title, file, content string) response {
				body, ct := multipartForm(url.Values{"type": {"incident"}, "title": {title}, "impact": {"low"}, "urgency": {"low"}}, "attachment", file, content)
				return send(t, officer, "POST", a.http.URL+"/tickets", body, ct, nil)
			}, http.StatusSeeOther},
			{"API", func(title, file, content string) response {
				var body bytes.Buffer
				mw := multipart.NewWriter(&body)
				doc, _ := json.Marshal(map[string]string{"title": title, "impact": "low", "urgency": "low"})
				_ = mw.WriteField("ticket", string(doc))
				fw, _ := mw.CreateFormFile("attachment", file)
				_, _ = fw.Write([]byte(content))
				_ = mw.Close()
				return send(t, http.DefaultClient, "POST", a.http.URL+"/api/v1/orgs/ashcombe/tickets", &body, mw.FormDataContentType(), bearer(token))
			}, http.StatusCreated},
		}
		for _, tc := range raises {
			t.Run(tc.name, func(t *testing.T) {
				refused := "Badge reader refused " + tc.name
				res := tc.post(refused, "error.html", refusedFile)
				if res.status != 422 || !strings.Contains(res.body, "not a file type ward accepts") ||
					!strings.Contains(res.body, `href="#attachment"`) && !strings.Contains(res.body, `"field":"attachment"`) {
					t.Fatalf("a refused file: %d %s, want 422 naming the attachment", res.status, res.body)
				}
				if refs, _ := ticketsTitled(t, a, refused); len(refs) != 0 {
					t.Fatalf("a refused file left tickets %v", refs)
				}
				taken := "Badge reader beeps " + tc.name
				if res := tc.post(taken, "beeps.txt", "three short beeps\n"); res.status != tc.status {
					t.Fatalf("raise with a file: %d %s", res.status, res.body)
				}
				refs, files := ticketsTitled(t, a, taken)
				if len(refs) != 1 || files[0] != 1 {
					t.Fatalf("raised tickets %v with files %v, want one ticket with one file", refs, files)
				}
				page := do(t, agent, "GET", a.http.URL+"/tickets/"+refs[0], nil, nil)
				if !strings.Contains(page.body, "beeps.txt") {
					t.Errorf("the ticket's page does not list beeps.txt")
				}
			})
		}
	})
}

// TestAFileRefusedOnUpdateChangesNothing sends a note with a file the desk
// refuses: the note is not added, and the ticket keeps no file.
func TestAFileRefusedOnUpdateChangesNothing(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		agent := a.signedIn(t, "agent@abc-shared.example")
		tk := a.tickets["ashcombe"][0]
		body, ct := multipartForm(url.Values{"note": {"Rebooted the reader"}}, "attachment", "error.html", refusedFile)
		if res := send(t, agent, "POST", a.http.URL+"/tickets/"+tk.Ref, body, ct, nil); res.status != 422 || !strings.Contains(res.body, `href="#attachment"`) {
			t.Fatalf("a refused file on update: %d, want 422 naming the attachment", res.status)
		}
		stored, events := storedTicket(t, a, tk.ID)
		for _, e := range events {
			if strings.Contains(e.Note, "Rebooted the reader") {
				t.Fatal("the note went in although its file was refused")
			}
		}
		if _, files := ticketsTitled(t, a, stored.Title); len(files) == 0 || files[0] != 0 {
			t.Fatalf("the ticket holds files %v after a refused upload", files)
		}
	})
}

// A multipart ticket part past the JSON bound is refused by name and size,
// not as JSON that broke off where the bound cut it.
func TestAnOversizedTicketPartIsRefusedBySize(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		_, token := a.token(t, "ashcombe", "officer", time.Hour)
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		doc, _ := json.Marshal(map[string]string{"title": "Long", "impact": "low", "urgency": "low", "description": strings.Repeat("x", 1<<20)})
		_ = mw.WriteField("ticket", string(doc))
		_ = mw.Close()
		res := send(t, http.DefaultClient, "POST", a.http.URL+"/api/v1/orgs/ashcombe/tickets", &body, mw.FormDataContentType(), bearer(token))
		if res.status != 422 || !strings.Contains(res.body, `"field":"ticket"`) || !strings.Contains(res.body, "over 1048576 bytes") {
			t.Errorf("an oversized ticket part: %d %.300s", res.status, res.body)
		}
	})
}
