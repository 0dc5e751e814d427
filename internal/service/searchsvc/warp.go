package searchsvc

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/warp"
)

// directory: the objects of each org's current directories (accounts,
// groups, computers) named by the query or whose name, id or mail contain it.
func (s *Service) directory(ctx context.Context, p tenancy.Principal, q string, orgs []accountsvc.Org) (Group, error) {
	g := Group{Kind: Directory, Name: "Accounts and directory objects"}
	if !p.Can(tenancy.ViewPosture) {
		return g, nil
	}
	held, err := s.Identity.OrgsWithDirectories(ctx, p, orgIDs(orgs))
	if err != nil {
		return g, err
	}
	names := orgNames(orgs)
	var exact, partial []Hit
	for _, id := range held {
		o := names[id]
		found, err := s.Identity.SearchObjects(ctx, p, o.ID, q, PerKind)
		if err != nil {
			return g, err
		}
		for _, f := range found {
			h := Hit{Title: f.Name, Detail: strings.TrimSpace(f.Kind + " in " + f.Directory), Org: o.Name,
				Path: "/identity/" + o.Slug + "/principals/" + url.PathEscape(f.ID)}
			name, _, _ := strings.Cut(f.Name, "@") // JO.BLOGGS names JO.BLOGGS@ASHCOMBE.LOCAL
			if lq := lower(q); lower(f.Name) == lq || lower(f.ID) == lq || lower(name) == lq {
				h.Exact = true
				exact = append(exact, h)
			} else {
				partial = append(partial, h)
			}
		}
	}
	g.Hits = append(exact, partial...)
	return g.capped(), nil
}

// advisories: those the principal's viewer may read (TLP rules applied in
// the store) whose title, summary or body contain every word of the query.
func (s *Service) advisories(ctx context.Context, p tenancy.Principal, q string, _ []accountsvc.Org) (Group, error) {
	g := Group{Kind: Advisories, Name: "Advisories", AllPath: "/warp?q=" + url.QueryEscape(q)}
	if !p.Can(tenancy.ShareWarnings) {
		return g, nil
	}
	list, err := s.Warp.Advisories(ctx, p, warpsvc.AdvisoryQuery{Query: q, Limit: PerKind + 1})
	if err != nil {
		return g, err
	}
	for _, a := range list {
		g.Hits = append(g.Hits, Hit{Title: a.Title, Detail: "TLP:" + strings.ToUpper(string(a.TLP)) + " · " + a.Severity,
			Org: a.Author, Path: "/warp/advisories/" + strconv.FormatInt(a.ID, 10), Exact: lower(a.Title) == lower(q)})
	}
	return g.capped(), nil
}

// indicators: the indicator the query names, written canonically by the
// WARP's own rules (so evil[.]example finds evil.example), then those whose
// value starts with it (an index range each); only when neither finds one,
// those among the newest whose value, name or description contain it.
func (s *Service) indicators(ctx context.Context, p tenancy.Principal, q string, _ []accountsvc.Org) (Group, error) {
	term := q
	if in, err := warp.Detect(q); err == nil {
		term = in.Value
	}
	g := Group{Kind: Indicators, Name: "Indicators", AllPath: "/warp/indicators?q=" + url.QueryEscape(term)}
	if !p.Can(tenancy.ShareWarnings) {
		return g, nil
	}
	var list []warpsvc.IndicatorView
	for _, iq := range []warpsvc.IndicatorQuery{{Value: term, Limit: PerKind}, {Prefix: term, Limit: PerKind + 1}} {
		got, err := s.Warp.Indicators(ctx, p, iq)
		if err != nil {
			return g, err
		}
		list = append(list, got...)
	}
	if len(list) == 0 {
		g.Note = "Text is searched in the newest " + strconv.Itoa(TextWindow) + " indicators; search all from the full list."
		got, err := s.Warp.Indicators(ctx, p, warpsvc.IndicatorQuery{Query: term, Window: TextWindow, Limit: PerKind + 1})
		if err != nil {
			return g, err
		}
		list = got
	}
	seen := map[int64]bool{}
	var exact, partial []Hit
	for _, in := range list {
		if seen[in.ID] {
			continue
		}
		seen[in.ID] = true
		h := Hit{Title: in.Value, Detail: string(in.Type) + " · TLP:" + strings.ToUpper(string(in.TLP)), Org: in.Author,
			Path: "/warp/indicators?q=" + url.QueryEscape(in.Value)}
		if in.Value == term {
			h.Exact = true
			exact = append(exact, h)
		} else {
			partial = append(partial, h)
		}
	}
	g.Hits = append(exact, partial...)
	return g.capped(), nil
}
