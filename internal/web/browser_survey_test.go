package web_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/web/webtest"
)

// TestBrowserCallerAnswersASurvey follows a survey mail's link in Chromium,
// signed in to nothing: the score is recorded, a comment is sent through
// the form, and a later click on another score changes nothing.
func TestBrowserCallerAnswersASurvey(t *testing.T) {
	chrome := chromium(t)
	a := newApp(t, webtest.SQLite)
	ctx := context.Background()
	svc := a.base.Services.Desk
	svc.Notify, svc.BaseURL = true, a.http.URL
	ash := a.org(t, "ashcombe")
	on := true
	if _, err := svc.SaveSurveySettings(ctx, tenancy.Operator("cli:test"), ash.ID, desksvc.SurveyEdit{Enabled: &on, DelayMinutes: "0", SamplePercent: "100", CoolOffDays: "0"}); err != nil {
		t.Fatal(err)
	}
	agent := tenancy.Principal{Actor: "user:agent@abc-shared.example", Role: tenancy.RoleAgent, Scope: tenancy.ScopeOf(ash.ID)}
	tk, err := svc.Open(ctx, agent, desksvc.NewTicket{OrgID: ash.ID, Title: "Monitor flickers", Caller: "it.officer@ashcombe.example", Channel: desk.Phone})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Update(ctx, agent, tk.ID, desksvc.Change{State: desk.Resolved, Note: "Swapped the cable"}); err != nil {
		t.Fatal(err)
	}
	mails, err := a.store.Outbox(ctx, 5)
	if err != nil {
		t.Fatal(err)
	}
	var path string
	for _, m := range mails {
		if got := regexp.MustCompile(`/survey/[A-Za-z0-9_-]+`).FindString(m.Body); got != "" {
			path = got
		}
	}
	if path == "" {
		t.Fatal("no survey in the outbox")
	}

	b := newBrowserTab(t, chrome, a.http.URL)
	b.navigate(path + "?score=5")
	if b.text("#survey-recorded") == "" || b.text("#survey-score") != "5" {
		t.Fatalf("first click: %q", b.text("main"))
	}
	b.run("writing a comment", chromedp.SendKeys(chromedp.ID("comment"), "Quick and polite, thank you"))
	b.click(`main form button[type="submit"]`)
	if b.text("#survey-thanks") == "" {
		t.Fatalf("after the comment: %q", b.text("main"))
	}
	b.screenshot("survey-thanks.png")
	b.navigate(path + "?score=1")
	if b.text("#survey-already") == "" || b.text("#survey-score") != "5" {
		t.Errorf("a second click: %q", b.text("main"))
	}
	if b.count(`textarea#comment`) != 0 {
		t.Error("the comment form is offered again")
	}
}
