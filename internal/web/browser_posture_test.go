//go:build unix

package web_test

import (
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/web/webtest"
)

// TestBrowserPostureFigureLeadsToItsFindings: in Chromium, an analyst on
// Ashcombe's posture page follows the figure of an identity check, and of
// the findings on accounts, to the findings list, which shows exactly that
// many; then opens the council's device inventory from the same page.
func TestBrowserPostureFigureLeadsToItsFindings(t *testing.T) {
	chrome := chromium(t)
	a := newApp(t, webtest.SQLite)
	b := newBrowserTab(t, chrome, a.http.URL)
	b.signIn(a.cred(t, "analyst@abc-shared.example"))

	for _, figure := range []string{`#identity a[href^="/findings?"]`, `#by-kind a[href*="kind=account"]`} {
		b.navigate("/posture/ashcombe")
		b.wantPath("/posture/ashcombe")
		want := b.text(figure)
		if want == "" || want == "0" {
			t.Fatalf("%s reads %q; Ashcombe's demo directory should give it findings", figure, want)
		}
		b.screenshot("posture-identity.png")
		b.click(figure)
		b.wantPath("/findings")
		if got := b.text("#total"); !strings.HasPrefix(got, want+" finding") {
			t.Errorf("after following %s (%s), the list says %q", figure, want, got)
		}
	}
	if got := b.optionalText(`#kind option:checked`); got != "Account" {
		t.Errorf("the findings list's subject filter shows %q, want Account", got)
	}

	b.navigate("/posture/ashcombe")
	b.click("#inventory-link")
	b.wantPath("/posture/ashcombe/devices")
	if n := b.count("#devices tbody tr"); n == 0 {
		t.Error("Ashcombe's inventory lists no devices")
	}
	b.screenshot("inventory-ashcombe.png")
}
