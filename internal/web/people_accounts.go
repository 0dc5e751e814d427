package web

import (
	"net/http"
	"net/url"

	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/identitysvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// peopleAccountsPerPage is how many rows a view of the accounts page shows.
const peopleAccountsPerPage = 100

type accountsTab struct {
	View, Label, URL string
	Current          bool
}

type peopleAccountsData struct {
	Org              accountsvc.Org
	View, Today      string
	Tabs             []accountsTab
	Accounts         []accountRow
	People           []unlinkedPersonRow
	PrevURL, NextURL string
}

// accountRow is one account of a view; FindingURL, set when the reader may
// see findings, is the finding the row stands for.
type accountRow struct {
	identitysvc.PersonAccount
	Gone       string // leavers: "left 2026-10-30" or "contract ended 2026-11-01"
	FindingURL string
}

type unlinkedPersonRow struct {
	identitysvc.Person
	FindingURL string
}

var accountsTabLabels = map[string]string{
	identitysvc.ViewLinked:    "Linked accounts",
	identitysvc.ViewNoPerson:  "Accounts with no person",
	identitysvc.ViewNoAccount: "People with no account",
	identitysvc.ViewLeavers:   "Leavers with enabled accounts",
}

// peopleAccounts shows an org's people beside their directory accounts,
// one view at a time: the linked accounts, the enabled accounts that match
// nobody (or two people, which ward does not guess between), the current
// people no account matches, and the leavers whose accounts still work.
func (s *Server) peopleAccounts(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	q := r.URL.Query()
	view := q.Get("view")
	if accountsTabLabels[view] == "" {
		view = identitysvc.ViewLinked
	}
	cur := pageCursor(q)
	pg, err := s.identity.AccountsOf(r.Context(), rs.principal, org.ID, view, cur, peopleAccountsPerPage)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	d := peopleAccountsDataOf(org, pg, rs.principal.Can(tenancy.ViewPosture))
	s.render(w, r, rs, http.StatusOK, "people_accounts", page{Data: d})
}

// peopleAccountsDataOf lays out a page of one view; findings says whether
// the reader may follow links to the findings.
func peopleAccountsDataOf(org accountsvc.Org, pg identitysvc.AccountsPage, findings bool) peopleAccountsData {
	view := pg.View
	base := "/people/" + org.Slug + "/accounts"
	d := peopleAccountsData{Org: org, View: view, Today: pg.Today}
	control := map[string]string{identitysvc.ViewNoPerson: identity.CheckAccountNoPerson, identitysvc.ViewLeavers: identity.CheckLeaver}[view]
	for _, a := range pg.Accounts {
		row := accountRow{PersonAccount: a, Gone: "left " + a.LeftOn}
		if a.LeftOn == "" {
			row.Gone = "contract ended " + a.EndOn
		}
		if findings && control != "" && !a.Ambiguous {
			row.FindingURL = accountFindingURL(org.Slug, control, a.ObjectID)
		}
		d.Accounts = append(d.Accounts, row)
	}
	for _, p := range pg.People {
		row := unlinkedPersonRow{Person: p}
		if findings {
			row.FindingURL = accountFindingURL(org.Slug, identity.CheckPersonNoAccount, identity.PersonKey(p.ID))
		}
		d.People = append(d.People, row)
	}
	for _, v := range identitysvc.AccountViews {
		d.Tabs = append(d.Tabs, accountsTab{View: v, Label: accountsTabLabels[v], URL: base + "?view=" + v, Current: v == view})
	}
	d.PrevURL, d.NextURL = cursorLinks(base, url.Values{"view": {view}}, pg.Prev, pg.Next)
	return d
}

// accountFindingURL is the findings list narrowed to one control on one subject.
func accountFindingURL(slug, control, subject string) string {
	return "/findings?" + url.Values{"org": {slug}, "control": {control}, "subject": {subject}}.Encode()
}
