package web_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// A search from the page and one through the API are each written to the
// audit log as the searcher's, with the query as typed and the count found.
func TestSearchesFromThePageAndTheAPIAreAudited(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		ash := a.tickets["ashcombe"][0]
		_, token := a.token(t, "ashcombe", "officer", time.Hour)
		for _, door := range []struct {
			name, q string
			send    func(q string) response
		}{
			{"page", ash.Ref, func(q string) response { return searchFor(t, a, "it.officer@ashcombe.example", q) }},
			{"API", ash.Ref + " ", func(q string) response {
				return do(t, a.browser(), "GET", a.http.URL+"/api/v1/search?q="+url.QueryEscape(q), nil, bearer(token))
			}},
		} {
			before, err := a.store.AuditEntries(context.Background(), tenancy.ForSystem(tenancy.JobTest), store.AuditQuery{Action: audit.Search})
			if err != nil {
				t.Fatal(err)
			}
			if res := door.send(door.q); res.status != 200 {
				t.Fatalf("%s search: %d", door.name, res.status)
			}
			after, err := a.store.AuditEntries(context.Background(), tenancy.ForSystem(tenancy.JobTest), store.AuditQuery{Action: audit.Search})
			if err != nil {
				t.Fatal(err)
			}
			if len(after) != len(before)+1 {
				t.Fatalf("%s search: %d audit entries, then %d", door.name, len(before), len(after))
			}
			e := after[0]
			if e.OrgID != ash.OrgID || e.Detail["query"] != ash.Ref || e.Detail["found"] != "1" || e.Detail["kinds"] == "" {
				t.Errorf("%s search audited as %+v, want Ashcombe's, the query %q and 1 found", door.name, e, ash.Ref)
			}
		}
	})
}
