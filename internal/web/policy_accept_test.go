package web_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/service/mailsvc"
	"github.com/ward-shared-service/ward/internal/service/mailsvc/mailtest"
	"github.com/ward-shared-service/ward/internal/service/policysvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

var acceptLink = regexp.MustCompile(`/accept/[A-Za-z0-9_-]{40,}`)

// TestMaterialVersionIsAcceptedByTheMailedLink publishes a material new
// version of a demo council's Acceptable Use Statement: nobody has
// accepted it yet; the outbox sender mails each person bound a link, seen
// by a real SMTP server; a person who follows the link (signed in to
// nothing) sees the text, and is counted once they press accept, not
// before; the same link then, and any link once expired, is refused.
func TestMaterialVersionIsAcceptedByTheMailedLink(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		ctx := context.Background()
		svc := a.base.Services.Policy
		svc.BaseURL = a.http.URL
		op := tenancy.Operator("cli:test")
		org, err := a.store.OrgBySlug(ctx, op.Scope, "ashcombe")
		if err != nil {
			t.Fatal(err)
		}
		statusOf := func() policysvc.DocumentStatus {
			t.Helper()
			list, err := svc.Status(ctx, op, org.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range list {
				if s.Document == "acceptable-use" {
					return s
				}
			}
			t.Fatalf("no acceptable-use in %+v", list)
			return policysvc.DocumentStatus{}
		}
		before := statusOf()
		if before.Version != 2 || before.Accepted == 0 || before.Accepted == before.InScope {
			t.Fatalf("the demo should have a good share but not all accepting version 2: %+v", before)
		}
		smtp := mailtest.Start(t)
		if _, err := mailsvc.Deliver(ctx, a.store, mailsvc.Config{Addr: smtp.Addr, From: "ward@ward.example"}); err != nil {
			t.Fatal(err)
		}
		already := len(smtp.Messages())
		pub, err := svc.Publish(ctx, op, policysvc.Publish{OrgID: org.ID, Slug: "acceptable-use", Material: true,
			Body: "# Acceptable Use Statement\n\nVersion 3: no personal cloud storage.\n", RemindDays: -1, RemindMax: -1})
		if err != nil {
			t.Fatal(err)
		}
		after := statusOf()
		if after.Version != 3 || !after.Material || after.Accepted != 0 || after.InScope != before.InScope || pub.Asked == 0 || pub.Asked > after.InScope {
			t.Fatalf("after a material version: %+v, %d asked; want version 3 with none of %d accepted and those with an address asked", after, pub.Asked, before.InScope)
		}
		if d, err := mailsvc.Deliver(ctx, a.store, mailsvc.Config{Addr: smtp.Addr, From: "ward@ward.example"}); err != nil || d.Failed != 0 {
			t.Fatalf("deliver: %+v %v", d, err)
		}
		var links []string
		for _, m := range smtp.Messages()[already:] {
			if l := acceptLink.FindString(m.Data); l != "" && strings.Contains(m.Data, "Acceptable Use Statement") {
				links = append(links, l)
			}
		}
		if len(links) != pub.Asked {
			t.Fatalf("%d links mailed, want %d", len(links), pub.Asked)
		}
		browser := a.browser()
		res := do(t, browser, "GET", a.http.URL+links[0], nil, nil)
		if res.status != http.StatusOK || !strings.Contains(res.body, "no personal cloud storage") || !strings.Contains(res.body, `id="policy-accept"`) {
			t.Fatalf("link page: %d\n%s", res.status, res.body)
		}
		if s := statusOf(); s.Accepted != 0 {
			t.Fatalf("opening the link accepted it: %+v", s)
		}
		res = do(t, browser, "POST", a.http.URL+links[0], nil, nil)
		if res.status != http.StatusOK || !strings.Contains(res.body, "acceptance is recorded") || !strings.Contains(res.body, pub.Version.SHA256) {
			t.Fatalf("accept: %d\n%s", res.status, res.body)
		}
		if s := statusOf(); s.Accepted != 1 {
			t.Fatalf("after one acceptance: %+v", s)
		}
		for _, method := range []string{"GET", "POST"} {
			res = do(t, browser, method, a.http.URL+links[0], nil, nil)
			if res.status != http.StatusGone || !strings.Contains(res.body, "already been used") {
				t.Fatalf("used link %s: %d", method, res.status)
			}
		}
		a.store.SetClock(func() time.Time { return time.Now().AddDate(0, 3, 0) })
		defer a.store.SetClock(time.Now)
		res = do(t, browser, "POST", a.http.URL+links[1], nil, nil)
		if res.status != http.StatusGone || !strings.Contains(res.body, "expired") {
			t.Fatalf("expired link: %d", res.status)
		}
		if s := statusOf(); s.Accepted != 1 {
			t.Fatalf("an expired link was counted: %+v", s)
		}
	})
}
