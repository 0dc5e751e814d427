package taxii

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/service/warpsvc"
)

const (
	// DefaultLimit is a page's size when the client names none.
	DefaultLimit = 100
	// MaxLimit is the largest page served, whatever the client asks.
	MaxLimit = 1000
)

// query reads TAXII's URL parameters. ok is false when match[spec_version]
// rules out STIX 2.1, the only version ward serves, so nothing matches.
func query(r *http.Request) (q warpsvc.TAXIIQuery, ok bool, err error) {
	v := r.URL.Query()
	q.Limit = DefaultLimit
	if s := v.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return q, false, fmt.Errorf("limit %q is not a positive whole number", s)
		}
		q.Limit = min(n, MaxLimit)
	}
	if s := v.Get("added_after"); s != "" {
		if q.AddedAfter, err = time.Parse(time.RFC3339Nano, s); err != nil {
			return q, false, fmt.Errorf("added_after %q is not a timestamp such as 2026-03-01T09:30:00.000Z", s)
		}
	}
	if s := v.Get("next"); s != "" {
		c, err := decodeCursor(s)
		if err != nil {
			return q, false, fmt.Errorf("next %q is not a value this server gave", s)
		}
		q.After = &c
	}
	q.IDs = list(v.Get("match[id]"))
	q.Types = list(v.Get("match[type]"))
	// Ward holds one version of each object, so last, first and all select
	// the same one; only timestamps narrow.
	versions := list(v.Get("match[version]"))
	if !slices.ContainsFunc(versions, func(s string) bool { return s == "last" || s == "first" || s == "all" }) {
		for _, s := range versions {
			t, err := time.Parse(time.RFC3339Nano, s)
			if err != nil {
				return q, false, fmt.Errorf("match[version] %q is not last, first, all or a timestamp", s)
			}
			q.Versions = append(q.Versions, t)
		}
	}
	if specs := list(v.Get("match[spec_version]")); len(specs) > 0 && !slices.Contains(specs, "2.1") {
		return q, false, nil
	}
	return q, true, nil
}

// list reads a comma-separated filter value.
func list(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// The next parameter is opaque to clients: where the last page ended, in
// the order of date added, kind and key. A page that starts after a fixed
// point is stable while objects are added, since they sort after it.
func encodeCursor(c warpsvc.CollectionCursor) string {
	return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "1.%d.%d.%d", c.Added.UnixNano(), c.Kind, c.Key))
}

func decodeCursor(s string) (warpsvc.CollectionCursor, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return warpsvc.CollectionCursor{}, err
	}
	parts := strings.Split(string(b), ".")
	if len(parts) != 4 || parts[0] != "1" {
		return warpsvc.CollectionCursor{}, fmt.Errorf("not a cursor")
	}
	var n [3]int64
	for i, p := range parts[1:] {
		if n[i], err = strconv.ParseInt(p, 10, 64); err != nil {
			return warpsvc.CollectionCursor{}, err
		}
	}
	return warpsvc.CollectionCursor{Added: time.Unix(0, n[0]).UTC(), Kind: warpsvc.EntryKind(n[1]), Key: n[2]}, nil
}
