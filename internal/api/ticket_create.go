package api

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// A ticket is raised with its files in one request: a JSON body, or a
// multipart/form-data body whose part "ticket" is that JSON and whose
// parts "attachment" are files. Multipart rather than base64 in the JSON:
// files travel as they are (base64 would add a third, and make the JSON
// body, which the API bounds at 1 MiB, carry megabytes), each part names
// its file as browsers and curl -F do, and it is how the web's raise form
// sends the same request. The ticket and its files are one transaction:
// a refused file leaves no ticket.

// ticketBodyMax bounds a ticket raised with files: the files up to the
// attachment limit between them and the JSON part. Files a little over the
// limit still arrive, for the service desk to refuse by name.
func (a *API) ticketBodyMax() int64 { return a.desk.MaxAttachment() + 1<<20 + 64<<10 }

// maxJSON is the bound on a JSON body, whole or as the "ticket" part.
const maxJSON = 1 << 20

func (a *API) createTicket(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	var body newTicketBody
	var files []desksvc.NewAttachment
	if media, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); media == "multipart/form-data" {
		var err error
		if files, err = a.ticketForm(r, &body); err != nil {
			if !tooLarge(w, err, "Body too large", "a ticket's files may come to the attachment limit between them") {
				a.fail(w, r, err)
			}
			return
		}
	} else {
		r.Body = http.MaxBytesReader(w, r.Body, maxJSON) // the route takes more, for files
		if !decode(w, r, &body) {
			return
		}
	}
	n, err := body.newTicket(org.ID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	n.Attachments = files
	t, err := a.desk.Open(r.Context(), p, n)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	a.showTicket(w, r, p, org, t, http.StatusCreated)
}

// ticketForm reads a multipart ticket: the "ticket" part into body, each
// "attachment" part as a file. Other parts are refused, so a misspelt part
// name is heard of rather than dropped.
func (a *API) ticketForm(r *http.Request, body *newTicketBody) ([]desksvc.NewAttachment, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, fault.Invalid("body", "the form could not be read: %s", err.Error())
	}
	var files []desksvc.NewAttachment
	seen := false
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, unreadForm(err)
		}
		switch part.FormName() {
		case "ticket":
			if seen {
				return nil, fault.Invalid("ticket", "send the ticket part once")
			}
			seen = true
			data, err := io.ReadAll(io.LimitReader(part, maxJSON+1))
			if err != nil {
				return nil, unreadForm(err)
			}
			if len(data) > maxJSON {
				return nil, fault.Invalid("ticket", "the ticket part is over %d bytes", maxJSON)
			}
			if err := decodeBody(bytes.NewReader(data), body, false); err != nil {
				return nil, fault.Invalid("ticket", "the ticket part is not the JSON a ticket takes: %s", err.Error()).Because(err)
			}
		case "attachment":
			content, err := io.ReadAll(part)
			if err != nil {
				return nil, unreadForm(err)
			}
			files = append(files, desksvc.NewAttachment{Name: httpin.FileName(part.FileName(), "", "attachment"), Content: content})
		default:
			return nil, fault.Invalid(part.FormName(), "unknown part %q: send \"ticket\" (JSON) and \"attachment\" files", part.FormName())
		}
		_ = part.Close()
	}
	if !seen {
		return nil, fault.Invalid("ticket", "send the ticket as a JSON part named \"ticket\"")
	}
	return files, nil
}

// unreadForm is a form that broke off or ran over the route's bound.
func unreadForm(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) || strings.Contains(err.Error(), "request body too large") {
		return err
	}
	return fault.Invalid("body", "the form did not arrive whole: %s", err.Error()).Because(err)
}
