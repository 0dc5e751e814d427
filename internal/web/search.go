package web

import (
	"net/http"

	"github.com/ward-shared-service/ward/internal/service/searchsvc"
)

type searchData struct {
	Query   string
	Results searchsvc.Results
	Asked   bool // a query was given, so "nothing found" is worth saying
}

// searchPage answers the header's search box: the records of each kind the
// user may see that the query names or contains, grouped by kind. Only the
// records found are counted; nothing outside the user's view is.
func (s *Server) searchPage(w http.ResponseWriter, r *http.Request, rs *requestState) {
	q := r.URL.Query().Get("q")
	data := searchData{Query: q}
	if q == "" {
		s.render(w, r, rs, http.StatusOK, "search", page{Data: data})
		return
	}
	data.Asked = true
	res, err := s.search.Search(r.Context(), rs.principal, q)
	if err != nil {
		if bad := s.refusedForm(w, r, err); bad != nil {
			s.render(w, r, rs, http.StatusBadRequest, "search", page{Errors: formErrors(bad, ""), Data: data})
		}
		return
	}
	data.Results = res
	s.render(w, r, rs, http.StatusOK, "search", page{Data: data})
}
