package calendar

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	// Calendars must work on hosts without a zoneinfo database (slim
	// containers, Windows); the embedded copy is used only when the system
	// has none.
	_ "time/tzdata"
)

// Region names a UK bank-holiday division, as GOV.UK names them.
type Region string

const (
	EnglandAndWales Region = "england-and-wales"
	Scotland        Region = "scotland"
	NorthernIreland Region = "northern-ireland"
)

// Regions lists the divisions GOV.UK publishes, in its order.
func Regions() []Region { return []Region{EnglandAndWales, Scotland, NorthernIreland} }

func (r Region) known() bool { return slices.Contains(Regions(), r) }

// Holiday is a whole day on which no one works.
type Holiday struct {
	Date  Date   `json:"date"`
	Title string `json:"title"`
}

// Closure is a stretch of local time during which the desk is closed though
// it would normally work: a whole day (From 00:00 to the next day's 00:00)
// or an afternoon.
type Closure struct {
	From   LocalTime `json:"from"`
	To     LocalTime `json:"to"`
	Reason string    `json:"reason"`
}

// DefaultTimeZone is the zone of a Definition that names none.
const DefaultTimeZone = "Europe/London"

// Definition is a calendar as people edit and store it; it round-trips
// through JSON.
type Definition struct {
	Name      string    `json:"name"`
	TimeZone  string    `json:"time_zone"` // IANA name; "" means Europe/London
	Week      Week      `json:"week"`
	Region    Region    `json:"region"`    // whose bank holidays apply; "" for none
	Additions []Holiday `json:"additions"` // one-off extra holidays
	Closures  []Closure `json:"closures"`
}

// Default is Monday to Friday 09:00-17:00 in London with the bank holidays
// of England and Wales: what most councils' service desks keep.
func Default() Definition {
	nineToFive := func() []Span { return []Span{{9 * 60, 17 * 60}} }
	var w Week
	for wd := time.Monday; wd <= time.Friday; wd++ {
		w[wd] = nineToFive()
	}
	return Definition{Name: "default", TimeZone: DefaultTimeZone, Week: w, Region: EnglandAndWales}
}

// Location loads the definition's zone.
func (d Definition) Location() (*time.Location, error) {
	tz := d.TimeZone
	if tz == "" {
		tz = DefaultTimeZone
	}
	// "Local" would make the calendar depend on the server it runs on.
	if tz != "Local" {
		if loc, err := time.LoadLocation(tz); err == nil {
			return loc, nil
		}
	}
	return nil, fmt.Errorf("time zone %q is not known: use an IANA name such as Europe/London", d.TimeZone)
}

// DefinitionError lists everything wrong with a definition, so that whoever
// edits it can fix it all in one go.
type DefinitionError struct {
	Name     string
	Problems []string
}

func (e *DefinitionError) Error() string {
	return fmt.Sprintf("calendar %q: %s", e.Name, strings.Join(e.Problems, "; "))
}

// Validate reports every problem with d, or nil.
func (d Definition) Validate() error {
	var p []string
	add := func(format string, args ...any) { p = append(p, fmt.Sprintf(format, args...)) }
	if _, err := d.Location(); err != nil {
		add("%v", err)
	}
	// ward keeps text as UTF-8, and the definition is stored as JSON, whose
	// encoder would quietly turn bad bytes into U+FFFD rather than refuse them.
	if !utf8.ValidString(d.Name) {
		add("name is not valid UTF-8 text")
	}
	for _, wd := range mondayFirst {
		if err := checkSpans(d.Week[wd]); err != nil {
			add("%s: %v", dayNames[wd], err)
		}
	}
	if d.Region != "" && !d.Region.known() {
		add("region %q is not known: use %q, %q, %q or leave it empty for no bank holidays",
			d.Region, EnglandAndWales, Scotland, NorthernIreland)
	}
	for i, h := range d.Additions {
		switch {
		case h.Date == Date{}:
			add("additions[%d]: date is missing", i)
		case !h.Date.Valid():
			add("additions[%d]: %s is not a real day", i, h.Date)
		case !utf8.ValidString(h.Title):
			add("additions[%d]: title is not valid UTF-8 text", i)
		}
	}
	for i, c := range d.Closures {
		switch {
		case c.From == LocalTime{}:
			add("closures[%d]: from is missing", i)
		case c.To == LocalTime{}:
			add("closures[%d]: to is missing", i)
		case !c.From.Valid():
			add("closures[%d]: from %s is not a real day and time", i, c.From)
		case !c.To.Valid():
			add("closures[%d]: to %s is not a real day and time", i, c.To)
		case c.From.Compare(c.To) >= 0:
			add("closures[%d]: from %s must be before to %s", i, c.From, c.To)
		case !utf8.ValidString(c.Reason):
			add("closures[%d]: reason is not valid UTF-8 text", i)
		}
	}
	if len(p) > 0 {
		return &DefinitionError{Name: d.Name, Problems: p}
	}
	return nil
}

// clone copies d so that a Calendar's definition cannot be changed through
// slices its caller still holds.
func (d Definition) clone() Definition {
	for i := range d.Week {
		d.Week[i] = slices.Clone(d.Week[i])
	}
	d.Additions = slices.Clone(d.Additions)
	d.Closures = slices.Clone(d.Closures)
	return d
}
