package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// recordInScope reads the {id} record of a page and its history with read:
// an id that is not a number is a page that does not exist, and a record
// outside the user's view is refused as the service says (a 404, so a user
// does not learn which ids exist).
func recordInScope[T, E any](s *Server, w http.ResponseWriter, r *http.Request, rs *requestState,
	read func(context.Context, tenancy.Principal, int64) (T, []E, error)) (T, []E, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		var zero T
		return zero, nil, false
	}
	rec, events, err := read(r.Context(), rs.principal, id)
	if err != nil {
		s.refused(w, r, err)
		return rec, nil, false
	}
	return rec, events, true
}
