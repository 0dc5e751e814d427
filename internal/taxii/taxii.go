// Package taxii serves the WARP as a TAXII 2.1 server under /taxii2/, so
// members' security tools (a SIEM, MISP, OpenCTI) poll ward for advisories,
// indicators and sightings and post their own, with the same API tokens as
// the JSON API. One API root, "warp", holds one collection per community
// and TLP marking. The handlers speak HTTP only: what a caller may see,
// and the import of what it posts, are the sharing service's, so TLP is
// applied to every object per caller exactly as on the pages.
package taxii

import (
	"encoding/json"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

const (
	// MediaType is TAXII 2.1's, for requests and responses alike.
	MediaType = "application/taxii+json;version=2.1"
	// STIXMediaType is what the collections hold.
	STIXMediaType = "application/stix+json;version=2.1"
	// Root is the one API root.
	Root = "warp"
	// MaxContentLength bounds a posted envelope, as the API root says.
	MaxContentLength = 32 << 20
)

// Authenticator turns a request's API token into the principal it acts as;
// *api.API is one.
type Authenticator interface {
	Authenticate(r *http.Request) (tenancy.Principal, error)
}

// Server is the TAXII 2.1 server.
type Server struct {
	warp *warpsvc.Service
	auth Authenticator
	log  *slog.Logger
	mux  *http.ServeMux
}

// New builds the server; mount it at /taxii2/.
func New(warp *warpsvc.Service, auth Authenticator, log *slog.Logger) *Server {
	s := &Server{warp: warp, auth: auth, log: log, mux: http.NewServeMux()}
	col := "/taxii2/{root}/collections/{id}/"
	s.handle("/taxii2/{$}", s.discovery, nil)
	s.handle("/taxii2/{root}/{$}", s.apiRoot, nil)
	s.handle("/taxii2/{root}/status/{status}/{$}", s.status, nil)
	s.handle("/taxii2/{root}/collections/{$}", s.collections, nil)
	s.handle(col+"{$}", s.collection, nil)
	s.handle(col+"objects/{$}", s.objects, s.addObjects)
	s.handle(col+"objects/{object}/{$}", s.object, nil)
	s.handle(col+"objects/{object}/versions/{$}", s.versions, nil)
	s.handle(col+"manifest/{$}", s.manifest, nil)
	s.mux.HandleFunc("/taxii2/", func(w http.ResponseWriter, r *http.Request) {
		fail(w, http.StatusNotFound, "Not found", "No TAXII resource at this URL; start from /taxii2/.")
	})
	return s
}

// ServeHTTP serves TAXII. Every TAXII URL ends in a slash; one typed
// without it is served all the same rather than sent elsewhere.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !strings.HasSuffix(r.URL.Path, "/") {
		r = r.Clone(r.Context())
		r.URL.Path += "/"
		r.URL.RawPath = ""
	}
	s.mux.ServeHTTP(w, r)
}

type handler func(w http.ResponseWriter, r *http.Request, p tenancy.Principal)

// handle routes a resource: the token is checked first, so nothing answers
// an unauthenticated caller but 401, then the media types, then the API
// root's name.
func (s *Server) handle(pattern string, get, post handler) {
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		p, err := s.auth.Authenticate(r)
		if err != nil {
			w.Header().Set("WWW-Authenticate", `Bearer realm="ward"`)
			fail(w, http.StatusUnauthorized, "Not signed in", "Send a ward API token as 'Authorization: Bearer ward_…'; tokens are made with 'ward token create'.")
			return
		}
		if !acceptable(r.Header.Values("Accept")) {
			fail(w, http.StatusNotAcceptable, "Not acceptable", "This server answers in "+MediaType+"; send it in the Accept header.")
			return
		}
		if root := r.PathValue("root"); strings.HasPrefix(pattern, "/taxii2/{root}") && root != Root {
			fail(w, http.StatusNotFound, "Not found", "No API root "+strconv.Quote(root)+"; this server has one, /taxii2/"+Root+"/.")
			return
		}
		switch {
		case (r.Method == http.MethodGet || r.Method == http.MethodHead) && get != nil:
			get(w, r, p)
		case r.Method == http.MethodPost && post != nil:
			post(w, r, p)
		default:
			allow := "GET, HEAD"
			if post != nil {
				allow += ", POST"
			}
			w.Header().Set("Allow", allow)
			fail(w, http.StatusMethodNotAllowed, "Method not allowed", "This resource takes "+allow+".")
		}
	})
}

// acceptable reports whether an Accept header takes TAXII 2.1: the media
// type with version 2.1 or no version (the latest, which is 2.1), or a
// wildcard. No Accept header at all accepts anything, as HTTP says.
func acceptable(values []string) bool {
	if len(values) == 0 {
		return true
	}
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			typ, params, err := mime.ParseMediaType(strings.TrimSpace(part))
			if err != nil {
				continue
			}
			if q, err := strconv.ParseFloat(params["q"], 64); err == nil && q == 0 {
				continue // "not this one"
			}
			switch typ {
			case "*/*", "application/*":
				return true
			case "application/taxii+json":
				if ver, ok := params["version"]; !ok || ver == "2.1" {
					return true
				}
			}
		}
	}
	return false
}

// taxiiContent reports whether a posted body says it is TAXII 2.1.
func taxiiContent(header string) bool {
	typ, params, err := mime.ParseMediaType(header)
	if err != nil || typ != "application/taxii+json" {
		return false
	}
	ver, ok := params["version"]
	return !ok || ver == "2.1"
}

// respond writes a TAXII resource.
func respond(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", MediaType)
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// taxiiError is TAXII's error message resource; http_status is a string.
type taxiiError struct {
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	HTTPStatus  string `json:"http_status"`
}

func fail(w http.ResponseWriter, status int, title, description string) {
	respond(w, status, taxiiError{Title: title, Description: description, HTTPStatus: strconv.Itoa(status)})
}

// failed answers a request that ended in an error: the one place TAXII
// turns errors into statuses, by the fault's kind. TAXII has its own error
// document, not RFC 9457, and answers bad input with 400 as its
// specification's examples do. A collection or status the caller may not
// see is not found, whether or not it exists: the services say so.
func (s *Server) failed(w http.ResponseWriter, r *http.Request, err error) {
	f := fault.As(err)
	kind := fault.KindOf(err)
	if kind == fault.KindInternal && r.Context().Err() != nil {
		// The client went away and the request failed for it: not ward's
		// failure, and nobody to answer (the server logs it as 499).
		s.log.Debug("taxii request abandoned by the client", "method", r.Method, "path", r.URL.Path, "err", err)
		return
	}
	if kind == fault.KindInternal {
		s.log.Error("taxii request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		fail(w, http.StatusInternalServerError, "Internal error", "The request failed on the server; it has been logged.")
		return
	}
	msg := sentence(f.Message) + "."
	switch kind {
	case fault.KindNotFound:
		fail(w, http.StatusNotFound, "Not found", "No such resource that this token may read.")
	case fault.KindForbidden:
		fail(w, http.StatusForbidden, "Not allowed", msg)
	case fault.KindConflict:
		fail(w, http.StatusConflict, "Conflict", msg)
	default:
		fail(w, http.StatusBadRequest, "Bad request", f.Field+": "+f.Message)
	}
}

func sentence(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
