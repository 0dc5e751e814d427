package store

import (
	"context"
	"time"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Attachment is a file on a ticket. Content is filled only when the file
// itself is read (AttachmentFile); lists leave it nil.
type Attachment struct {
	ID          int64     `json:"id"`
	OrgID       int64     `json:"org_id"`
	TicketID    int64     `json:"ticket_id"`
	FileName    string    `json:"file_name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	UploadedBy  string    `json:"uploaded_by"`
	UploadedAt  time.Time `json:"uploaded_at"`
	Content     []byte    `json:"-"`
}

const attachmentColumns = `id, org_id, ticket_id, file_name, content_type, size, sha256, uploaded_by, uploaded_at`

// AddAttachment stores a file on a ticket of an org in the scope.
func (s *Store) AddAttachment(ctx context.Context, scope tenancy.Scope, a *Attachment) error {
	if err := orgInScope(scope, a.OrgID); err != nil {
		return err
	}
	a.UploadedAt = s.Now()
	id, err := s.insertID(ctx, `INSERT INTO ticket_attachments (org_id, ticket_id, file_name, content_type, size, sha256, content, uploaded_by, uploaded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.OrgID, a.TicketID, a.FileName, a.ContentType, a.Size, a.SHA256, a.Content, a.UploadedBy, a.UploadedAt)
	a.ID = id
	return classify(err)
}

// Attachments lists a ticket's files, oldest first, without their content.
func (s *Store) Attachments(ctx context.Context, scope tenancy.Scope, ticketID int64) ([]Attachment, error) {
	cond, args, err := scopeFilter(scope, "org_id")
	if err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT `+attachmentColumns+` FROM ticket_attachments WHERE ticket_id = ? AND `+cond+` ORDER BY id`,
		append([]any{ticketID}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Attachment
	for rows.Next() {
		var a Attachment
		if err := rows.Scan(&a.ID, &a.OrgID, &a.TicketID, &a.FileName, &a.ContentType, &a.Size, &a.SHA256, &a.UploadedBy, &a.UploadedAt); err != nil {
			return nil, err
		}
		a.UploadedAt = a.UploadedAt.UTC()
		out = append(out, a)
	}
	return out, rows.Err()
}

// AttachmentFile reads one file of a ticket, content included; another
// org's file, or one of another ticket, is ErrNotFound.
func (s *Store) AttachmentFile(ctx context.Context, scope tenancy.Scope, ticketID, id int64) (Attachment, error) {
	cond, args, err := scopeFilter(scope, "org_id")
	if err != nil {
		return Attachment{}, err
	}
	var a Attachment
	err = s.queryRow(ctx, `SELECT `+attachmentColumns+`, content FROM ticket_attachments WHERE id = ? AND ticket_id = ? AND `+cond,
		append([]any{id, ticketID}, args...)...).
		Scan(&a.ID, &a.OrgID, &a.TicketID, &a.FileName, &a.ContentType, &a.Size, &a.SHA256, &a.UploadedBy, &a.UploadedAt, &a.Content)
	a.UploadedAt = a.UploadedAt.UTC()
	return a, classify(err)
}
