package ticketcsv

import (
	"strings"

	"github.com/ward-shared-service/ward/internal/desk"
)

// ServiceNow's field values: `?` for empty, numbered labels such as
// "3 - Moderate", and the state and channel labels as exported.

// val is a field with ServiceNow's `?` read as empty.
func val(rec []string, col int) string {
	v := field(rec, col)
	if v == "?" {
		return ""
	}
	return v
}

func parseEnum[T any](v string, parse func(string) (T, error)) (T, bool) {
	t, err := parse(v)
	return t, err == nil
}

// snNumbered reads ServiceNow's "3 - Moderate": the number decides, the
// label is for people.
func snNumbered(v string, most int) (int, bool) {
	n := 0
	for n < len(v) && v[n] >= '0' && v[n] <= '9' {
		n++
	}
	if n != 1 || (len(v) > 1 && !strings.HasPrefix(v[1:], " - ")) {
		return 0, false
	}
	d := int(v[0] - '0')
	return d, d >= 1 && d <= most
}

// snStates and snChannels hold ServiceNow's labels as exported and in lower
// case, so the usual spelling costs one lookup and no allocation.
var snStates = spellings(map[string]desk.State{
	"New": desk.New, "Active": desk.InProgress, "In Progress": desk.InProgress,
	"Awaiting User Info": desk.AwaitingUser, "Awaiting Evidence": desk.AwaitingUser,
	"Awaiting Vendor": desk.AwaitingSupplier, "Awaiting Problem": desk.AwaitingChange,
	"Resolved": desk.Resolved, "Closed": desk.Closed,
})

var snChannels = spellings(map[string]desk.Channel{
	"Phone": desk.Phone, "Email": desk.Email, "E-mail": desk.Email,
	"Self service": desk.Portal, "Self-service": desk.Portal,
	"Walk-in": desk.WalkUp, "Walk in": desk.WalkUp, "Walk-up": desk.WalkUp, "Walk up": desk.WalkUp,
	"Monitoring": desk.Monitoring, "Event": desk.Monitoring,
})

func spellings[T any](m map[string]T) map[string]T {
	for k, v := range m {
		m[strings.ToLower(k)] = v
	}
	return m
}

func snState(v string) (desk.State, bool) {
	if st, ok := snStates[v]; ok {
		return st, true
	}
	if st, ok := snStates[strings.ToLower(v)]; ok {
		return st, true
	}
	return parseEnum(v, desk.ParseState)
}

func snChannel(v string) (desk.Channel, bool) {
	if ch, ok := snChannels[v]; ok {
		return ch, true
	}
	if ch, ok := snChannels[strings.ToLower(v)]; ok {
		return ch, true
	}
	return parseEnum(v, desk.ParseChannel)
}
