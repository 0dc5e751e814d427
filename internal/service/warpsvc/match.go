package warpsvc

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"sort"
	"strings"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/warp"
)

// LogFile is one log to check: proxy, DNS or firewall lines, as plain
// text, CSV or JSON lines, gzipped or not.
type LogFile struct {
	Name   string
	Reader io.Reader
}

// How a member shares what it saw.
const (
	ShareNamed     = "named"     // sightings name the org
	ShareAnonymous = "anonymous" // sightings are shared as "a member"
	ShareNone      = "none"      // kept for the org alone
)

// Shares lists the ways to share, most open first.
var Shares = []string{ShareNamed, ShareAnonymous, ShareNone}

// MatchOptions says whose logs these are and what to do with the hits.
type MatchOptions struct {
	Share  string // named, anonymous (the default) or none
	Ticket bool   // raise a security incident ticket when anything is seen
	DryRun bool   // report hits, record nothing
}

// MatchHit is one indicator seen on one line.
type MatchHit struct {
	File        string       `json:"file,omitempty"`
	Line        int          `json:"line"`
	Indicator   string       `json:"indicator"`
	Type        warp.Type    `json:"type"`
	Seen        string       `json:"seen"`
	IndicatorID int64        `json:"indicator_id"`
	TLP         warp.Marking `json:"tlp"`
	AdvisoryID  int64        `json:"advisory_id,omitempty"`
	Advisory    string       `json:"advisory,omitempty"`
}

// MatchReport is what a match found.
type MatchReport struct {
	Lines      int            `json:"lines"`
	Files      int            `json:"files"`
	Checked    int            `json:"indicators_checked"`
	Hits       []MatchHit     `json:"hits"`
	HitsTotal  int            `json:"hits_total"` // Hits stops at MaxReportedHits
	Sightings  []SightingView `json:"sightings,omitempty"`
	TicketRef  string         `json:"ticket,omitempty"`
	SharedAs   string         `json:"shared_as"`
	RecordedAt string         `json:"recorded_at,omitempty"`
}

// MaxReportedHits bounds the hits a report lists; sightings count them all.
const MaxReportedHits = 10000

// Match checks an org's logs against every active indicator it may see,
// records a sighting of each indicator seen (shared as the org chose), and
// raises a ticket when asked to. Nothing is recorded unless every file
// reads cleanly.
func (s *Service) Match(ctx context.Context, p tenancy.Principal, orgSlug string, files []LogFile, opt MatchOptions) (MatchReport, error) {
	return s.MatchEach(ctx, p, orgSlug, func(yield func(LogFile, error) bool) {
		for _, f := range files {
			if !yield(f, nil) {
				return
			}
		}
	}, opt)
}

// MatchEach is Match over files that arrive one after another, as the
// parts of a multipart upload do: each is read to its end before the next
// is asked for, so an upload of several logs is matched as it streams in,
// never held in memory or written to disk. An error from files stops the
// match and is returned as it is.
func (s *Service) MatchEach(ctx context.Context, p tenancy.Principal, orgSlug string, files iter.Seq2[LogFile, error], opt MatchOptions) (MatchReport, error) {
	if !p.Can(tenancy.ShareWarnings) {
		return MatchReport{}, errForbidden
	}
	org, err := s.Store.OrgBySlug(ctx, p.Scope, orgSlug)
	if errors.Is(err, store.ErrNotFound) {
		return MatchReport{}, errForbidden
	}
	if err != nil {
		return MatchReport{}, err
	}
	switch opt.Share {
	case "":
		opt.Share = ShareAnonymous
	case ShareNamed, ShareAnonymous, ShareNone:
	default:
		return MatchReport{}, invalid("share", "share sightings as named, anonymous or none")
	}
	if opt.Ticket && !opt.DryRun && (!p.Can(tenancy.RaiseTickets) || !p.Scope.Allows(org.ID)) {
		return MatchReport{}, invalid("ticket", "your role cannot raise service desk tickets; match without a ticket and tell the desk")
	}
	m, err := s.matcherFor(ctx, p, org)
	if err != nil {
		return MatchReport{}, err
	}
	rep := MatchReport{Checked: m.Len(), SharedAs: opt.Share}
	count := map[int64]int{}
	sample := map[int64]string{}
	for f, err := range files {
		if err != nil {
			return MatchReport{}, err
		}
		rep.Files++
		n, err := m.Scan(f.Reader, func(h warp.Hit) {
			count[h.EntryID]++
			if _, ok := sample[h.EntryID]; !ok {
				// A quote of a log, kept as evidence: a stray byte that is not
				// UTF-8 is shown as U+FFFD, not a reason for the store to refuse the run.
				sample[h.EntryID] = strings.ToValidUTF8(fmt.Sprintf("%s line %d: %s", f.Name, h.Line, h.Seen), "\uFFFD")
			}
			rep.HitsTotal++
			if len(rep.Hits) < MaxReportedHits {
				rep.Hits = append(rep.Hits, MatchHit{File: f.Name, Line: h.Line, Indicator: h.Indicator.Value, Type: h.Indicator.Type,
					Seen: h.Seen, IndicatorID: h.EntryID})
			}
		})
		rep.Lines += n
		if err != nil {
			return MatchReport{}, invalid("file", "%s: %v", f.Name, err)
		}
	}
	if rep.Files == 0 {
		return MatchReport{}, invalid("files", "give at least one log file")
	}
	if err := s.describeHits(ctx, p, org, &rep, count); err != nil {
		return MatchReport{}, err
	}
	if opt.DryRun || len(count) == 0 {
		return rep, s.auditMatch(ctx, p, org, rep, opt)
	}
	err = s.Store.InTx(ctx, func(ctx context.Context) error {
		if opt.Ticket {
			t, err := s.raiseIncident(ctx, p, org, rep)
			if err != nil {
				return err
			}
			rep.TicketRef = t.Ref
			return s.recordSightings(ctx, p, org, &rep, count, sample, opt, t.ID)
		}
		return s.recordSightings(ctx, p, org, &rep, count, sample, opt, 0)
	})
	if err != nil {
		return MatchReport{}, err
	}
	return rep, s.auditMatch(ctx, p, org, rep, opt)
}

// describeHits adds each hit's advisory and marking, read through the
// org's own view.
func (s *Service) describeHits(ctx context.Context, p tenancy.Principal, org store.Org, rep *MatchReport, count map[int64]int) error {
	if len(count) == 0 {
		return nil
	}
	v, err := s.Store.ViewerForOrg(ctx, org.ID)
	if err != nil {
		return err
	}
	ids := make([]int64, 0, len(count))
	for id := range count {
		ids = append(ids, id)
	}
	list, err := s.Store.Indicators(ctx, v, store.IndicatorFilter{IDs: ids, Limit: -1})
	if err != nil {
		return err
	}
	byID := map[int64]store.SharedIndicator{}
	for _, in := range list {
		byID[in.ID] = in
	}
	for i := range rep.Hits {
		in := byID[rep.Hits[i].IndicatorID]
		rep.Hits[i].TLP, rep.Hits[i].AdvisoryID, rep.Hits[i].Advisory = in.Share.Marking, in.AdvisoryID, in.AdvisoryTitle
	}
	return nil
}

func (s *Service) recordSightings(ctx context.Context, p tenancy.Principal, org store.Org, rep *MatchReport, count map[int64]int,
	sample map[int64]string, opt MatchOptions, ticketID int64) error {
	now := s.Store.Now()
	ids := make([]int64, 0, len(count))
	for id := range count {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	sg := make([]store.Sighting, 0, len(ids))
	for _, id := range ids {
		sg = append(sg, store.Sighting{STIXID: newSTIXID("sighting"), IndicatorID: id, OrgID: org.ID, Anonymous: opt.Share != ShareNamed,
			Shared: opt.Share != ShareNone, Count: count[id], FirstSeen: now, LastSeen: now, Source: "log match",
			Sample: clip(sample[id], 500), TicketID: ticketID, CreatedBy: p.Actor})
	}
	if err := s.Store.InsertSightings(ctx, p.Scope, sg); err != nil {
		return err
	}
	v, err := s.Store.ViewerForOrg(ctx, org.ID)
	if err != nil {
		return err
	}
	rep.Sightings, err = s.sightings(ctx, v, store.SightingFilter{OwnOnly: true, Since: now, Limit: len(sg)})
	rep.RecordedAt = now.Format("2006-01-02T15:04:05Z")
	return err
}

// raiseIncident opens a security incident for the org with what was seen.
func (s *Service) raiseIncident(ctx context.Context, p tenancy.Principal, org store.Org, rep MatchReport) (store.Ticket, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "A WARP match of %d log lines found %d hits on indicators shared with %s.\n\n", rep.Lines, rep.HitsTotal, org.Name)
	seen := map[int64]bool{}
	for _, h := range rep.Hits {
		if seen[h.IndicatorID] || len(seen) == 20 {
			continue
		}
		seen[h.IndicatorID] = true
		// A ticket is read by the desk staff who act for the org, whom
		// AMBER+STRICT and RED do not reach: name only that such a hit exists.
		if h.TLP == warp.AmberStrict || h.TLP == warp.Red {
			fmt.Fprintf(&b, "- a %s indicator under %s: read it in ward's WARP sightings", h.Type, h.TLP)
		} else {
			fmt.Fprintf(&b, "- %s %s (%s)", h.Type, warp.Defang(h.Indicator), h.TLP)
			if h.Advisory != "" {
				fmt.Fprintf(&b, ", advisory %q", h.Advisory)
			}
		}
		fmt.Fprintf(&b, ", first at %s line %d\n", h.File, h.Line)
	}
	b.WriteString("\nHandle the indicators under their TLP markings. The sightings are recorded in ward's WARP.")
	return s.Desk.Open(ctx, p, desksvc.NewTicket{OrgID: org.ID, Type: desk.Incident, Priority: desk.P2, Category: "Security incident",
		Subcategory: "WARP indicator seen", Channel: desk.Portal, Title: fmt.Sprintf("WARP indicators seen in %s's logs (%d)", org.Name, len(seen)),
		Description: b.String(), Caller: "ward WARP", AssignmentGroup: "Security"})
}

func (s *Service) auditMatch(ctx context.Context, p tenancy.Principal, org store.Org, rep MatchReport, opt MatchOptions) error {
	what := fmt.Sprintf("%d lines, %d hits, %d indicators seen, shared %s", rep.Lines, rep.HitsTotal, len(rep.Sightings), opt.Share)
	if opt.DryRun {
		what += ", dry run"
	}
	if rep.TicketRef != "" {
		what += ", ticket " + rep.TicketRef
	}
	_, err := s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: org.ID, Action: audit.WarpMatch, Target: what, IP: p.IP})
	return err
}
