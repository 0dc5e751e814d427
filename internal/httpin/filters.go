package httpin

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
)

// TicketFilter reads a ticket list's filters: state (a state, or "open" for
// every state not yet closed), open=true, priority, channel, type and q.
// Each value ward does not know is a FieldError naming its field, in the
// order the fields are listed here. The org, the page and the limit are the
// caller's to read, since pages and scripts choose them differently.
func TicketFilter(q url.Values) (desksvc.TicketFilter, []FieldError) {
	f := desksvc.TicketFilter{Search: q.Get("q"), OpenOnly: q.Get("open") == "true"}
	var errs []FieldError
	bad := func(field string, err error) {
		if err != nil {
			errs = append(errs, FieldError{Field: field, Detail: err.Error()})
		}
	}
	var err error
	if v := q.Get("state"); v == "open" {
		f.OpenOnly = true
	} else if v != "" {
		f.State, err = desk.ParseState(v)
		bad("state", err)
	}
	if v := q.Get("priority"); v != "" {
		f.Priority, err = desk.ParsePriority(v)
		bad("priority", err)
	}
	if v := q.Get("channel"); v != "" {
		f.Channel, err = desk.ParseChannel(v)
		bad("channel", err)
	}
	if v := q.Get("type"); v != "" {
		f.Type, err = desk.ParseType(v)
		bad("type", err)
	}
	return f, errs
}

// FindingFilter reads a findings list's filters: state, control, severity
// and kind. Each value ward does not know is a FieldError naming its field,
// in that order. The org and the subject search are the caller's to read.
func FindingFilter(q url.Values) (posturesvc.FindingFilter, []FieldError) {
	var f posturesvc.FindingFilter
	var errs []FieldError
	if v := strings.TrimSpace(q.Get("state")); v != "" {
		st, err := finding.ParseState(v)
		if err != nil {
			errs = append(errs, FieldError{Field: "state", Detail: err.Error()})
		}
		f.State = st
	}
	if v := strings.TrimSpace(q.Get("control")); v != "" {
		if _, ok := posture.ControlByID(v); !ok {
			errs = append(errs, FieldError{Field: "control", Detail: strconv.Quote(v) + " is not a control"})
		} else {
			f.Control = v
		}
	}
	if v := strings.TrimSpace(q.Get("severity")); v != "" {
		sev, err := posture.ParseSeverity(v)
		if err != nil {
			errs = append(errs, FieldError{Field: "severity", Detail: err.Error()})
		}
		f.Severity = string(sev)
	}
	if v := strings.TrimSpace(q.Get("kind")); v != "" {
		k, err := finding.ParseSubjectKind(v)
		if err != nil {
			errs = append(errs, FieldError{Field: "kind", Detail: err.Error()})
		}
		f.Kind = k
	}
	return f, errs
}

// Paging reads limit (1 to max) and offset (0 or more) for a list a script
// pages through; zero when not given.
func Paging(q url.Values, max int) (limit, offset int, bad *FieldError) {
	if limit, bad = Limit(q, max); bad != nil {
		return 0, 0, bad
	}
	if v := q.Get("offset"); v != "" {
		var err error
		if offset, err = strconv.Atoi(v); err != nil || offset < 0 {
			return 0, 0, &FieldError{Field: "offset", Detail: "offset must be a whole number, 0 or more"}
		}
	}
	return limit, offset, nil
}

// Limit reads limit, from 1 to max; zero when not given.
func Limit(q url.Values, max int) (int, *FieldError) {
	v := q.Get("limit")
	if v == "" {
		return 0, nil
	}
	limit, err := strconv.Atoi(v)
	if err != nil || limit < 1 || limit > max {
		return 0, &FieldError{Field: "limit", Detail: "limit must be from 1 to " + strconv.Itoa(max)}
	}
	return limit, nil
}

// Format is the ?format= a list is asked for, lower-cased: "" when not
// given, or one of those offered; anything else is a FieldError.
func Format(q url.Values, offered ...string) (string, *FieldError) {
	v := strings.ToLower(q.Get("format"))
	if v == "" {
		return "", nil
	}
	for _, o := range offered {
		if v == o {
			return v, nil
		}
	}
	return "", &FieldError{Field: "format", Detail: "format must be " + strings.Join(offered, " or ")}
}
