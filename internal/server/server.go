// Package server puts ward's three HTTP doors together: the web pages, the
// JSON API under /api/v1/ and TAXII under /taxii2/, all over one set of
// services and behind the protections the page server wraps every request
// in (cross-origin protection, security headers, metrics). The pages use
// sessions; the API and TAXII take API tokens. Keeping the composition here
// lets the page server know nothing of the API.
package server

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/ward-shared-service/ward/internal/api"
	"github.com/ward-shared-service/ward/internal/app"
	"github.com/ward-shared-service/ward/internal/taxii"
	"github.com/ward-shared-service/ward/internal/web"
)

// Server is the whole of ward over HTTP. It is the page server, with the API
// and TAXII mounted in it.
type Server struct {
	*web.Server
	api *api.API
}

// New builds the pages, the API and TAXII over the services.
func New(ctx context.Context, cfg web.Config, svcs *app.Services, log *slog.Logger) (*Server, error) {
	s := &Server{}
	// The API records the client's address as the pages see it (behind a
	// trusted proxy too), and the pages are built after the API they mount.
	clientIP := func(r *http.Request) string { return s.ClientIP(r) }
	s.api = api.New(svcs, log, clientIP)
	pages, err := web.New(ctx, cfg, svcs, log,
		web.Mount{Pattern: "/api/v1/", Handler: s.api.Handler()},
		web.Mount{Pattern: "/taxii2/", Handler: taxii.New(svcs.Warp, s.api, log)})
	if err != nil {
		return nil, err
	}
	s.Server = pages
	return s, nil
}

// APIRoutes lists the JSON API's routes, for the test that walks every
// route as every role; Routes lists the pages'.
func (s *Server) APIRoutes() []api.Route { return s.api.Routes() }
