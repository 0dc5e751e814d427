package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

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

// pageNumber reads ?page=, from 1.
func pageNumber(q url.Values) int {
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n >= 1 && n <= 10000 {
		return n
	}
	return 1
}

// pageOf turns the first perPage items of a list, fetched one over, into
// rows; more says the one over was there, so a further page exists.
func pageOf[T, R any](list []T, perPage int, row func(T) R) (rows []R, more bool) {
	for i, x := range list {
		if i == perPage {
			return rows, true
		}
		rows = append(rows, row(x))
	}
	return rows, false
}

// pageLinks are the previous and next links of a list shown perPage at a
// time; more says a further page exists.
func pageLinks(path string, q url.Values, page int, more bool) (prev, next string) {
	link := func(n int) string {
		v := url.Values{}
		for k, vs := range q {
			if k != "page" && len(vs) > 0 && vs[0] != "" {
				v.Set(k, vs[0])
			}
		}
		if n > 1 {
			v.Set("page", strconv.Itoa(n))
		}
		if len(v) == 0 {
			return path
		}
		return path + "?" + v.Encode()
	}
	if page > 1 {
		prev = link(page - 1)
	}
	if more {
		next = link(page + 1)
	}
	return prev, next
}

// filterOf reads the named query parameters, trimmed, for a filter form.
func filterOf(q url.Values, keys ...string) map[string]string {
	out := map[string]string{}
	for _, k := range keys {
		out[k] = strings.TrimSpace(q.Get(k))
	}
	return out
}
