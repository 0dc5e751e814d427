package warpsvc

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/ward-shared-service/ward/internal/stix"
	"github.com/ward-shared-service/ward/internal/store"
)

// stix loads a STIX 2.1 bundle: reports become advisories, each
// indicator's observables become indicators linked to the report that
// names it, and objects ward does not model are kept as they came, for
// exports and TAXII. What a pattern says that ward cannot match on is
// reported, not refused. An object ward already holds is left alone.
func (f *feedLoad) stix(ctx context.Context, body io.Reader) error {
	b, err := stix.Decode(body, f.in.File)
	if err != nil {
		return invalid("file", "%v", err)
	}
	var ids []string
	for _, r := range b.Reports {
		ids = append(ids, r.ID)
	}
	for _, in := range b.Indicators {
		ids = append(ids, in.ID)
	}
	for _, o := range b.Others {
		ids = append(ids, o.ID)
	}
	held, err := f.s.Store.HeldSTIXIDs(ctx, ids)
	if err != nil {
		return err
	}
	advisoryOf := map[string]int64{}
	for _, r := range b.Reports {
		if held[r.ID] {
			f.res.AlreadyHeld++
			continue
		}
		ref, err := f.share(ctx, r.Marking)
		if err != nil {
			return err
		}
		a := &store.Advisory{Share: ref, STIXID: r.ID, Title: clip(firstNonEmpty(r.Name, "Imported report"), 200), Summary: summaryOf(r.Description),
			Body: r.Description, Severity: "medium", AuthorActor: f.p.Actor, Source: "stix", PublishedAt: r.Published, ModifiedAt: r.Modified}
		if err := f.s.Store.CreateAdvisory(ctx, f.p.Scope, a); err != nil {
			return err
		}
		f.res.Advisories++
		f.res.Markings[ref.Marking]++
		for _, ref := range r.ObjectRefs {
			advisoryOf[ref] = a.ID
		}
	}
	var rows []store.SharedIndicator
	for _, in := range b.Indicators {
		if held[in.ID] {
			f.res.AlreadyHeld++
			continue
		}
		for _, u := range in.Unmatched {
			f.res.Unmatched = append(f.res.Unmatched, in.ID+": "+u)
		}
		ref, err := f.share(ctx, in.Marking)
		if err != nil {
			return err
		}
		for _, ob := range in.Observables {
			row := store.SharedIndicator{Share: ref, STIXID: in.ID, Indicator: ob, Name: in.Name, Description: in.Description,
				ValidFrom: in.ValidFrom, Confidence: 50, Detect: !in.Revoked, AdvisoryID: advisoryOf[in.ID], Source: "stix",
				ModifiedAt: in.Modified}
			if !in.ValidUntil.IsZero() {
				until := in.ValidUntil
				row.ValidUntil = &until
			}
			if in.Confidence != nil {
				row.Confidence = *in.Confidence
			}
			rows = append(rows, row)
		}
	}
	if rows, err = f.screen(rows); err != nil {
		return err
	}
	for _, r := range rows {
		f.res.Markings[r.Share.Marking]++
	}
	f.res.Indicators = len(rows)
	if err := f.s.Store.InsertIndicators(ctx, f.p.Scope, rows); err != nil {
		return err
	}
	var kept []store.StixObject
	for _, o := range b.Others {
		if held[o.ID] {
			f.res.AlreadyHeld++
			continue
		}
		ref, err := f.share(ctx, o.Marking)
		if err != nil {
			return err
		}
		modified := o.Modified
		if modified.IsZero() {
			modified = f.s.Store.Now()
		}
		kept = append(kept, store.StixObject{Share: ref, STIXID: o.ID, Type: o.Type, Modified: modified, Body: string(o.JSON)})
		f.res.Markings[ref.Marking]++
	}
	f.res.Kept = len(kept)
	if len(f.res.Unmatched) > 0 && len(f.res.Unmatched) > 200 {
		f.res.Unmatched = append(f.res.Unmatched[:200], fmt.Sprintf("… and %d more", len(f.res.Unmatched)-200))
	}
	return f.s.Store.InsertObjects(ctx, f.p.Scope, kept)
}

// summaryOf is a description's first paragraph, short enough for a list.
func summaryOf(description string) string {
	first, _, _ := strings.Cut(strings.TrimSpace(description), "\n\n")
	return clip(strings.Join(strings.Fields(first), " "), 400)
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && s[cut]&0xC0 == 0x80 { // not inside a UTF-8 sequence
		cut--
	}
	return s[:cut] + "…"
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}
