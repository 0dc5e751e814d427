package inventory

import (
	"github.com/ward-shared-service/ward/internal/textdate"
	"time"
	_ "time/tzdata" // UK local times must read the same on a server without a zone database
)

// Dates are read by hand: ward's CSV has two per row and must read 100,000
// rows in well under half a second, and the formats are few and fixed.

// london is where councils' local times are: ward's CSV writes them
// without an offset.
var london = mustLondon()

func mustLondon() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic("inventory: Europe/London is in the embedded zone database: " + err.Error())
	}
	return loc
}

// parseISO reads yyyy-mm-dd, then optionally T (or a space) and hh:mm with
// optional :ss and a fraction of any length, then Z, ±hh:mm, ±hhmm or ±hh,
// or nothing for a local time in loc. A date alone is midnight in loc, and
// is accepted only when dateOnly is true.
func parseISO(s string, loc *time.Location, dateOnly bool) (time.Time, bool) {
	var t isoTime
	if !t.parse(s, dateOnly) {
		return time.Time{}, false
	}
	return t.in(loc), true
}

// isoTime is an ISO 8601 date and time as written.
type isoTime struct {
	year, month, day, hour, min, sec, nsec int
	zoned                                  bool
	offset                                 int // seconds east of UTC, when zoned
}

func (t *isoTime) parse(s string, dateOnly bool) bool {
	*t = isoTime{}
	i := 0
	var ok bool
	if t.year, ok = num(s, &i, 4, 4); !ok || !skip(s, &i, '-') {
		return false
	}
	if t.month, ok = num(s, &i, 2, 2); !ok || !skip(s, &i, '-') {
		return false
	}
	if t.day, ok = num(s, &i, 2, 2); !ok || !validDate(t.year, t.month, t.day) {
		return false
	}
	if i == len(s) {
		return dateOnly
	}
	if !(skip(s, &i, 'T') || skip(s, &i, 't') || skip(s, &i, ' ')) {
		return false
	}
	if t.hour, t.min, t.sec, t.nsec, ok = clock(s, &i); !ok {
		return false
	}
	if i == len(s) {
		return true
	}
	t.zoned = true
	t.offset, ok = zone(s, &i)
	return ok && i == len(s)
}

// in is the instant, reading a time without an offset in loc.
func (t *isoTime) in(loc *time.Location) time.Time {
	if t.zoned {
		u := time.Date(t.year, time.Month(t.month), t.day, t.hour, t.min, t.sec, t.nsec, time.UTC)
		return u.Add(-time.Duration(t.offset) * time.Second)
	}
	return time.Date(t.year, time.Month(t.month), t.day, t.hour, t.min, t.sec, t.nsec, loc).UTC()
}

// londonDays caches London's offset from UTC by day, for one reader:
// time.Date's zone lookup was a tenth of reading ward's CSV. A day the
// clocks change on is never cached, so those days go through time.Date.
type londonDays [512]struct {
	day    int64 // days since 1970 + 1, so the zero value matches nothing
	offset int32 // seconds east of UTC, the same all day
}

// london reads t as London's local time when it has no offset.
func (c *londonDays) time(t *isoTime) time.Time {
	if t.zoned {
		return t.in(time.UTC)
	}
	u := time.Date(t.year, time.Month(t.month), t.day, t.hour, t.min, t.sec, t.nsec, time.UTC)
	days := u.Unix()/86400 + 1
	slot := &c[days&511]
	if slot.day == days {
		return u.Add(-time.Duration(slot.offset) * time.Second)
	}
	_, start := time.Date(t.year, time.Month(t.month), t.day, 0, 0, 0, 0, london).Zone()
	_, end := time.Date(t.year, time.Month(t.month), t.day, 23, 59, 59, 0, london).Zone()
	if start == end {
		slot.day, slot.offset = days, int32(start)
	}
	return t.in(london)
}

// parseDMY reads the UK's d/m/yyyy, optionally followed by a space and
// h:mm with optional :ss and fraction, in loc: what Excel leaves after a
// UK user has opened and saved an export.
func parseDMY(s string, loc *time.Location) (time.Time, bool) {
	i := 0
	day, ok := num(s, &i, 1, 2)
	if !ok || !skip(s, &i, '/') {
		return time.Time{}, false
	}
	month, ok := num(s, &i, 1, 2)
	if !ok || !skip(s, &i, '/') {
		return time.Time{}, false
	}
	year, ok := num(s, &i, 4, 4)
	if !ok || !validDate(year, month, day) {
		return time.Time{}, false
	}
	if i == len(s) {
		return time.Date(year, time.Month(month), day, 0, 0, 0, 0, loc).UTC(), true
	}
	if !skip(s, &i, ' ') {
		return time.Time{}, false
	}
	hour, min, sec, nsec, ok := clock(s, &i)
	if !ok || i != len(s) {
		return time.Time{}, false
	}
	return time.Date(year, time.Month(month), day, hour, min, sec, nsec, loc).UTC(), true
}

// clock reads h:mm or hh:mm, then optional :ss and fraction.
func clock(s string, i *int) (hour, min, sec, nsec int, ok bool) {
	if hour, ok = num(s, i, 1, 2); !ok || !skip(s, i, ':') {
		return 0, 0, 0, 0, false
	}
	if min, ok = num(s, i, 2, 2); !ok {
		return 0, 0, 0, 0, false
	}
	if skip(s, i, ':') {
		if sec, ok = num(s, i, 2, 2); !ok {
			return 0, 0, 0, 0, false
		}
		if skip(s, i, '.') || skip(s, i, ',') {
			n := 0
			for ; *i < len(s) && s[*i] >= '0' && s[*i] <= '9'; *i++ {
				if n < 9 {
					nsec = nsec*10 + int(s[*i]-'0')
					n++
				}
			}
			if n == 0 {
				return 0, 0, 0, 0, false
			}
			for ; n < 9; n++ {
				nsec *= 10
			}
		}
	}
	if hour > 23 || min > 59 || sec > 59 {
		return 0, 0, 0, 0, false
	}
	return hour, min, sec, nsec, true
}

// zone reads Z or an offset, returning seconds east of UTC.
func zone(s string, i *int) (int, bool) {
	if *i >= len(s) {
		return 0, false
	}
	switch s[*i] {
	case 'Z', 'z':
		*i++
		return 0, true
	case '+', '-':
	default:
		return 0, false
	}
	sign := 1
	if s[*i] == '-' {
		sign = -1
	}
	*i++
	oh, ok := num(s, i, 2, 2)
	if !ok {
		return 0, false
	}
	om := 0
	if *i < len(s) {
		skip(s, i, ':')
		if om, ok = num(s, i, 2, 2); !ok {
			return 0, false
		}
	}
	if oh > 23 || om > 59 {
		return 0, false
	}
	return sign * (oh*3600 + om*60), true
}

// The scanners the date parsers are built from.
var (
	num       = textdate.Digits
	skip      = textdate.Skip
	validDate = textdate.ValidDate
	atoi      = textdate.Atoi
)
