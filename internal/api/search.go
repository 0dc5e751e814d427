package api

import (
	"net/http"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// searchAll answers GET /api/v1/search?q=: the records the token may see that
// the query names or contains, grouped by kind, as the search page shows.
func (a *API) searchAll(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	res, err := a.search.Search(r.Context(), p, r.URL.Query().Get("q"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}
