package servicedesk

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/deskimport"
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
	Rejected        []deskimport.Rejected `json:"-"`
	RejectedTickets int                   `json:"rejected_tickets"`
	RejectedRows    int                   `json:"rejected_rows"`
}

// Progress is told how many rows an import has read, for a progress bar.
type Progress func(rows int)

// Import brings one file's tickets into an org in a single transaction: a
// bad row stops it with nothing written, unless the reader skips bad
// tickets. Importing the same file again changes nothing; a later export of
// the same tickets appends their new events to the histories already held.
func (s *Service) Import(ctx context.Context, p tenancy.Principal, orgID int64, source, file string,
	r deskimport.Reader, progress Progress) (ImportResult, error) {
	res := ImportResult{File: file}
	if err := require(p, tenancy.ManageDesk, orgID); err != nil {
		return res, err
	}
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		m, err := s.measurer(ctx, orgID)
		if err != nil {
			return err
		}
		held, err := s.Store.ImportedTickets(ctx, orgID, source)
		if err != nil {
			return err
		}
		now := s.Store.Now()
		seen := map[string]bool{}
		for {
			rec, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return err
			}
			res.Tickets++
			if progress != nil && res.Tickets%500 == 0 {
				progress(r.Rows())
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
				if err := s.Store.CreateTicket(ctx, &t, rec.Events); err != nil {
					if errors.Is(err, store.ErrConflict) {
						return fmt.Errorf("%s: line %d: ticket %s: the org already has a ticket with that reference from another source",
							file, firstLine(rec), t.Ref)
					}
					return fmt.Errorf("%s: line %d: ticket %s: %w", file, firstLine(rec), t.Ref, err)
				}
				res.Created++
				continue
			}
			added, err := s.newEvents(ctx, orgID, old, rec, file)
			if err != nil {
				return err
			}
			t.ID, t.Ref, t.EventCount = old.ID, old.Ref, old.EventCount
			if err := s.Store.UpdateTicket(ctx, &t, added); err != nil {
				return fmt.Errorf("%s: line %d: ticket %s: %w", file, firstLine(rec), t.Ref, err)
			}
			res.Updated++
		}
		res.Rows = r.Rows()
		res.Rejected = r.Rejected()
		res.RejectedRows = len(res.Rejected)
		tickets := map[string]bool{}
		for _, rj := range res.Rejected {
			tickets[rj.Ticket] = true
		}
		res.RejectedTickets = len(tickets)
		_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: audit.TicketImport, Target: file,
			Detail: map[string]string{"source": source, "rows": strconv.Itoa(res.Rows), "created": strconv.Itoa(res.Created),
				"updated": strconv.Itoa(res.Updated), "unchanged": strconv.Itoa(res.Unchanged),
				"rejected_rows": strconv.Itoa(res.RejectedRows)}, IP: p.IP})
		return err
	})
	if progress != nil {
		progress(r.Rows())
	}
	return res, err
}

// newEvents is what a changed ticket's record adds to the history already
// held. Histories are append-only: a record that rewrites an event ward
// already holds is refused rather than silently diverging.
func (s *Service) newEvents(ctx context.Context, orgID int64, old store.ImportedTicket, rec deskimport.Record, file string) ([]desk.Event, error) {
	history, err := s.Store.TicketEvents(ctx, tenancy.ScopeOf(orgID), old.ID)
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

func firstLine(rec deskimport.Record) int { return lineOf(rec, 0) }

func lineOf(rec deskimport.Record, i int) int {
	if i < len(rec.Lines) {
		return rec.Lines[i]
	}
	if len(rec.Lines) > 0 {
		return rec.Lines[len(rec.Lines)-1]
	}
	return 0
}
