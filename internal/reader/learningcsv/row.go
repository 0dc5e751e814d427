package learningcsv

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/reader"
	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

// maxText is the most an address, id or code may be.
const maxText = 320

// row turns one record into a completion, or names the column that is
// wrong.
func row(rec []string, col map[string]int, line int) (Row, *Error) {
	r := Row{Line: line}
	cell := func(name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	bad := func(name, reason string) *Error { return &Error{Line: line, Column: name, Reason: reason} }
	for _, name := range []string{"email", "hr_id", "course_code"} {
		v := cell(name)
		if reason := reader.BadUTF8(v); reason != "" {
			return r, bad(name, reason)
		}
		if len(v) > maxText {
			return r, bad(name, fmt.Sprintf("is longer than %d characters", maxText))
		}
	}
	r.Email, r.HRID, r.CourseCode = strings.ToLower(cell("email")), cell("hr_id"), cell("course_code")
	if r.Email == "" && r.HRID == "" {
		name := "email"
		if _, ok := col["email"]; !ok {
			name = "hr_id"
		}
		return r, bad(name, "is empty: an e-mail address or an HR id must name the person")
	}
	if r.Email != "" && !strings.Contains(r.Email, "@") {
		return r, bad("email", fmt.Sprintf("%q is not an e-mail address", bounded.Excerpt(r.Email)))
	}
	if r.CourseCode == "" {
		return r, bad("course_code", "is empty: it names the course completed")
	}
	day, ok := Day(cell("completed_on"))
	if !ok {
		return r, bad("completed_on", fmt.Sprintf("%q is not a date (yyyy-mm-dd or dd/mm/yyyy)", bounded.Excerpt(cell("completed_on"))))
	}
	r.CompletedOn = day
	if s := cell("score"); s != "" {
		n, err := strconv.Atoi(strings.TrimSuffix(s, "%"))
		if err != nil || n < 0 || n > 100 {
			return r, bad("score", fmt.Sprintf("%q is not a whole percentage from 0 to 100", bounded.Excerpt(s)))
		}
		r.Score = &n
	}
	return r, nil
}

// Day reads a date as yyyy-mm-dd or the British dd/mm/yyyy, and gives it as
// yyyy-mm-dd.
func Day(s string) (string, bool) {
	for _, layout := range []string{time.DateOnly, "02/01/2006", "2/1/2006"} {
		if t, err := time.Parse(layout, s); err == nil && t.Year() >= 1900 && t.Year() <= 2999 {
			return t.Format(time.DateOnly), true
		}
	}
	return "", false
}
