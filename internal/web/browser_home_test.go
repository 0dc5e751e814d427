//go:build unix

package web_test

import (
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/web/webtest"
)

// TestBrowserEachRoleFollowsItsHomeToTheWork signs in as every role in
// Chromium and follows one thing on the home page to the list behind it.
// Where the home shows a figure, the list counts what the figure said.
func TestBrowserEachRoleFollowsItsHomeToTheWork(t *testing.T) {
	chrome := chromium(t)
	a := newApp(t, webtest.SQLite)
	for _, role := range []struct {
		email, link, path string
		twoFactor         bool
		count             string // the list's count to compare with the figure; "" when the link has none
	}{
		{"agent@abc-shared.example", "/tickets?breach=soon", "/tickets", true, "#ticket-count"},
		{"analyst@abc-shared.example", "/findings?state=open", "/findings", true, "#total"},
		{"admin@abc-shared.example", "/findings?state=open", "/findings", true, "#total"},
		{"it.officer@ashcombe.example", "/tickets?resolved=month&sla=met", "/tickets", false, "#ticket-count"},
		{"committee@ashcombe.example", "/reports/sla?from=", "/reports/sla", false, ""},
		{"warp@ashcombe.example", "/warp/sightings?own=1", "/warp/sightings", false, "#sighting-count"},
	} {
		t.Run(role.email, func(t *testing.T) {
			b := newBrowserTab(t, chrome, a.http.URL)
			if role.twoFactor {
				b.signIn(a.cred(t, role.email))
			} else {
				b.signInMember(a.cred(t, role.email))
			}
			b.screenshot("home-" + strings.Split(role.email, "@")[0] + "-start.png")
			sel := `main a[href^="` + role.link + `"]`
			var figure string
			if role.count != "" {
				figure = b.text(sel + ` .home-figure`)
			}
			b.click(sel)
			b.wantPath(role.path)
			if role.count != "" {
				got := strings.ReplaceAll(b.text(role.count), ",", "")
				if !strings.HasPrefix(got, strings.ReplaceAll(figure, ",", "")+" ") {
					t.Errorf("the home said %s, the list says %q", figure, got)
				}
			}
			b.screenshot("home-" + strings.Split(role.email, "@")[0] + ".png")
		})
	}
}
