package web

import (
	"context"
	"net/url"
	"strconv"

	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

// countCeiling is how far the ticket list counts exactly: past it the page
// says "More than 10,000", so the count reads at most that many index
// entries however many tickets there are.
const countCeiling = 10000

// ticketSortOptions are the orders the ticket list offers, as its select
// shows them.
// Newest first is the select's empty choice.
var ticketSortOptions = []Item{
	{Value: "priority", Label: "Priority (P1 first)"},
	{Value: "due", Label: "Nearest breach first"},
	{Value: "updated", Label: "Recently updated"},
	{Value: "ref", Label: "Reference"},
}

// ticketSortColumns are the headings that sort the list: each links to the
// filtered list in its order, the current one marked for screen readers.
func ticketSortColumns(filter map[string]string, current desksvc.TicketSort) map[string]Column {
	if current == "" {
		current = "opened"
	}
	cols := map[string]Column{}
	for sort, c := range map[string]Column{"ref": {Label: "Reference", Sorted: "ascending"},
		"priority": {Label: "Priority", Sorted: "ascending"}, "opened": {Label: "Opened", Sorted: "descending"},
		"due": {Label: "SLA", Sorted: "ascending"}} {
		if string(current) != sort {
			c.Sorted = ""
		}
		c.Href = ticketListURL(filter, "sort", sort)
		cols[sort] = c
	}
	return cols
}

// ticketListURL is the list with the filter's values and one more: a sort
// (which starts from the first page) or a cursor.
func ticketListURL(filter map[string]string, key, value string) string {
	v := url.Values{}
	for k, val := range filter {
		if val != "" && k != "cursor" {
			v.Set(k, val)
		}
	}
	if value != "" {
		v.Set(key, value)
	}
	if key == "sort" && value == "opened" {
		v.Del("sort")
	}
	if len(v) == 0 {
		return "/tickets"
	}
	return "/tickets?" + v.Encode()
}

// ticketCount is the list's count as the page says it.
func (s *Server) ticketCount(ctx context.Context, rs *requestState, f desksvc.TicketFilter) (string, error) {
	n, more, err := s.desk.CountTickets(ctx, rs.principal, f, countCeiling)
	switch {
	case err != nil:
		return "", err
	case more:
		return "More than 10,000 tickets", nil
	case n == 1:
		return "1 ticket", nil
	}
	return thousands(n) + " tickets", nil
}

// thousands writes n with commas: 12,345.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
