package identitysvc

import (
	"context"
	"strings"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// SearchObjects finds the objects of an org's current directories whose
// name, id or mail contains term (case folded), exact matches first, at
// most limit+1 of them so a caller can tell there are more. An org with no
// directory imported has none.
func (s *Service) SearchObjects(ctx context.Context, p tenancy.Principal, orgID int64, term string, limit int) ([]Principal, error) {
	if err := require(p, tenancy.ViewPosture, orgID); err != nil {
		return nil, err
	}
	a, _, err := s.load(ctx, p, orgID, "current", nil, true)
	if err != nil || a == nil || a.Graph == nil {
		return nil, err
	}
	q := strings.ToLower(strings.TrimSpace(term))
	var exact, partial []Principal
	for i := range a.Graph.Nodes {
		n := &a.Graph.Nodes[i]
		name, id, mail := strings.ToLower(n.Name), strings.ToLower(n.ID), strings.ToLower(n.Mail)
		hit := Principal{ID: n.ID, Name: n.Name, Kind: n.Kind.String(), Directory: n.Directory}
		switch {
		case name == q || id == q || mail == q || strings.ToLower(shortName(n.Name)) == q:
			exact = append(exact, hit)
		case len(partial) <= limit && (strings.Contains(name, q) || strings.Contains(id, q) || strings.Contains(mail, q)):
			partial = append(partial, hit)
		}
	}
	out := append(exact, partial...)
	return out[:min(len(out), limit+1)], nil
}

// shortName is a directory name without its domain: ADMIN@TESTLAB.LOCAL is ADMIN.
func shortName(name string) string {
	if i := strings.IndexByte(name, '@'); i > 0 {
		return name[:i]
	}
	return name
}
