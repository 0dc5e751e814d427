package warpsvc

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/warp"
)

// NewIndicator is an indicator as an author gives it; the type is worked
// out from the value when left empty.
type NewIndicator struct {
	Type        string     `json:"type,omitempty"`
	Value       string     `json:"value"`
	Name        string     `json:"name,omitempty"`
	Description string     `json:"description,omitempty"`
	ValidFrom   *time.Time `json:"valid_from,omitempty"`
	ValidUntil  *time.Time `json:"valid_until,omitempty"`
	Confidence  *int       `json:"confidence,omitempty"`
	Detect      *bool      `json:"detect,omitempty"`
}

// Flagged is an indicator that fell in a warning list.
type Flagged struct {
	Indicator warp.Indicator `json:"indicator"`
	Warnings  []warp.Warning `json:"warnings"`
}

// WarningsError stops a publication whose indicators look like false
// positives until the author confirms them.
type WarningsError struct{ Flagged []Flagged }

// Unwrap makes the refusal an invalid fault, so every adapter answers it as
// bad input; those that can list the flagged indicators look for this type.
func (e *WarningsError) Unwrap() error {
	return fault.Invalid("indicators", "%d indicator(s) are on a warning list", len(e.Flagged))
}

func (e *WarningsError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d indicator(s) look like false positives; remove them or publish anyway:", len(e.Flagged))
	for i, f := range e.Flagged {
		if i == 10 {
			fmt.Fprintf(&b, " … and %d more", len(e.Flagged)-10)
			break
		}
		fmt.Fprintf(&b, " %s (%s);", f.Indicator.Value, f.Warnings[0].List)
	}
	return strings.TrimSuffix(b.String(), ";")
}

// parseIndicators checks and canonicalises the author's indicators, naming
// the one that is wrong, and drops repeats.
func parseIndicators(in []NewIndicator, now time.Time) ([]store.SharedIndicator, error) {
	out := make([]store.SharedIndicator, 0, len(in))
	seen := map[warp.Indicator]bool{}
	var bad fault.Fields // every wrong indicator at once, up to maxIndicatorMistakes
	for i, n := range in {
		if len(bad) >= maxIndicatorMistakes {
			break
		}
		field := fmt.Sprintf("indicators[%d]", i)
		n.Type = strings.TrimSpace(n.Type)
		ind, err := checkOne(n)
		if err != nil {
			bad.Add(field, "%s", err.Error())
			continue
		}
		if seen[ind] {
			continue
		}
		seen[ind] = true
		rec := store.SharedIndicator{Indicator: ind, Name: strings.TrimSpace(n.Name), Description: strings.TrimSpace(n.Description),
			ValidFrom: now, Confidence: 50, Detect: true}
		if n.ValidFrom != nil {
			rec.ValidFrom = n.ValidFrom.UTC()
		}
		if n.ValidUntil != nil {
			if !n.ValidUntil.After(rec.ValidFrom) {
				bad.Add(field+".valid_until", "must be after valid_from")
			}
			u := n.ValidUntil.UTC()
			rec.ValidUntil = &u
		}
		if n.Confidence != nil {
			if *n.Confidence < 0 || *n.Confidence > 100 {
				bad.Add(field+".confidence", "give a confidence from 0 to 100")
			}
			rec.Confidence = *n.Confidence
		}
		if n.Detect != nil {
			rec.Detect = *n.Detect
		}
		out = append(out, rec)
	}
	if err := bad.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// maxIndicatorMistakes bounds the mistakes one list reports: enough to fix
// a pasted list in one go, not a page of them for a file of junk.
const maxIndicatorMistakes = 20

// warningLists are the built-in lists and the own domains of every member
// of the community: a council's own domain is never an attacker's.
func (s *Service) warningLists(ctx context.Context, communityID int64) (warp.WarningLists, error) {
	lists := warp.BuiltinWarningLists()
	members, err := s.Store.CommunityMembers(ctx, communityID)
	if err != nil {
		return nil, err
	}
	for _, m := range members {
		domains, err := s.Store.OrgDomains(ctx, tenancy.ForSystem(tenancy.JobWARPDirectory), m.OrgID)
		if err != nil {
			return nil, err
		}
		if len(domains) > 0 {
			lists = lists.With(warp.OwnDomains(m.OrgName, domains))
		}
	}
	return lists, nil
}

// flag checks indicators against the warning lists, writing what they hit
// into each; it fails unless the author has said to publish anyway.
func flag(lists warp.WarningLists, ins []store.SharedIndicator, allow bool) error {
	var flagged []Flagged
	for i := range ins {
		ws := lists.Check(ins[i].Indicator)
		if len(ws) == 0 {
			continue
		}
		flagged = append(flagged, Flagged{Indicator: ins[i].Indicator, Warnings: ws})
		names := make([]string, len(ws))
		for j, w := range ws {
			names[j] = w.List
		}
		ins[i].Warning = strings.Join(names, "; ")
	}
	if len(flagged) > 0 && !allow {
		return &WarningsError{Flagged: flagged}
	}
	return nil
}

// CheckIndicators tells an author, before publishing, which of their
// indicators the community's warning lists flag.
func (s *Service) CheckIndicators(ctx context.Context, p tenancy.Principal, community string, in []NewIndicator) ([]Flagged, error) {
	c, err := s.community(ctx, community)
	if err != nil {
		return nil, err
	}
	if err := s.mayPublish(ctx, p, c); err != nil {
		return nil, err
	}
	ins, err := parseIndicators(in, s.Store.Now())
	if err != nil {
		return nil, err
	}
	lists, err := s.warningLists(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	if err := flag(lists, ins, false); err != nil {
		return err.(*WarningsError).Flagged, nil
	}
	return nil, nil
}

// IndicatorView is an indicator as the viewer may see it.
type IndicatorView struct {
	store.SharedIndicator
	TLP        warp.Marking      `json:"tlp"`
	Author     string            `json:"author"`
	Audience   warp.AudienceKind `json:"audience"`
	Recipients []string          `json:"recipients,omitempty"`
}

// IndicatorQuery narrows the indicators listed.
type IndicatorQuery struct {
	Community  string
	Type       string
	TLP        string
	Query      string
	AdvisoryID int64
	Value      string // exactly this canonical value
	Prefix     string // the canonical value starts with this (the search box)
	Window     int    // Query looks only among the newest Window indicators (the search box)
	Limit      int
	After      *keyset.Cursor // where the page starts: a cursor the list gave out
}

// Indicators lists the indicators the principal may see.
func (s *Service) Indicators(ctx context.Context, p tenancy.Principal, q IndicatorQuery) ([]IndicatorView, error) {
	v, err := s.viewer(ctx, p)
	if err != nil {
		return nil, err
	}
	f := store.IndicatorFilter{Query: q.Query, Value: q.Value, ValuePrefix: q.Prefix, Window: q.Window, AdvisoryID: q.AdvisoryID, Limit: listLimit(q.Limit, 1000), After: q.After}
	if f.CommunityID, f.Marking, err = s.narrowing(ctx, q.Community, q.TLP); err != nil {
		return nil, err
	}
	if q.Type != "" {
		t, err := warp.ParseType(q.Type)
		if err != nil {
			return nil, invalid("type", "%s", err.Error())
		}
		f.Type = t
	}
	list, err := s.Store.Indicators(ctx, v, f)
	if err != nil {
		return nil, err
	}
	return s.indicatorViews(ctx, v, list)
}

func (s *Service) indicatorViews(ctx context.Context, v warp.Viewer, list []store.SharedIndicator) ([]IndicatorView, error) {
	names, err := s.orgNames(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]IndicatorView, 0, len(list))
	for _, in := range list {
		sh := in.Share.Share
		if !v.Sees(sh) { // the SQL filter said yes; the rule must agree
			continue
		}
		out = append(out, IndicatorView{SharedIndicator: in, TLP: sh.Marking, Author: s.authorName(v, sh, names),
			Audience: sh.Audience, Recipients: s.recipients(ctx, sh, names)})
	}
	return out, nil
}
