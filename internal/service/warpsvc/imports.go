package warpsvc

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/reader/bounded"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/warp"
)

// FeedImport is a feed a member loads: a STIX 2.1 bundle or a plain list.
type FeedImport struct {
	ShareSpec            // the community (optional when the org is in one) and the TLP marking
	File          string // named in errors and kept as the indicators' source
	Reader        io.Reader
	AllowWarnings bool // keep values the warning lists flag
	DropFlagged   bool // leave out values the warning lists flag, and report them
	SkipBad       bool // plain lists: report lines that are not indicators instead of refusing the file
}

// FeedResult says what an import did.
type FeedResult struct {
	Format      string               `json:"format"` // stix or list
	Community   string               `json:"community"`
	Indicators  int                  `json:"indicators"`
	Advisories  int                  `json:"advisories"`
	Kept        int                  `json:"objects_kept"`
	AlreadyHeld int                  `json:"already_held"`
	Markings    map[warp.Marking]int `json:"markings"`
	Unmatched   []string             `json:"unmatched,omitempty"`
	Skipped     []string             `json:"skipped,omitempty"`
	Flagged     []Flagged            `json:"flagged,omitempty"`
}

// MaxFeed bounds a feed through every door (the web, the API, the
// command line, TAXII), counted as it expands: a gzipped feed may be no
// larger uncompressed, and expand no more than bounded.MaxRatio times.
const MaxFeed = 256 << 20

// Import loads a feed into a community as the principal's org, in one
// transaction: a file with one bad value loads nothing (unless SkipBad
// for lists). A STIX object keeps its own TLP marking when it is stricter
// than the one given; an import never loosens what its source set.
func (s *Service) Import(ctx context.Context, p tenancy.Principal, in FeedImport) (FeedResult, error) {
	if in.Community == "" {
		cs, err := s.Store.Communities(ctx, p.Scope, p.OrgID)
		if err != nil {
			return FeedResult{}, err
		}
		if len(cs) != 1 {
			return FeedResult{}, invalid("community", "your organisation is in %d communities: say which one the feed is for", len(cs))
		}
		in.Community = cs[0].Slug
	}
	body, err := unzipped(in.Reader)
	if err != nil {
		return FeedResult{}, invalid("file", "%s: %v", in.File, err)
	}
	var res FeedResult
	err = s.Store.InTx(ctx, func(ctx context.Context) error {
		sh, c, err := s.resolve(ctx, p, in.ShareSpec)
		if err != nil {
			return err
		}
		if sh.Marking == warp.Red {
			return invalid("tlp", "TLP:RED is for named people, not a feed: publish it as an advisory to them")
		}
		res.Community = c.Slug
		lists, err := s.warningLists(ctx, c.ID)
		if err != nil {
			return err
		}
		imp := &feedLoad{s: s, p: p, base: sh, lists: lists, in: in, res: &res, shares: map[warp.Marking]store.ShareRef{}}
		if startsJSON(body) {
			res.Format = "stix"
			err = imp.stix(ctx, body)
		} else {
			res.Format = "list"
			err = imp.list(ctx, body)
		}
		if err != nil {
			return err
		}
		if res.Indicators+res.Advisories+res.Kept+res.AlreadyHeld == 0 {
			// An empty feed is a mistake (the wrong file, a failed
			// download): refused whole, so no empty share or audit entry
			// is left behind to say something was shared.
			msg := in.File + " holds no indicators or STIX objects"
			if len(res.Skipped) > 0 {
				msg += fmt.Sprintf(" (%d lines skipped as not indicators)", len(res.Skipped))
			}
			return invalid("file", "%s", msg)
		}
		_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: p.OrgID, Action: audit.WarpImport,
			Target: fmt.Sprintf("%s into %s: %d indicators, %d advisories, %d objects", in.File, c.Slug, res.Indicators, res.Advisories, res.Kept), IP: p.IP})
		return err
	})
	return res, err
}

// unzipped peeks at the feed and undoes gzip if it is gzipped, through
// the bounded reader (a gzip bomb stops at its ratio), and stops what it
// gives at MaxFeed bytes, so that a small upload cannot expand to more
// than the feed limit the web and API set on its compressed size.
func unzipped(r io.Reader) (*bufio.Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var body io.Reader = br
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		z, err := bounded.Gzip(br)
		if err != nil {
			return nil, err
		}
		body = z
	}
	return bufio.NewReaderSize(&feedCap{r: body}, 64<<10), nil
}

// feedCap refuses a feed that reads past MaxFeed bytes.
type feedCap struct {
	r   io.Reader
	n   int64
	err error
}

func (c *feedCap) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	if room := MaxFeed - c.n + 1; int64(len(p)) > room {
		p = p[:room]
	}
	n, err := c.r.Read(p)
	if c.n += int64(n); c.n > MaxFeed {
		c.err = &bounded.LimitError{Limit: "feed size", Max: MaxFeed, Unit: "bytes",
			Detail: fmt.Sprintf("the feed is larger than %d MiB uncompressed", MaxFeed>>20)}
		return 0, c.err
	}
	return n, err
}

func startsJSON(br *bufio.Reader) bool {
	head, _ := br.Peek(512)
	t := bytes.TrimLeft(head, " \t\r\n\ufeff")
	t = bytes.TrimPrefix(t, []byte("\xef\xbb\xbf"))
	return len(t) > 0 && (t[0] == '{' || t[0] == '[')
}

// feedLoad is one import in progress.
type feedLoad struct {
	s      *Service
	p      tenancy.Principal
	base   warp.Share
	lists  warp.WarningLists
	in     FeedImport
	res    *FeedResult
	shares map[warp.Marking]store.ShareRef // one share per marking the feed uses
}

// share is the feed's share under a marking, made on first use.
func (f *feedLoad) share(ctx context.Context, m warp.Marking) (store.ShareRef, error) {
	if m == "" || f.base.Marking.Stricter(m) {
		m = f.base.Marking
	}
	if m == warp.Red {
		return store.ShareRef{}, invalid("tlp", "the feed holds TLP:RED objects, which are for named people: ward will not load them as a feed")
	}
	if ref, ok := f.shares[m]; ok {
		return ref, nil
	}
	sh := f.base
	sh.Marking = m
	if (m == warp.Clear || m == warp.Green) && sh.Audience != warp.ToCommunity {
		sh.Audience, sh.Orgs = warp.ToCommunity, nil
	}
	ref, err := f.s.Store.CreateShare(ctx, f.p.Scope, sh)
	if err != nil {
		return ref, err
	}
	f.shares[m] = ref
	if f.res.Markings == nil {
		f.res.Markings = map[warp.Marking]int{}
	}
	return ref, nil
}

// screen applies the warning lists to the indicators about to be stored.
func (f *feedLoad) screen(ins []store.SharedIndicator) ([]store.SharedIndicator, error) {
	err := flag(f.lists, ins, f.in.AllowWarnings || f.in.DropFlagged)
	var we *WarningsError
	if errors.As(err, &we) {
		f.res.Flagged = we.Flagged
		return nil, err
	}
	if !f.in.DropFlagged {
		return ins, nil
	}
	keep := ins[:0]
	for _, in := range ins {
		if in.Warning == "" {
			keep = append(keep, in)
			continue
		}
		f.res.Flagged = append(f.res.Flagged, Flagged{Indicator: in.Indicator, Warnings: f.lists.Check(in.Indicator)})
	}
	return keep, nil
}

func (f *feedLoad) list(ctx context.Context, body io.Reader) error {
	values, skipped, err := readList(body, f.in.File, f.in.SkipBad)
	if err != nil {
		return err
	}
	f.res.Skipped = skipped
	ins, err := parseIndicators(values, f.s.Store.Now())
	if err != nil {
		return err
	}
	if ins, err = f.screen(ins); err != nil {
		return err
	}
	ref, err := f.share(ctx, f.base.Marking)
	if err != nil {
		return err
	}
	held, err := f.s.Store.HeldIndicators(ctx, f.p.Scope, f.base.CommunityID, f.base.AuthorOrgID, ref.Marking)
	if err != nil {
		return err
	}
	fresh := ins[:0]
	for _, in := range ins {
		if held[in.Indicator] {
			f.res.AlreadyHeld++
			continue
		}
		in.Share, in.STIXID, in.Source = ref, newSTIXID("indicator"), "feed "+f.in.File
		fresh = append(fresh, in)
	}
	f.res.Indicators = len(fresh)
	f.res.Markings[ref.Marking] += len(fresh)
	// In batches, so the statement arguments of a big feed are not all
	// held at once.
	for start := 0; start < len(fresh); start += 10_000 {
		if err := f.s.Store.InsertIndicators(ctx, f.p.Scope, fresh[start:min(start+10_000, len(fresh))]); err != nil {
			return err
		}
	}
	return nil
}
