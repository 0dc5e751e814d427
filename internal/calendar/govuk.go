package calendar

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// ImportGovUK reads the GOV.UK bank-holidays format
// (https://www.gov.uk/bank-holidays.json) and returns each division's
// holidays, sorted by date. The file is refused whole if any part is wrong;
// the error names the JSON path and the problem, such as
// `bank holidays: england-and-wales.events[3].date: "2018-02-30" is not a date`.
// A note (GOV.UK's "Substitute day") is added to the title in brackets, as
// BankHolidays titles substitute days; bunting is not read.
func ImportGovUK(r io.Reader) (map[Region][]Holiday, error) {
	fail := func(path, format string, args ...any) (map[Region][]Holiday, error) {
		if path != "" {
			path += ": "
		}
		return nil, fmt.Errorf("bank holidays: "+path+format, args...)
	}
	dec := json.NewDecoder(r)
	var top map[string]json.RawMessage
	if err := dec.Decode(&top); err != nil {
		return fail("", "not the GOV.UK bank-holidays JSON (an object of divisions): %v", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return fail("", "unexpected data after the JSON object")
	}
	if len(top) == 0 {
		return fail("", "no divisions: want %q, %q and/or %q", EnglandAndWales, Scotland, NorthernIreland)
	}
	out := make(map[Region][]Holiday, len(top))
	for _, key := range slices.Sorted(maps.Keys(top)) {
		region := Region(key)
		if !region.known() {
			return fail(fmt.Sprintf("%q", key), "not a GOV.UK division: want %q, %q or %q", EnglandAndWales, Scotland, NorthernIreland)
		}
		fields, ok := object(top[key])
		if !ok {
			return fail(key, "want an object with division and events")
		}
		if raw, ok := fields["division"]; ok {
			var div string
			if json.Unmarshal(raw, &div) != nil || div != key {
				return fail(key+".division", "%s does not match the key %q", brief(raw), key)
			}
		}
		var events []json.RawMessage
		if raw, ok := fields["events"]; !ok || json.Unmarshal(raw, &events) != nil || events == nil {
			return fail(key+".events", "want an array of events")
		}
		hs := make([]Holiday, 0, len(events))
		for i, raw := range events {
			path := fmt.Sprintf("%s.events[%d]", key, i)
			h, field, err := event(raw)
			if err != nil {
				return fail(path+field, "%v", err)
			}
			hs = append(hs, h)
		}
		sortHolidays(hs)
		out[region] = hs
	}
	return out, nil
}

// event reads one {"title":..., "date":...}; on failure it also returns the
// field at fault, as a path suffix.
func event(raw json.RawMessage) (Holiday, string, error) {
	fields, ok := object(raw)
	if !ok {
		return Holiday{}, "", errors.New("want an object with title and date")
	}
	var title, date string
	if err := stringField(fields, "title", &title); err != nil {
		return Holiday{}, ".title", err
	}
	if strings.TrimSpace(title) == "" {
		return Holiday{}, ".title", errors.New("is empty")
	}
	if err := stringField(fields, "date", &date); err != nil {
		return Holiday{}, ".date", err
	}
	d, err := ParseDate(date)
	if err != nil {
		return Holiday{}, ".date", fmt.Errorf("%q is not a date", date)
	}
	// Holiday has no notes; GOV.UK uses them to mark substitute days, which
	// people need to see, so they join the title the way BankHolidays
	// writes it.
	var notes string
	if _, ok := fields["notes"]; ok {
		if err := stringField(fields, "notes", &notes); err != nil {
			return Holiday{}, ".notes", err
		}
	}
	switch notes = strings.TrimSpace(notes); {
	case strings.EqualFold(notes, "substitute day"):
		title += " (substitute day)"
	case notes != "":
		title += " (" + notes + ")"
	}
	return Holiday{Date: d, Title: title}, "", nil
}

func object(raw json.RawMessage) (map[string]json.RawMessage, bool) {
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil || m == nil {
		return nil, false
	}
	return m, true
}

func stringField(fields map[string]json.RawMessage, name string, dst *string) error {
	raw, ok := fields[name]
	if !ok {
		return errors.New("missing")
	}
	if json.Unmarshal(raw, dst) != nil {
		return fmt.Errorf("%s is not a string", brief(raw))
	}
	return nil
}

// brief keeps an echoed value short enough to read in an error.
func brief(raw json.RawMessage) string {
	const max = 40
	if len(raw) <= max {
		return string(raw)
	}
	return string(raw[:max]) + "…"
}
