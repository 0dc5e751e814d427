package cli

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/caf"
	"github.com/ward-shared-service/ward/internal/service/cafsvc"
)

func runCAF(e *env, args []string) error {
	return subcommand(e, "caf", args, []verb{
		{"import", "import a CAF framework version from a WebCAF YAML file", cafImport},
		{"frameworks", "the imported framework versions, with their outcomes and IGP statements", cafFrameworks},
		{"show", "one framework version: objectives, principles, outcomes, statements and profiles", cafShow},
	})
}

func cafImport(e *env, args []string) error {
	c := e.command("caf import [--version V] [--format table|json] FILE.yaml").withFormat("table", "json").withArgs(1)
	version := c.fs.String("version", "", "the framework's version; by default the file's name gives it (…-v4.0.yaml)")
	return c.run(args, func() error {
		f, err := os.Open(c.pos[0])
		if err != nil {
			return err
		}
		defer f.Close()
		got, err := c.svc.CAF.Import(e.ctx, c.op, cafsvc.Import{File: c.pos[0], Data: f, Version: *version})
		return answer(c, cafsvc.Summarise(got), err, func(s cafsvc.Summary) error {
			fmt.Fprintf(e.stdout, "imported %s from %s: %d outcomes, %d IGP statements, profiles %s\n",
				s.Name, s.SourceFile, s.Outcomes, s.Statements, orNone(s.Profiles))
			return nil
		})
	})
}

func orNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

func cafFrameworks(e *env, args []string) error {
	c := e.command("caf frameworks [--format table|json]").withFormat("table", "json")
	return c.run(args, func() error {
		fs, err := c.svc.CAF.Frameworks(e.ctx, c.op)
		return listing(c, cafsvc.List(fs), err, []string{"VERSION", "OUTCOMES", "STATEMENTS", "PROFILES", "FILE", "IMPORTED", "BY"},
			func(l cafsvc.Listed) []string {
				return []string{l.Version, strconv.Itoa(l.Summary.Outcomes), strconv.Itoa(l.Statements), orNone(l.Profiles), l.SourceFile,
					l.ImportedAt.Format("2006-01-02 15:04 MST"), l.ImportedBy}
			})
	})
}

func cafShow(e *env, args []string) error {
	c := e.command("caf show [--format table|json] VERSION").withFormat("table", "json").withArgs(1)
	return c.run(args, func() error {
		f, err := c.svc.CAF.Framework(e.ctx, c.op, c.pos[0])
		return answer(c, f, err, func(f cafsvc.Framework) error {
			fmt.Fprintf(e.stdout, "%s (%s, sha256 %s): %d outcomes, %d IGP statements, profiles %s\n",
				f.Name, f.SourceFile, f.SourceSHA256[:12], f.Outcomes, f.Statements, orNone(cafsvc.Summarise(f).Profiles))
			for _, o := range f.Framework.Objectives {
				fmt.Fprintf(e.stdout, "\n%s  %s\n", o.Code, o.Title)
				for _, p := range o.Principles {
					fmt.Fprintf(e.stdout, "  %s  %s\n", p.Code, p.Title)
					for _, oc := range p.Outcomes {
						n := map[caf.Column]int{}
						for _, g := range oc.IGPs {
							n[g.Column]++
						}
						fmt.Fprintf(e.stdout, "    %-6s %s  (IGPs: %d not achieved, %d partially, %d achieved%s)\n", oc.Code, oc.Title,
							n[caf.ColNotAchieved], n[caf.ColPartiallyAchieved], n[caf.ColAchieved], targets(f.Framework, oc.Code))
					}
				}
			}
			return nil
		})
	})
}

// targets writes an outcome's profile targets, like "; Baseline: Achieved".
func targets(f caf.Framework, code string) string {
	var b strings.Builder
	for _, p := range f.Profiles {
		if s, ok := p.Targets[code]; ok {
			fmt.Fprintf(&b, "; %s: %s", p.Name, s)
		}
	}
	return b.String()
}
