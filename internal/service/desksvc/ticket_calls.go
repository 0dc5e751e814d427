package desksvc

import (
	"context"
	"time"

	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// MaxTicketCalls is how many of a ticket's calls its page lists.
const MaxTicketCalls = 50

// TicketCall is one call on a ticket as the desk reads it.
type TicketCall struct {
	CallID string
	Queued time.Time
	State  string // queued, answered, transferred, abandoned or ended
	Agent  string
	// QueueSeconds is the wait to the answer or the hang-up, counted as the
	// telephony report counts it; Waited is false while the call is still
	// queued, when there is no wait to show yet.
	QueueSeconds int64
	Waited       bool
}

// TicketCalls is the calls on a ticket, first queued first, for those who
// work tickets: a call names the agent who took it, which the desk reads
// and a council's officers need not.
func (s *Service) TicketCalls(ctx context.Context, p tenancy.Principal, t Ticket) ([]TicketCall, error) {
	if !p.Can(tenancy.WorkTickets) {
		return nil, errForbidden
	}
	calls, err := s.Store.TicketCalls(ctx, p.Scope, t.OrgID, t.ID, MaxTicketCalls)
	if err != nil {
		return nil, err
	}
	out := make([]TicketCall, len(calls))
	for i, c := range calls {
		fig := report.UnpackCall(report.CallKey(report.CallTimes{Queued: c.QueuedAt, Answered: c.AnsweredAt,
			Transferred: c.TransferredAt, Abandoned: c.AbandonedAt}))
		out[i] = TicketCall{CallID: c.CallID, Queued: c.QueuedAt, State: c.State, Agent: c.Agent,
			QueueSeconds: fig.QueueSeconds, Waited: fig.Waited()}
	}
	return out, nil
}
