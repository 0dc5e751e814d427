package tenancy

import (
	"fmt"
	"strings"
)

// A reference prefix is the short code every ticket reference of an org
// starts with (ASH in ASH-INC-10003), so a reference said over the phone
// names its council as well as its ticket.

// CheckRefPrefix says whether p can be an org's reference prefix: two to six
// upper-case letters, so it reads aloud and never looks like a number.
func CheckRefPrefix(p string) error {
	if len(p) < 2 || len(p) > 6 {
		return fmt.Errorf("reference prefix %q must be 2 to 6 upper-case letters", p)
	}
	for _, c := range p {
		if c < 'A' || c > 'Z' {
			return fmt.Errorf("reference prefix %q must be 2 to 6 upper-case letters", p)
		}
	}
	return nil
}

// RefPrefixCandidates are the prefixes an org is offered by default, best
// first: the first three letters of its slug, then four, five and six, so
// "ashcombe" is ASH and a later "ashford" is ASHF. A slug with fewer than
// two letters offers none, and its org must be given a prefix.
func RefPrefixCandidates(slug string) []string {
	var letters strings.Builder
	for _, c := range strings.ToUpper(slug) {
		if c >= 'A' && c <= 'Z' {
			letters.WriteRune(c)
		}
	}
	l := letters.String()
	if len(l) < 2 {
		return nil
	}
	var out []string
	for n := 3; n <= 6; n++ {
		out = append(out, l[:min(n, len(l))])
		if n >= len(l) {
			break
		}
	}
	return out
}
