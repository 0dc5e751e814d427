package web

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

// attachmentRow is a ticket's file as its page lists it.
type attachmentRow struct {
	Name, Size, Type, SHA256, When, Link string
}

// ticketFormMax is the largest ticket form taken: one file at the
// attachment limit and the form around it, with room to spare so a file a
// little over the limit is refused by the service desk with the form kept.
func (s *Server) ticketFormMax() int64 { return s.desk.MaxAttachment() + 1<<20 }

// attachmentsFrom reads the form's files, parsing a multipart form (which
// fills PostForm too). A body over ticketFormMax is a field error; the
// rest of the form is then lost, and the user is told to send it again.
func attachmentsFrom(r *http.Request) ([]desksvc.NewAttachment, *fieldError) {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		return nil, nil
	}
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, &fieldError{"attachment", "The file is too large; attach files up to the size the hint gives, and fill in the form again"}
		}
		return nil, &fieldError{"attachment", "The form could not be read; send it again"}
	}
	var out []desksvc.NewAttachment
	for _, fh := range r.MultipartForm.File["attachment"] {
		f, err := fh.Open()
		if err != nil {
			return nil, &fieldError{"attachment", "The file could not be read; send it again"}
		}
		content, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			return nil, &fieldError{"attachment", "The file could not be read; send it again"}
		}
		out = append(out, desksvc.NewAttachment{Name: httpin.FileName(fh.Filename, "", "attachment"), Content: content})
	}
	return out, nil
}

// attachmentRows lists a ticket's files for its page.
func (s *Server) attachmentRows(r *http.Request, rs *requestState, t desksvc.Ticket) ([]attachmentRow, error) {
	files, err := s.desk.Attachments(r.Context(), rs.principal, t.ID)
	if err != nil {
		return nil, err
	}
	loc := zoneOf(orgIndex(rs.orgs)[t.OrgID])
	var out []attachmentRow
	for _, a := range files {
		media, _, _ := mime.ParseMediaType(a.ContentType)
		out = append(out, attachmentRow{Name: a.FileName, Size: byteSize(a.Size), Type: media, SHA256: a.SHA256,
			When: localTime(a.UploadedAt, loc), Link: r.URL.Path + "/attachments/" + strconv.FormatInt(a.ID, 10)})
	}
	return out, nil
}

// byteSize is a file's size as people read it.
func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return strings.TrimSuffix(strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64), ".0") + " MiB"
	case n >= 1<<10:
		return strconv.FormatInt((n+512)>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// ticketAttachment hands over one file of a ticket the user may see. It is
// always a download: never shown in the page, its type not to be guessed
// again by the browser, and sandboxed should a browser open it anyway.
func (s *Server) ticketAttachment(w http.ResponseWriter, r *http.Request, rs *requestState) {
	t, _, ok := s.ticketInScope(w, r, rs)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("file"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return
	}
	a, err := s.desk.AttachmentFile(r.Context(), rs.principal, t.ID, id)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	httpin.WriteAttachment(w, a.FileName, a.ContentType, a.Content)
}
