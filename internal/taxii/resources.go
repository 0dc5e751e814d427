package taxii

import (
	"net/http"
	"time"

	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// rootURL is the API root's URL; TAXII 2.1 lets it be relative, which
// keeps it right behind any proxy.
const rootURL = "/taxii2/" + Root + "/"

func (s *Server) discovery(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	respond(w, http.StatusOK, map[string]any{
		"title":       "ward WARP",
		"description": "Advisories, indicators and sightings shared by the members of ward's WARP communities under TLP 2.0.",
		"default":     rootURL,
		"api_roots":   []string{rootURL},
	})
}

func (s *Server) apiRoot(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	respond(w, http.StatusOK, map[string]any{
		"title": "WARP",
		"description": "One collection for each community and TLP marking: the collections list those of your " +
			"organisation's communities, and any other in which you may see something.",
		"versions":           []string{MediaType},
		"max_content_length": MaxContentLength,
	})
}

// collectionJSON is TAXII's collection resource.
type collectionJSON struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description,omitempty"`
	Alias       string   `json:"alias,omitempty"`
	CanRead     bool     `json:"can_read"`
	CanWrite    bool     `json:"can_write"`
	MediaTypes  []string `json:"media_types"`
}

func collectionOf(c warpsvc.TAXIICollection) collectionJSON {
	return collectionJSON{ID: c.ID, Title: c.Title, Description: c.Description, Alias: c.Alias, CanRead: c.CanRead,
		CanWrite: c.CanWrite, MediaTypes: []string{STIXMediaType}}
}

func (s *Server) collections(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	list, err := s.warp.TAXIICollections(r.Context(), p)
	if err != nil {
		s.failed(w, r, err)
		return
	}
	out := map[string]any{} // TAXII's answer for no collections is an empty resource
	if len(list) > 0 {
		cs := make([]collectionJSON, len(list))
		for i, c := range list {
			cs[i] = collectionOf(c)
		}
		out["collections"] = cs
	}
	respond(w, http.StatusOK, out)
}

func (s *Server) collection(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	c, err := s.warp.TAXIICollection(r.Context(), p, r.PathValue("id"))
	if err != nil {
		s.failed(w, r, err)
		return
	}
	respond(w, http.StatusOK, collectionOf(c))
}

// statusJSON is TAXII's status resource.
type statusJSON struct {
	ID               string                 `json:"id"`
	Status           string                 `json:"status"`
	RequestTimestamp string                 `json:"request_timestamp,omitempty"`
	TotalCount       int                    `json:"total_count"`
	SuccessCount     int                    `json:"success_count"`
	Successes        []warpsvc.TAXIIOutcome `json:"successes,omitempty"`
	FailureCount     int                    `json:"failure_count"`
	Failures         []warpsvc.TAXIIOutcome `json:"failures,omitempty"`
	PendingCount     int                    `json:"pending_count"`
	Pendings         []warpsvc.TAXIIOutcome `json:"pendings,omitempty"`
}

func statusOf(st warpsvc.TAXIIStatus) statusJSON {
	return statusJSON{ID: st.ID, Status: st.Status, RequestTimestamp: timestamp(st.RequestedAt),
		TotalCount:   len(st.Successes) + len(st.Failures) + len(st.Pendings),
		SuccessCount: len(st.Successes), Successes: st.Successes, FailureCount: len(st.Failures), Failures: st.Failures,
		PendingCount: len(st.Pendings), Pendings: st.Pendings}
}

func (s *Server) status(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	st, err := s.warp.TAXIIStatusOf(r.Context(), p, r.PathValue("status"))
	if err != nil {
		s.failed(w, r, err)
		return
	}
	respond(w, http.StatusOK, statusOf(st))
}

// timestamp writes a TAXII timestamp: UTC, to the microsecond TAXII asks
// date_added to carry, trailing zeros dropped down to the millisecond, as
// the STIX package writes objects' times.
func timestamp(t time.Time) string {
	s := t.UTC().Format("2006-01-02T15:04:05.000000")
	for len(s) > len("2006-01-02T15:04:05.000") && s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	return s + "Z"
}
