package ticketcsv

import (
	"time"

	"github.com/ward-shared-service/ward/internal/textdate"
)

// Dates are parsed by hand: the ServiceNow sample has half a million of
// them, and time.Parse would be most of the import's cost.
//
// A local time is resolved as time.Date resolves it: a time in the hour the
// clocks skip in spring is read with the offset before the change (01:59 on
// 27 March 2016 in London is 01:59 UTC), and a time in the hour that repeats
// in autumn as the second, GMT, one. The sample has such times.

// parseDMY reads d/m/yyyy hh:mm, with optional :ss, in loc.
func parseDMY(s string, loc *time.Location) (time.Time, bool) {
	i := 0
	day, ok := digits(s, &i, 1, 2)
	if !ok || !skip(s, &i, '/') {
		return time.Time{}, false
	}
	month, ok := digits(s, &i, 1, 2)
	if !ok || !skip(s, &i, '/') {
		return time.Time{}, false
	}
	year, ok := digits(s, &i, 4, 4)
	if !ok || !skip(s, &i, ' ') {
		return time.Time{}, false
	}
	hour, ok := digits(s, &i, 1, 2)
	if !ok || !skip(s, &i, ':') {
		return time.Time{}, false
	}
	min, ok := digits(s, &i, 2, 2)
	if !ok {
		return time.Time{}, false
	}
	sec := 0
	if i < len(s) {
		if !skip(s, &i, ':') {
			return time.Time{}, false
		}
		if sec, ok = digits(s, &i, 2, 2); !ok || i != len(s) {
			return time.Time{}, false
		}
	}
	if !validDate(year, month, day) || hour > 23 || min > 59 || sec > 59 {
		return time.Time{}, false
	}
	return time.Date(year, time.Month(month), day, hour, min, sec, 0, loc).UTC(), true
}

// parseISO reads an ISO 8601 date and time: yyyy-mm-ddThh:mm, optional :ss
// and fraction, then Z, ±hh:mm, ±hhmm or ±hh, or nothing for local time in
// loc. A space may stand for the T.
func parseISO(s string, loc *time.Location) (time.Time, bool) {
	i := 0
	year, ok := digits(s, &i, 4, 4)
	if !ok || !skip(s, &i, '-') {
		return time.Time{}, false
	}
	month, ok := digits(s, &i, 2, 2)
	if !ok || !skip(s, &i, '-') {
		return time.Time{}, false
	}
	day, ok := digits(s, &i, 2, 2)
	if !ok || !(skip(s, &i, 'T') || skip(s, &i, 't') || skip(s, &i, ' ')) {
		return time.Time{}, false
	}
	hour, ok := digits(s, &i, 2, 2)
	if !ok || !skip(s, &i, ':') {
		return time.Time{}, false
	}
	min, ok := digits(s, &i, 2, 2)
	if !ok {
		return time.Time{}, false
	}
	sec, nsec := 0, 0
	if skip(s, &i, ':') {
		if sec, ok = digits(s, &i, 2, 2); !ok {
			return time.Time{}, false
		}
		if skip(s, &i, '.') || skip(s, &i, ',') {
			n := 0
			for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
				if n < 9 {
					nsec = nsec*10 + int(s[i]-'0')
					n++
				}
			}
			if n == 0 {
				return time.Time{}, false
			}
			for ; n < 9; n++ {
				nsec *= 10
			}
		}
	}
	if !validDate(year, month, day) || hour > 23 || min > 59 || sec > 59 {
		return time.Time{}, false
	}
	if i == len(s) {
		return time.Date(year, time.Month(month), day, hour, min, sec, nsec, loc).UTC(), true
	}
	offset := 0
	switch s[i] {
	case 'Z', 'z':
		i++
	case '+', '-':
		sign := 1
		if s[i] == '-' {
			sign = -1
		}
		i++
		oh, ok := digits(s, &i, 2, 2)
		if !ok {
			return time.Time{}, false
		}
		om := 0
		if i < len(s) {
			skip(s, &i, ':')
			if om, ok = digits(s, &i, 2, 2); !ok {
				return time.Time{}, false
			}
		}
		if oh > 23 || om > 59 {
			return time.Time{}, false
		}
		offset = sign * (oh*3600 + om*60)
	default:
		return time.Time{}, false
	}
	if i != len(s) {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, hour, min, sec, nsec, time.UTC)
	return t.Add(-time.Duration(offset) * time.Second), true
}

// The scanners the date parsers are built from.
var (
	digits    = textdate.Digits
	skip      = textdate.Skip
	validDate = textdate.ValidDate
	daysIn    = textdate.DaysIn
	atoi      = textdate.Atoi
)
