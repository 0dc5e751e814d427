package callcsv

import (
	"fmt"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/reader"
	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

var layouts = []string{"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04"}

// parseTime reads an ISO 8601 time; one without an offset is in loc.
func parseTime(s string, loc *time.Location) (time.Time, bool) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), true
	}
	for _, l := range layouts {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// row reads one call, checking that its times and outcome agree.
func row(rec []string, col map[string]int, line int, loc *time.Location) (Call, *Error) {
	c := Call{Line: line}
	fail := func(column, format string, args ...any) (Call, *Error) {
		return Call{}, &Error{Line: line, Column: column, Reason: fmt.Sprintf(format, args...)}
	}
	get := func(name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	for _, name := range Columns {
		v := get(name)
		if why := reader.BadUTF8(v); why != "" {
			return fail(name, "%s", why)
		}
		if len(v) > maxText {
			return fail(name, "is %d bytes; at most %d", len(v), maxText)
		}
	}
	if c.CallID = get("call_id"); c.CallID == "" {
		return fail("call_id", "is empty: every call needs the phone system's id")
	}
	times := []struct {
		name string
		into *time.Time
	}{{"queued_at", &c.Queued}, {"answered_at", &c.Answered}, {"transferred_at", &c.Transferred},
		{"abandoned_at", &c.Abandoned}, {"ended_at", &c.Ended}}
	for _, t := range times {
		v := get(t.name)
		if v == "" {
			continue
		}
		at, ok := parseTime(v, loc)
		if !ok {
			return fail(t.name, "%q %s", bounded.Excerpt(v), timeHelp)
		}
		*t.into = at
	}
	if c.Queued.IsZero() {
		return fail("queued_at", "is empty: every call needs the time it joined the queue")
	}
	for _, t := range times[1:] {
		if !t.into.IsZero() && t.into.Before(c.Queued) {
			return fail(t.name, "is before queued_at")
		}
	}
	c.Agent, c.Queue, c.Caller, c.TicketRef = get("agent"), get("queue"), get("caller"), get("ticket_ref")
	switch c.Outcome = strings.ToLower(get("outcome")); c.Outcome {
	case "":
		switch {
		case !c.Transferred.IsZero():
			c.Outcome = Transferred
		case !c.Answered.IsZero():
			c.Outcome = Answered
		case !c.Abandoned.IsZero() || !c.Ended.IsZero():
			c.Outcome = Abandoned
			if c.Abandoned.IsZero() {
				c.Abandoned = c.Ended
			}
		default:
			return fail("outcome", "is empty, and so are answered_at, abandoned_at and ended_at: say how the call ended")
		}
	case Answered, Transferred:
		if c.Answered.IsZero() {
			return fail("answered_at", "is empty, but the outcome is %s", c.Outcome)
		}
		if !c.Abandoned.IsZero() {
			return fail("abandoned_at", "is given, but the outcome is %s", c.Outcome)
		}
		if c.Outcome == Transferred && c.Transferred.IsZero() {
			c.Transferred = c.Answered
		}
	case Abandoned:
		if !c.Answered.IsZero() {
			return fail("answered_at", "is given, but the outcome is abandoned")
		}
		if c.Abandoned.IsZero() {
			c.Abandoned = c.Ended
		}
		if c.Abandoned.IsZero() {
			return fail("abandoned_at", "is empty, and so is ended_at: give the time the caller hung up")
		}
	default:
		return fail("outcome", "%q is not answered, abandoned or transferred", bounded.Excerpt(c.Outcome))
	}
	if c.Outcome == Answered && !c.Transferred.IsZero() {
		return fail("transferred_at", "is given, but the outcome is answered (use transferred)")
	}
	if !c.Transferred.IsZero() && c.Transferred.Before(c.Answered) {
		return fail("transferred_at", "is before answered_at")
	}
	return c, nil
}
