package static

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestHandler(t *testing.T) {
	srv := httptest.NewServer(http.StripPrefix("/static/", Handler()))
	defer srv.Close()

	cases := []struct{ path, contentType string }{
		{"/static/ward.css", "text/css; charset=utf-8"},
		{"/static/app.js", "text/javascript; charset=utf-8"},
		{"/static/govuk-frontend.min.js", "text/javascript; charset=utf-8"},
		{"/static/assets/images/ward-icon.svg", "image/svg+xml"},
		{"/static/assets/images/govuk-crest.svg", "image/svg+xml"},
	}
	for _, c := range cases {
		resp, err := http.Get(srv.URL + c.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", c.path, resp.StatusCode)
			continue
		}
		if got := resp.Header.Get("Content-Type"); got != c.contentType {
			t.Errorf("%s: Content-Type %q, want %q", c.path, got, c.contentType)
		}
		if got := resp.Header.Get("Cache-Control"); got != "public, max-age=86400" {
			t.Errorf("%s: Cache-Control %q", c.path, got)
		}
		if c.path == "/static/ward.css" && strings.Contains(strings.ToLower(string(body)), "gds-transport") {
			t.Errorf("ward.css references the GDS Transport font")
		}
	}

	// No directory listings, no escaping the embedded folder.
	for _, p := range []string{"/static/", "/static/assets/", "/static/../static.go", "/static/nope.css"} {
		resp, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", p, resp.StatusCode)
		}
	}
}
