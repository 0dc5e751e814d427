package web

import (
	"mime/multipart"
	"net/http"
	"slices"

	"github.com/ward-shared-service/ward/internal/warp"
)

// Upload forms are read as they stream in, their small fields first, so a
// form with a wrong choice and no file used to name one of the two. Each
// now checks its small fields itself and adds a missing file to the same
// list, so the error summary names every mistake at once.

// fileMissing adds missing on field to errs when no file was chosen: no
// part at all, or the empty part a browser sends for a file input left
// empty.
func fileMissing(errs []fieldError, part *multipart.Part, field, missing string) []fieldError {
	if part == nil || part.FileName() == "" {
		errs = append(errs, fieldError{field, missing})
	}
	return errs
}

// feedFormErrors checks the feed form's community and marking as the WARP
// service will, before the file is read: the community must be one the
// user's org may publish to, the marking a TLP 2.0 one.
func (s *Server) feedFormErrors(r *http.Request, rs *requestState, form map[string]string) []fieldError {
	var errs []fieldError
	communities, err := s.warp.Communities(r.Context(), rs.principal)
	if err != nil {
		return nil // the service refuses it again when the file is read
	}
	var publish []string
	for _, c := range communities {
		if c.CanPublish {
			publish = append(publish, c.Slug)
		}
	}
	if len(publish) == 1 && form["community"] == "" {
		form["community"] = publish[0]
	}
	if !slices.Contains(publish, form["community"]) {
		errs = append(errs, fieldError{"community", "Choose a community your organisation may publish to"})
	}
	if _, err := warp.ParseMarking(form["tlp"]); err != nil {
		errs = append(errs, fieldError{"tlp", "Choose a TLP marking: CLEAR, GREEN, AMBER or AMBER+STRICT"})
	}
	return errs
}
