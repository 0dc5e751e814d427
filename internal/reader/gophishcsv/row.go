package gophishcsv

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/reader"
	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

// statusHelp lists the statuses a row may carry, for the error message.
func statusHelp() string {
	names := make([]string, 0, len(statuses))
	for s := range statuses {
		names = append(names, fmt.Sprintf("%q", s))
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// parseTime reads a Go time as Gophish writes it; Go's zero time is none.
func parseTime(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, true
	}
	for _, l := range []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999-07:00", "2006-01-02 15:04:05Z07:00", "2006-01-02T15:04:05"} {
		if t, err := time.Parse(l, s); err == nil {
			if t.Year() <= 1 {
				return time.Time{}, true
			}
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

func row(rec []string, col map[string]int, line int) (Result, *Error) {
	fail := func(column, format string, args ...any) (Result, *Error) {
		return Result{}, &Error{Line: line, Column: column, Reason: fmt.Sprintf(format, args...)}
	}
	get := func(name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	for _, name := range []string{"email", "status", "send_date", "modified_date", "reported"} {
		v := get(name)
		if why := reader.BadUTF8(v); why != "" {
			return fail(name, "%s", why)
		}
		if len(v) > maxText {
			return fail(name, "is %d bytes; at most %d", len(v), maxText)
		}
	}
	res := Result{Line: line, Email: strings.ToLower(get("email")), Status: get("status")}
	if res.Email == "" {
		return fail("email", "is empty: every result names the address it was sent to")
	}
	if at := strings.LastIndexByte(res.Email, '@'); at <= 0 || at == len(res.Email)-1 || strings.ContainsAny(res.Email, " \t,;<>") {
		return fail("email", "%q is not an e-mail address", bounded.Excerpt(res.Email))
	}
	st, ok := statuses[strings.ToLower(res.Status)]
	if !ok {
		return fail("status", "%q is not a Gophish result status; expected one of %s", bounded.Excerpt(res.Status), statusHelp())
	}
	res.Step, res.Reported = st.step, st.reported
	switch v := strings.ToLower(get("reported")); v {
	case "", "false", "0":
	case "true", "1":
		res.Reported = true
	default:
		return fail("reported", "%q is not true or false", bounded.Excerpt(get("reported")))
	}
	var good bool
	if res.SentAt, good = parseTime(get("send_date")); !good {
		return fail("send_date", "%q is not a date and time (RFC 3339, such as 2026-03-02T09:15:04Z)", bounded.Excerpt(get("send_date")))
	}
	if res.ChangedAt, good = parseTime(get("modified_date")); !good {
		return fail("modified_date", "%q is not a date and time (RFC 3339, such as 2026-03-02T09:15:04Z)", bounded.Excerpt(get("modified_date")))
	}
	// A scheduled result was made before its send date, so only a sent one is held to the order.
	if res.Step != NotSent && !res.SentAt.IsZero() && !res.ChangedAt.IsZero() && res.ChangedAt.Before(res.SentAt) {
		return fail("modified_date", "is before send_date: a result cannot change before its e-mail is sent")
	}
	if res.Step == NotSent && res.Reported {
		return fail("reported", "is true, but the status %q says the e-mail was never sent", res.Status)
	}
	return res, nil
}
