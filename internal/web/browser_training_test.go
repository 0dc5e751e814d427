//go:build unix

package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ward-shared-service/ward/internal/web/webtest"
)

// TestBrowserACourseIsAddedAndABriefingAttended drives Chromium through
// the training pages of Ashcombe: the menu leads to every council side by
// side; a course added with nothing filled in names every mistake; filled
// in, it is listed; attendance at the councillors' briefing is recorded for
// a person, whose history then shows it.
func TestBrowserACourseIsAddedAndABriefingAttended(t *testing.T) {
	chrome := chromium(t)
	a := newApp(t, webtest.SQLite)
	b := newBrowserTab(t, chrome, a.http.URL)
	b.signIn(a.cred(t, "admin@abc-shared.example"))
	// The form refused on purpose answers 422, which Chromium logs as an
	// error; only that one is forgiven (cleanups run last first).
	t.Cleanup(func() {
		time.Sleep(300 * time.Millisecond)
		b.forgive("status of 422", "/training/ashcombe/courses")
	})

	b.click(`nav[aria-label="Menu"] a[href="/training"]`)
	b.wantPath("/training")
	if got := b.text("#training-councils"); !strings.Contains(got, "Ashcombe") || !strings.Contains(got, "%") {
		t.Errorf("the councils side by side: %q", got)
	}
	b.click(`#training-councils a[href="/training/ashcombe"]`)
	if got := b.text("#training-courses"); !strings.Contains(got, "Cyber security essentials") {
		t.Errorf("the status by course: %q", got)
	}
	b.screenshot("training-status.png")

	b.navigate("/training/ashcombe/courses")
	b.run("giving the refresh period in words", chromedp.SetValue(chromedp.ID("refresh_days"), "yearly"))
	resp, err := chromedp.RunResponse(b.ctx, chromedp.Click(chromedp.CSS(`#course-add button[type="submit"]`)))
	if err != nil || resp == nil || resp.Status != 422 {
		t.Fatalf("an empty course form answered %v, %v; want 422", resp, err)
	}
	summary := b.text(".govuk-error-summary")
	for _, want := range []string{"refresh period", "code", "title"} {
		if !strings.Contains(strings.ToLower(summary), want) {
			t.Errorf("the error summary %q does not name the %s", summary, want)
		}
	}
	b.run("filling in the course", chromedp.SetValue(chromedp.ID("code"), "IG-101"), chromedp.SetValue(chromedp.ID("title"), "Information governance"),
		chromedp.SetValue(chromedp.ID("refresh_days"), "730"), chromedp.SetValue(chromedp.ID("kinds"), "staff"))
	b.click(`#course-add button[type="submit"]`)
	b.wantPath("/training/ashcombe/courses")
	if got := b.text("#course-list"); !strings.Contains(got, "Information governance") || !strings.Contains(got, "730") {
		t.Errorf("the new course is not listed: %q", got)
	}

	b.navigate("/training/ashcombe/attend")
	b.run("choosing the briefing and the day", chromedp.SetValue(chromedp.ID("course"), "CLLR-BRIEF"), chromedp.SetValue(chromedp.ID("day"), "2026-11-20"),
		chromedp.Click(chromedp.CSS(`#training-attend input[name="people"]`)))
	b.screenshot("training-attend.png")
	b.click(`#training-attend button[type="submit"]`)
	b.wantPath("/training/ashcombe")
	if got := b.text(".govuk-notification-banner"); !strings.Contains(got, "1 attended") {
		t.Errorf("the banner after recording attendance: %q", got)
	}
}

// forgive drops the console problems that carry both texts.
func (b *browserTab) forgive(text, url string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	kept := b.problems[:0]
	for _, p := range b.problems {
		if !strings.Contains(p, text) || !strings.Contains(p, url) {
			kept = append(kept, p)
		}
	}
	b.problems = kept
}
