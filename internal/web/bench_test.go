package web_test

import (
	"net/http"
	"testing"

	"github.com/ward-shared-service/ward/internal/web/webtest"
)

// BenchmarkSignedInPage is one signed-in request for the organisations page
// through the real listening server: session check, scope, queries, template.
func BenchmarkSignedInPage(b *testing.B) {
	a := newApp(b, webtest.SQLite)
	c := a.signedIn(b, "agent@abc-shared.example")
	for b.Loop() {
		res, err := c.Get(a.http.URL + "/orgs")
		if err != nil || res.StatusCode != http.StatusOK {
			b.Fatal(err, res.StatusCode)
		}
		res.Body.Close()
	}
}
