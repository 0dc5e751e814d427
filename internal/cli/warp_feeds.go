package cli

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/gen/warpgen"
	"github.com/ward-shared-service/ward/internal/sharing"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/warp"
)

func warpIndicators(e *env, args []string) error {
	const usage = "warp indicators --org SLUG [--type TYPE] [--tlp MARKING] [--q TEXT] [--limit N] [--format table|json]"
	fs := e.newFlags("warp indicators", usage)
	fs.String("org", "", "the org whose view to take")
	var q sharing.IndicatorQuery
	fs.StringVar(&q.Type, "type", "", "ipv4, ipv6, cidr, domain, url, email, md5, sha1 or sha256")
	fs.StringVar(&q.TLP, "tlp", "", "only this marking")
	fs.StringVar(&q.Query, "q", "", "part of the value, name or description")
	fs.StringVar(&q.Community, "community", "", "only this community")
	fs.IntVar(&q.Limit, "limit", 100, "at most this many (up to 1000)")
	format := formatFlag(fs)
	return e.inOrg(fs, args, usage, 0, func(s *store.Store, org store.Org, _ []string) error {
		ins, err := newSharing(s).Indicators(e.ctx, actingFor(org), q)
		if err != nil {
			return err
		}
		rows := make([][]string, len(ins))
		for i, in := range ins {
			rows[i] = []string{string(in.Type), warp.Defang(in.Value), in.TLP.String(), strconv.Itoa(in.Confidence), in.Author, in.AdvisoryTitle, in.Warning}
		}
		if ins == nil {
			ins = []sharing.IndicatorView{}
		}
		return list(e.stdout, *format, ins, []string{"TYPE", "VALUE", "TLP", "CONFIDENCE", "AUTHOR", "ADVISORY", "WARNING"}, rows)
	})
}

func warpImport(e *env, args []string) error {
	const usage = "warp import --org SLUG --tlp MARKING [--community SLUG] [--to ORGS] [--anonymous] [--skip-bad] " +
		"[--allow-warnings|--drop-flagged] [--format text|json] FILE"
	fs := e.newFlags("warp import", usage)
	fs.String("org", "", "the org loading the feed")
	spec := shareFlags(fs)
	skip := fs.Bool("skip-bad", false, "plain lists: leave out lines that are not indicators, and list them")
	allow := fs.Bool("allow-warnings", false, "keep values the warning lists flag")
	drop := fs.Bool("drop-flagged", false, "leave out values the warning lists flag, and list them")
	format := fs.String("format", "text", "text or json")
	pos, err := parseCommand(fs, args, usage, 1, "org", "tlp")
	if err != nil {
		return err
	}
	s, org, err := e.orgFor(fs.Lookup("org").Value.String())
	if err != nil {
		return err
	}
	defer s.Close()
	f, err := os.Open(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	res, err := newSharing(s).Import(e.ctx, actingFor(org), sharing.FeedImport{ShareSpec: *spec, File: pos[0], Reader: bufio.NewReaderSize(f, 1<<20),
		SkipBad: *skip, AllowWarnings: *allow, DropFlagged: *drop})
	if err != nil {
		return fmt.Errorf("nothing was imported: %w", explainWarnings(err))
	}
	if *format == "json" {
		return list(e.stdout, "json", res, nil, nil)
	}
	fmt.Fprintf(e.stdout, "%s (%s) into %s: %d indicators, %d advisories, %d other objects; %d already held\n",
		pos[0], res.Format, res.Community, res.Indicators, res.Advisories, res.Kept, res.AlreadyHeld)
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
	return nil
}

func warpExport(e *env, args []string) error {
	const usage = "warp export --org SLUG [--community SLUG] [--tlp MARKING] [--q TEXT] [--output FILE]"
	fs := e.newFlags("warp export", usage)
	fs.String("org", "", "the org whose view to export")
	var q sharing.ExportQuery
	fs.StringVar(&q.Community, "community", "", "only this community")
	fs.StringVar(&q.TLP, "tlp", "", "only items under this marking")
	fs.StringVar(&q.Query, "q", "", "words in advisories, part of indicator values")
	out := fs.String("output", "", "write the bundle here (default: standard output)")
	return e.inOrg(fs, args, usage, 0, func(s *store.Store, org store.Org, _ []string) error {
		bundle, err := newSharing(s).Export(e.ctx, actingFor(org), q)
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
	fs := e.newFlags("warp match", usage)
	org := fs.String("org", "", "the org whose logs these are")
	var opt sharing.MatchOptions
	fs.StringVar(&opt.Share, "share", sharing.ShareAnonymous, "share sightings with the community as named, anonymous or none")
	fs.BoolVar(&opt.Ticket, "ticket", false, "raise a security incident ticket when anything is seen")
	fs.BoolVar(&opt.DryRun, "dry-run", false, "report hits, record no sightings")
	format := fs.String("format", "text", "text or json")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *org == "" || len(files) == 0 {
		return usagef("usage: ward %s", usage)
	}
	s, o, err := e.orgFor(*org)
	if err != nil {
		return err
	}
	defer s.Close()
	var logs []sharing.LogFile
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		logs = append(logs, sharing.LogFile{Name: name, Reader: f})
	}
	rep, err := newSharing(s).Match(e.ctx, actingFor(o), o.Slug, logs, opt)
	if err != nil {
		return err
	}
	if *format == "json" {
		if rep.Hits == nil {
			rep.Hits = []sharing.MatchHit{}
		}
		return list(e.stdout, "json", rep, nil, nil)
	}
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
	fs := e.newFlags("warp sightings", usage)
	fs.String("org", "", "the org whose view to take")
	own := fs.Bool("own", false, "only the org's own sightings")
	format := formatFlag(fs)
	return e.inOrg(fs, args, usage, 0, func(s *store.Store, org store.Org, _ []string) error {
		gs, err := newSharing(s).Sightings(e.ctx, actingFor(org), sharing.SightingQuery{OwnOnly: *own})
		if err != nil {
			return err
		}
		rows := make([][]string, len(gs))
		for i, g := range gs {
			rows[i] = []string{g.CreatedAt.Format("2006-01-02 15:04"), g.SeenBy, string(g.Indicator.Type), warp.Defang(g.Indicator.Value),
				strconv.Itoa(g.Count), g.TLP.String(), g.Ticket}
		}
		if gs == nil {
			gs = []sharing.SightingView{}
		}
		return list(e.stdout, *format, gs, []string{"RECORDED", "SEEN BY", "TYPE", "INDICATOR", "COUNT", "TLP", "TICKET"}, rows)
	})
}

// warpGenerate writes test data: an indicator list for `warp import`, and
// logs that hit it for `warp match`.
func warpGenerate(e *env, args []string) error {
	const usage = "warp generate --indicators N [--seed N] [--lines N] [--style proxy|dns|firewall|csv|json] [--hit-share F] INDICATORS-FILE [LOG-FILE]"
	fs := e.newFlags("warp generate", usage)
	n := fs.Int("indicators", 1000, "how many indicators (half domains, the rest addresses, networks and hashes)")
	seed := fs.Int64("seed", 1, "the same seed writes the same files")
	lines := fs.Int("lines", 100000, "log lines")
	style := fs.String("style", "proxy", "log style")
	hits := fs.Float64("hit-share", 0.001, "share of log lines that name an indicator")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 1 || len(pos) > 2 {
		return usagef("usage: ward %s", usage)
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
	if err := warpgen.Log(lw, warpgen.LogSpec{Style: warpgen.LogStyle(*style), Lines: *lines, Seed: *seed, Indicators: ins, HitShare: *hits}); err != nil {
		return err
	}
	if err := lw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: %d %s log lines\n", pos[1], *lines, *style)
	return lf.Close()
}
