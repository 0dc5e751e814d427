package hrcsv

import (
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/people"
	"github.com/ward-shared-service/ward/internal/reader"
	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

// ParseDate reads a day as yyyy-mm-dd or as dd/mm/yyyy (the way UK HR
// systems export it) and gives it as yyyy-mm-dd; blank stays blank.
func ParseDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", true
	}
	for _, layout := range []string{time.DateOnly, "02/01/2006", "2/1/2006"} {
		if t, err := time.Parse(layout, s); err == nil && t.Year() >= 1900 && t.Year() <= 2200 {
			return t.Format(time.DateOnly), true
		}
	}
	return "", false
}

// readRow reads one person, naming every mistake in the row.
func readRow(rec []string, col map[string]int, line int) (Row, []*Error) {
	var bad []*Error
	fail := func(column, format string, args ...any) {
		bad = append(bad, &Error{Line: line, Column: column, Reason: fmt.Sprintf(format, args...)})
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
			fail(name, "%s", why)
		} else if len(v) > maxText {
			fail(name, "is %d bytes; at most %d", len(v), maxText)
		}
	}
	if len(bad) > 0 {
		return Row{}, bad
	}
	r := Row{Line: line, HRID: get("hr_id"), Name: get("name"), Email: get("email"), Team: get("team"),
		Manager: get("manager_hr_id"), Phone: get("phone"), UPN: get("upn")}
	if r.HRID == "" {
		fail("hr_id", "is empty: every person needs the HR system's id")
	}
	if r.Name == "" {
		fail("name", "is empty: every person needs a name")
	}
	if r.Email != "" {
		if a, err := mail.ParseAddress(r.Email); err != nil || a.Address != r.Email {
			fail("email", "%q is not an e-mail address, like name@example.gov.uk", bounded.Excerpt(r.Email))
		}
	}
	kind, err := people.ParseKind(get("kind"))
	if err != nil {
		fail("kind", "%s", err)
	}
	r.Kind = string(kind)
	if r.Manager != "" && r.Manager == r.HRID {
		fail("manager_hr_id", "is the person's own hr_id: nobody is their own manager")
	}
	dates := []struct {
		name string
		into *string
	}{{"start_on", &r.StartOn}, {"end_on", &r.EndOn}, {"left_on", &r.LeftOn}}
	for _, d := range dates {
		v := get(d.name)
		day, ok := ParseDate(v)
		if !ok {
			fail(d.name, "%q is not a date (yyyy-mm-dd or dd/mm/yyyy)", bounded.Excerpt(v))
		}
		*d.into = day
	}
	if r.StartOn != "" && r.LeftOn != "" && r.LeftOn < r.StartOn {
		fail("left_on", "is before start_on")
	}
	if r.StartOn != "" && r.EndOn != "" && r.EndOn < r.StartOn {
		fail("end_on", "is before start_on")
	}
	return r, bad
}
