package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/service/policysvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/web/webtest"
)

// TestBrowserPersonAcceptsAPolicy follows a policy mail's link in
// Chromium, signed in to nothing: the page shows the version's text
// rendered and records nothing until the button is pressed; pressing it
// records the acceptance with the version's hash, and the link is then
// refused as used.
func TestBrowserPersonAcceptsAPolicy(t *testing.T) {
	chrome := chromium(t)
	a := newApp(t, webtest.SQLite)
	ctx := context.Background()
	svc := a.base.Services.Policy
	op := tenancy.Operator("cli:test")
	ash := a.org(t, "ashcombe")
	pub, err := svc.Publish(ctx, op, policysvc.Publish{OrgID: ash.ID, Slug: "personal-commitment", Material: true, RemindDays: -1, RemindMax: -1,
		Body: "# Personal Commitment Statement\n\nI will **lock my screen** when I leave my desk.\n"})
	if err != nil || pub.Asked == 0 {
		t.Fatalf("publish: %+v %v", pub, err)
	}
	mails, err := a.store.Outbox(ctx, 500)
	if err != nil {
		t.Fatal(err)
	}
	var path string
	for _, m := range mails {
		if strings.Contains(m.Subject, "Personal Commitment Statement (version 3)") {
			path = acceptLink.FindString(m.Body)
		}
	}
	if path == "" {
		t.Fatal("no acceptance link in the outbox")
	}
	accepted := func() int {
		st, err := svc.Status(ctx, op, ash.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range st {
			if s.Document == "personal-commitment" {
				return s.Accepted
			}
		}
		return -1
	}

	b := newBrowserTab(t, chrome, a.http.URL)
	b.navigate(path)
	if b.text("#policy-title") != "Personal Commitment Statement" || !strings.Contains(b.text("#policy-body strong"), "lock my screen") {
		t.Fatalf("the link page: %q", b.text("main"))
	}
	if accepted() != 0 {
		t.Fatal("opening the page accepted the policy")
	}
	b.click("#policy-accept")
	if b.text("#policy-accepted") == "" || !strings.Contains(b.text("main"), pub.Version.SHA256) {
		t.Fatalf("after pressing accept: %q", b.text("main"))
	}
	b.screenshot("policy-accepted.png")
	if accepted() != 1 {
		t.Fatalf("%d accepted, want 1", accepted())
	}
	// The used link is refused (410, which the browser harness would
	// report as a console error, so it is asked without the browser).
	if res := do(t, a.browser(), "GET", a.http.URL+path, nil, nil); res.status != 410 || !strings.Contains(res.body, "already been used") ||
		strings.Contains(res.body, "policy-accept") {
		t.Fatalf("a used link: %d", res.status)
	}
}
