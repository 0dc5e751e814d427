package warpsvc

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/ward-shared-service/ward/internal/stix"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/warp"
)

// taxiiBodies writes the JSON of a page's objects, by position. Ward's own
// items are written by the same code as STIX exports (bundle, then
// stix.Encode), so an object has the same body whichever door it leaves
// by; kept objects are served as they came, under the marking ward
// enforces.
func (s *Service) taxiiBodies(ctx context.Context, v warp.Viewer, col TAXIICollection, entries []store.CollectionEntry) (map[store.CollectionCursor]json.RawMessage, error) {
	var advisoryIDs, sightingIDs, objectIDs, orgIDs []int64
	var indicatorIDs []string
	for _, e := range entries {
		switch e.Kind {
		case store.EntryReport:
			advisoryIDs = append(advisoryIDs, e.Key)
		case store.EntryIndicator:
			indicatorIDs = append(indicatorIDs, e.STIXID)
		case store.EntrySighting:
			sightingIDs = append(sightingIDs, e.Key)
		case store.EntryObject:
			objectIDs = append(objectIDs, e.Key)
		case store.EntryIdentity:
			if e.Key != 0 {
				orgIDs = append(orgIDs, e.Key)
			}
		}
	}
	generated, err := s.generated(ctx, v, col, advisoryIDs, indicatorIDs, sightingIDs, orgIDs)
	if err != nil {
		return nil, err
	}
	kept, err := s.Store.ObjectsByID(ctx, v, objectIDs)
	if err != nil {
		return nil, err
	}
	keptByID := map[int64]store.StixObject{}
	for _, o := range kept {
		if v.Sees(o.Share.Share) {
			keptByID[o.ID] = o
		}
	}
	out := map[store.CollectionCursor]json.RawMessage{}
	for _, e := range entries {
		var body json.RawMessage
		switch e.Kind {
		case store.EntryMarking:
			m, _ := stix.WellKnownTLP(e.STIXID)
			body, err = markingDefinition(m)
		case store.EntryObject:
			if o, ok := keptByID[e.Key]; ok {
				body, err = remark(o.Body, o.Share.Marking)
			}
		default:
			body = generated[e.STIXID]
		}
		if err != nil {
			return nil, fmt.Errorf("taxii: %s: %w", e.STIXID, err)
		}
		if body == nil {
			return nil, fmt.Errorf("taxii: no body for %s (entry %d/%d) though it was listed", e.STIXID, e.Kind, e.Key)
		}
		out[e.Position()] = body
	}
	return out, nil
}

// generated writes ward's own items of a page, with what their bodies
// refer to (a report's indicators, a sighting's indicator), by STIX id.
func (s *Service) generated(ctx context.Context, v warp.Viewer, col TAXIICollection, advisoryIDs []int64, indicatorIDs []string,
	sightingIDs, orgIDs []int64) (map[string]json.RawMessage, error) {
	var advisories []AdvisoryView
	if len(advisoryIDs) > 0 {
		list, err := s.Store.Advisories(ctx, v, store.AdvisoryFilter{IDs: advisoryIDs, Limit: len(advisoryIDs)})
		if err != nil {
			return nil, err
		}
		if advisories, err = s.advisoryViews(ctx, v, list); err != nil {
			return nil, err
		}
	}
	sightings, err := s.Store.SightingsByID(ctx, v, sightingIDs)
	if err != nil {
		return nil, err
	}
	referred, err := s.Store.AdvisoryIndicatorSTIXIDs(ctx, v, advisoryIDs)
	if err != nil {
		return nil, err
	}
	need := append(indicatorIDs, referred...)
	for _, g := range sightings {
		need = append(need, g.IndicatorSTIX)
	}
	var rows []store.SharedIndicator
	if len(need) > 0 {
		rows, err = s.Store.Indicators(ctx, v, store.IndicatorFilter{CommunityID: col.Community.ID, Marking: col.Marking, STIXIDs: need, Limit: -1})
		if err != nil {
			return nil, err
		}
	}
	names, err := s.orgNames(ctx)
	if err != nil {
		return nil, err
	}
	e := s.bundle(v, advisories, rows, names)
	addSightings(&e, v, visibleSightings(v, sightings), names)
	for _, id := range orgIDs {
		e.Identities = append(e.Identities, orgIdentity(id, names))
	}
	e.Identities = uniqueIdentities(e.Identities)
	var buf bytes.Buffer
	if err := stix.Encode(&buf, e); err != nil {
		return nil, fmt.Errorf("taxii: writing the page's objects: %w", err)
	}
	var b struct {
		Objects []json.RawMessage `json:"objects"`
	}
	if err := json.Unmarshal(buf.Bytes(), &b); err != nil {
		return nil, err
	}
	out := make(map[string]json.RawMessage, len(b.Objects))
	for _, raw := range b.Objects {
		var head struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(raw, &head); err != nil {
			return nil, err
		}
		out[head.ID] = raw
	}
	return out, nil
}

// oneVersion gives every row of an indicator the times of the one version
// ward serves: created at the earliest, modified at the latest change of
// any row. An imported indicator's rows are stored when they arrive but
// keep the source's modified time, which may be earlier; STIX wants
// created no later than modified.
func oneVersion(rows []store.SharedIndicator) []store.SharedIndicator {
	first := map[string]int{}
	for i, r := range rows {
		if r.ModifiedAt.Before(r.CreatedAt) {
			rows[i].CreatedAt = r.ModifiedAt
		}
		j, ok := first[r.STIXID]
		if !ok {
			first[r.STIXID] = i
			continue
		}
		if rows[i].CreatedAt.Before(rows[j].CreatedAt) {
			rows[j].CreatedAt = rows[i].CreatedAt
		}
		if rows[i].ModifiedAt.After(rows[j].ModifiedAt) {
			rows[j].ModifiedAt = rows[i].ModifiedAt
		}
	}
	for i, r := range rows {
		j := first[r.STIXID]
		rows[i].CreatedAt, rows[i].ModifiedAt = rows[j].CreatedAt, rows[j].ModifiedAt
	}
	return rows
}

func visibleSightings(v warp.Viewer, list []store.Sighting) []store.Sighting {
	var out []store.Sighting
	for _, g := range list {
		if v.Sees(g.IndicatorShare.Share) {
			out = append(out, g)
		}
	}
	return out
}

func uniqueIdentities(list []stix.Identity) []stix.Identity {
	seen := map[string]bool{}
	var out []stix.Identity
	for _, it := range list {
		if !seen[it.ID] {
			seen[it.ID] = true
			out = append(out, it)
		}
	}
	return out
}

// markingDefinition is the OASIS TLP 2.0 marking definition for m, byte
// for byte as stix.Encode writes it (a test holds the two together).
func markingDefinition(m warp.Marking) (json.RawMessage, error) {
	type ext struct {
		ExtensionType string `json:"extension_type"`
		TLP           string `json:"tlp_2_0"`
	}
	return json.Marshal(struct {
		Type        string         `json:"type"`
		SpecVersion string         `json:"spec_version"`
		ID          string         `json:"id"`
		Created     string         `json:"created"`
		Name        string         `json:"name"`
		Extensions  map[string]ext `json:"extensions"`
	}{"marking-definition", "2.1", stix.TLP2MarkingID(m), tlp2Created.Format("2006-01-02T15:04:05.000Z"), m.String(),
		map[string]ext{stix.TLP2Extension: {"property-extension", strings.ToLower(string(m))}}})
}
