package cli

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/authsvc"
)

func runToken(e *env, args []string) error {
	return subcommand(e, "token", args, []verb{
		{"create", "make an API token for an org and role", tokenCreate},
		{"list", "list the API tokens", tokenList},
		{"revoke", "stop a token working", tokenRevoke},
	})
}

// parseLifetime reads "90d", "12h" or "2w".
func parseLifetime(s string) (time.Duration, error) {
	if n, ok := strings.CutSuffix(s, "d"); ok {
		d, err := strconv.Atoi(n)
		return time.Duration(d) * 24 * time.Hour, err
	}
	if n, ok := strings.CutSuffix(s, "w"); ok {
		d, err := strconv.Atoi(n)
		return time.Duration(d) * 7 * 24 * time.Hour, err
	}
	return time.ParseDuration(s)
}

func tokenCreate(e *env, args []string) error {
	var role string
	c := e.command("token create --org SLUG --role ROLE --name NAME [--expires 90d]").withOrg("slug of the org the token acts for").withRequired("role", "name").
		withChoice(&role, "role", "", "the role the token acts as", roles)
	name := c.fs.String("name", "", "what uses the token, e.g. 'nightly posture import'")
	expires := c.fs.String("expires", "90d", "lifetime: e.g. 30d, 12h, 8w (at most two years)")
	if err := c.parse(args); err != nil {
		return err
	}
	life, err := parseLifetime(*expires)
	if err != nil {
		return usagef("--expires %q: give a lifetime like 30d, 12h or 8w", *expires)
	}
	return c.do(func() error {
		t, token, err := c.svc.Auth.CreateToken(e.ctx, c.op, authsvc.NewToken{Org: c.org.Slug, Role: role, Name: *name, Expires: life})
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "token %d for %s as %s, expires %s:\n%s\n(shown once; it is stored only as a hash)\n",
			t.ID, c.org.Slug, t.Role, t.ExpiresAt.Format("2006-01-02 15:04 MST"), token)
		return nil
	})
}

func tokenList(e *env, args []string) error {
	c := e.command("token list [--format json]").withFormat("table", "json")
	return c.run(args, func() error {
		tokens, err := c.svc.Accounts.Tokens(e.ctx, c.op)
		return listing(c, tokens, err, []string{"ID", "TOKEN", "NAME", "ORG ID", "ROLE", "EXPIRES", "STATUS"}, func(t accountsvc.APIToken) []string {
			return []string{strconv.FormatInt(t.ID, 10), t.Prefix + "…", t.Name, strconv.FormatInt(t.OrgID, 10), string(t.Role), t.ExpiresAt.Format("2006-01-02"),
				c.svc.Accounts.TokenStatus(t)}
		})
	})
}

func tokenRevoke(e *env, args []string) error {
	c := e.command("token revoke ID").withArgs(1)
	if err := c.parse(args); err != nil {
		return err
	}
	id, err := strconv.ParseInt(c.pos[0], 10, 64)
	if err != nil {
		return usagef("token revoke: %q is not a token id (see 'ward token list')", c.pos[0])
	}
	c.looksFor("token", c.pos[0]).sought.hint = "ward token list"
	return c.do(func() error {
		t, err := c.svc.Auth.RevokeToken(e.ctx, c.op, id)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "revoked token %d (%s…, %s)\n", t.ID, t.Prefix, t.Name)
		return nil
	})
}
