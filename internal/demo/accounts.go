package demo

import (
	"context"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/service/identitysvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// unownedAccounts is how many enabled accounts per council the demo leaves
// without a person, for the account-no-person check.
const unownedAccounts = 4

// seedAccounts gives the directory accounts that no demo person owns yet
// an owner, as an HR system would know them, all but a few: those stay
// unowned; two of the new owners are contractors whose contracts ended
// last week and three weeks ago, with their accounts still enabled. The
// desk's callers, whose addresses no account has, are the people with no
// account. Then the accounts and their findings are brought up to date.
func seedAccounts(ctx context.Context, st *store.Store, svc *identitysvc.Service, ids map[string]int64, actor string) error {
	p := tenancy.Operator(actor)
	today := st.Now().Format(time.DateOnly)
	for _, slug := range []string{"ashcombe", "brentmere", "calderwick"} {
		orgID := ids[slug]
		unowned, err := st.PersonAccounts(ctx, everyOrg, orgID, store.AccountsNoPerson, today, nil, 1<<20)
		if err != nil {
			return err
		}
		ended := 0
		for i, a := range unowned {
			if i < unownedAccounts || a.Ambiguous {
				continue
			}
			person := store.Person{OrgID: orgID, Name: nameOf(a.Address), Email: strings.ToLower(a.Address), Kind: "staff", StartOn: "2019-04-01"}
			if i%25 == 0 {
				person.Kind, person.EndOn = "contractor", st.Now().AddDate(0, 6, 0).Format(time.DateOnly)
				if ended < 2 {
					person.EndOn = st.Now().AddDate(0, 0, -7-14*ended).Format(time.DateOnly)
					ended++
				}
			}
			if _, err := st.CreatePerson(ctx, everyOrg, person); err != nil {
				return err
			}
		}
		if _, err := svc.RefreshPeople(ctx, p, orgID); err != nil {
			return err
		}
	}
	return nil
}

// nameOf makes a display name of an address's local part: "jo.bloggs12"
// becomes "Jo Bloggs" (the generator numbers its addresses to keep them
// unique; HR does not number people).
func nameOf(address string) string {
	local, _, _ := strings.Cut(address, "@")
	local = strings.TrimRight(local, "0123456789")
	words := strings.FieldsFunc(local, func(r rune) bool { return r == '.' || r == '_' || r == '-' })
	for i, w := range words {
		if w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}
