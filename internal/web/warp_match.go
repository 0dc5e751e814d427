package web

import (
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"slices"
	"strings"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/warp"
)

// maxLogUpload is the most a match form takes: several days of a council's
// proxy logs, gzipped.
const maxLogUpload = httpin.MaxImport + 64<<10

type matchHitRow struct {
	File, Indicator, Type, Advisory string
	Line                            int
	AdvisoryID                      int64
	TLP                             tlpBadge
}

type matchReportView struct {
	Org                              string
	Lines, Files, Checked, HitsTotal int
	Hits                             []matchHitRow
	Sightings                        int
	Ticket, SharedAs                 string
	Capped                           bool
}

type warpMatchData struct {
	Links     []deskLink
	Orgs      []accountsvc.Org // to choose from, when the user acts for several
	Form      map[string]string
	CanTicket bool
	Report    *matchReportView
}

// warpMatchForm is the form to check logs against the shared indicators.
func (s *Server) warpMatchForm(w http.ResponseWriter, r *http.Request, rs *requestState) {
	s.showMatch(w, r, rs, http.StatusOK, nil, map[string]string{"share": warpsvc.ShareAnonymous}, nil)
}

func (s *Server) showMatch(w http.ResponseWriter, r *http.Request, rs *requestState, status int, errs []fieldError, form map[string]string, rep *matchReportView) {
	data := warpMatchData{Links: warpLinks(r), Form: form, CanTicket: rs.principal.Can(tenancy.RaiseTickets), Report: rep}
	if orgs := s.orgsInScope(rs); len(orgs) > 1 {
		data.Orgs = orgs
	}
	s.render(w, r, rs, status, "warp_match", page{Errors: errs, Data: data})
}

// warpMatch checks uploaded logs (any number, gzipped or not) against every
// indicator the org may see, streaming each file through the matcher as it
// arrives, records the sightings as the user chose to share them, and
// shows the hits. The small fields come before the files in the form, so
// they are read first.
func (s *Server) warpMatch(w http.ResponseWriter, r *http.Request, rs *requestState) {
	form := map[string]string{}
	refuse := func(status int, field, msg string) {
		s.showMatch(w, r, rs, status, []fieldError{{field, msg}}, form, nil)
	}
	mr, first, ok := s.openUpload(w, r, refuse, s.matchUploadFailed, "files", "Choose one or more log files to check", form, "org", "share", "ticket")
	if !ok {
		return
	}
	var errs []fieldError
	org, ok := s.formOrg(rs, form["org"])
	if !ok {
		errs = append(errs, fieldError{"org", "Choose the organisation whose logs these are"})
	}
	if v := form["share"]; v != "" && !slices.Contains(warpsvc.Shares, v) {
		errs = append(errs, fieldError{"share", "Choose how to share what is seen: named, anonymous or not at all"})
	}
	if errs = fileMissing(errs, first, "files", "Choose one or more log files to check"); len(errs) > 0 {
		s.showMatch(w, r, rs, http.StatusUnprocessableEntity, errs, form, nil)
		return
	}
	files := func(yield func(warpsvc.LogFile, error) bool) {
		for part := first; part != nil; {
			if !yield(warpsvc.LogFile{Name: httpin.FileName(part.FileName(), "", "log"), Reader: part}, nil) {
				return
			}
			var err error
			if part, err = nextFile(mr, "files", nil); err != nil {
				yield(warpsvc.LogFile{}, err)
				return
			}
		}
	}
	rep, err := s.warp.MatchEach(r.Context(), rs.principal, org.Slug, files,
		warpsvc.MatchOptions{Share: form["share"], Ticket: form["ticket"] != ""})
	if err != nil {
		if bad := s.matchUploadFailed(w, r, refuse, err); bad != nil {
			field := bad.Field
			if field == "file" {
				field = "files"
			}
			refuse(http.StatusUnprocessableEntity, field, "Nothing was recorded: "+bad.Message)
		}
		return
	}
	s.showMatch(w, r, rs, http.StatusOK, nil, form, matchReportOf(org.Name, rep))
}

// nextFile reads the form's small fields into form (when named in fields)
// until the next part that is a chosen file, which it returns; nil at the
// end of the form. A file input left empty sends a part with no file name,
// which is skipped.
func nextFile(mr *multipart.Reader, name string, form map[string]string, fields ...string) (*multipart.Part, error) {
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		switch {
		case part.FormName() == name && part.FileName() != "":
			return part, nil
		case form != nil && slices.Contains(fields, part.FormName()):
			v, _ := io.ReadAll(io.LimitReader(part, 256))
			form[part.FormName()] = strings.TrimSpace(string(v))
		}
		_ = part.Close()
	}
}

// openUpload reads an upload form up to the first file in field, the small
// fields sent before it into form. A body that is no form is refused with
// missing, and one that broke off or was too big as failed answers it; ok
// says the form was read, part is its first file (nil when none was
// chosen), and further ones follow in the reader.
func (s *Server) openUpload(w http.ResponseWriter, r *http.Request, refuse func(int, string, string),
	failed func(http.ResponseWriter, *http.Request, func(int, string, string), error) *fault.Error,
	field, missing string, form map[string]string, small ...string) (mr *multipart.Reader, part *multipart.Part, ok bool) {
	mr, err := r.MultipartReader()
	if err != nil {
		refuse(http.StatusBadRequest, field, missing)
		return nil, nil, false
	}
	part, err = nextFile(mr, field, form, small...)
	if err != nil {
		if bad := failed(w, r, refuse, err); bad != nil {
			refuse(http.StatusUnprocessableEntity, field, sentence(bad.Message))
		}
		return nil, nil, false
	}
	// No file (part is nil): the handler names that with the small fields'
	// own mistakes, so the form says everything wrong at once.
	return mr, part, true
}

// matchUploadFailed answers a form that broke off or was too big; anything
// else as refusedForm does, returning invalid input for the form to show.
func (s *Server) matchUploadFailed(w http.ResponseWriter, r *http.Request, refuse func(int, string, string), err error) *fault.Error {
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		refuse(http.StatusRequestEntityTooLarge, "files", fmt.Sprintf("The logs come to more than %d MB: gzip them or check them a few at a time", httpin.MaxImport>>20))
	case errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "multipart"):
		refuse(http.StatusBadRequest, "files", "The upload did not arrive whole: try again")
	default:
		return s.refusedForm(w, r, err)
	}
	return nil
}

func matchReportOf(org string, rep warpsvc.MatchReport) *matchReportView {
	v := &matchReportView{Org: org, Lines: rep.Lines, Files: rep.Files, Checked: rep.Checked, HitsTotal: rep.HitsTotal,
		Sightings: len(rep.Sightings), Ticket: rep.TicketRef, SharedAs: rep.SharedAs, Capped: rep.HitsTotal > len(rep.Hits)}
	for _, h := range rep.Hits {
		v.Hits = append(v.Hits, matchHitRow{File: h.File, Line: h.Line, Indicator: warp.Defang(h.Indicator), Type: string(h.Type),
			Advisory: h.Advisory, AdvisoryID: h.AdvisoryID, TLP: tlpOf(h.TLP)})
	}
	return v
}
