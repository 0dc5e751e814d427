package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

// ticketAttach adds files to a ticket; every file is checked (size, type)
// before any is kept.
func ticketAttach(e *env, args []string) error {
	c := e.command("ticket attach --org SLUG REF FILE...").withOrg("the org").withArgs(-1)
	if err := c.parse(args); err != nil {
		return err
	}
	if len(c.pos) < 2 {
		return c.usageError()
	}
	return c.do(func() error {
		t, _, err := c.svc.Desk.TicketRecord(e.ctx, c.op, c.org.ID, c.pos[0])
		if err != nil {
			return fmt.Errorf("ticket %s: %w", c.pos[0], err)
		}
		var files []desksvc.NewAttachment
		for _, path := range c.pos[1:] {
			f, err := os.Open(path)
			if err != nil {
				return err
			}
			// One byte over the limit is enough for the desk to refuse it by size.
			content, err := io.ReadAll(io.LimitReader(f, c.svc.Desk.MaxAttachment()+1))
			f.Close()
			if err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			files = append(files, desksvc.NewAttachment{Name: filepath.Base(path), Content: content})
		}
		added, err := c.svc.Desk.Attach(e.ctx, c.op, t.ID, files)
		if err != nil {
			return err
		}
		for _, a := range added {
			fmt.Fprintf(e.stdout, "%s: attached %s as %d (%s, %d bytes, sha256 %s)\n", t.Ref, a.FileName, a.ID, a.ContentType, a.Size, a.SHA256)
		}
		return nil
	})
}

// ticketAttachments lists a ticket's files.
func ticketAttachments(e *env, args []string) error {
	c := e.command("ticket attachments --org SLUG REF [--format json]").withOrg("the org").withFormat("table", "json").withArgs(1)
	return c.run(args, func() error {
		t, _, err := c.svc.Desk.TicketRecord(e.ctx, c.op, c.org.ID, c.pos[0])
		if err != nil {
			return fmt.Errorf("ticket %s: %w", c.pos[0], err)
		}
		files, err := c.svc.Desk.Attachments(e.ctx, c.op, t.ID)
		return listing(c, files, err, []string{"ID", "FILE", "TYPE", "SIZE", "SHA256"}, func(a desksvc.Attachment) []string {
			return []string{strconv.FormatInt(a.ID, 10), a.FileName, a.ContentType, strconv.FormatInt(a.Size, 10), a.SHA256}
		})
	})
}

// ticketDownload writes one of a ticket's files to --output (standard
// output when "-"); the download is audited as a view.
func ticketDownload(e *env, args []string) error {
	c := e.command("ticket download --org SLUG --output FILE|- REF ID").withOrg("the org").withArgs(2).withRequired("output")
	out := c.fs.String("output", "", "where to write the file; - for standard output")
	return c.run(args, func() error {
		id, err := strconv.ParseInt(c.pos[1], 10, 64)
		if err != nil {
			return usagef("ID %q: want the attachment's number from ward ticket attachments", c.pos[1])
		}
		t, _, err := c.svc.Desk.TicketRecord(e.ctx, c.op, c.org.ID, c.pos[0])
		if err != nil {
			return fmt.Errorf("ticket %s: %w", c.pos[0], err)
		}
		a, err := c.svc.Desk.AttachmentFile(e.ctx, c.op, t.ID, id)
		if err != nil {
			return fmt.Errorf("attachment %d of %s: %w", id, t.Ref, err)
		}
		if *out == "-" {
			_, err = e.stdout.Write(a.Content)
			return err
		}
		return os.WriteFile(*out, a.Content, 0o600)
	})
}
