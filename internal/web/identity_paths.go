package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/identitysvc"
)

// pathsShown is how many accounts the paths page lists at first; "show
// more" doubles it. A big council has thousands, and the page should
// still arrive quickly.
const pathsShown = 50

type identityPathsData struct {
	Links                        []deskLink
	Org                          accountsvc.Org
	Match                        string
	Rows                         []pathRow
	Reaching, Accounts, TierZero int
	MoreLink                     string // set when there are more to show
	Analysed                     bool
}

// identityPaths lists every account with a path into Tier Zero, nearest
// first, with one shortest path each in words; a search narrows it by
// name or id.
func (s *Server) identityPaths(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	q := r.URL.Query()
	match := strings.TrimSpace(q.Get("match"))
	limit, err := strconv.Atoi(q.Get("limit"))
	if err != nil || limit < 1 {
		limit = pathsShown
	}
	limit = min(limit, httpin.MaxPathsListed)
	// One more than shown says whether there are more.
	paths, err := s.identity.PathsOf(r.Context(), rs.principal, org.ID, match, limit+1)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	data := identityPathsDataOf(org, paths, match, limit, len(s.orgsInScope(rs)) > 1)
	s.render(w, r, rs, http.StatusOK, "identity_paths", page{Data: data})
}

// identityPathsDataOf lists up to limit of the accounts in paths, which
// holds one more than that when there are more to show.
func identityPathsDataOf(org accountsvc.Org, paths identitysvc.Paths, match string, limit int, multi bool) identityPathsData {
	data := identityPathsData{Links: identityLinks(org.Slug, "/identity/"+org.Slug+"/paths", multi), Org: org,
		Match: match, Reaching: paths.Reaching, Accounts: paths.Accounts, TierZero: paths.TierZero, Analysed: len(paths.Directories) > 0}
	for i, p := range paths.Principals {
		if i == limit {
			more := url.Values{"limit": {strconv.Itoa(min(2*limit, httpin.MaxPathsListed))}}
			if match != "" {
				more.Set("match", match)
			}
			if limit < httpin.MaxPathsListed {
				data.MoreLink = "/identity/" + org.Slug + "/paths?" + more.Encode()
			}
			break
		}
		data.Rows = append(data.Rows, pathRowOf(p, org.Slug))
	}
	return data
}
