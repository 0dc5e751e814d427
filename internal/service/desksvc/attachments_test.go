package desksvc_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

var pngHead = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01")

// TestAttachmentsAreSniffedCappedAndKeptInTheTicketsOrg attaches files on
// raise and on update: the type comes from the content, not the name; a
// file over the limit, an empty one or an HTML page is refused whole; the
// SHA-256 is kept; and another council's user cannot list or read them.
func TestAttachmentsAreSniffedCappedAndKeptInTheTicketsOrg(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ash, brm := council(t, s, "ashcombe"), council(t, s, "brentmere")
		svc := desksvc.New(s)
		svc.AttachmentMax = 1 << 10
		log := []byte("2026-12-07 printer offline\n")
		tk, err := svc.Open(ctx, officerOf(ash.ID), desksvc.NewTicket{OrgID: ash.ID, Title: "Printer offline",
			Attachments: []desksvc.NewAttachment{{Name: "screen.exe", Content: pngHead}, {Name: "printer.log", Content: log}}})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name    string
			content []byte
			why     string
		}{
			{"big.txt", bytes.Repeat([]byte("a"), 1<<10+1), "larger than 1 KiB"},
			{"empty.txt", nil, "is empty"},
			{"page.png", []byte("<!DOCTYPE html><script>alert(1)</script>"), "text/html"},
		} {
			_, err := svc.Update(ctx, agentOf(ash.ID), tk.ID, desksvc.Change{Note: "with a file",
				Attachments: []desksvc.NewAttachment{{Name: "ok.txt", Content: log}, {Name: c.name, Content: c.content}}})
			if !fault.Is(err, fault.KindInvalid) || !strings.Contains(err.Error(), c.why) || !strings.Contains(err.Error(), c.name) {
				t.Errorf("%s: got %v, want a refusal naming the file and %q", c.name, err, c.why)
			}
		}
		if _, err := svc.Update(ctx, agentOf(ash.ID), tk.ID, desksvc.Change{Attachments: []desksvc.NewAttachment{{Name: "more.txt", Content: log}}}); err != nil {
			t.Fatalf("a file alone is a change: %v", err)
		}
		got, err := svc.Attachments(ctx, officerOf(ash.ID), tk.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 3 {
			t.Fatalf("%d attachments, want 3 (nothing of the refused updates): %+v", len(got), got)
		}
		if got[0].FileName != "screen.exe" || got[0].ContentType != "image/png" || got[1].ContentType != "text/plain; charset=utf-8" {
			t.Errorf("types not sniffed from content: %+v", got[:2])
		}
		sum := sha256.Sum256(log)
		if got[1].SHA256 != hex.EncodeToString(sum[:]) || got[1].Size != int64(len(log)) {
			t.Errorf("printer.log kept as %s, %d bytes", got[1].SHA256, got[1].Size)
		}
		file, err := svc.AttachmentFile(ctx, officerOf(ash.ID), tk.ID, got[1].ID)
		if err != nil || !bytes.Equal(file.Content, log) {
			t.Fatalf("download: %v %q", err, file.Content)
		}
		entries, err := s.AuditEntries(ctx, tenancy.ForSystem(tenancy.JobTest), store.AuditQuery{Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		var attached, viewed int
		for _, e := range entries {
			switch {
			case e.Action == "ticket.attach":
				attached++
			case e.Action == "view" && strings.Contains(e.Target, tk.Ref+" attachment"):
				viewed++
			}
		}
		if attached != 3 || viewed != 1 {
			t.Errorf("audit: %d attach and %d download entries, want 3 and 1", attached, viewed)
		}
		// Brentmere's agent sees neither the list nor the file.
		if l, err := svc.Attachments(ctx, agentOf(brm.ID), tk.ID); err != nil || len(l) != 0 {
			t.Errorf("another org listed %d attachments (%v)", len(l), err)
		}
		if _, err := svc.AttachmentFile(ctx, agentOf(brm.ID), tk.ID, got[1].ID); !fault.Is(err, fault.KindNotFound) {
			t.Errorf("another org read a file: %v", err)
		}
		if _, err := svc.Attach(ctx, agentOf(brm.ID), tk.ID, []desksvc.NewAttachment{{Name: "x.txt", Content: log}}); !fault.Is(err, fault.KindNotFound) {
			t.Errorf("another org attached a file: %v", err)
		}
		// A closed ticket takes no more files.
		if _, err := svc.Update(ctx, agentOf(ash.ID), tk.ID, desksvc.Change{State: desk.Closed}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Attach(ctx, officerOf(ash.ID), tk.ID, []desksvc.NewAttachment{{Name: "late.txt", Content: log}}); !fault.Is(err, fault.KindInvalid) {
			t.Errorf("a closed ticket took a file: %v", err)
		}
	})
}
