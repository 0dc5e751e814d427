package cli

import (
	"strings"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// runSearch is `ward search [--org SLUG] [--format table|json] QUERY`: the
// search box at the command line, over one org's records when --org names
// one, or every org's.
func runSearch(e *env, args []string) error {
	c := e.command("search [--org SLUG] [--format table|json] QUERY").
		withOptionalOrg("search only this org's records").withFormat("table", "json").withArgs(-1)
	if err := c.parse(args); err != nil {
		return err
	}
	if len(c.pos) == 0 {
		return c.usageError()
	}
	return c.do(func() error {
		p := c.op
		if c.org.ID != 0 {
			p.Scope = tenancy.ScopeOf(c.org.ID)
		}
		res, err := c.svc.Search.Search(e.ctx, p, strings.Join(c.pos, " "))
		if err != nil {
			return err
		}
		if c.format == "json" {
			return list(e.stdout, "json", res, nil, nil)
		}
		var rows [][]string
		for _, g := range res.Groups {
			for _, h := range g.Hits {
				exact := ""
				if h.Exact {
					exact = "exact"
				}
				rows = append(rows, []string{g.Kind, h.Title, h.Org, h.Path, exact})
			}
		}
		return list(e.stdout, "table", nil, []string{"KIND", "FOUND", "ORG", "PAGE", "MATCH"}, rows)
	})
}
