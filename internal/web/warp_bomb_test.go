package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/reader/bounded/boundedtest"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// stixBombHead opens a bundle whose one indicator's pattern runs on for as
// long as what follows it.
const stixBombHead = `{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[` +
	`{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",` +
	`"created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z",` +
	`"pattern":"[domain-name:value = '`

// what a refused bomb must leave as it was: the audit log, the tickets and
// the indicators Ashcombe's token sees.
type bombWitness struct{ audit, tickets, indicators int }

func (a *app) bombWitness(t *testing.T, c *http.Client, token map[string]string) bombWitness {
	t.Helper()
	system := tenancy.ForSystem(tenancy.JobTest)
	entries, err := a.store.AuditEntries(context.Background(), system, store.AuditQuery{Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	tickets, _, err := a.store.CountTickets(context.Background(), system, store.TicketFilter{}, 1_000_000)
	if err != nil {
		t.Fatal(err)
	}
	indicators := 0
	for next := ""; ; {
		res := do(t, c, http.MethodGet, a.http.URL+"/api/v1/warp/indicators?limit=1000&cursor="+url.QueryEscape(next), nil, token)
		var list struct {
			Indicators []json.RawMessage
			Next       string
		}
		if err := json.Unmarshal([]byte(res.body), &list); err != nil || res.status != http.StatusOK {
			t.Fatalf("indicators: %d, %v", res.status, err)
		}
		if indicators += len(list.Indicators); list.Next == "" {
			break
		}
		next = list.Next
	}
	return bombWitness{len(entries), tickets, indicators}
}

// Each bomb posted through the JSON API is refused by the bound it passes,
// in a short problem naming the limit, and nothing is written: a gzipped
// feed whose indicator expands to 300 MiB (the compression ratio), the same
// 300 KB value sent plain (STIX's string length), 100,000 "[" as a feed and
// as a ticket (the nesting depth, by JSON path), a 300 KB ticket title (the
// string length) and a gzipped log of blank lines to match (the ratio).
func TestWarpAndJSONAPIRefuseBombs(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		c := a.browser()
		ash := a.warpToken(t, "ashcombe", "member")
		_, officer := a.token(t, "ashcombe", "officer", time.Hour)
		feed := a.http.URL + "/api/v1/warp/import?community=london-warp&tlp=GREEN&filename=bomb.json"
		tickets := a.http.URL + "/api/v1/orgs/ashcombe/tickets"
		match := a.http.URL + "/api/v1/orgs/ashcombe/warp/match?share=none"
		deep := strings.Repeat("[", 100_000)
		before := a.bombWitness(t, c, ash)
		for _, b := range []struct {
			name, url, contentType string
			token                  map[string]string
			body                   []byte
			status                 int
			limit, path            string
		}{
			{"gzipped 300 MiB indicator", feed, "application/gzip", ash, boundedtest.GzipBomb(stixBombHead, 'a', 300<<20), 422, "the compression ratio limit is 100", ""},
			{"300 KB indicator", feed, "application/json", ash, []byte(stixBombHead + strings.Repeat("a", 300<<10) + `']"}]}`), 422,
				"the string length limit is 256 KiB", "$.objects[0].pattern"},
			{"nested feed", feed, "application/json", ash, []byte(deep), 422, "the nesting depth limit is 32 levels", "$" + strings.Repeat("[0]", 31)},
			{"nested ticket", tickets, "application/json", bearer(officer), []byte(`{"title":` + deep), 422, "the nesting depth limit is 32 levels", ""},
			{"300 KB ticket title", tickets, "application/json", bearer(officer), []byte(`{"title":"` + strings.Repeat("t", 300<<10) + `"}`), 422,
				"the string length limit is 256 KiB", ""},
			{"gzipped log of blank lines", match, "application/gzip", ash, boundedtest.GzipBomb("www.evil.example\n", '\n', 64<<20), 422, "the compression ratio limit is 100", ""},
		} {
			res := send(t, c, http.MethodPost, b.url, bytes.NewReader(b.body), b.contentType, b.token)
			if res.status != b.status {
				t.Errorf("%s (%d bytes): %d %.300s", b.name, len(b.body), res.status, res.body)
				continue
			}
			prob := problemOf(t, res)
			if !strings.Contains(prob.Detail, b.limit) || len(res.body) > 1000 {
				t.Errorf("%s: %d-byte answer %.300q; want it short, naming %q", b.name, len(res.body), prob.Detail, b.limit)
			}
			if b.path != "" && !strings.Contains(prob.Detail, b.path) {
				t.Errorf("%s: %q does not name %s", b.name, prob.Detail, b.path)
			}
		}
		// The ticket's bounds are the API's own, named by JSON path.
		res := doJSON(t, c, http.MethodPost, tickets, `{"title":`+deep, bearer(officer))
		if prob := problemOf(t, res); len(prob.Errors) != 1 || prob.Errors[0].Field != "$.title"+strings.Repeat("[0]", 31) {
			t.Errorf("a nested ticket names %+v", prob.Errors)
		}
		if after := a.bombWitness(t, c, ash); after != before {
			t.Errorf("refused bombs changed the audit log, tickets and indicators from %+v to %+v", before, after)
		}
	})
}

// A gzip bomb uploaded as a feed on the import page comes back as the
// form with the GOV.UK error summary naming the limit against the file
// field, and nothing is loaded or audited.
func TestFeedPageRefusesGzipBomb(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		member := a.signedIn(t, "warp@ashcombe.example")
		token := a.warpToken(t, "ashcombe", "member")
		before := a.bombWitness(t, a.browser(), token)
		body, ct := feedUpload("bomb.json.gz", string(boundedtest.GzipBomb(stixBombHead, 'a', 300<<20)))
		res := send(t, member, http.MethodPost, a.http.URL+"/warp/import", body, ct, nil)
		summary := between(res.body, `govuk-error-summary`, `</ul>`)
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, `<a href="#file">The file was refused and nothing was loaded`) ||
			!strings.Contains(summary, "the compression ratio limit is 100") {
			t.Fatalf("a gzip bomb feed: %d %s", res.status, summary)
		}
		if after := a.bombWitness(t, a.browser(), token); after != before {
			t.Errorf("a refused feed changed the audit log, tickets and indicators from %+v to %+v", before, after)
		}
	})
}
