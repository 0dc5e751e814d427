package web_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/demo"
	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/server"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/web/webtest"
)

// app is a real ward server listening on loopback with the demo data in a
// real database: webtest.App under the names the web tests use.
type app struct {
	srv   *server.Server
	base  *webtest.App // the harness it was made from
	store *store.Store
	http  *httptest.Server
	creds []demo.Credential
	// tickets are the desk tickets seeded in every org, by org slug: one
	// open from the portal, one walk-up fixed on the spot.
	tickets map[string][]store.Ticket
	// findings are the open findings seeded in every org, by org slug: one
	// laptop not encrypted, one with its firewall off (see
	// webtest.SeedEstate). The demo gives the councils hundreds more.
	findings map[string][]finding.Finding
}

// newApp starts a ward over the test's own copy of the seeded database.
func newApp(t testing.TB, engine storetest.Engine) *app {
	t.Helper()
	return appOf(webtest.NewApp(t, engine))
}

// appOf is the harness's app under the names the web tests use.
func appOf(a *webtest.App) *app {
	return &app{base: a, srv: a.Server, store: a.Store, http: a.HTTP, creds: a.Creds, tickets: a.Tickets, findings: a.Findings}
}

// TestMain drops the seeded databases the tests copied once they are done.
func TestMain(m *testing.M) { os.Exit(webtest.Main(m)) }

// deviceCSVHead is the header of ward's own device CSV (docs/device-csv.md).
const deviceCSVHead = webtest.DeviceCSVHead

// deviceRow is one laptop of a device CSV (see webtest.DeviceRow).
func deviceRow(slug, serial, name string, encrypted, firewall bool, now time.Time) string {
	return webtest.DeviceRow(slug, serial, name, encrypted, firewall, now)
}

// harness is the app as webtest knows it, for the helpers it shares.
func (a *app) harness() *webtest.App {
	return &webtest.App{Server: a.srv, Store: a.store, HTTP: a.http, Seed: webtest.Seed{Creds: a.creds, Tickets: a.tickets, Findings: a.findings}}
}

func (a *app) cred(t *testing.T, email string) demo.Credential { return a.harness().Cred(t, email) }

// browser is an HTTP client with a cookie jar that does not follow redirects,
// so tests see where ward sends them.
func (a *app) browser() *http.Client { return a.harness().Browser() }

// signedIn returns a client holding a full session for the user, made
// directly in the store (see webtest.App.SignedIn).
func (a *app) signedIn(t testing.TB, email string) *http.Client {
	return a.harness().SignedIn(t, email)
}

type response struct {
	status   int
	body     string
	location string
	header   http.Header
}

func responseOf(r webtest.Response) response {
	return response{status: r.Status, body: r.Body, location: r.Location, header: r.Header}
}

func do(t testing.TB, c *http.Client, method, target string, form url.Values, header map[string]string) response {
	t.Helper()
	return responseOf(webtest.Do(t, c, method, target, form, header))
}

func doJSON(t testing.TB, c *http.Client, method, target, body string, header map[string]string) response {
	t.Helper()
	return responseOf(webtest.DoJSON(t, c, method, target, body, header))
}

func send(t testing.TB, c *http.Client, method, target string, body io.Reader, contentType string, header map[string]string) response {
	t.Helper()
	return responseOf(webtest.Send(t, c, method, target, body, contentType, header))
}
