//go:build unix

package web_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ward-shared-service/ward/internal/web/webtest"
)

// TestBrowserDataPagesFitA1280PixelScreen opens the widest data pages, as
// the administrator (who sees every org, so the lists carry an
// organisation column), in a 1280 px wide Chromium and checks that none is
// wider than the window: a table that does not fit makes the whole page
// scroll sideways. Dates in the tables are short and each on one line.
// This is a layout assertion, measured by the browser's own layout.
func TestBrowserDataPagesFitA1280PixelScreen(t *testing.T) {
	chrome := chromium(t)
	a := newApp(t, webtest.SQLite)
	b := newBrowserTab(t, chrome, a.http.URL)
	b.run("sizing the window", chromedp.EmulateViewport(1280, 900))
	b.signIn(a.cred(t, "admin@abc-shared.example"))

	for _, path := range []string{"/tickets", "/findings", "/desk", "/admin/audit"} {
		b.navigate(path)
		width, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
		if err != nil {
			t.Fatalf("measuring %s: %v", path, err)
		}
		if width > 1280 {
			wide, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 1280).slice(0,8).map(e => e.tagName+'#'+e.id+'.'+e.className+' '+Math.round(e.getBoundingClientRect().width)+' '+(e.textContent||'').trim().slice(0,60)).join('\n')`))
			t.Log(wide)
			t.Errorf("%s is %d px wide at 1280 px: it scrolls sideways", path, width)
		}
		if n := b.count(`main table`); n == 0 {
			t.Errorf("%s shows no table to measure", path)
		}
		b.screenshot("wide" + sanitize(path) + ".png")
	}

	// Each date in the ticket list is one short line with the full date kept.
	b.navigate("/tickets")
	if n := b.count(`#tickets tbody time[datetime][title]`); n == 0 {
		t.Fatal("the ticket list's dates carry no <time datetime title>")
	}
	wrapped, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`[...document.querySelectorAll('#tickets tbody time')]
		.filter(e => e.getClientRects().length > 1).length`))
	if err != nil {
		t.Fatal(err)
	}
	if wrapped > 0 {
		t.Errorf("%d dates in the ticket list wrap over more than one line", wrapped)
	}
}

func sanitize(path string) string {
	out := []rune{}
	for _, r := range path {
		if r == '/' {
			r = '-'
		}
		out = append(out, r)
	}
	return string(out)
}
