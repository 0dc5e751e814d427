package desksvc

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// decoySecret is checked when an org has no secret, so that refusing an
// unknown org takes as long as refusing a wrong signature.
var decoySecret = rand.Text()

// PhoneHook names the phone system's webhook among an org's webhook secrets.
const PhoneHook = "phone"

// PhoneEvent is what the phone system reports about a call.
type PhoneEvent struct {
	Event  string    `json:"event"`   // one of PhoneEvents
	CallID string    `json:"call_id"` // the phone system's id, the same for every event of a call
	Caller string    `json:"caller"`  // the caller's number as the phone system gives it
	At     time.Time `json:"at"`
	Agent  string    `json:"agent,omitempty"` // who answered, if known
	Queue  string    `json:"queue,omitempty"` // the queue the call waits in, if known
	To     string    `json:"to,omitempty"`    // call.transferred: to whom or which queue
}

// Phone event names. call.started is the name the first phone systems
// sent and means call.queued: the call has reached the desk's queue.
const (
	CallStarted     = "call.started"
	CallQueued      = "call.queued"
	CallAnswered    = "call.answered"
	CallTransferred = "call.transferred"
	CallAbandoned   = "call.abandoned"
	CallEnded       = "call.ended"
)

// PhoneEvents lists the events the webhook takes.
var PhoneEvents = []string{CallStarted, CallQueued, CallAnswered, CallTransferred, CallAbandoned, CallEnded}

// SignatureMaxAge is how far a signed call's timestamp may be from now: a
// captured request cannot be replayed later than this.
const SignatureMaxAge = 5 * time.Minute

// Sign is the signature the phone system sends in X-Ward-Signature: HMAC-SHA256
// of the timestamp, a dot and the body, in hex after "sha256=".
func Sign(secret string, timestamp string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(timestamp))
	mac.Write([]byte{'.'})
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// ErrBadSignature is a webhook call that is unsigned, wrongly signed or stale.
var ErrBadSignature = errors.New("the request is not signed with this org's phone webhook secret, or its timestamp is more than five minutes out")

// VerifySignature checks a webhook call's signature and timestamp (Unix seconds).
func VerifySignature(secret, timestamp, signature string, body []byte, now time.Time) error {
	if secret == "" || timestamp == "" || signature == "" {
		return ErrBadSignature
	}
	sec, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return ErrBadSignature
	}
	if d := now.Sub(time.Unix(sec, 0)); d > SignatureMaxAge || d < -SignatureMaxAge {
		return ErrBadSignature
	}
	if !hmac.Equal([]byte(Sign(secret, timestamp, body)), []byte(signature)) {
		return ErrBadSignature
	}
	return nil
}

// SignedCall is a webhook call whose signature PhoneCall has checked: the
// org it is for, its signature (which covers its timestamp and body, so it
// names this one request) and the time it was signed.
type SignedCall struct {
	OrgID     int64
	Signature string
	SignedAt  time.Time
}

// PhoneAnswer is what Phone did with a call: the ticket it went on, whether
// it logged that ticket, and whether it was a repeat of a call already
// accepted, which wrote nothing.
type PhoneAnswer struct {
	Ticket  store.Ticket
	Created bool
	Repeat  bool
}

// Phone records a phone system event. The first event of a call logs a
// ticket on the phone channel, naming the caller when their number matches
// one person in the org; later events of the same call id go on that ticket.
// Answering the call is the desk's response to the caller.
//
// Each signed call is accepted once. Its signature is recorded in the
// database in the transaction that records the event, so a repeat of the
// same signed request, to this replica or another, is answered with the
// ticket the first went on and writes nothing: no event, no audit entry.
func (s *Service) Phone(ctx context.Context, hook tenancy.Principal, call SignedCall, ev PhoneEvent) (PhoneAnswer, error) {
	if call.Signature == "" || call.OrgID != hook.OrgID {
		return PhoneAnswer{}, ErrBadSignature
	}
	ev.CallID = strings.TrimSpace(ev.CallID)
	if ev.CallID == "" || len(ev.CallID) > 200 {
		return PhoneAnswer{}, invalid("call_id", "give the phone system's call id")
	}
	if !slices.Contains(PhoneEvents, ev.Event) {
		return PhoneAnswer{}, invalid("event", "%q is not one of %s", ev.Event, strings.Join(PhoneEvents, ", "))
	}
	ev.Agent, ev.Queue, ev.To = clip(ev.Agent), clip(ev.Queue), clip(ev.To)
	now := s.Store.Now()
	if ev.At.IsZero() || ev.At.After(now) {
		ev.At = now
	}
	ev.At = ev.At.UTC().Truncate(time.Microsecond)
	orgID := hook.OrgID
	var out PhoneAnswer
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		claimed, err := s.Store.ClaimWebhookCall(ctx, hook.Scope, store.WebhookCall{OrgID: orgID, Hook: PhoneHook,
			Signature: call.Signature, SignedAt: call.SignedAt})
		if err != nil {
			return err
		}
		if !claimed {
			seen, err := s.Store.WebhookCallBySignature(ctx, hook.Scope, orgID, PhoneHook, call.Signature)
			if err != nil {
				return err
			}
			out.Ticket, err = s.Store.Ticket(ctx, hook.Scope, seen.TicketID)
			out.Repeat = true
			return err
		}
		if err := s.record(ctx, hook, ev, &out); err != nil {
			return err
		}
		return s.Store.SetWebhookCallTicket(ctx, hook.Scope, orgID, PhoneHook, call.Signature, out.Ticket.ID)
	})
	if err != nil || out.Repeat {
		return out, err
	}
	// Records of calls that would now be refused as stale are no longer
	// needed. Twice the window leaves room for replicas' clocks to differ.
	// This runs after the commit, so that it holds no locks the call's own
	// transaction waits on; should it fail, the next accepted call prunes.
	_, _ = s.Store.PruneWebhookCalls(ctx, hook.Scope, orgID, PhoneHook, s.Store.Now().Add(-2*SignatureMaxAge))
	return out, nil
}

// record writes one phone event: a new ticket for a call not seen before,
// or an event on the call's ticket.
func (s *Service) record(ctx context.Context, hook tenancy.Principal, ev PhoneEvent, out *PhoneAnswer) error {
	orgID, actor := hook.OrgID, hook.Actor
	call, err := s.Store.PhoneCallByID(ctx, hook.Scope, orgID, ev.CallID)
	if errors.Is(err, store.ErrNotFound) {
		call = store.PhoneCall{OrgID: orgID, CallID: ev.CallID, CallerNumber: strings.TrimSpace(ev.Caller), QueuedAt: ev.At}
		t := store.Ticket{OrgID: orgID, Ticket: desk.Ticket{Type: desk.Incident, Priority: desk.P3,
			Impact: desk.Medium, Urgency: desk.Medium, Channel: desk.Phone, State: desk.New, OpenedAt: ev.At,
			CallerPhone: call.CallerNumber, Caller: call.CallerNumber}}
		if person, err := s.Store.PersonByPhone(ctx, hook.Scope, orgID, call.CallerNumber); err == nil {
			t.Caller, t.CallerPersonID, call.PersonID = person.Name, person.ID, person.ID
		}
		if t.Caller == "" {
			t.Caller = "unknown caller"
		}
		t.Title = "Phone call from " + t.Caller
		events := []desk.Event{{At: ev.At, Kind: desk.Opened, State: desk.New, Priority: desk.P3, Actor: actor,
			Note: "logged by the phone system, call " + ev.CallID}}
		events = append(events, callEvents(ev, actor)...)
		if err := s.create(ctx, hook.Scope, &t, events); err != nil {
			return err
		}
		call.TicketID, out.Ticket, out.Created = t.ID, t, true
	} else if err != nil {
		return err
	} else {
		t, err := s.Store.Ticket(ctx, hook.Scope, call.TicketID)
		if err != nil {
			return err
		}
		// Calls are reported as they happen, but a late delivery must not
		// put the history out of order.
		held, err := s.Store.TicketEvents(ctx, hook.Scope, t.ID)
		if err != nil {
			return err
		}
		if n := len(held); n > 0 && ev.At.Before(held[n-1].At) {
			ev.At = held[n-1].At
		}
		if err := s.append(ctx, hook.Scope, &t, held, callEvents(ev, actor)); err != nil {
			return err
		}
		out.Ticket = t
	}
	advanceCall(&call, ev)
	return s.Store.SavePhoneCall(ctx, hook.Scope, &call)
}

func callEvents(ev PhoneEvent, actor string) []desk.Event {
	e := desk.Event{At: ev.At, Kind: desk.Call, Actor: actor}
	switch ev.Event {
	case CallStarted, CallQueued:
		e.Note = fmt.Sprintf("call %s started from %s", ev.CallID, ev.Caller)
		if ev.Queue != "" {
			e.Note += ", queued for " + ev.Queue
		}
	case CallTransferred:
		e.Note = fmt.Sprintf("call %s transferred", ev.CallID)
		if ev.To != "" {
			e.Note += " to " + ev.To
		}
	case CallAbandoned:
		e.Note = fmt.Sprintf("call %s abandoned: the caller hung up before an answer", ev.CallID)
	case CallAnswered:
		e.Kind = desk.Responded
		e.Note = fmt.Sprintf("call %s answered", ev.CallID)
		if ev.Agent != "" {
			e.Note += " by " + ev.Agent
		}
	case CallEnded:
		e.Note = fmt.Sprintf("call %s ended", ev.CallID)
	}
	return []desk.Event{e}
}
