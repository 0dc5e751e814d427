package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

// callRow is one call on the ticket page: when it joined the queue (in the
// council's zone), how it went, who took it and how long the caller waited.
type callRow struct {
	Queued, State, Agent, Wait string
}

func (s *Server) callRows(r *http.Request, rs *requestState, t desksvc.Ticket, loc *time.Location) ([]callRow, error) {
	calls, err := s.desk.TicketCalls(r.Context(), rs.principal, t)
	if err != nil {
		return nil, err
	}
	out := make([]callRow, len(calls))
	for i, c := range calls {
		out[i] = callRow{Queued: localTime(c.Queued, loc), State: c.State, Agent: or(c.Agent, "—"), Wait: "—"}
		if c.Waited {
			out[i].Wait = strconv.FormatInt(c.QueueSeconds, 10)
		}
	}
	return out, nil
}
