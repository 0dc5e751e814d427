package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	wardapp "github.com/ward-shared-service/ward/internal/app"
	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/demo"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/reader/inventory"
	"github.com/ward-shared-service/ward/internal/server"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/web"
)

// app is a real ward server listening on loopback with the demo data in a
// real database.
type app struct {
	srv   *server.Server
	store *store.Store
	http  *httptest.Server
	creds []demo.Credential
	// tickets are the desk tickets seeded in every org, by org slug: one
	// open from the portal, one walk-up fixed on the spot.
	tickets map[string][]store.Ticket
	// findings are the open findings seeded in every org, by org slug: one
	// laptop not encrypted, one with its firewall off (see seedEstate). The
	// demo gives the councils hundreds more.
	findings map[string][]finding.Finding
}

func newApp(t testing.TB, open func(testing.TB) (*store.Store, string)) *app {
	t.Helper()
	st, _ := open(t)
	ctx := context.Background()
	creds, err := demo.Seed(ctx, st, demo.Options{PasswordParams: auth.FastParams, Services: wardapp.New(st, wardapp.Options{PasswordParams: auth.FastParams})})
	if err != nil {
		t.Fatal(err)
	}
	tickets := seedDesk(t, st)
	findings := seedEstate(t, st)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv, err := server.New(ctx, web.Config{Version: "test"}, wardapp.New(st, wardapp.Options{PasswordParams: auth.FastParams}), log)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	return &app{srv: srv, store: st, http: hs, creds: creds, tickets: tickets, findings: findings}
}

// deviceCSVHead is the header of ward's own device CSV (docs/device-csv.md).
const deviceCSVHead = "serial,name,device_id,type,ownership,os,os_version,model,primary_user,last_seen,managed," +
	"malware_protection,signatures_updated,firewall,encrypted,screen_lock,screen_lock_minutes,password_min_length," +
	"user_is_local_admin,remote_access,remote_access_mfa,missing_updates\n"

// deviceRow is one laptop of a device CSV, seen two hours ago: a supported
// Windows 11 used by someone on the council's own domain, which passes
// every control unless encrypted or firewall say no.
func deviceRow(slug, serial, name string, encrypted, firewall bool, now time.Time) string {
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	seen := now.Add(-2 * time.Hour).In(london)
	return fmt.Sprintf("%s,%s,,laptop,council,windows,10.0.26100.2033,Latitude 7450,%s@%s.gov.uk,%s,yes,yes,%s,%s,%s,yes,5,14,no,no,,\n",
		serial, name, strings.ToLower(name), slug, seen.Format("2006-01-02 15:04"), seen.Format("2006-01-02"), yes(firewall), yes(encrypted))
}

// seedEstate imports three laptops into every org through the estate
// service, named after the org so that a page showing another org's
// device is caught: <SLUG>-LT-1 is not encrypted, <SLUG>-LT-2 has its
// firewall off, <SLUG>-LT-3 passes.
func seedEstate(t testing.TB, st *store.Store) map[string][]finding.Finding {
	t.Helper()
	ctx := context.Background()
	svc := posturesvc.New(st, desksvc.New(st))
	op := tenancy.Operator("cli:test")
	orgs, err := st.Orgs(ctx, tenancy.ForSystem(tenancy.JobTest))
	if err != nil {
		t.Fatal(err)
	}
	now := st.Now()
	out := map[string][]finding.Finding{}
	for _, o := range orgs {
		p := strings.ToUpper(o.Slug)
		csv := deviceCSVHead + deviceRow(o.Slug, p+"-SN1", p+"-LT-1", false, true, now) +
			deviceRow(o.Slug, p+"-SN2", p+"-LT-2", true, false, now) + deviceRow(o.Slug, p+"-SN3", p+"-LT-3", true, true, now)
		if _, err := svc.ImportDevices(ctx, op, o.ID, inventory.WardCSV, o.Slug+"-devices.csv", strings.NewReader(csv)); err != nil {
			t.Fatalf("seed devices in %s: %v", o.Slug, err)
		}
		list, _, err := st.Findings(ctx, tenancy.ScopeOf(o.ID), store.FindingFilter{OrgID: o.ID, State: finding.Open, Kind: finding.Device})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range list {
			if strings.HasPrefix(f.Subject.Name, p+"-LT-") {
				out[o.Slug] = append(out[o.Slug], f)
				got = append(got, f.Subject.Name+" "+f.Control)
			}
		}
		sort.Strings(got)
		if want := p + "-LT-1 disk-encryption|" + p + "-LT-2 firewall"; strings.Join(got, "|") != want {
			t.Fatalf("seeded %s's laptops have the findings %q, want %q", o.Slug, got, want)
		}
	}
	return out
}

// seedDesk gives every org a caller and two tickets through the service
// desk, named after the org so a page that shows another org's ticket is
// caught by the isolation walk.
func seedDesk(t testing.TB, st *store.Store) map[string][]store.Ticket {
	t.Helper()
	ctx := context.Background()
	svc := desksvc.New(st)
	op := tenancy.Operator("cli:test")
	orgs, err := st.Orgs(ctx, tenancy.ForSystem(tenancy.JobTest))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]store.Ticket{}
	for i, o := range orgs {
		person, err := st.CreatePerson(ctx, tenancy.ForSystem(tenancy.JobTest), store.Person{OrgID: o.ID, Name: o.Slug + " caller", Phone: fmt.Sprintf("01632 9600%02d", i)})
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []desksvc.NewTicket{
			{OrgID: o.ID, Title: o.Slug + " open ticket", Description: "Seeded for " + o.Slug, Category: "Printing",
				Caller: person.Name, CallerPersonID: person.ID, Impact: desk.High, Urgency: desk.Medium},
			{OrgID: o.ID, Title: o.Slug + " walk-up visit", Channel: desk.WalkUp, FixedNow: true, Category: "Account and password",
				Caller: person.Name, CallerPersonID: person.ID},
		} {
			tk, err := svc.Open(ctx, op, n)
			if err != nil {
				t.Fatalf("seed a ticket in %s: %v", o.Slug, err)
			}
			out[o.Slug] = append(out[o.Slug], tk)
		}
	}
	return out
}

func (a *app) cred(t *testing.T, email string) demo.Credential {
	for _, c := range a.creds {
		if c.Email == email {
			return c
		}
	}
	t.Fatalf("no demo user %s", email)
	return demo.Credential{}
}

// browser is an HTTP client with a cookie jar that does not follow redirects,
// so tests see where ward sends them.
func (a *app) browser() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// signedIn returns a client holding a full session for the user, made
// directly in the store: the isolation walk tests what a session can reach,
// not the sign-in form (which has its own tests).
func (a *app) signedIn(t testing.TB, email string) *http.Client {
	t.Helper()
	u, err := a.store.UserForSignIn(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	token, _ := auth.NewSessionToken()
	now := a.store.Now()
	if err := a.store.CreateSession(context.Background(), store.Session{TokenHash: auth.HashSecret(token), UserID: u.ID, Stage: store.StageFull,
		CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	c := a.browser()
	base, _ := url.Parse(a.http.URL)
	c.Jar.SetCookies(base, []*http.Cookie{{Name: "ward_session", Value: token, Path: "/"}})
	return c
}

type response struct {
	status   int
	body     string
	location string
	header   http.Header
}

func do(t testing.TB, c *http.Client, method, target string, form url.Values, header map[string]string) response {
	t.Helper()
	if form == nil {
		return send(t, c, method, target, nil, "", header)
	}
	return send(t, c, method, target, strings.NewReader(form.Encode()), "application/x-www-form-urlencoded", header)
}

func doJSON(t testing.TB, c *http.Client, method, target, body string, header map[string]string) response {
	t.Helper()
	return send(t, c, method, target, strings.NewReader(body), "application/json", header)
}

func send(t testing.TB, c *http.Client, method, target string, body io.Reader, contentType string, header map[string]string) response {
	t.Helper()
	req, err := http.NewRequest(method, target, body)
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, body: string(b), location: res.Header.Get("Location"), header: res.Header}
}
