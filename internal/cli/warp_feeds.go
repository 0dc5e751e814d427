package cli

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/gen/warpgen"
	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/warp"
)

func warpIndicators(e *env, args []string) error {
	const usage = "warp indicators --org SLUG [--type TYPE] [--tlp MARKING] [--q TEXT] [--limit N] [--format table|json]"
	c := e.command(usage).withOrg("the org whose view to take").withFormat("table", "json")
	fs := c.fs
	var q warpsvc.IndicatorQuery
	c.withChoice(&q.Type, "type", "", "only this type", indicatorTypes)
	c.withChoice(&q.TLP, "tlp", "", "only this marking", markings)
	fs.StringVar(&q.Query, "q", "", "part of the value, name or description")
	fs.StringVar(&q.Community, "community", "", "only this community")
	fs.IntVar(&q.Limit, "limit", 100, "at most this many (up to 1000)")
	return c.run(args, func() error {
		ins, err := c.svc.Warp.Indicators(e.ctx, actingFor(c.org), q)
		return listing(c, ins, err, []string{"TYPE", "VALUE", "TLP", "CONFIDENCE", "AUTHOR", "ADVISORY", "WARNING"}, func(in warpsvc.IndicatorView) []string {
			return []string{string(in.Type), warp.Defang(in.Value), in.TLP.String(), strconv.Itoa(in.Confidence), in.Author, in.AdvisoryTitle, in.Warning}
		})
	})
}

func warpImport(e *env, args []string) error {
	const usage = "warp import --org SLUG --tlp MARKING [--community SLUG] [--to ORGS] [--anonymous] [--skip-bad] " +
		"[--allow-warnings|--drop-flagged] [--format text|json] FILE"
	c := e.command(usage).withOrg("the org loading the feed").withRequired("tlp").withFormat("text", "json").withArgs(1)
	spec := shareFlags(c)
	skip := c.fs.Bool("skip-bad", false, "plain lists: leave out lines that are not indicators, and list them")
	allow := c.fs.Bool("allow-warnings", false, "keep values the warning lists flag")
	drop := c.fs.Bool("drop-flagged", false, "leave out values the warning lists flag, and list them")
	return c.run(args, func() error {
		f, err := os.Open(c.pos[0])
		if err != nil {
			return err
		}
		defer f.Close()
		res, err := c.svc.Warp.Import(e.ctx, actingFor(c.org), warpsvc.FeedImport{ShareSpec: *spec, File: c.pos[0], Reader: bufio.NewReaderSize(f, 1<<20),
			SkipBad: *skip, AllowWarnings: *allow, DropFlagged: *drop})
		if err != nil {
			return fmt.Errorf("nothing was imported: %w", explainWarnings(err))
		}
		if c.format == "json" {
			return list(e.stdout, "json", res, nil, nil)
		}
		printFeedResult(e, c.pos[0], res)
		return nil
	})
}

// printFeedResult says what a feed import loaded and what it left out.
func printFeedResult(e *env, file string, res warpsvc.FeedResult) {
	fmt.Fprintf(e.stdout, "%s (%s) into %s: %d indicators, %d advisories, %d other objects; %d already held\n",
		file, res.Format, res.Community, res.Indicators, res.Advisories, res.Kept, res.AlreadyHeld)
	for _, m := range warp.Markings {
		if n := res.Markings[m]; n > 0 {
			fmt.Fprintf(e.stdout, "  %s: %d\n", m, n)
		}
	}
	report := func(what string, lines []string) {
		if len(lines) > 0 {
			fmt.Fprintf(e.stdout, "%s (%d):\n  %s\n", what, len(lines), strings.Join(lines, "\n  "))
		}
	}
	report("left out, not indicators", res.Skipped)
	report("pattern parts ward cannot match on", res.Unmatched)
	var flagged []string
	for _, f := range res.Flagged {
		flagged = append(flagged, f.Indicator.Value+": "+f.Warnings[0].List)
	}
	report("flagged by the warning lists", flagged)
}

func warpExport(e *env, args []string) error {
	const usage = "warp export --org SLUG [--community SLUG] [--tlp MARKING] [--q TEXT] [--output FILE]"
	c := e.command(usage).withOrg("the org whose view to export")
	var q warpsvc.ExportQuery
	c.fs.StringVar(&q.Community, "community", "", "only this community")
	c.withChoice(&q.TLP, "tlp", "", "only items under this marking", markings)
	c.fs.StringVar(&q.Query, "q", "", "words in advisories, part of indicator values")
	out := c.fs.String("output", "", "write the bundle here (default: standard output)")
	return c.run(args, func() error {
		bundle, err := c.svc.Warp.Export(e.ctx, actingFor(c.org), q)
		if err != nil {
			return err
		}
		if *out == "" {
			_, err = e.stdout.Write(bundle)
			return err
		}
		return os.WriteFile(*out, bundle, 0o600)
	})
}

func warpMatch(e *env, args []string) error {
	const usage = "warp match --org SLUG [--share named|anonymous|none] [--ticket] [--dry-run] [--format text|json] FILE…"
	c := e.command(usage).withOrg("the org whose logs these are").withFormat("text", "json").withArgs(-1)
	var opt warpsvc.MatchOptions
	c.withChoice(&opt.Share, "share", warpsvc.ShareAnonymous, "share sightings with the community", sightingShares)
	c.fs.BoolVar(&opt.Ticket, "ticket", false, "raise a security incident ticket when anything is seen")
	c.fs.BoolVar(&opt.DryRun, "dry-run", false, "report hits, record no sightings")
	if err := c.parse(args); err != nil {
		return err
	}
	if len(c.pos) == 0 {
		return c.usageError()
	}
	return c.do(func() error {
		var logs []warpsvc.LogFile
		for _, name := range c.pos {
			f, err := os.Open(name)
			if err != nil {
				return err
			}
			defer f.Close()
			logs = append(logs, warpsvc.LogFile{Name: name, Reader: f})
		}
		rep, err := c.svc.Warp.Match(e.ctx, actingFor(c.org), c.org.Slug, logs, opt)
		if err != nil {
			return err
		}
		if c.format == "json" {
			if rep.Hits == nil {
				rep.Hits = []warpsvc.MatchHit{}
			}
			return list(e.stdout, "json", rep, nil, nil)
		}
		return printMatch(e, rep)
	})
}

// printMatch says what a log match found and what it recorded.
func printMatch(e *env, rep warpsvc.MatchReport) error {
	fmt.Fprintf(e.stdout, "%d lines in %d files checked against %d indicators: %d hits\n", rep.Lines, rep.Files, rep.Checked, rep.HitsTotal)
	rows := make([][]string, len(rep.Hits))
	for i, h := range rep.Hits {
		rows[i] = []string{h.File, strconv.Itoa(h.Line), string(h.Type), warp.Defang(h.Indicator), h.TLP.String(), h.Advisory}
	}
	if len(rows) > 0 {
		if err := list(e.stdout, "table", nil, []string{"FILE", "LINE", "TYPE", "INDICATOR", "TLP", "ADVISORY"}, rows); err != nil {
			return err
		}
	}
	if len(rep.Sightings) > 0 {
		fmt.Fprintf(e.stdout, "%d sightings recorded, shared %s\n", len(rep.Sightings), rep.SharedAs)
	}
	if rep.TicketRef != "" {
		fmt.Fprintf(e.stdout, "ticket %s raised\n", rep.TicketRef)
	}
	return nil
}

func warpSightings(e *env, args []string) error {
	const usage = "warp sightings --org SLUG [--own] [--format table|json]"
	c := e.command(usage).withOrg("the org whose view to take").withFormat("table", "json")
	own := c.fs.Bool("own", false, "only the org's own sightings")
	return c.run(args, func() error {
		gs, err := c.svc.Warp.Sightings(e.ctx, actingFor(c.org), warpsvc.SightingQuery{OwnOnly: *own})
		return listing(c, gs, err, []string{"RECORDED", "SEEN BY", "TYPE", "INDICATOR", "COUNT", "TLP", "TICKET"}, func(g warpsvc.SightingView) []string {
			return []string{g.CreatedAt.Format("2006-01-02 15:04"), g.SeenBy, string(g.Indicator.Type), warp.Defang(g.Indicator.Value),
				strconv.Itoa(g.Count), g.TLP.String(), g.Ticket}
		})
	})
}

// warpGenerate writes test data: an indicator list for `warp import`, and
// logs that hit it for `warp match`.
func warpGenerate(e *env, args []string) error {
	const usage = "warp generate --indicators N [--seed N] [--lines N] [--style proxy|dns|firewall|csv|json] [--hit-share F] INDICATORS-FILE [LOG-FILE]"
	var style string
	c := e.command(usage).withArgs(-1).withChoice(&style, "style", string(warpgen.ProxyLog), "log style", logStyles)
	fs := c.fs
	n := fs.Int("indicators", 1000, "how many indicators (half domains, the rest addresses, networks and hashes)")
	seed := fs.Int64("seed", 1, "the same seed writes the same files")
	lines := fs.Int("lines", 100000, "log lines")
	hits := fs.Float64("hit-share", 0.001, "share of log lines that name an indicator")
	if err := c.parse(args); err != nil {
		return err
	}
	pos := c.pos
	if len(pos) < 1 || len(pos) > 2 {
		return c.usageError()
	}
	ins := warpgen.Indicators(*n, *seed)
	f, err := os.Create(pos[0])
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for _, in := range ins {
		fmt.Fprintln(w, in.Value)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: %d indicators\n", pos[0], len(ins))
	if len(pos) == 1 {
		return nil
	}
	lf, err := os.Create(pos[1])
	if err != nil {
		return err
	}
	lw := bufio.NewWriterSize(lf, 1<<20)
	if err := warpgen.Log(lw, warpgen.LogSpec{Style: warpgen.LogStyle(style), Lines: *lines, Seed: *seed, Indicators: ins, HitShare: *hits}); err != nil {
		return err
	}
	if err := lw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: %d %s log lines\n", pos[1], *lines, style)
	return lf.Close()
}
