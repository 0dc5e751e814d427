package web

import (
	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/service/identitysvc"
	"github.com/ward-shared-service/ward/internal/store"
)

// peopleAccountsPageCases are the views of the people and accounts page,
// rendered as TestPagesRender renders every page.
func peopleAccountsPageCases(signedIn func(page) page, north store.Org) []pageCase {
	org := north
	jo := identitysvc.PersonAccount{ID: 7, PersonID: 3, Source: "ad", Directory: "NORTH.LOCAL", ObjectID: "S-1-5-21-1-1003",
		AccountName: "JO@NORTH.LOCAL", Address: "jo@north.gov.uk", Enabled: true, MatchedBy: "email", PersonName: "Jo Leaver", LeftOn: "2026-10-30"}
	sam := jo
	sam.ID, sam.PersonID, sam.AccountName, sam.ObjectID, sam.PersonName, sam.LeftOn, sam.EndOn = 8, 4, "SAM@NORTH.LOCAL", "S-1-5-21-1-1004", "Sam Agency", "", "2026-11-01"
	shared := identitysvc.PersonAccount{ID: 9, Source: "entra", Directory: "north.gov.uk", ObjectID: "0b1c", AccountName: "TEAM@NORTH.GOV.UK",
		Address: "team@north.gov.uk", Enabled: true, Ambiguous: true}
	lone := shared
	lone.ID, lone.ObjectID, lone.AccountName, lone.Address, lone.Ambiguous = 10, "0b1d", "SVC-SCAN@NORTH.GOV.UK", "svc-scan@north.gov.uk", false
	next := &keyset.Cursor{Rank: 4, ID: 8}
	linked := peopleAccountsDataOf(org, identitysvc.AccountsPage{View: identitysvc.ViewLinked, Accounts: []identitysvc.PersonAccount{jo, sam}, Next: next}, false)
	leavers := peopleAccountsDataOf(org, identitysvc.AccountsPage{View: identitysvc.ViewLeavers, Accounts: []identitysvc.PersonAccount{jo, sam}}, true)
	unmatched := peopleAccountsDataOf(org, identitysvc.AccountsPage{View: identitysvc.ViewNoPerson, Accounts: []identitysvc.PersonAccount{shared, lone}}, true)
	noAccount := peopleAccountsDataOf(org, identitysvc.AccountsPage{View: identitysvc.ViewNoAccount,
		People: []identitysvc.Person{{ID: 12, Name: "Hal Nobody", Kind: "staff", Email: "hal@north.gov.uk"}}}, true)
	empty := peopleAccountsDataOf(org, identitysvc.AccountsPage{View: identitysvc.ViewLeavers}, true)
	return []pageCase{
		{name: "people_accounts", label: "linked", pg: signedIn(page{Data: linked}),
			want: []string{"Jo Leaver", "JO@NORTH.LOCAL", "e-mail address jo@north.gov.uk", `<strong aria-current="page">Linked accounts</strong>`,
				`href="/people/north-shire/accounts?view=leavers"`, "cursor=" + next.Encode()},
			wantNot: []string{"/findings?"}, ids: []string{"linked", "views"}},
		{name: "people_accounts", label: "leavers link to their findings", pg: signedIn(page{Data: leavers}),
			want: []string{"left 2026-10-30", "contract ended 2026-11-01",
				`href="/findings?control=leaver-account-enabled&amp;org=north-shire&amp;subject=S-1-5-21-1-1003"`}, ids: []string{"leavers"}},
		{name: "people_accounts", label: "accounts with no person", pg: signedIn(page{Data: unmatched}),
			want: []string{"Its address names more than one person, so it is linked to none", "SVC-SCAN@NORTH.GOV.UK",
				`href="/findings?control=account-no-person&amp;org=north-shire&amp;subject=0b1d"`},
			wantNot: []string{"subject=0b1c"}, ids: []string{"unmatched"}},
		{name: "people_accounts", label: "people with no account", pg: signedIn(page{Data: noAccount}),
			want: []string{"Hal Nobody", `subject=person%3A12`}, ids: []string{"no-account"}},
		{name: "people_accounts", label: "no leavers", pg: signedIn(page{Data: empty}),
			want: []string{"No one who has gone has an enabled account."}},
	}
}
