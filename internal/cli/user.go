package cli

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/ward-shared-service/ward/internal/accounts"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

func accountsFor(s *store.Store) *accounts.Service { return accounts.New(s) }

func runUser(e *env, args []string) error {
	change := func(name string) verb {
		return verb{name, func(e *env, args []string) error { return userChange(e, name, args) }}
	}
	grant := func(name string) verb {
		return verb{name, func(e *env, args []string) error { return userGrant(e, name, args) }}
	}
	return subcommand(e, "user", args, []verb{{"add", userAdd}, {"list", userList},
		change("disable"), change("enable"), change("reset-2fa"), change("reset-password"), grant("grant"), grant("ungrant")})
}

func userAdd(e *env, args []string) error {
	const usage = "user add EMAIL --org SLUG --name NAME --role ROLE [--grant SLUG,SLUG] [--password-stdin]"
	fs := e.newFlags("user add", usage)
	orgSlug := fs.String("org", "", "slug of the org the user belongs to")
	name := fs.String("name", "", "the person's name")
	role := fs.String("role", "", "admin, agent, analyst, officer, member or committee")
	grant := fs.String("grant", "", "comma-separated slugs of further orgs (agents, analysts, committee)")
	fromStdin := fs.Bool("password-stdin", false, "read the password from standard input instead of generating one")
	pos, err := parseCommand(fs, args, usage, 1, "org", "name", "role")
	if err != nil {
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
	s, err := e.open()
	if err != nil {
		return err
	}
	defer s.Close()
	org, err := s.OrgBySlug(e.ctx, tenancy.ForSystem(tenancy.JobOperator), *orgSlug)
	if err != nil {
		return fmt.Errorf("--org %s: no such organisation (see 'ward org list')", *orgSlug)
	}
	var grants []store.Org
	for _, slug := range splitList(*grant) {
		g, err := s.OrgBySlug(e.ctx, tenancy.ForSystem(tenancy.JobOperator), slug)
		if err != nil {
			return fmt.Errorf("--grant %s: no such organisation", slug)
		}
		grants = append(grants, g)
	}
	u, pw, err := accountsFor(s).CreateUser(e.ctx, operator(), accounts.NewUser{Org: org, Email: pos[0], Name: *name, Role: *role, Password: password, Grants: grants})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "added %s (%s) to %s\n", u.Email, u.Role.Label(), org.Slug)
	if !*fromStdin {
		fmt.Fprintf(e.stdout, "password: %s\n(shown once: hand it over securely; it is stored only as a hash)\n", pw)
	}
	if u.Role.RequiresTOTP() {
		fmt.Fprintln(e.stdout, "they will set up two-factor sign-in at their first sign-in")
	}
	return nil
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
	fs := e.newFlags("user list", "user list [--org SLUG] [--format json]")
	orgSlug := fs.String("org", "", "only users of this org")
	format := formatFlag(fs)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	s, err := e.open()
	if err != nil {
		return err
	}
	defer s.Close()
	scope := tenancy.ForSystem(tenancy.JobOperator)
	if *orgSlug != "" {
		org, err := s.OrgBySlug(e.ctx, scope, *orgSlug)
		if err != nil {
			return fmt.Errorf("--org %s: no such organisation", *orgSlug)
		}
		scope = scope.Narrow(org.ID)
	}
	users, err := s.Users(e.ctx, scope)
	if err != nil {
		return err
	}
	orgs, err := s.Orgs(e.ctx, tenancy.ForSystem(tenancy.JobOperator))
	if err != nil {
		return err
	}
	slugs := map[int64]string{}
	for _, o := range orgs {
		slugs[o.ID] = o.Slug
	}
	if users == nil {
		users = []store.User{}
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
	return list(e.stdout, *format, users, []string{"EMAIL", "NAME", "ORG", "ROLE", "2FA", "STATUS"}, rows)
}

func userChange(e *env, verb string, args []string) error {
	usage := "user " + verb + " EMAIL"
	fs := e.newFlags("user "+verb, usage)
	pos, err := parseCommand(fs, args, usage, 1)
	if err != nil {
		return err
	}
	s, u, err := e.openForUser(pos[0])
	if err != nil {
		return err
	}
	defer s.Close()
	svc, op := accountsFor(s), operator()
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
	usage := "user " + verb + " EMAIL --org SLUG"
	fs := e.newFlags("user "+verb, usage)
	orgSlug := fs.String("org", "", "slug of the org to "+verb)
	pos, err := parseCommand(fs, args, usage, 1, "org")
	if err != nil {
		return err
	}
	s, u, err := e.openForUser(pos[0])
	if err != nil {
		return err
	}
	defer s.Close()
	org, err := s.OrgBySlug(e.ctx, tenancy.ForSystem(tenancy.JobOperator), *orgSlug)
	if err != nil {
		return fmt.Errorf("--org %s: no such organisation", *orgSlug)
	}
	svc := accountsFor(s)
	if verb == "grant" {
		if _, err := svc.Grant(e.ctx, operator(), u.ID, org); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s now also sees %s\n", u.Email, org.Slug)
		return nil
	}
	if _, err := svc.Ungrant(e.ctx, operator(), u.ID, org); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s no longer sees %s\n", u.Email, org.Slug)
	return nil
}

// openForUser opens the store and finds the user a command names by email.
func (e *env) openForUser(email string) (*store.Store, store.User, error) {
	s, err := e.open()
	if err != nil {
		return nil, store.User{}, err
	}
	u, err := s.UserByEmail(e.ctx, tenancy.ForSystem(tenancy.JobOperator), email)
	if err != nil {
		s.Close()
		return nil, store.User{}, fmt.Errorf("no user with email %s", email)
	}
	return s, u, nil
}
