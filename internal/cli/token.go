package cli

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/accounts"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

func runToken(e *env, args []string) error {
	return subcommand(e, "token", args, []verb{{"create", tokenCreate}, {"list", tokenList}, {"revoke", tokenRevoke}})
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
	const usage = "token create --org SLUG --role ROLE --name NAME [--expires 90d]"
	fs := e.newFlags("token create", usage)
	orgSlug := fs.String("org", "", "slug of the org the token acts for")
	role := fs.String("role", "", "the role the token acts as")
	name := fs.String("name", "", "what uses the token, e.g. 'nightly posture import'")
	expires := fs.String("expires", "90d", "lifetime: e.g. 30d, 12h, 8w (at most two years)")
	if _, err := parseCommand(fs, args, usage, 0, "org", "role", "name"); err != nil {
		return err
	}
	life, err := parseLifetime(*expires)
	if err != nil {
		return usagef("--expires %q: give a lifetime like 30d, 12h or 8w", *expires)
	}
	s, err := e.open()
	if err != nil {
		return err
	}
	defer s.Close()
	org, err := s.OrgBySlug(e.ctx, tenancy.ForSystem(tenancy.JobOperator), *orgSlug)
	if err != nil {
		return fmt.Errorf("--org %s: no such organisation", *orgSlug)
	}
	t, token, err := accountsFor(s).CreateToken(e.ctx, operator(), accounts.NewToken{Org: org, Role: *role, Name: *name, Expires: life})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "token %d for %s as %s, expires %s:\n%s\n(shown once; it is stored only as a hash)\n",
		t.ID, org.Slug, t.Role, t.ExpiresAt.Format("2006-01-02 15:04 MST"), token)
	return nil
}

func tokenList(e *env, args []string) error {
	fs := e.newFlags("token list", "token list [--format json]")
	format := formatFlag(fs)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	s, err := e.open()
	if err != nil {
		return err
	}
	defer s.Close()
	tokens, err := s.APITokens(e.ctx, tenancy.ForSystem(tenancy.JobOperator))
	if err != nil {
		return err
	}
	if tokens == nil {
		tokens = []store.APIToken{}
	}
	now := s.Now()
	rows := make([][]string, len(tokens))
	for i, t := range tokens {
		status := "active"
		if t.RevokedAt != nil {
			status = "revoked"
		} else if !t.Active(now) {
			status = "expired"
		}
		rows[i] = []string{strconv.FormatInt(t.ID, 10), t.Prefix + "…", t.Name, strconv.FormatInt(t.OrgID, 10), string(t.Role), t.ExpiresAt.Format("2006-01-02"), status}
	}
	return list(e.stdout, *format, tokens, []string{"ID", "TOKEN", "NAME", "ORG ID", "ROLE", "EXPIRES", "STATUS"}, rows)
}

func tokenRevoke(e *env, args []string) error {
	const usage = "token revoke ID"
	fs := e.newFlags("token revoke", usage)
	pos, err := parseCommand(fs, args, usage, 1)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil {
		return usagef("token revoke: %q is not a token id (see 'ward token list')", pos[0])
	}
	s, err := e.open()
	if err != nil {
		return err
	}
	defer s.Close()
	t, err := accountsFor(s).RevokeToken(e.ctx, operator(), id)
	if err != nil {
		return fmt.Errorf("revoke token %d: %w", id, err)
	}
	fmt.Fprintf(e.stdout, "revoked token %d (%s…, %s)\n", t.ID, t.Prefix, t.Name)
	return nil
}
