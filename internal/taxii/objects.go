package taxii

import (
	"encoding/json"
	"net/http"

	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// page reads the page a request asks for. For one object's URLs, the
// object's id narrows it; found is false when the caller sees no such
// object at all, filters aside, which TAXII answers with 404.
func (s *Server) page(w http.ResponseWriter, r *http.Request, p tenancy.Principal, bodies bool) (warpsvc.TAXIIPage, bool) {
	q, ok, err := query(r)
	if err != nil {
		fail(w, http.StatusBadRequest, "Bad request", err.Error())
		return warpsvc.TAXIIPage{}, false
	}
	q.Bodies = bodies
	collection := r.PathValue("id")
	object := r.PathValue("object")
	if object != "" {
		q.IDs = []string{object}
	}
	var pg warpsvc.TAXIIPage
	if ok {
		if pg, err = s.warp.TAXIIObjects(r.Context(), p, collection, q); err != nil {
			s.failed(w, r, err)
			return pg, false
		}
	} else if _, err := s.warp.TAXIICollection(r.Context(), p, collection); err != nil {
		s.failed(w, r, err) // a collection the caller may not read is not found, filters or not
		return pg, false
	}
	if object != "" && len(pg.Objects) == 0 {
		held, err := s.warp.TAXIIObjects(r.Context(), p, collection, warpsvc.TAXIIQuery{IDs: []string{object}, Limit: 1})
		if err != nil {
			s.failed(w, r, err)
			return pg, false
		}
		if len(held.Objects) == 0 {
			fail(w, http.StatusNotFound, "Not found", "No such object in this collection that this token may read.")
			return pg, false
		}
	}
	if n := len(pg.Objects); n > 0 {
		w.Header().Set("X-TAXII-Date-Added-First", timestamp(pg.Objects[0].Added))
		w.Header().Set("X-TAXII-Date-Added-Last", timestamp(pg.Objects[n-1].Added))
	}
	return pg, true
}

// envelope is TAXII's answer with objects; an empty page is an empty
// envelope.
type envelope struct {
	More    *bool             `json:"more,omitempty"`
	Next    string            `json:"next,omitempty"`
	Objects []json.RawMessage `json:"objects,omitempty"`
}

func paging(pg warpsvc.TAXIIPage) (more *bool, next string) {
	if len(pg.Objects) == 0 && !pg.More {
		return nil, ""
	}
	m := pg.More
	if m {
		next = encodeCursor(pg.Last)
	}
	return &m, next
}

func (s *Server) objects(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	pg, ok := s.page(w, r, p, true)
	if !ok {
		return
	}
	var out envelope
	out.More, out.Next = paging(pg)
	for _, o := range pg.Objects {
		out.Objects = append(out.Objects, o.JSON)
	}
	respond(w, http.StatusOK, out)
}

// object serves one object; ward holds one version of each.
func (s *Server) object(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	s.objects(w, r, p)
}

func (s *Server) versions(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	pg, ok := s.page(w, r, p, false)
	if !ok {
		return
	}
	out := map[string]any{}
	if more, next := paging(pg); more != nil {
		out["more"] = *more
		if next != "" {
			out["next"] = next
		}
		var versions []string
		for _, o := range pg.Objects {
			versions = append(versions, timestamp(o.Version))
		}
		out["versions"] = versions
	}
	respond(w, http.StatusOK, out)
}

// manifestRecord is TAXII's manifest entry for an object.
type manifestRecord struct {
	ID        string `json:"id"`
	DateAdded string `json:"date_added"`
	Version   string `json:"version"`
	MediaType string `json:"media_type"`
}

func (s *Server) manifest(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	pg, ok := s.page(w, r, p, false)
	if !ok {
		return
	}
	out := map[string]any{}
	if more, next := paging(pg); more != nil {
		out["more"] = *more
		if next != "" {
			out["next"] = next
		}
		records := make([]manifestRecord, len(pg.Objects))
		for i, o := range pg.Objects {
			records[i] = manifestRecord{ID: o.ID, DateAdded: timestamp(o.Added), Version: timestamp(o.Version), MediaType: STIXMediaType}
		}
		out["objects"] = records
	}
	respond(w, http.StatusOK, out)
}
