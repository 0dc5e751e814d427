package warpsvc

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/stix"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/warp"
)

// ExportQuery selects what goes in a STIX bundle: by default every
// advisory and indicator the caller may see.
type ExportQuery struct {
	Community   string
	TLP         string  // only items under this marking
	AdvisoryIDs []int64 // only these advisories and their indicators
	Query       string  // words in advisories, part of indicator values
	Limit       int     // the most indicators; 0 for 100,000
}

// WARPIdentity is the identity ward publishes bundles as, and refers
// anonymous reports to.
var WARPIdentity = stix.Identity{ID: stix.DeterministicID("identity", "ward WARP"), Name: "ward WARP",
	IdentityClass: "system", Marking: warp.Clear, Created: identityEpoch, Modified: identityEpoch}

// identityEpoch is the one version of the identities ward writes: an org's
// identity says only its name, so it keeps one version and one id.
var identityEpoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Export writes the selection as a STIX 2.1 bundle with TLP 2.0 marking
// definitions. Only what the caller may see goes in, author and sighting
// orgs are named only where the caller may know them, and the export is
// audited with the strictest marking it carries.
func (s *Service) Export(ctx context.Context, p tenancy.Principal, q ExportQuery) ([]byte, error) {
	v, err := s.viewer(ctx, p)
	if err != nil {
		return nil, err
	}
	aq := AdvisoryQuery{Community: q.Community, TLP: q.TLP, Query: q.Query, Limit: 500}
	advisories, err := s.Advisories(ctx, p, aq)
	if err != nil {
		return nil, err
	}
	if len(q.AdvisoryIDs) > 0 {
		advisories = slices.DeleteFunc(advisories, func(a AdvisoryView) bool { return !slices.Contains(q.AdvisoryIDs, a.ID) })
	}
	f := store.IndicatorFilter{Query: q.Query, Limit: q.Limit}
	if f.Limit == 0 {
		f.Limit = 100_000
	}
	if f.CommunityID, f.Marking, err = s.narrowing(ctx, q.Community, q.TLP); err != nil {
		return nil, err
	}
	var indicators []store.SharedIndicator
	if len(q.AdvisoryIDs) > 0 {
		for _, a := range advisories {
			f.AdvisoryID = a.ID
			list, err := s.Store.Indicators(ctx, v, f)
			if err != nil {
				return nil, err
			}
			indicators = append(indicators, list...)
		}
	} else if indicators, err = s.Store.Indicators(ctx, v, f); err != nil {
		return nil, err
	}
	names, err := s.orgNames(ctx)
	if err != nil {
		return nil, err
	}
	e := s.bundle(v, advisories, indicators, names)
	sightings, err := s.Store.Sightings(ctx, v, store.SightingFilter{Limit: 10_000})
	if err != nil {
		return nil, err
	}
	addSightings(&e, v, sightings, names)
	var buf bytes.Buffer
	if err := stix.Encode(&buf, e); err != nil {
		return nil, err
	}
	strictest := warp.Clear
	for _, in := range e.Indicators {
		strictest = warp.Strictest(strictest, in.Marking)
	}
	for _, r := range e.Reports {
		strictest = warp.Strictest(strictest, r.Marking)
	}
	_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: p.OrgID, Action: audit.Export,
		Target: fmt.Sprintf("WARP STIX bundle: %d reports, %d indicators, %d sightings, strictest %s", len(e.Reports), len(e.Indicators), len(e.Sightings), strictest), IP: p.IP})
	return buf.Bytes(), err
}

// bundle turns what the viewer may see into STIX objects: one indicator per
// STIX id (a pattern naming each of its observables), one report per
// advisory referring to its indicators, and the identities of the authors
// the viewer may know.
func (s *Service) bundle(v warp.Viewer, advisories []AdvisoryView, indicators []store.SharedIndicator, names map[int64]string) stix.Export {
	e := stix.Export{PublisherRef: WARPIdentity.ID, Identities: []stix.Identity{WARPIdentity}}
	identities := map[int64]bool{}
	author := func(sh warp.Share) string {
		if !v.ShowsAuthor(sh) {
			return ""
		}
		if !identities[sh.AuthorOrgID] {
			identities[sh.AuthorOrgID] = true
			e.Identities = append(e.Identities, orgIdentity(sh.AuthorOrgID, names))
		}
		return orgIdentity(sh.AuthorOrgID, names).ID
	}
	byID := map[string]int{}
	refsOf := map[int64][]string{}
	for _, in := range oneVersion(indicators) {
		if !v.Sees(in.Share.Share) {
			continue
		}
		if in.AdvisoryID != 0 && !slices.Contains(refsOf[in.AdvisoryID], in.STIXID) {
			refsOf[in.AdvisoryID] = append(refsOf[in.AdvisoryID], in.STIXID)
		}
		if i, ok := byID[in.STIXID]; ok {
			e.Indicators[i].Observables = append(e.Indicators[i].Observables, in.Indicator)
			continue
		}
		out := stix.IndicatorOut{ID: in.STIXID, Name: firstNonEmpty(in.Name, string(in.Type)+" "+in.Value), Description: in.Description,
			Created: in.CreatedAt, Modified: in.ModifiedAt, ValidFrom: in.ValidFrom, IndicatorTypes: []string{"malicious-activity"},
			CreatedByRef: author(in.Share.Share), Marking: in.Share.Marking, Observables: []warp.Indicator{in.Indicator}}
		if in.ValidUntil != nil {
			out.ValidUntil = *in.ValidUntil
		}
		confidence := in.Confidence
		out.Confidence = &confidence
		byID[in.STIXID] = len(e.Indicators)
		e.Indicators = append(e.Indicators, out)
	}
	for _, a := range advisories {
		body := a.Summary
		if a.Body != "" {
			body += "\n\n" + a.Body
		}
		created := a.PublishedAt
		if a.ModifiedAt.Before(created) { // an imported report published after its last change
			created = a.ModifiedAt
		}
		e.Reports = append(e.Reports, stix.Report{ID: a.STIXID, Name: a.Title, Description: body, Created: created,
			Modified: a.ModifiedAt, Published: a.PublishedAt, ReportTypes: []string{"threat-report"}, ObjectRefs: refsOf[a.ID],
			CreatedByRef: author(a.Share.Share), Marking: a.TLP})
	}
	return e
}

// addSightings adds the sightings of the exported indicators, naming the
// org that saw each only when it chose to be named (or is the viewer's).
func addSightings(e *stix.Export, v warp.Viewer, sightings []store.Sighting, names map[int64]string) {
	exported := map[string]bool{}
	for _, in := range e.Indicators {
		exported[in.ID] = true
	}
	for _, g := range sightings {
		if !exported[g.IndicatorSTIX] {
			continue
		}
		count := g.Count
		out := stix.Sighting{ID: g.STIXID, SightingOfRef: g.IndicatorSTIX, Count: &count, FirstSeen: g.FirstSeen, LastSeen: g.LastSeen,
			Created: g.CreatedAt, Modified: g.CreatedAt, Marking: g.IndicatorShare.Marking}
		if !g.Anonymous || g.OrgID == v.OrgID {
			id := orgIdentity(g.OrgID, names)
			out.WhereSightedRefs = []string{id.ID}
			if !slices.ContainsFunc(e.Identities, func(i stix.Identity) bool { return i.ID == id.ID }) {
				e.Identities = append(e.Identities, id)
			}
		}
		e.Sightings = append(e.Sightings, out)
	}
}

// orgIdentity is an org as a STIX identity, with an id that stays the same
// across exports.
func orgIdentity(orgID int64, names map[int64]string) stix.Identity {
	return stix.Identity{ID: stix.DeterministicID("identity", fmt.Sprintf("ward org %d", orgID)), Name: names[orgID],
		IdentityClass: "organization", Marking: warp.Clear, Created: identityEpoch, Modified: identityEpoch}
}
