//go:build unix

package web_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ward-shared-service/ward/internal/web/webtest"
)

// TestBrowserAdminImportsAServiceNowExport: an admin goes from the ticket
// list to the import form, uploads an export with ServiceNow's quirks for
// Ashcombe, and reads each repair in the table of the result.
func TestBrowserAdminImportsAServiceNowExport(t *testing.T) {
	chrome := chromium(t)
	a := newApp(t, webtest.SQLite)
	b := newBrowserTab(t, chrome, a.http.URL)
	file := filepath.Join(t.TempDir(), "quirky.csv")
	if err := os.WriteFile(file, []byte(quirkyServiceNow), 0o600); err != nil {
		t.Fatal(err)
	}

	b.signIn(a.cred(t, "admin@abc-shared.example"))
	b.navigate("/tickets")
	b.click(`a[href="/desk/import"]`)
	b.wantPath("/desk/import")
	if got := b.text("main h1"); got != "Import tickets" {
		t.Errorf("the import page's h1 is %q", got)
	}
	b.run("filling in the import form",
		chromedp.SetValue(chromedp.ID("org"), "ashcombe"),
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{file}))
	b.click(`main form[action="/desk/import"] button[type="submit"]`)
	b.wantPath("/desk/import")
	if got := b.text("#import-result"); !strings.Contains(got, "Imported quirky.csv: 6 rows, 3 tickets: 3 new") || !strings.Contains(got, "Repaired 3 tickets (3 repairs)") {
		t.Errorf("the result reads %q", got)
	}
	if n := b.count("#repairs tbody tr"); n != 3 {
		t.Errorf("the repairs table has %d rows, want 3", n)
	}
	if got := b.text("#repairs tbody tr:last-child"); got != "7 APIQ9 sys_updated_at 4/3/2024 08:30 is before opened_at (4/3/2024 09:00): taken as 4/3/2024 09:00" {
		t.Errorf("the last repair reads %q", got)
	}
	b.screenshot("desk-import-repairs.png")
}
