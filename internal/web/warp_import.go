package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/service/warpsvc"
)

// maxFeedUpload is the most the feed form takes: the service's bound on a
// feed and a little room for the rest of the form.
const maxFeedUpload = warpsvc.MaxFeed + 64<<10

type warpImportData struct {
	Links       []deskLink
	Communities []choice
	Markings    []choice
	Form        map[string]string
	Result      *warpsvc.FeedResult
	Flagged     []flaggedRow
}

// warpImportForm is the form to load a feed of indicators: a STIX 2.1
// bundle or a plain list, one value a line.
func (s *Server) warpImportForm(w http.ResponseWriter, r *http.Request, rs *requestState) {
	s.showImport(w, r, rs, http.StatusOK, nil, map[string]string{"tlp": "AMBER", "flagged": "refuse"}, nil, nil)
}

func (s *Server) showImport(w http.ResponseWriter, r *http.Request, rs *requestState, status int, errs []fieldError, form map[string]string,
	res *warpsvc.FeedResult, flagged []warpsvc.Flagged) {
	communities, err := s.warp.Communities(r.Context(), rs.principal)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	data := warpImportData{Links: warpLinks(r), Markings: markingChoices(false), Form: form, Result: res}
	for _, c := range communities {
		if c.CanPublish {
			data.Communities = append(data.Communities, choice{Value: c.Slug, Label: c.Name})
		}
	}
	soleCommunity(data.Communities, form)
	if res != nil && len(flagged) == 0 {
		flagged = res.Flagged
	}
	data.Flagged = flaggedRows(flagged)
	s.render(w, r, rs, status, "warp_import", page{Errors: errs, Data: data})
}

// warpImport loads the uploaded feed into a community under the marking
// chosen, streaming it from the form into one transaction: a bad value
// refuses the whole file (unless the user asked to skip bad lines) and a
// STIX object keeps its own marking when that is stricter.
func (s *Server) warpImport(w http.ResponseWriter, r *http.Request, rs *requestState) {
	form := map[string]string{}
	refuse := func(status int, field, msg string) {
		s.showImport(w, r, rs, status, []fieldError{{field, msg}}, form, nil, nil)
	}
	_, part, ok := s.openUpload(w, r, refuse, s.feedUploadFailed, "file", "Choose a feed file to load", form, "community", "tlp", "skip_bad", "flagged")
	if !ok {
		return
	}
	if errs := fileMissing(s.feedFormErrors(r, rs, form), part, "file", "Choose a feed file to load"); len(errs) > 0 {
		s.showImport(w, r, rs, http.StatusUnprocessableEntity, errs, form, nil, nil)
		return
	}
	name := httpin.FileName(part.FileName(), "", "feed")
	res, err := s.warp.Import(r.Context(), rs.principal, warpsvc.FeedImport{ShareSpec: warpsvc.ShareSpec{Community: form["community"], TLP: form["tlp"]},
		File: name, Reader: part, SkipBad: form["skip_bad"] != "", AllowWarnings: form["flagged"] == "keep", DropFlagged: form["flagged"] == "drop"})
	var flagged *warpsvc.WarningsError
	switch {
	case errors.As(err, &flagged):
		msg := fmt.Sprintf("Nothing was loaded: %d values are on warning lists. Leave them out or keep them, and load the file again", len(flagged.Flagged))
		s.showImport(w, r, rs, http.StatusUnprocessableEntity, []fieldError{{"flagged", msg}}, form, nil, flagged.Flagged)
	case err != nil:
		if bad := s.feedUploadFailed(w, r, refuse, err); bad != nil {
			msg := sentence(bad.Message)
			if bad.Field == "file" {
				msg = "The file was refused and nothing was loaded: " + bad.Message
			}
			refuse(http.StatusUnprocessableEntity, importField(bad.Field), msg)
		}
	default:
		s.showImport(w, r, rs, http.StatusOK, nil, form, &res, nil)
	}
}

// importField is the form field a service complaint belongs to.
func importField(f string) string {
	if f == "community" || f == "tlp" {
		return f
	}
	return "file" // a value in the file, whatever the service calls it
}

// feedUploadFailed is matchUploadFailed with a feed's own size limit.
func (s *Server) feedUploadFailed(w http.ResponseWriter, r *http.Request, refuse func(int, string, string), err error) *fault.Error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		refuse(http.StatusRequestEntityTooLarge, "file", fmt.Sprintf("The feed is larger than %d MB: gzip it or split it", warpsvc.MaxFeed>>20))
		return nil
	}
	return s.matchUploadFailed(w, r, refuse, err)
}
