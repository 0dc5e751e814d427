package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/warp"
)

// What the WARP pages share: how a marking, an indicator and a sighting
// look, the section's own menu, and how a service error is answered.

// tlpBadge is a TLP 2.0 label as every WARP page shows it, coloured as
// FIRST defines (see .ward-tlp in web/src/ward.scss), with the rule the
// recipient must follow.
type tlpBadge struct {
	Label, Class, Banner, Rule string
}

func tlpOf(m warp.Marking) tlpBadge {
	return tlpBadge{Label: m.String(), Class: "ward-tlp ward-tlp--" + m.Slug(), Banner: "ward-tlp-banner ward-tlp-banner--" + m.Slug(), Rule: m.Rule()}
}

// markingChoices are the five markings for a select, each with its rule.
func markingChoices(withRed bool) []choice {
	var out []choice
	for _, m := range warp.Markings {
		if m == warp.Red && !withRed {
			continue
		}
		out = append(out, choice{Value: string(m), Label: m.String()})
	}
	return out
}

func severityChoices() []choice {
	var out []choice
	for _, s := range warpsvc.Severities {
		out = append(out, choice{Value: s, Label: severityTag(s).Label})
	}
	return out
}

func indicatorTypeChoices() []choice {
	var out []choice
	for _, t := range warp.Types {
		out = append(out, choice{Value: string(t), Label: string(t)})
	}
	return out
}

// indicatorRow is an indicator on a page: always defanged, so nobody opens
// an attacker's address by clicking or copying it into a browser.
type indicatorRow struct {
	Value, Type, Author, Community, Advisory, Warning string
	ValidFrom, ValidUntil                             template.HTML
	AdvisoryID                                        int64
	Confidence                                        int
	TLP                                               tlpBadge
}

func indicatorRowOf(in warpsvc.IndicatorView) indicatorRow {
	row := indicatorRow{Value: warp.Defang(in.Value), Type: string(in.Type), Author: in.Author, Community: in.CommunitySlug,
		Advisory: in.AdvisoryTitle, AdvisoryID: in.AdvisoryID, ValidFrom: shortTime(in.ValidFrom, london), Warning: in.Warning,
		Confidence: in.Confidence, TLP: tlpOf(in.TLP)}
	if in.ValidUntil != nil {
		row.ValidUntil = shortTime(*in.ValidUntil, london)
	}
	return row
}

// sightingRow is a sighting on a page: another member's anonymous one says
// "a member"; only the org's own show the log line and the ticket.
type sightingRow struct {
	Indicator, Type, SeenBy, Sample, Ticket string
	FirstSeen, LastSeen                     template.HTML
	Count                                   int
	AdvisoryID                              int64
	Own, Shared, Anonymous                  bool
	TLP                                     tlpBadge
}

func sightingRowOf(g warpsvc.SightingView) sightingRow {
	return sightingRow{Indicator: warp.Defang(g.Indicator.Value), Type: string(g.Indicator.Type), SeenBy: g.SeenBy,
		FirstSeen: shortTime(g.FirstSeen, london), LastSeen: shortTime(g.LastSeen, london), Sample: warp.Defang(g.Line), Ticket: g.Ticket,
		Count: g.Count, AdvisoryID: g.AdvisoryID, Own: g.Own, Shared: g.Shared, Anonymous: g.Anonymous, TLP: tlpOf(g.TLP)}
}

// warpLinks is the WARP's own menu, under each page's heading.
func warpLinks(r *http.Request) []deskLink {
	var out []deskLink
	for _, l := range [][2]string{{"Advisories", "/warp"}, {"Publish an advisory", "/warp/advisories/new"}, {"Indicators", "/warp/indicators"},
		{"Sightings", "/warp/sightings"}, {"Check logs", "/warp/match"}, {"Load a feed", "/warp/import"}, {"Communities", "/warp/communities"}} {
		out = append(out, deskLink{Label: l[0], Href: l[1], Current: r.URL.Path == l[1]})
	}
	return out
}

// advisoryID reads the {id} of an advisory's path; anything but a number
// is a page that does not exist.
func advisoryID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}

// pageCursor reads a list's ?cursor=, nil for the first page (and for a
// cursor ward did not give out, which starts the list again).
func pageCursor(q url.Values) *keyset.Cursor {
	c, err := keyset.Decode(q.Get("cursor"))
	if err != nil {
		return nil
	}
	return &c
}

// keyedPage turns a page fetched one over from cursor cur into rows, with
// the cursors of the pages beside it (see keyset.Trim).
func keyedPage[T, R any](list []T, perPage int, cur *keyset.Cursor, key func(T) keyset.Cursor, row func(T) R) (rows []R, prev, next *keyset.Cursor) {
	list, prev, next = keyset.Trim(list, perPage, cur, key)
	for _, x := range list {
		rows = append(rows, row(x))
	}
	return rows, prev, next
}

// cursorLinks are the previous and next links of a list paged by cursor,
// keeping its filters.
func cursorLinks(path string, q url.Values, prev, next *keyset.Cursor) (prevURL, nextURL string) {
	link := func(c *keyset.Cursor) string {
		if c == nil {
			return ""
		}
		v := url.Values{}
		for k, vs := range q {
			if k != "cursor" && k != "page" && len(vs) > 0 && vs[0] != "" {
				v.Set(k, vs[0])
			}
		}
		v.Set("cursor", c.Encode())
		return path + "?" + v.Encode()
	}
	return link(prev), link(next)
}

// filterOf reads the named query parameters, trimmed, for a filter form.
func filterOf(q url.Values, keys ...string) map[string]string {
	out := map[string]string{}
	for _, k := range keys {
		out[k] = strings.TrimSpace(q.Get(k))
	}
	return out
}
