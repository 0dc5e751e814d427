package cli

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/ward-shared-service/ward/internal/service/accountsvc"
)

func runUser(e *env, args []string) error {
	change := func(name, summary string) verb {
		return verb{name, summary, func(e *env, args []string) error { return userChange(e, name, args) }}
	}
	grant := func(name, summary string) verb {
		return verb{name, summary, func(e *env, args []string) error { return userGrant(e, name, args) }}
	}
	return subcommand(e, "user", args, []verb{
		{"add", "add a user to an org with a role", userAdd},
		{"list", "list users, of one org or all", userList},
		change("disable", "stop a user signing in and end their sessions"),
		change("enable", "let a disabled user sign in again"),
		change("reset-2fa", "remove a user's two-factor sign-in, to set up again"),
		change("reset-password", "give a user a new password"),
		grant("grant", "let a user also see another org"),
		grant("ungrant", "take back another org from a user"),
	})
}

func userAdd(e *env, args []string) error {
	var role string
	c := e.command("user add EMAIL --org SLUG --name NAME --role ROLE [--grant SLUG,SLUG] [--password-stdin]").
		withOrg("slug of the org the user belongs to").withRequired("name", "role").withArgs(1).
		withChoice(&role, "role", "", "what the user may do", roles)
	name := c.fs.String("name", "", "the person's name")
	grant := c.fs.String("grant", "", "comma-separated slugs of further orgs (agents, analysts, committee)")
	fromStdin := c.fs.Bool("password-stdin", false, "read the password from standard input instead of generating one")
	if err := c.parse(args); err != nil {
		return err
	}
	password := ""
	if *fromStdin {
		line, err := bufio.NewReader(e.stdin).ReadString('\n')
		if err != nil && line == "" {
			return fmt.Errorf("read password from standard input: %w", err)
		}
		password = strings.TrimRight(line, "\r\n")
	}
	return c.do(func() error {
		var grants []accountsvc.Org
		for _, slug := range splitList(*grant) {
			g, err := c.orgNamed("--grant", slug)
			if err != nil {
				return err
			}
			grants = append(grants, g)
		}
		u, pw, err := c.svc.Accounts.CreateUser(e.ctx, c.op, accountsvc.NewUser{Org: c.org, Email: c.pos[0], Name: *name, Role: role, Password: password, Grants: grants})
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "added %s (%s) to %s\n", u.Email, u.Role.Label(), c.org.Slug)
		if !*fromStdin {
			fmt.Fprintf(e.stdout, "password: %s\n(shown once: hand it over securely; it is stored only as a hash)\n", pw)
		}
		if u.Role.RequiresTOTP() {
			fmt.Fprintln(e.stdout, "they will set up two-factor sign-in at their first sign-in")
		}
		return nil
	})
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func userList(e *env, args []string) error {
	c := e.command("user list [--org SLUG] [--format json]").withOptionalOrg("only users of this org").withFormat("table", "json")
	return c.run(args, func() error {
		users, err := c.svc.Accounts.Users(e.ctx, c.op, c.org.ID)
		if err != nil {
			return err
		}
		orgs, err := c.svc.Accounts.Orgs(e.ctx, c.op)
		if err != nil {
			return err
		}
		slugs := map[int64]string{}
		for _, o := range orgs {
			slugs[o.ID] = o.Slug
		}
		if users == nil {
			users = []accountsvc.User{}
		}
		rows := make([][]string, len(users))
		for i, u := range users {
			status := "active"
			if u.Disabled {
				status = "disabled"
			}
			twoFA := "off"
			if u.TOTPEnabled {
				twoFA = "on"
			}
			rows[i] = []string{u.Email, u.Name, slugs[u.OrgID], string(u.Role), twoFA, status}
		}
		return list(e.stdout, c.format, users, []string{"EMAIL", "NAME", "ORG", "ROLE", "2FA", "STATUS"}, rows)
	})
}

func userChange(e *env, verb string, args []string) error {
	c := e.command("user " + verb + " EMAIL").withArgs(1)
	return c.run(args, func() error {
		u, err := c.user(c.pos[0])
		if err != nil {
			return err
		}
		return changeUser(c, verb, u)
	})
}

func changeUser(c *cmd, verb string, u accountsvc.User) (err error) {
	e, svc, op := c.e, c.svc.Accounts, c.op
	switch verb {
	case "disable":
		_, err = svc.SetDisabled(e.ctx, op, u.ID, true)
		if err == nil {
			fmt.Fprintf(e.stdout, "disabled %s and ended their sessions\n", u.Email)
		}
	case "enable":
		_, err = svc.SetDisabled(e.ctx, op, u.ID, false)
		if err == nil {
			fmt.Fprintf(e.stdout, "enabled %s\n", u.Email)
		}
	case "reset-2fa":
		_, err = svc.ResetTwoFactor(e.ctx, op, u.ID)
		if err == nil {
			fmt.Fprintf(e.stdout, "removed %s's two-factor sign-in; they will set it up again at their next sign-in\n", u.Email)
		}
	case "reset-password":
		var pw string
		_, pw, err = svc.ResetPassword(e.ctx, op, u.ID)
		if err == nil {
			fmt.Fprintf(e.stdout, "new password for %s: %s\n(shown once; their sessions have ended)\n", u.Email, pw)
		}
	}
	return err
}

// userGrant gives or takes back an org beyond a user's own.
func userGrant(e *env, verb string, args []string) error {
	c := e.command("user " + verb + " EMAIL --org SLUG").withOrg("slug of the org to " + verb).withArgs(1)
	return c.run(args, func() error {
		u, err := c.user(c.pos[0])
		if err != nil {
			return err
		}
		svc := c.svc.Accounts
		if verb == "grant" {
			if _, err := svc.Grant(e.ctx, c.op, u.ID, c.org); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "%s now also sees %s\n", u.Email, c.org.Slug)
			return nil
		}
		if _, err := svc.Ungrant(e.ctx, c.op, u.ID, c.org); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s no longer sees %s\n", u.Email, c.org.Slug)
		return nil
	})
}

// user finds the user a command names by e-mail address.
func (c *cmd) user(email string) (accountsvc.User, error) {
	u, err := c.svc.Accounts.UserByEmail(c.e.ctx, c.op, email)
	return u, named(err, lookup{what: "user", key: email, hint: "ward user list"})
}
