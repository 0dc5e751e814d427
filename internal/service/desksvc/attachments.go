package desksvc

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Attachment is a file on a ticket.
type Attachment = store.Attachment

// DefaultAttachmentMax is the largest file a ticket takes unless the
// operator says otherwise (WARD_ATTACHMENT_MAX_MIB): big enough for a
// screenshot, a PDF or a log, small enough to keep in the database.
const DefaultAttachmentMax = 10 << 20

// NewAttachment is a file as uploaded. Its name is only a label: the type
// is worked out from the content, never taken from the sender.
type NewAttachment struct {
	Name    string
	Content []byte
}

// attachable are the types, as sniffed from the content, a ticket takes:
// documents, pictures, plain text (logs, CSV) and zips (Office files are
// zips). HTML, scripts and programs are refused, though none would be
// rendered anyway: downloads are always attachments.
var attachable = map[string]bool{
	"application/pdf": true, "application/zip": true, "text/plain": true,
	"image/png": true, "image/jpeg": true, "image/gif": true, "image/webp": true, "image/bmp": true,
}

// MaxAttachment is the size limit in force (on a nil Service too, for
// route tables built without services).
func (s *Service) MaxAttachment() int64 {
	if s != nil && s.AttachmentMax > 0 {
		return s.AttachmentMax
	}
	return DefaultAttachmentMax
}

// sniff checks one file and returns it ready to store.
func (s *Service) sniff(f NewAttachment) (Attachment, error) {
	name := strings.TrimSpace(f.Name)
	if name == "" {
		name = "attachment"
	}
	if len(f.Content) == 0 {
		return Attachment{}, invalid("attachment", "%s is empty", name)
	}
	if limit := s.MaxAttachment(); int64(len(f.Content)) > limit {
		return Attachment{}, invalid("attachment", "%s is larger than %s; attach files up to %s", name, sizeText(int64(len(f.Content))), sizeText(limit))
	}
	sniffed := http.DetectContentType(f.Content)
	media, _, _ := mime.ParseMediaType(sniffed)
	if !attachable[media] {
		return Attachment{}, invalid("attachment", "%s is not a file type ward accepts (%s); attach a PDF, a picture, a text file or a zip", name, media)
	}
	sum := sha256.Sum256(f.Content)
	return Attachment{FileName: name, ContentType: sniffed, Size: int64(len(f.Content)),
		SHA256: hex.EncodeToString(sum[:]), Content: f.Content}, nil
}

// sizeText is a size as people write it.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return strings.TrimSuffix(strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64), ".0") + " MiB"
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// checkAttachments sniffs every file before anything is written, so one
// bad file refuses the lot; every file refused is named.
func (s *Service) checkAttachments(files []NewAttachment) ([]Attachment, error) {
	out := make([]Attachment, 0, len(files))
	var bad []error
	for _, f := range files {
		a, err := s.sniff(f)
		if err != nil {
			bad = append(bad, err)
			continue
		}
		out = append(out, a)
	}
	if err := allFaults(bad...); err != nil {
		return nil, err
	}
	return out, nil
}

// storeAttachments writes checked files onto a ticket with an audit entry
// each; run it inside the transaction of the change they come with.
func (s *Service) storeAttachments(ctx context.Context, p tenancy.Principal, t store.Ticket, files []Attachment) error {
	for i := range files {
		a := &files[i]
		a.OrgID, a.TicketID, a.UploadedBy = t.OrgID, t.ID, p.Actor
		if err := s.Store.AddAttachment(ctx, p.Scope, a); err != nil {
			return err
		}
		if _, err := s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: t.OrgID, Action: audit.TicketAttach, Target: t.Ref,
			Detail: map[string]string{"file": a.FileName, "type": a.ContentType, "size": strconv.FormatInt(a.Size, 10), "sha256": a.SHA256}, IP: p.IP}); err != nil {
			return err
		}
	}
	return nil
}

// Attach adds files to a ticket the principal may see and update.
func (s *Service) Attach(ctx context.Context, p tenancy.Principal, ticketID int64, files []NewAttachment) ([]Attachment, error) {
	checked, err := s.checkAttachments(files)
	if err != nil {
		return nil, err
	}
	if len(checked) == 0 {
		return nil, invalid("attachment", "choose a file to attach")
	}
	err = s.Store.InTx(ctx, func(ctx context.Context) error {
		t, err := s.Store.Ticket(ctx, p.Scope, ticketID)
		if err != nil {
			return err
		}
		if err := require(p, tenancy.RaiseTickets, t.OrgID); err != nil {
			return err
		}
		if t.State == desk.Closed {
			return invalid("attachment", "%s is closed; log a new ticket that refers to it", t.Ref)
		}
		return s.storeAttachments(ctx, p, t, checked)
	})
	for i := range checked {
		checked[i].Content = nil
	}
	return checked, err
}

// Attachments lists a ticket's files, without their content.
func (s *Service) Attachments(ctx context.Context, p tenancy.Principal, ticketID int64) ([]Attachment, error) {
	if !p.Can(tenancy.RaiseTickets) && !p.Can(tenancy.WorkTickets) {
		return nil, errForbidden
	}
	return s.Store.Attachments(ctx, p.Scope, ticketID)
}

// AttachmentFile reads one file of a ticket to hand to the principal. A
// download is a view of the ticket's content, so each is in the audit log.
func (s *Service) AttachmentFile(ctx context.Context, p tenancy.Principal, ticketID, id int64) (Attachment, error) {
	if !p.Can(tenancy.RaiseTickets) && !p.Can(tenancy.WorkTickets) {
		return Attachment{}, errForbidden
	}
	var a Attachment
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		t, err := s.Store.Ticket(ctx, p.Scope, ticketID)
		if err != nil {
			return err
		}
		if a, err = s.Store.AttachmentFile(ctx, p.Scope, ticketID, id); err != nil {
			return err
		}
		_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: t.OrgID, Action: audit.View, Target: t.Ref + " attachment " + strconv.FormatInt(a.ID, 10),
			Detail: map[string]string{"file": a.FileName, "sha256": a.SHA256}, IP: p.IP})
		return err
	})
	return a, err
}
