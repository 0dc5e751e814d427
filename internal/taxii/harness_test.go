package taxii_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/app"
	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/server"
	"github.com/ward-shared-service/ward/internal/service/authsvc"
	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/taxii"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/warp"
	"github.com/ward-shared-service/ward/internal/web"
)

var ctx = context.Background()

// world is a real ward server on loopback over a real database: the South
// West WARP of two councils that publish and an NHS trust that only reads,
// a charity outside it, and the shared service.
type world struct {
	st     *store.Store
	svc    *warpsvc.Service
	url    string
	clock  *clock
	orgs   map[string]store.Org
	tokens map[string]string // by org slug: a member token of the org
}

// clock is the store's time, moved on by the tests, so that what was
// added when is known to the microsecond.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *clock) Advance(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	return c.now
}

func eachWorld(t *testing.T, fn func(t *testing.T, w *world)) {
	storetest.Each(t, func(t *testing.T, st *store.Store) { fn(t, newWorld(t, st)) })
}

func newWorld(t *testing.T, st *store.Store) *world {
	t.Helper()
	w := &world{st: st, clock: &clock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}, orgs: map[string]store.Org{}, tokens: map[string]string{}}
	st.SetClock(w.clock.Now)
	svcs := app.New(st, app.Options{PasswordParams: auth.FastParams})
	w.svc = svcs.Warp
	for _, o := range []struct {
		slug, name string
		kind       tenancy.OrgKind
	}{{"ashcombe", "Ashcombe Council", tenancy.KindCouncil}, {"brentmere", "Brentmere Council", tenancy.KindCouncil},
		{"wessex-nhs", "Wessex NHS Trust", tenancy.KindPartner}, {"carers-trust", "Carers Trust", tenancy.KindPartner},
		{"shared", "Shared Service", tenancy.KindSharedService}} {
		org, err := st.CreateOrg(ctx, store.NewOrg{Slug: o.slug, Name: o.name, Kind: o.kind})
		if err != nil {
			t.Fatal(err)
		}
		w.orgs[o.slug] = org
		w.tokens[o.slug] = w.token(t, o.slug, "member")
	}
	op := tenancy.Operator("cli:test")
	if _, err := w.svc.CreateCommunity(ctx, op, "south-west", "South West WARP", "Councils and partners in the South West."); err != nil {
		t.Fatal(err)
	}
	for _, m := range []struct {
		org     string
		publish bool
	}{{"ashcombe", true}, {"brentmere", true}, {"wessex-nhs", false}} {
		if err := w.svc.SetMember(ctx, op, "south-west", m.org, m.publish, false); err != nil {
			t.Fatal(err)
		}
	}
	srv, err := server.New(ctx, web.Config{Version: "test"}, svcs, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	w.url = hs.URL
	w.clock.Advance(time.Minute)
	return w
}

// token makes an API token of the role for the org, as 'ward token create' does.
func (w *world) token(t *testing.T, slug, role string) string {
	t.Helper()
	_, secret, err := authsvc.New(w.st, authsvc.Options{}).CreateToken(ctx, tenancy.Operator("cli:test"),
		authsvc.NewToken{Org: w.orgs[slug].Slug, Role: role, Name: "taxii test", Expires: 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	return secret
}

// as is a member of the org acting through a token, for publishing.
func (w *world) as(slug string) tenancy.Principal {
	org := w.orgs[slug]
	return tenancy.Principal{Actor: "token:test-" + slug, OrgID: org.ID, Role: tenancy.RoleMember, Scope: tenancy.ScopeOf(org.ID)}
}

// publish shares an advisory with indicators, failing the test if refused.
func (w *world) publish(t *testing.T, slug string, spec warpsvc.ShareSpec, title string, values ...string) warpsvc.AdvisoryView {
	t.Helper()
	n := warpsvc.NewAdvisory{ShareSpec: spec, Title: title, Summary: "Seen in the South West.", Severity: "high"}
	for _, v := range values {
		n.Indicators = append(n.Indicators, warpsvc.NewIndicator{Value: v})
	}
	a, err := w.svc.Publish(ctx, w.as(slug), n)
	if err != nil {
		t.Fatalf("publish %q as %s: %v", title, slug, err)
	}
	return a
}

// collection is the URL of the community's collection under the marking.
func (w *world) collection(m warp.Marking) string {
	return w.url + "/taxii2/" + taxii.Root + "/collections/" + warpsvc.TAXIICollectionID("south-west", m) + "/"
}

type response struct {
	status int
	header http.Header
	body   []byte
}

// json decodes the body, failing the test if it is not a TAXII document.
func (r response) json(t *testing.T, v any) {
	t.Helper()
	if ct := r.header.Get("Content-Type"); ct != taxii.MediaType {
		t.Fatalf("Content-Type %q, want %q; body %s", ct, taxii.MediaType, r.body)
	}
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("not JSON: %v: %s", err, r.body)
	}
}

// get asks as a TAXII client does; header overrides the defaults ("" drops one).
func (w *world) get(t *testing.T, token, url string, header ...string) response {
	t.Helper()
	return w.send(t, "GET", token, url, "", header...)
}

func (w *world) send(t *testing.T, method, token, url, body string, header ...string) response {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", taxii.MediaType)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", taxii.MediaType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i+1] == "" {
			req.Header.Del(header[i])
		} else {
			req.Header.Set(header[i], header[i+1])
		}
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, header: res.Header, body: b}
}

// envelope is a TAXII envelope as a client reads it.
type envelope struct {
	More    *bool             `json:"more"`
	Next    string            `json:"next"`
	Objects []json.RawMessage `json:"objects"`
}

type head struct {
	ID                string   `json:"id"`
	Type              string   `json:"type"`
	Modified          string   `json:"modified"`
	Name              string   `json:"name"`
	Pattern           string   `json:"pattern"`
	ObjectMarkingRefs []string `json:"object_marking_refs"`
	WhereSightedRefs  []string `json:"where_sighted_refs"`
	SightingOfRef     string   `json:"sighting_of_ref"`
	ObjectRefs        []string `json:"object_refs"`
}

// objects reads an envelope's objects' heads, by id and in order.
func (e envelope) heads(t *testing.T) ([]head, map[string]head) {
	t.Helper()
	var list []head
	byID := map[string]head{}
	for _, raw := range e.Objects {
		var h head
		if err := json.Unmarshal(raw, &h); err != nil {
			t.Fatal(err)
		}
		list = append(list, h)
		byID[h.ID] = h
	}
	return list, byID
}

// objectsOf reads a whole envelope from the URL, failing unless it is 200.
func (w *world) objectsOf(t *testing.T, token, url string) envelope {
	t.Helper()
	res := w.get(t, token, url)
	if res.status != http.StatusOK {
		t.Fatalf("GET %s: %d %s", url, res.status, res.body)
	}
	var e envelope
	res.json(t, &e)
	return e
}
