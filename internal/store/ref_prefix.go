package store

import (
	"context"
	"strings"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// refPrefixFor is the prefix a new org gets: the one asked for, checked, or
// the first free one its slug offers, or else the first free one of ZZA,
// ZZB, … (a slug such as "x1" offers none). A prefix asked for that is taken
// fails on the unique index as ErrConflict.
func (s *Store) refPrefixFor(ctx context.Context, n NewOrg) (string, error) {
	if n.RefPrefix != "" {
		return n.RefPrefix, tenancy.CheckRefPrefix(n.RefPrefix)
	}
	candidates := tenancy.RefPrefixCandidates(n.Slug)
	for i := 0; ; i++ {
		var p string
		if i < len(candidates) {
			p = candidates[i]
		} else {
			p = "ZZ" + letters(i-len(candidates))
		}
		taken, err := s.RefPrefixHeld(ctx, p, 0)
		if err != nil || !taken {
			return p, err
		}
	}
}

// letters spells n in base 26 with A for 0: 0 is A, 25 is Z, 26 is BA.
func letters(n int) string {
	out := []byte{byte('A' + n%26)}
	for n /= 26; n > 0; n /= 26 {
		out = append([]byte{byte('A' + n%26)}, out...)
	}
	return string(out)
}

// refPrefixes reads the prefixes of the orgs the tickets belong to.
func (s *Store) refPrefixes(ctx context.Context, tickets []*Ticket) (map[int64]string, error) {
	out := map[int64]string{}
	for _, t := range tickets {
		if _, done := out[t.OrgID]; done {
			continue
		}
		var p string
		if err := s.queryRow(ctx, `SELECT ref_prefix FROM orgs WHERE id = ?`, t.OrgID).Scan(&p); err != nil {
			return nil, classify(err)
		}
		out[t.OrgID] = p
	}
	return out, nil
}

// qualifyRefs puts each ticket's org prefix in front of its reference,
// unless it is there already: INC-10003 and an imported INC0000130 become
// ASH-INC-10003 and ASH-INC0000130, unique across ward. The source's own
// number stays in ExternalID.
func (s *Store) qualifyRefs(ctx context.Context, tickets []*Ticket) error {
	prefixes, err := s.refPrefixes(ctx, tickets)
	if err != nil {
		return err
	}
	for _, t := range tickets {
		if p := prefixes[t.OrgID] + "-"; !strings.HasPrefix(t.Ref, p) {
			t.Ref = p + t.Ref
		}
	}
	return nil
}

// RefCandidates are the references what someone typed may mean within an
// org whose prefix is given: the reference as typed, with the prefix put in
// front, and for a bare desk number (10003) its incident and its request.
// Letters are matched upper-cased, as the desk writes them.
func RefCandidates(prefix, typed string) []string {
	typed = strings.TrimSpace(typed)
	up := strings.ToUpper(typed)
	out := []string{typed, up}
	if !strings.HasPrefix(up, prefix+"-") {
		out = append(out, prefix+"-"+typed, prefix+"-"+up)
	}
	if isDigits(up) {
		out = append(out, prefix+"-INC-"+up, prefix+"-REQ-"+up)
	}
	return out
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}
