package web_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/identitysvc"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// A council's officer reads its people beside their accounts, on the page
// and through the API, a page at a time, and never another council's.
func TestPeopleAccountsPageAndAPI(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		ctx := context.Background()
		sys := tenancy.ForSystem(tenancy.JobTest)
		seeds := seedIdentity(t, a.store)
		ash, err := a.store.OrgBySlug(ctx, sys, "ashcombe")
		if err != nil {
			t.Fatal(err)
		}
		// The probe directory's accounts have no mail: they match by their
		// sign-in names. Jo has left; Kim is current; Hal has no account.
		domain := seeds["ashcombe"].domain
		for _, p := range []store.Person{
			{Name: "Jo Leaver", Email: "jo.leaver@ashcombe.gov.uk", UPN: "ASHCOMBE-PROBE-JO@" + domain, LeftOn: "2026-01-05"},
			{Name: "Kim Current", Email: "kim@ashcombe.gov.uk", UPN: "ashcombe-probe-kim@" + strings.ToLower(domain)},
			{Name: "Hal Nobody", Email: "hal@ashcombe.gov.uk"},
		} {
			p.OrgID = ash.ID
			if _, err := a.store.CreatePerson(ctx, sys, p); err != nil {
				t.Fatal(err)
			}
		}
		svc := identitysvc.New(a.store, posturesvc.New(a.store, desksvc.New(a.store)))
		if _, err := svc.RefreshPeople(ctx, tenancy.Operator("cli:test"), ash.ID); err != nil {
			t.Fatal(err)
		}

		c := a.browser()
		_, officer := a.token(t, "ashcombe", "officer", time.Hour)
		base := a.http.URL + "/api/v1/orgs/ashcombe/people/accounts"
		res := do(t, c, "GET", base+"?view=leavers", nil, bearer(officer))
		leavers := decodeAs[struct {
			Accounts []struct {
				PersonName  string `json:"person_name"`
				AccountName string `json:"account_name"`
				MatchedBy   string `json:"matched_by"`
			}
		}](t, res)
		var jo, kim bool
		for _, l := range leavers.Accounts {
			jo = jo || l.PersonName == "Jo Leaver" && l.MatchedBy == "upn"
			kim = kim || l.PersonName == "Kim Current"
		}
		if res.status != 200 || !jo || kim {
			t.Fatalf("leavers (Jo, by her sign-in name, and not Kim): %d %s", res.status, res.body)
		}
		// One linked account a page: each page names the next.
		type linkedPage struct {
			Accounts []struct {
				PersonName string `json:"person_name"`
			}
			Next string
		}
		res = do(t, c, "GET", base+"?limit=1", nil, bearer(officer))
		first := decodeAs[linkedPage](t, res)
		if len(first.Accounts) != 1 || first.Next == "" {
			t.Fatalf("first page of one: %s", res.body)
		}
		res = do(t, c, "GET", base+"?limit=1&cursor="+url.QueryEscape(first.Next), nil, bearer(officer))
		second := decodeAs[linkedPage](t, res)
		if len(second.Accounts) != 1 || second.Accounts[0].PersonName == first.Accounts[0].PersonName {
			t.Errorf("second page: %s after %+v", res.body, first)
		}
		res = do(t, c, "GET", base+"?view=no-account", nil, bearer(officer))
		if res.status != 200 || !strings.Contains(res.body, `"Hal Nobody"`) || strings.Contains(res.body, "Kim Current") {
			t.Errorf("people with no account: %d %s", res.status, res.body)
		}
		if res := do(t, c, "GET", base+"?view=everyone", nil, bearer(officer)); res.status != 422 || !strings.Contains(res.body, `"field":"view"`) {
			t.Errorf("an unknown view: %d %s", res.status, res.body)
		}
		if res := do(t, c, "GET", a.http.URL+"/api/v1/orgs/brentmere/people/accounts", nil, bearer(officer)); res.status != 404 {
			t.Errorf("another council's accounts: %d %s", res.status, res.body)
		}

		page := do(t, a.signedIn(t, "it.officer@ashcombe.example"), "GET", a.http.URL+"/people/ashcombe/accounts?view=leavers", nil, nil)
		if page.status != 200 || !strings.Contains(page.body, "Jo Leaver") || !strings.Contains(page.body, "left 2026-01-05") ||
			!strings.Contains(page.body, "control=leaver-account-enabled") {
			t.Errorf("the leavers page: %d %s", page.status, page.body)
		}
	})
}
