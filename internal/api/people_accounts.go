package api

import (
	"net/http"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/identitysvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// peopleAccountsRoutes are the people's directory accounts.
func (a *API) peopleAccountsRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/orgs/{slug}/people/accounts", Permission: tenancy.ViewPeople, handle: a.peopleAccounts},
	}
}

// peopleAccounts lists one view of an org's people and accounts:
// ?view=linked (each person's accounts, the default), unmatched (enabled
// accounts that match no person), no-account (current people no account
// matches) or leavers (enabled accounts of people who have gone); paged by
// ?limit= and ?cursor=, the answer's next.
func (a *API) peopleAccounts(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	q := r.URL.Query()
	limit, cur, err := limitCursor(q, 1000)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	view := q.Get("view")
	if view == "" {
		view = identitysvc.ViewLinked
	}
	valid := false
	for _, v := range identitysvc.AccountViews {
		valid = valid || v == view
	}
	if !valid {
		a.fail(w, r, fault.Invalid("view", "%q is not a view (linked, unmatched, no-account or leavers)", view))
		return
	}
	page, err := a.identity.AccountsOf(r.Context(), p, org.ID, view, cur, limit)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	answer := map[string]any{"org": org.Slug, "view": view, "today": page.Today}
	if view == identitysvc.ViewNoAccount {
		answer["people"] = nonNil(page.People)
	} else {
		answer["accounts"] = nonNil(page.Accounts)
	}
	if page.Next != nil {
		answer["next"] = page.Next.Encode()
	}
	writeJSON(w, http.StatusOK, answer)
}
