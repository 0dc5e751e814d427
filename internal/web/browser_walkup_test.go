//go:build unix

package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/web/webtest"
)

// siteNamed finds a demo site's id.
func siteNamed(t *testing.T, st *store.Store, name string) int64 {
	t.Helper()
	sites, err := st.Sites(context.Background(), tenancy.ForSystem(tenancy.JobTest))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sites {
		if s.Name == name {
			return s.ID
		}
	}
	t.Fatalf("no site %q", name)
	return 0
}

// TestBrowserAWalkUpVisitorIsCalledServedAndLeavesTheScreen drives
// Chromium through a visit at Ashcombe's depot: a desk manager makes the
// site's tablet and screen links; a visitor checks in on the tablet and is
// given number 1; the screen shows 1 waiting; staff call the next person
// to Desk 2 and the screen shows "1 Ann" called to Desk 2; staff mark her
// at the desk and she leaves the screen; they resolve the visit with what
// was done and the queue is empty.
func TestBrowserAWalkUpVisitorIsCalledServedAndLeavesTheScreen(t *testing.T) {
	chrome := chromium(t)
	a := newApp(t, webtest.SQLite)
	depot := strconv.FormatInt(siteNamed(t, a.store, "Marsh Lane Depot"), 10)
	b := newBrowserTab(t, chrome, a.http.URL)
	b.signIn(a.cred(t, "admin@abc-shared.example"))

	b.click(`nav[aria-label="Menu"] a[href="/settings"]`)
	b.click(`main a[href="/settings/ashcombe/walkup"]`)
	b.wantPath("/settings/ashcombe/walkup")
	b.click(`button#checkin-` + depot)
	tablet := strings.TrimPrefix(b.text("#new-link"), a.http.URL)
	b.click(`button#screen-` + depot)
	screen := strings.TrimPrefix(b.text("#new-link"), a.http.URL)
	if !strings.HasPrefix(tablet, "/walkup/checkin/") || !strings.HasPrefix(screen, "/walkup/screen/") {
		t.Fatalf("the links made are %q and %q", tablet, screen)
	}
	b.screenshot("walkup-settings.png")
	if got := b.text("#kiosks"); !strings.Contains(got, "Link made") {
		t.Errorf("the settings table does not say the links are made: %q", got)
	}

	// The tablet: a person checks in and is given a number.
	b.navigate(tablet)
	if got := b.text(".govuk-caption-xl"); got != "Marsh Lane Depot" {
		t.Errorf("the tablet names the site %q", got)
	}
	if n := b.count("header, nav"); n != 0 {
		t.Errorf("the tablet shows %d headers or menus: it should show the site's name only", n)
	}
	b.run("filling in the check-in", chromedp.SendKeys(chromedp.ID("name"), "Ann Example"),
		chromedp.SendKeys(chromedp.ID("reason"), "My laptop will not charge"), chromedp.Click(chromedp.ID("show_name")))
	b.click(`main form button[type="submit"]`)
	if got := b.text("#queue-number"); got != "1" {
		t.Fatalf("the visitor's number is %q, want 1", got)
	}
	b.screenshot("walkup-checked-in.png")

	// The screen: one waiting, no one called.
	b.navigate(screen)
	if got := b.text("#called"); got != "No one is being called just now." {
		t.Errorf("before the call, the screen's called list reads %q", got)
	}
	if got := b.text("#waiting"); got != "1" {
		t.Errorf("before the call, the screen's waiting list reads %q", got)
	}
	if n := b.count(`meta[http-equiv="refresh"]`); n != 1 {
		t.Errorf("the screen has %d meta refreshes, want 1", n)
	}

	// Staff call the next person to Desk 2.
	b.navigate("/desk")
	b.click(`main a[href="/desk/queue"]`)
	b.run("choosing the site and desk", chromedp.SetValue(chromedp.ID("site"), depot),
		chromedp.SetValue(chromedp.ID("desk-name"), "Desk 2"))
	b.click(`main form[method="get"] button[type="submit"]`)
	b.click(`#call-next`)
	if got := b.text(".govuk-notification-banner__heading"); got != "Called number 1 (Ann Example) to Desk 2" {
		t.Errorf("after the call, the banner says %q", got)
	}
	if got := b.text("#visit-1"); !strings.Contains(got, "Called Desk 2") || !strings.Contains(got, "My laptop will not charge") {
		t.Errorf("the queue's row reads %q", got)
	}
	b.screenshot("walkup-queue.png")

	b.navigate(screen)
	if got := b.text("#called tbody"); got != "1 Ann Desk 2" {
		t.Errorf("after the call, the screen shows %q, want 1 Ann at Desk 2", got)
	}
	if got := b.text("#waiting"); got != "No one is waiting." {
		t.Errorf("after the call, the waiting list reads %q", got)
	}
	if body := b.text("main"); strings.Contains(body, "Example") || strings.Contains(body, "laptop") {
		t.Errorf("the screen shows more than a first name and a number: %q", body)
	}
	b.screenshot("walkup-screen-called.png")

	// She comes to the desk, and leaves the screen.
	b.navigate("/desk/queue?site=" + depot + "&desk=Desk+2")
	b.click(`#visit-1 form[action="/desk/queue/serve"] button`)
	if got := b.text("#visit-1"); !strings.Contains(got, "Being served") {
		t.Errorf("after serving, the row reads %q", got)
	}
	b.navigate(screen)
	if got := b.text("#called"); got != "No one is being called just now." {
		t.Errorf("once she is at the desk, the screen reads %q", got)
	}

	// Resolved on the spot, with what was done.
	b.navigate("/desk/queue?site=" + depot + "&desk=Desk+2")
	b.run("saying what was done", chromedp.SendKeys(chromedp.CSS(`#visit-1 textarea[name="outcome"]`), "Swapped the charger"))
	b.click(`#visit-1 form[action="/desk/queue/resolve"] button`)
	if got := b.text("#queue"); got != "No one is in the queue at Marsh Lane Depot." {
		t.Errorf("after resolving, the queue reads %q", got)
	}
}
