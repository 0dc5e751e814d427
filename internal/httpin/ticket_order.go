package httpin

import (
	"net/url"
	"strings"

	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

// TicketOrder reads a ticket list's sort (opened, priority, due, updated or
// ref; opened when not given) and cursor (the opaque place a previous page
// gave out, for the same sort) into f. A value ward does not know is a
// FieldError naming its field.
func TicketOrder(q url.Values, f *desksvc.TicketFilter) []FieldError {
	var errs []FieldError
	if v := q.Get("sort"); v != "" {
		f.Sort = desksvc.TicketSort(v)
		if !f.Sort.Valid() {
			names := make([]string, len(desksvc.TicketSorts))
			for i, s := range desksvc.TicketSorts {
				names[i] = string(s)
			}
			errs = append(errs, FieldError{Field: "sort", Detail: "sort must be one of " + strings.Join(names, ", ")})
			f.Sort = ""
		}
	}
	if v := q.Get("cursor"); v != "" {
		c, err := desksvc.DecodeTicketCursor(v, f.Sort)
		if err != nil {
			errs = append(errs, FieldError{Field: "cursor", Detail: "cursor is out of date or not one this list gave out for this sort"})
		} else {
			f.Cursor = &c
		}
	}
	return errs
}
