package desksvc

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/reader/ticketcsv"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// ImportResult says what an import did.
type ImportResult struct {
	File      string `json:"file"`
	Rows      int    `json:"rows"`
	Tickets   int    `json:"tickets"`
	Created   int    `json:"created"`
	Updated   int    `json:"updated"`
	Unchanged int    `json:"unchanged"`
	// Rejected are the rows skipped with --skip-invalid.
	Rejected        []ticketcsv.Rejected `json:"-"`
	RejectedTickets int                  `json:"rejected_tickets"`
	RejectedRows    int                  `json:"rejected_rows"`
	// Repairs are the export's quirks mended in the tickets imported (see
	// ticketcsv.Repair); a strict import refuses them instead.
	Repairs         []ticketcsv.Repair `json:"repairs"`
	RepairedTickets int                `json:"repaired_tickets"`
}

// Progress is told how many rows an import has read, for a progress bar.
type Progress func(rows int)

// Import brings one file's tickets into an org in a single transaction: a
// bad row stops it with nothing written, unless the reader skips bad
// tickets. Importing the same file again changes nothing; a later export of
// the same tickets appends their new events to the histories already held.
func (s *Service) Import(ctx context.Context, p tenancy.Principal, orgID int64, source, file string,
	r ticketcsv.Reader, progress Progress) (ImportResult, error) {
	res := ImportResult{File: file}
	if err := require(p, tenancy.ManageDesk, orgID); err != nil {
		return res, err
	}
	src := newPrefetch(ctx, r)
	defer src.stop()
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		m, err := s.measurer(ctx, p.Scope, orgID)
		if err != nil {
			return err
		}
		held, err := s.Store.ImportedTickets(ctx, p.Scope, orgID, source)
		if err != nil {
			return err
		}
		now := s.Store.Now()
		seen := map[string]bool{}
		pending := &newTickets{}
		var updated []int64 // tickets already held that the file changed
		for {
			rec, err := src.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return err
			}
			res.Tickets++
			if progress != nil && res.Tickets%500 == 0 {
				progress(src.Rows())
			}
			t := store.Ticket{OrgID: orgID, Ticket: rec.Ticket, ContentHash: rec.Hash}
			t.Source = source
			if t.ExternalID == "" {
				t.ExternalID = t.Ref
			}
			if seen[t.ExternalID] {
				return fmt.Errorf("%s: line %d: ticket %s appears twice in the file", file, firstLine(rec), t.ExternalID)
			}
			seen[t.ExternalID] = true
			old, exists := held[t.ExternalID]
			if exists && old.Hash == rec.Hash {
				res.Unchanged++
				continue
			}
			if err := m.measure(&t, rec.Events, now); err != nil {
				return fmt.Errorf("%s: line %d: %w", file, firstLine(rec), err)
			}
			if !exists {
				pending.add(t, rec)
				res.Created++
				if len(pending.tickets) == importBatch {
					if err := pending.flush(ctx, s.Store, p.Scope, file); err != nil {
						return err
					}
				}
				continue
			}
			added, err := s.newEvents(ctx, p.Scope, old, rec, file)
			if err != nil {
				return err
			}
			t.ID, t.Ref, t.EventCount = old.ID, old.Ref, old.EventCount
			if err := s.Store.UpdateTicket(ctx, p.Scope, &t, added); err != nil {
				return fmt.Errorf("%s: line %d: ticket %s: %w", file, firstLine(rec), t.Ref, err)
			}
			res.Updated++
			updated = append(updated, t.ID)
		}
		if err := pending.flush(ctx, s.Store, p.Scope, file); err != nil {
			return err
		}
		// An updated ticket may have been resolved, reassigned or reopened
		// in the old desk tool, which changes whether its calls were fixed
		// first time (new tickets have no calls yet).
		if err := s.Store.RefreshCallFixes(ctx, p.Scope, orgID, updated...); err != nil {
			return err
		}
		// The source has reached its end, so its goroutine is done with it.
		res.Rows = r.Rows()
		res.Rejected = r.Rejected()
		res.RejectedRows = len(res.Rejected)
		tickets := map[string]bool{}
		for _, rj := range res.Rejected {
			tickets[rj.Ticket] = true
		}
		res.RejectedTickets = len(tickets)
		res.Repairs = append([]ticketcsv.Repair{}, r.Repairs()...)
		repaired := map[string]bool{}
		for _, rp := range res.Repairs {
			repaired[rp.Ticket] = true
		}
		res.RepairedTickets = len(repaired)
		_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: audit.TicketImport, Target: file,
			Detail: map[string]string{"source": source, "rows": strconv.Itoa(res.Rows), "created": strconv.Itoa(res.Created),
				"updated": strconv.Itoa(res.Updated), "unchanged": strconv.Itoa(res.Unchanged),
				"rejected_rows": strconv.Itoa(res.RejectedRows), "repairs": strconv.Itoa(len(res.Repairs))}, IP: p.IP})
		return err
	})
	if progress != nil {
		progress(src.Rows())
	}
	// The months imported had their rollups brought up to date in the
	// import's transaction (see store.InTx), so the first report reads rollups.
	return res, err
}

// newEvents is what a changed ticket's record adds to the history already
// held. Histories are append-only: a record that rewrites an event ward
// already holds is refused rather than silently diverging.
func (s *Service) newEvents(ctx context.Context, scope tenancy.Scope, old store.ImportedTicket, rec ticketcsv.Record, file string) ([]desk.Event, error) {
	history, err := s.Store.TicketEvents(ctx, scope, old.ID)
	if err != nil {
		return nil, err
	}
	if len(rec.Events) < len(history) {
		return nil, fmt.Errorf("%s: line %d: ticket %s: the file has %d events but ward already holds %d; histories only grow",
			file, firstLine(rec), rec.Ticket.Ref, len(rec.Events), len(history))
	}
	for i, h := range history {
		if !sameEvent(h, rec.Events[i]) {
			return nil, fmt.Errorf("%s: line %d: ticket %s: event %d differs from the one imported before; ward keeps ticket histories as first imported",
				file, lineOf(rec, i), rec.Ticket.Ref, i+1)
		}
	}
	return rec.Events[len(history):], nil
}

func sameEvent(a, b desk.Event) bool {
	return a.At.Equal(b.At.UTC().Truncate(time.Microsecond)) && a.Kind == b.Kind && a.State == b.State &&
		a.Priority == b.Priority && a.Seq == b.Seq
}

func firstLine(rec ticketcsv.Record) int { return lineOf(rec, 0) }

func lineOf(rec ticketcsv.Record, i int) int {
	if i < len(rec.Lines) {
		return rec.Lines[i]
	}
	if len(rec.Lines) > 0 {
		return rec.Lines[len(rec.Lines)-1]
	}
	return 0
}

// importBatch is how many new tickets go to the store at once: enough to
// make the multi-row statements pay, few enough to keep memory flat.
const importBatch = 1000

// newTickets gathers new tickets for the store's batch insert.
type newTickets struct {
	tickets   []*store.Ticket
	histories [][]desk.Event
	first     int // the first file line of the batch, for errors
}

func (n *newTickets) add(t store.Ticket, rec ticketcsv.Record) {
	if len(n.tickets) == 0 {
		n.first = firstLine(rec)
	}
	n.tickets = append(n.tickets, &t)
	n.histories = append(n.histories, rec.Events)
}

func (n *newTickets) flush(ctx context.Context, st *store.Store, scope tenancy.Scope, file string) error {
	if len(n.tickets) == 0 {
		return nil
	}
	err := st.InsertTickets(ctx, scope, n.tickets, n.histories)
	if errors.Is(err, store.ErrConflict) {
		return fmt.Errorf("%s: from line %d: a ticket among the next %d already exists in the org under the same reference from another source",
			file, n.first, len(n.tickets))
	}
	if err != nil {
		return fmt.Errorf("%s: from line %d: %w", file, n.first, err)
	}
	n.tickets, n.histories = n.tickets[:0], n.histories[:0]
	return nil
}
