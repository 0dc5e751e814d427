package api

import (
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// attachmentDoc is a ticket's file as the API lists it.
type attachmentDoc struct {
	ID          int64  `json:"id"`
	FileName    string `json:"file_name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
	UploadedAt  string `json:"uploaded_at"`
	Download    string `json:"download"`
}

func attachmentDocs(r *http.Request, files []desksvc.Attachment) []attachmentDoc {
	out := make([]attachmentDoc, 0, len(files))
	for _, a := range files {
		out = append(out, attachmentDoc{ID: a.ID, FileName: a.FileName, ContentType: a.ContentType, Size: a.Size, SHA256: a.SHA256,
			UploadedAt: a.UploadedAt.Format("2006-01-02T15:04:05Z"), Download: r.URL.Path + "/" + strconv.FormatInt(a.ID, 10)})
	}
	return out
}

// attachmentBodyMax is the largest upload body taken: one byte over the
// limit, so the service desk names the limit when a file is too large.
func (a *API) attachmentBodyMax() int64 { return a.desk.MaxAttachment() + 1 }

// addAttachment takes the request body as one file for the ticket; its
// name comes from ?filename= or Content-Disposition, its type from its
// content, whatever Content-Type says.
func (a *API) addAttachment(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	_, t, ok := a.ticketInScope(w, r, p)
	if !ok {
		return
	}
	content, err := io.ReadAll(r.Body)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		content, err = make([]byte, a.attachmentBodyMax()), nil // refused by size below, naming the limit
	}
	if err != nil {
		a.fail(w, r, fault.Invalid("attachment", "the file could not be read").Because(err))
		return
	}
	name := httpin.FileName(r.URL.Query().Get("filename"), r.Header.Get("Content-Disposition"), "attachment")
	added, err := a.desk.Attach(r.Context(), p, t.ID, []desksvc.NewAttachment{{Name: name, Content: content}})
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.Header().Set("Location", r.URL.Path+"/"+strconv.FormatInt(added[0].ID, 10))
	writeJSON(w, http.StatusCreated, attachmentDocs(r, added)[0])
}

func (a *API) listAttachments(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	_, t, ok := a.ticketInScope(w, r, p)
	if !ok {
		return
	}
	files, err := a.desk.Attachments(r.Context(), p, t.ID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"attachments": attachmentDocs(r, files)})
}

// getAttachment downloads one file; never inline (see httpin.WriteAttachment).
// The API always answers application/octet-stream, as every API answer is
// application/*; the sniffed type is in the listing.
func (a *API) getAttachment(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	_, t, ok := a.ticketInScope(w, r, p)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("file"), 10, 64)
	if err != nil {
		a.fail(w, r, fault.NotFound("no attachment %s on %s", r.PathValue("file"), t.Ref))
		return
	}
	f, err := a.desk.AttachmentFile(r.Context(), p, t.ID, id)
	if err != nil {
		a.fail(w, r, notFoundAs(err, "no attachment %d on %s", id, t.Ref))
		return
	}
	httpin.WriteAttachment(w, f.FileName, "application/octet-stream", f.Content)
}
