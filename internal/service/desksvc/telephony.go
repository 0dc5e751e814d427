package desksvc

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/calendar"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/reader/callcsv"
	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// PhoneCallRecord is a call as the desk holds it.
type PhoneCallRecord = store.PhoneCall

// TelephonyReport builds an org's telephony figures for calls queued from
// the first to the last day given, inclusive, in the org's time zone. It is
// read by those who may read the SLA report, and the reading is audited.
func (s *Service) TelephonyReport(ctx context.Context, p tenancy.Principal, org store.Org, first, last calendar.Date) (report.Telephony, error) {
	if !CanReport(p, org.ID) {
		return report.Telephony{}, errForbidden
	}
	if !first.Valid() || !last.Valid() {
		return report.Telephony{}, invalid("from", "give the period as dates, such as 2026-04-01")
	}
	if last.Compare(first) < 0 {
		return report.Telephony{}, invalid("to", "the period ends before it starts")
	}
	loc, err := time.LoadLocation(org.TimeZone)
	if err != nil {
		return report.Telephony{}, err
	}
	from := time.Date(first.Year, first.Month, first.Day, 0, 0, 0, 0, loc)
	end := last.AddDays(1)
	to := time.Date(end.Year, end.Month, end.Day, 0, 0, 0, 0, loc)
	tally := report.NewTelephonyTally(loc)
	if err := s.Store.CallFigures(ctx, p.Scope, org.ID, from, to, tally); err != nil {
		return report.Telephony{}, err
	}
	if err := s.Store.CallAgents(ctx, p.Scope, org.ID, from, to, tally.AddAgent); err != nil {
		return report.Telephony{}, err
	}
	r := report.Telephony{Org: org.Slug, OrgName: org.Name, From: first.String(), To: last.String(), TimeZone: org.TimeZone,
		Generated: s.Store.Now().In(loc)}
	tally.Fill(&r)
	_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: org.ID, Action: audit.View,
		Target: fmt.Sprintf("telephony report %s to %s", r.From, r.To), IP: p.IP})
	return r, err
}

// CallImportResult says what a call log import did.
type CallImportResult struct {
	File   string `json:"file"`
	Calls  int    `json:"calls"`
	New    int    `json:"new"`
	Linked int    `json:"linked_to_tickets"`
}

// ImportCallLog reads a phone system's call log (callcsv) and imports it.
// A mistake anywhere in the file refuses it whole, naming its line and
// column.
func (s *Service) ImportCallLog(ctx context.Context, p tenancy.Principal, org store.Org, file string, r io.Reader) (CallImportResult, error) {
	if err := require(p, tenancy.ManageDesk, org.ID); err != nil {
		return CallImportResult{File: file}, err
	}
	loc, err := time.LoadLocation(org.TimeZone)
	if err != nil {
		return CallImportResult{File: file}, err
	}
	calls, err := callcsv.Read(r, file, loc)
	if err != nil {
		var bad *callcsv.Error
		if errors.As(err, &bad) {
			return CallImportResult{File: file}, fault.Invalid("file", "%s", bad.Error()).Because(err)
		}
		return CallImportResult{File: file}, err
	}
	return s.ImportCalls(ctx, p, org, file, calls)
}

// ImportCalls writes calls read from a call log into an org in one
// transaction, with one audit entry. A call id already held is updated, so
// importing the same log again changes nothing. A ticket_ref must name one
// of the org's tickets.
func (s *Service) ImportCalls(ctx context.Context, p tenancy.Principal, org store.Org, file string, calls []callcsv.Call) (CallImportResult, error) {
	res := CallImportResult{File: file, Calls: len(calls)}
	if err := require(p, tenancy.ManageDesk, org.ID); err != nil {
		return res, err
	}
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		rows := make([]store.PhoneCall, len(calls))
		refs := map[string]int64{}
		for i, c := range calls {
			rows[i] = store.PhoneCall{OrgID: org.ID, CallID: c.CallID, Source: "import", CallerNumber: c.Caller, Queue: c.Queue,
				Agent: c.Agent, State: c.Outcome, QueuedAt: c.Queued, AnsweredAt: c.Answered, TransferredAt: c.Transferred,
				AbandonedAt: c.Abandoned, EndedAt: c.Ended}
			if !c.Ended.IsZero() && c.Outcome != callcsv.Abandoned {
				rows[i].State = store.CallEnded
			}
			if c.TicketRef == "" {
				continue
			}
			id, ok := refs[c.TicketRef]
			if !ok {
				t, err := s.Store.TicketByRef(ctx, p.Scope, org.ID, c.TicketRef)
				if errors.Is(err, store.ErrNotFound) {
					return invalid("file", "%s: line %d: column ticket_ref: %q is not one of %s's tickets", file, c.Line, c.TicketRef, org.Name)
				} else if err != nil {
					return err
				}
				id, refs[c.TicketRef] = t.ID, t.ID
			}
			rows[i].TicketID = id
			res.Linked++
		}
		var err error
		if res.New, err = s.Store.ImportCalls(ctx, p.Scope, org.ID, rows); err != nil {
			return err
		}
		_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: org.ID, Action: audit.CallImport, Target: file,
			Detail: map[string]string{"calls": strconv.Itoa(res.Calls), "new": strconv.Itoa(res.New), "linked": strconv.Itoa(res.Linked)}, IP: p.IP})
		return err
	})
	return res, err
}

// LinkCall puts a call, named by the phone system's call id, on one of the
// org's tickets: the ticket an agent raised for it by hand, or the one the
// caller was calling about. The ticket's history notes it.
func (s *Service) LinkCall(ctx context.Context, p tenancy.Principal, orgID int64, callID, ticketRef string) (store.Ticket, error) {
	if err := require(p, tenancy.WorkTickets, orgID); err != nil {
		return store.Ticket{}, err
	}
	var t store.Ticket
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		call, err := s.Store.PhoneCallByID(ctx, p.Scope, orgID, callID)
		if errors.Is(err, store.ErrNotFound) {
			return fault.NotFound("no call %q", callID)
		} else if err != nil {
			return err
		}
		if t, err = s.Store.TicketByRef(ctx, p.Scope, orgID, ticketRef); errors.Is(err, store.ErrNotFound) {
			return invalid("ticket", "no ticket %q in this organisation", ticketRef)
		} else if err != nil {
			return err
		}
		if call.TicketID == t.ID {
			return nil
		}
		if err := s.Store.LinkCall(ctx, p.Scope, orgID, callID, t.ID); err != nil {
			return err
		}
		held, err := s.Store.TicketEvents(ctx, p.Scope, t.ID)
		if err != nil {
			return err
		}
		at := s.Store.Now()
		if n := len(held); n > 0 && at.Before(held[n-1].At) {
			at = held[n-1].At
		}
		ev := desk.Event{At: at, Kind: desk.Call, Actor: p.Actor, Note: fmt.Sprintf("call %s linked to this ticket", callID)}
		if err := s.append(ctx, p.Scope, &t, held, []desk.Event{ev}); err != nil {
			return err
		}
		_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: audit.CallLink, Target: t.Ref,
			Detail: map[string]string{"call": callID}, IP: p.IP})
		return err
	})
	return t, err
}
