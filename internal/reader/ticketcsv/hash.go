package ticketcsv

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
)

// hasher computes Record.Hash. The encoding is length-prefixed so no two
// different records share a byte stream; the version prefix changes if the
// fields hashed ever do, which makes every ticket look changed once.
type hasher struct{ buf []byte }

const hashVersion = "deskimport/1"

func (h *hasher) sum(t desk.Ticket, evs []desk.Event) string {
	b := h.buf[:0]
	b = str(b, hashVersion)
	for _, s := range []string{t.Ref, t.Source, t.ExternalID, string(t.Type), string(t.Channel), string(t.State),
		t.Category, t.Subcategory, t.Title, t.Description, t.Caller, t.CallerPhone, t.Site, t.AssignmentGroup, t.Assignee} {
		b = str(b, s)
	}
	b = binary.AppendVarint(b, int64(t.Priority))
	b = binary.AppendVarint(b, int64(t.Impact))
	b = binary.AppendVarint(b, int64(t.Urgency))
	b = when(b, t.OpenedAt)
	b = when(b, t.ResolvedAt)
	b = when(b, t.ClosedAt)
	b = binary.AppendUvarint(b, uint64(len(evs)))
	for _, e := range evs {
		b = when(b, e.At)
		b = str(b, string(e.Kind))
		b = str(b, string(e.State))
		b = binary.AppendVarint(b, int64(e.Priority))
		b = str(b, e.AssignmentGroup)
		b = str(b, e.Assignee)
		b = str(b, e.Actor)
		b = str(b, e.Note)
		b = binary.AppendVarint(b, int64(e.Seq))
	}
	h.buf = b
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func str(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func when(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, 0)
	}
	b = append(b, 1)
	b = binary.AppendVarint(b, t.Unix())
	return binary.AppendVarint(b, int64(t.Nanosecond()))
}
