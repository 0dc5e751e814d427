package tenancy

import (
	"fmt"
	"regexp"
	"strings"
)

// OrgKind is what sort of organisation an org is.
type OrgKind string

const (
	KindCouncil       OrgKind = "council"
	KindSharedService OrgKind = "shared-service"
	KindPartner       OrgKind = "partner"
)

// OrgKinds lists every kind in display order.
var OrgKinds = []OrgKind{KindCouncil, KindSharedService, KindPartner}

// ParseOrgKind accepts an org kind as typed.
func ParseOrgKind(s string) (OrgKind, error) {
	k := OrgKind(strings.ToLower(strings.TrimSpace(s)))
	for _, known := range OrgKinds {
		if k == known {
			return k, nil
		}
	}
	return "", fmt.Errorf("unknown org kind %q (want council, shared-service or partner)", s)
}

// Label is the kind as a person reads it.
func (k OrgKind) Label() string {
	switch k {
	case KindCouncil:
		return "Council"
	case KindSharedService:
		return "Shared service"
	case KindPartner:
		return "Partner"
	}
	return string(k)
}

var slugPattern = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$`)

// CheckSlug says whether s can name an org in URLs and commands: lower-case
// letters, digits and inner hyphens, at most 40 characters.
func CheckSlug(s string) error {
	if !slugPattern.MatchString(s) {
		return fmt.Errorf("slug %q must be 1 to 40 lower-case letters, digits or inner hyphens", s)
	}
	return nil
}
