package identitysvc

import (
	"context"
	"strings"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// SearchObjects finds the objects of an org's current directories whose
// name, id or mail is, starts with or contains term (case folded), in that
// order, at most limit+1 of them so a caller can tell there are more. An org with no
// directory imported has none.
func (s *Service) SearchObjects(ctx context.Context, p tenancy.Principal, orgID int64, term string, limit int) ([]Principal, error) {
	if err := require(p, tenancy.ViewPosture, orgID); err != nil {
		return nil, err
	}
	a, _, err := s.load(ctx, p, orgID, "current", nil, true)
	if err != nil || a == nil || a.Graph == nil {
		return nil, err
	}
	q := strings.TrimSpace(term)
	// The graph is held decoded (the analysis cache); matching folds case
	// without copying each name, so a search over tens of thousands of
	// objects allocates nothing for those it passes over.
	var exact, prefix, partial []Principal
	for i := range a.Graph.Nodes {
		n := &a.Graph.Nodes[i]
		hit := func() Principal {
			return Principal{ID: n.ID, Name: n.Name, Kind: n.Kind.String(), Directory: n.Directory}
		}
		switch {
		case strings.EqualFold(n.Name, q) || strings.EqualFold(n.ID, q) || strings.EqualFold(n.Mail, q) || strings.EqualFold(shortName(n.Name), q):
			exact = append(exact, hit())
		case len(prefix) > limit:
		case hasPrefixFold(n.Name, q) || hasPrefixFold(n.ID, q) || hasPrefixFold(n.Mail, q):
			prefix = append(prefix, hit())
		case len(prefix)+len(partial) > limit:
		case containsFold(n.Name, q) || containsFold(n.ID, q) || containsFold(n.Mail, q):
			partial = append(partial, hit())
		}
	}
	out := append(append(exact, prefix...), partial...)
	return out[:min(len(out), limit+1)], nil
}

func hasPrefixFold(s, p string) bool { return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) }

// containsFold is strings.Contains with case folded, without copies; the
// first byte, folded for ASCII, is checked before the whole.
func containsFold(s, sub string) bool {
	if sub == "" {
		return true
	}
	c0 := asciiLower(sub[0])
	for i := 0; i+len(sub) <= len(s); i++ {
		if (sub[0] >= 0x80 || asciiLower(s[i]) == c0) && strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

func asciiLower(b byte) byte {
	if b >= 'A' && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// OrgsWithDirectories is those of the orgs in scope that hold a current
// directory: a search over every council asks only them.
func (s *Service) OrgsWithDirectories(ctx context.Context, p tenancy.Principal, orgIDs []int64) ([]int64, error) {
	for _, id := range orgIDs {
		if err := require(p, tenancy.ViewPosture, id); err != nil {
			return nil, err
		}
	}
	return s.Store.OrgsWithDirectories(ctx, p.Scope, orgIDs)
}

// shortName is a directory name without its domain: ADMIN@TESTLAB.LOCAL is ADMIN.
func shortName(name string) string {
	if i := strings.IndexByte(name, '@'); i > 0 {
		return name[:i]
	}
	return name
}
