package cli

import (
	"fmt"

	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/service/identitysvc"
)

// peopleAccountsVerb is `ward people accounts`: each person with their
// directory accounts, or what does not match, or the leavers whose
// accounts still work.
var peopleAccountsVerb = verb{name: "accounts", summary: "each person's directory accounts; accounts with no person; leavers with enabled accounts", run: peopleAccounts}

// accountsReport is what the command writes as JSON.
type accountsReport struct {
	Org      string                      `json:"org"`
	Today    string                      `json:"today"`
	View     string                      `json:"view"`
	Accounts []identitysvc.PersonAccount `json:"accounts,omitempty"`
	// With --unmatched, the people no account matches as well.
	People []identitysvc.Person `json:"people_without_accounts,omitempty"`
}

func peopleAccounts(e *env, args []string) error {
	c := e.command("people accounts --org SLUG [--unmatched|--leavers] [--format table|json]").withOrg("the org").withFormat("table", "json")
	unmatched := c.fs.Bool("unmatched", false, "the enabled accounts that match no person, and the current people no account matches")
	leavers := c.fs.Bool("leavers", false, "the people who have left, or whose contract has ended, with accounts still enabled")
	if err := c.parse(args); err != nil {
		return err
	}
	if *unmatched && *leavers {
		return usagef("give --unmatched or --leavers, not both")
	}
	return c.do(func() error {
		view := identitysvc.ViewLinked
		switch {
		case *unmatched:
			view = identitysvc.ViewNoPerson
		case *leavers:
			view = identitysvc.ViewLeavers
		}
		out := accountsReport{Org: c.org.Slug, View: view}
		var err error
		if out.Accounts, out.Today, err = allAccounts(c, view); err != nil {
			return err
		}
		if *unmatched {
			var next *keyset.Cursor
			for {
				page, err := c.svc.Identity.AccountsOf(e.ctx, c.op, c.org.ID, identitysvc.ViewNoAccount, next, 1000)
				if err != nil {
					return err
				}
				out.People = append(out.People, page.People...)
				if next = page.Next; next == nil {
					break
				}
			}
		}
		if c.format == "json" {
			if out.Accounts == nil {
				out.Accounts = []identitysvc.PersonAccount{}
			}
			return list(e.stdout, "json", out, nil, nil)
		}
		return printAccounts(e, out, *unmatched)
	})
}

// allAccounts reads every page of one view.
func allAccounts(c *cmd, view string) ([]identitysvc.PersonAccount, string, error) {
	var all []identitysvc.PersonAccount
	var next *keyset.Cursor
	for {
		page, err := c.svc.Identity.AccountsOf(c.e.ctx, c.op, c.org.ID, view, next, 1000)
		if err != nil {
			return nil, "", err
		}
		all = append(all, page.Accounts...)
		if next = page.Next; next == nil {
			return all, page.Today, nil
		}
	}
}

func printAccounts(e *env, out accountsReport, unmatched bool) error {
	enabled := map[bool]string{true: "enabled", false: "disabled"}
	var rows [][]string
	switch out.View {
	case identitysvc.ViewNoPerson:
		for _, a := range out.Accounts {
			why := "matches no person"
			if a.Ambiguous {
				why = "its address names more than one person: not linked"
			}
			rows = append(rows, []string{a.AccountName, a.Source + " " + a.Directory, a.Address, why})
		}
		fmt.Fprintf(e.stdout, "%d enabled accounts belong to no person\n", len(rows))
		if err := list(e.stdout, "table", nil, []string{"ACCOUNT", "DIRECTORY", "MAIL OR UPN", "WHY"}, rows); err != nil {
			return err
		}
	case identitysvc.ViewLeavers:
		for _, a := range out.Accounts {
			gone := "left " + a.LeftOn
			if a.LeftOn == "" {
				gone = "contract ended " + a.EndOn
			}
			rows = append(rows, []string{a.PersonName, gone, a.AccountName, a.Source + " " + a.Directory})
		}
		fmt.Fprintf(e.stdout, "%d enabled accounts belong to people who have gone\n", len(rows))
		return list(e.stdout, "table", nil, []string{"PERSON", "GONE", "ACCOUNT", "DIRECTORY"}, rows)
	default:
		for _, a := range out.Accounts {
			rows = append(rows, []string{a.PersonName, a.AccountName, a.Source + " " + a.Directory, enabled[a.Enabled], "by " + a.MatchedBy + " " + a.Address})
		}
		return list(e.stdout, "table", nil, []string{"PERSON", "ACCOUNT", "DIRECTORY", "STATE", "MATCHED"}, rows)
	}
	if unmatched {
		rows = nil
		for _, p := range out.People {
			rows = append(rows, []string{p.Name, p.Kind, p.Email, p.UPN})
		}
		fmt.Fprintf(e.stdout, "\n%d current people have no account\n", len(rows))
		return list(e.stdout, "table", nil, []string{"PERSON", "KIND", "E-MAIL", "UPN"}, rows)
	}
	return nil
}
