package warpsvc

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/warp"
)

// Severities an advisory may carry, mildest first.
var Severities = []string{"low", "medium", "high", "critical"}

// NewAdvisory is an advisory as its author writes it.
type NewAdvisory struct {
	ShareSpec
	Title         string         `json:"title"`
	Summary       string         `json:"summary"`
	Body          string         `json:"body"` // Markdown
	Severity      string         `json:"severity"`
	Indicators    []NewIndicator `json:"indicators,omitempty"`
	AllowWarnings bool           `json:"allow_warnings,omitempty"` // publish indicators the warning lists flag
}

// check names every mistake in the advisory's own fields.
func (n *NewAdvisory) check() fault.Fields {
	var bad fault.Fields
	n.Title, n.Summary = strings.TrimSpace(n.Title), strings.TrimSpace(n.Summary)
	switch {
	case n.Title == "":
		bad.Add("title", "give the advisory a title")
	case len(n.Title) > 200:
		bad.Add("title", "keep the title under 200 characters")
	}
	if len(n.Summary) > 2000 {
		bad.Add("summary", "keep the summary under 2,000 characters; the detail goes in the body")
	}
	if len(n.Body) > 200_000 {
		bad.Add("body", "the body is too long (200,000 characters at most)")
	}
	n.Severity = strings.ToLower(strings.TrimSpace(n.Severity))
	if n.Severity == "" {
		n.Severity = "medium"
	}
	if !slices.Contains(Severities, n.Severity) {
		bad.Add("severity", "choose low, medium, high or critical")
	}
	return bad
}

// gather adds err's invalid inputs to bad and reports true; any other
// error it leaves for the caller to return.
func gather(bad *fault.Fields, err error) bool {
	if !fault.Is(err, fault.KindInvalid) {
		return false
	}
	*bad = append(*bad, fault.All(err)...)
	return true
}

// Publish shares an advisory, with its indicators, in a community.
func (s *Service) Publish(ctx context.Context, p tenancy.Principal, n NewAdvisory) (AdvisoryView, error) {
	// Every mistake at once: the advisory's fields, whom it is shared
	// with, and its indicators.
	bad := n.check()
	var id int64
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		sh, c, err := s.resolve(ctx, p, n.ShareSpec)
		if err != nil && !gather(&bad, err) {
			return err
		}
		ins, err := parseIndicators(n.Indicators, s.Store.Now())
		if err != nil && !gather(&bad, err) {
			return err
		}
		if err := bad.Err(); err != nil {
			return err
		}
		lists, err := s.warningLists(ctx, c.ID)
		if err != nil {
			return err
		}
		if err := flag(lists, ins, n.AllowWarnings); err != nil {
			return err
		}
		ref, err := s.Store.CreateShare(ctx, p.Scope, sh)
		if err != nil {
			return err
		}
		a := &store.Advisory{Share: ref, STIXID: newSTIXID("report"), Title: n.Title, Summary: n.Summary, Body: n.Body,
			Severity: n.Severity, AuthorActor: p.Actor}
		if err := s.Store.CreateAdvisory(ctx, p.Scope, a); err != nil {
			return err
		}
		for i := range ins {
			ins[i].Share, ins[i].AdvisoryID, ins[i].STIXID, ins[i].Source = ref, a.ID, newSTIXID("indicator"), "advisory"
		}
		if err := s.Store.InsertIndicators(ctx, p.Scope, ins); err != nil {
			return err
		}
		id = a.ID
		a.CommunitySlug = c.Slug
		if err := s.notify(ctx, p, *a, false); err != nil {
			return err
		}
		_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: p.OrgID, Action: audit.WarpPublish,
			Target: fmt.Sprintf("advisory %d in %s (%s, %d indicators)", a.ID, c.Slug, sh.Marking, len(ins)), IP: p.IP})
		return err
	})
	if err != nil {
		return AdvisoryView{}, err
	}
	d, err := s.Advisory(ctx, p, id)
	return d.AdvisoryView, err
}

// AdvisoryView is an advisory as the viewer may see it.
type AdvisoryView struct {
	store.Advisory
	TLP        warp.Marking      `json:"tlp"`
	Rule       string            `json:"tlp_rule"`
	Audience   warp.AudienceKind `json:"audience"`
	Recipients []string          `json:"recipients,omitempty"`
	Author     string            `json:"author"`
	Mine       bool              `json:"mine"` // written by the viewer's org
}

// AdvisoryDetail is an advisory with its follow-ups, indicators and the
// sightings of them the viewer may see.
type AdvisoryDetail struct {
	AdvisoryView
	FollowUps    []store.AdvisoryUpdate `json:"follow_ups"`
	ReadBy       []store.Ack            `json:"read_by,omitempty"` // for the author's org only
	IndicatorsOf []IndicatorView        `json:"indicator_list"`
	Sightings    []SightingView         `json:"sightings"`
}

// AdvisoryQuery narrows the advisories listed.
type AdvisoryQuery struct {
	Community string
	TLP       string
	Severity  string
	Query     string
	Unread    bool // only those the principal has not marked as read
	Limit     int
	After     *keyset.Cursor // where the page starts: a cursor the list gave out
}

// Advisories lists the advisories the principal may see, newest first.
func (s *Service) Advisories(ctx context.Context, p tenancy.Principal, q AdvisoryQuery) ([]AdvisoryView, error) {
	v, f, err := s.advisoryFilter(ctx, p, q)
	if err != nil {
		return nil, err
	}
	list, err := s.Store.Advisories(ctx, v, f)
	if err != nil {
		return nil, err
	}
	return s.advisoryViews(ctx, v, list)
}

// CountAdvisories counts the advisories the query keeps that the principal
// may see, over every page.
func (s *Service) CountAdvisories(ctx context.Context, p tenancy.Principal, q AdvisoryQuery) (int, error) {
	v, f, err := s.advisoryFilter(ctx, p, q)
	if err != nil {
		return 0, err
	}
	return s.Store.CountAdvisories(ctx, v, f)
}

func (s *Service) advisoryFilter(ctx context.Context, p tenancy.Principal, q AdvisoryQuery) (warp.Viewer, store.AdvisoryFilter, error) {
	f := store.AdvisoryFilter{Query: q.Query, Severity: strings.ToLower(q.Severity), Unread: q.Unread,
		Limit: listLimit(q.Limit, 500), After: q.After}
	v, err := s.viewer(ctx, p)
	if err != nil {
		return v, f, err
	}
	f.CommunityID, f.Marking, err = s.narrowing(ctx, q.Community, q.TLP)
	return v, f, err
}

func (s *Service) advisoryViews(ctx context.Context, v warp.Viewer, list []store.Advisory) ([]AdvisoryView, error) {
	names, err := s.orgNames(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]AdvisoryView, 0, len(list))
	for _, a := range list {
		sh := a.Share.Share
		if !v.Sees(sh) {
			continue
		}
		a.AuthorOrgName = s.authorName(v, sh, names)
		out = append(out, AdvisoryView{Advisory: a, TLP: sh.Marking, Rule: sh.Marking.Rule(), Audience: sh.Audience,
			Recipients: s.recipients(ctx, sh, names), Author: a.AuthorOrgName, Mine: sh.AuthorOrgID == v.OrgID})
	}
	return out, nil
}

// Advisory shows one advisory; store.ErrNotFound when the principal may not
// see it, exactly as when it does not exist.
func (s *Service) Advisory(ctx context.Context, p tenancy.Principal, id int64) (AdvisoryDetail, error) {
	v, err := s.viewer(ctx, p)
	if err != nil {
		return AdvisoryDetail{}, err
	}
	a, err := s.Store.Advisory(ctx, v, id)
	if err != nil {
		return AdvisoryDetail{}, err
	}
	views, err := s.advisoryViews(ctx, v, []store.Advisory{a})
	if err != nil || len(views) == 0 {
		return AdvisoryDetail{}, errors.Join(err, store.ErrNotFound)
	}
	d := AdvisoryDetail{AdvisoryView: views[0]}
	if d.FollowUps, err = s.Store.AdvisoryUpdates(ctx, v, id); err != nil {
		return d, err
	}
	if d.Mine {
		if d.ReadBy, err = s.Store.Acks(ctx, v, id); err != nil {
			return d, err
		}
	}
	ins, err := s.Store.Indicators(ctx, v, store.IndicatorFilter{AdvisoryID: id, Limit: 1000})
	if err != nil {
		return d, err
	}
	if d.IndicatorsOf, err = s.indicatorViews(ctx, v, ins); err != nil {
		return d, err
	}
	d.Sightings, err = s.sightings(ctx, v, store.SightingFilter{AdvisoryID: id, Limit: 200})
	return d, err
}

// Acknowledge records that the signed-in user has read the advisory.
func (s *Service) Acknowledge(ctx context.Context, p tenancy.Principal, id int64) error {
	if p.UserID == 0 {
		return invalid("user", "an acknowledgement says a person has read the advisory; sign in to give one")
	}
	v, err := s.viewer(ctx, p)
	if err != nil {
		return err
	}
	if _, err := s.Store.Advisory(ctx, v, id); err != nil {
		return err
	}
	return s.Store.Acknowledge(ctx, v, id)
}

// RecordOpen notes that the principal's user opened an advisory they may
// see, so it no longer counts among their unread; its author is not told.
func (s *Service) RecordOpen(ctx context.Context, p tenancy.Principal, id int64) error {
	v, err := s.viewer(ctx, p)
	if err != nil {
		return err
	}
	return s.Store.RecordOpen(ctx, v, id)
}

// AddFollowUp appends an update to an advisory; only its author's org may.
func (s *Service) AddFollowUp(ctx context.Context, p tenancy.Principal, id int64, body string) (store.AdvisoryUpdate, error) {
	body = strings.TrimSpace(body)
	if body == "" {
		return store.AdvisoryUpdate{}, invalid("body", "write the update")
	}
	if len(body) > 200_000 {
		return store.AdvisoryUpdate{}, invalid("body", "the update is too long (200,000 characters at most)")
	}
	v, err := s.viewer(ctx, p)
	if err != nil {
		return store.AdvisoryUpdate{}, err
	}
	a, err := s.Store.Advisory(ctx, v, id)
	if err != nil {
		return store.AdvisoryUpdate{}, err
	}
	if a.Share.AuthorOrgID != p.OrgID {
		return store.AdvisoryUpdate{}, errForbidden
	}
	u := store.AdvisoryUpdate{AdvisoryID: id, Body: body, AuthorActor: p.Actor}
	err = s.Store.InTx(ctx, func(ctx context.Context) error {
		if err := s.Store.AddAdvisoryUpdate(ctx, v, &u); err != nil {
			return err
		}
		if err := s.notify(ctx, p, a, true); err != nil {
			return err
		}
		_, err := s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: p.OrgID, Action: audit.WarpUpdate,
			Target: fmt.Sprintf("advisory %d", id), IP: p.IP})
		return err
	})
	return u, err
}

// now is the store's clock, for the views.
func (s *Service) now() time.Time { return s.Store.Now() }
