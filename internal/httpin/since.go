package httpin

import (
	"net/url"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/service/posturesvc"
)

// FindingSince reads a findings list's since= filter into f: a day,
// YYYY-MM-DD, from whose midnight in loc the findings first seen are kept.
// Anything else is a FieldError naming the field.
func FindingSince(q url.Values, loc *time.Location, f *posturesvc.FindingFilter) *FieldError {
	v := strings.TrimSpace(q.Get("since"))
	if v == "" {
		return nil
	}
	day, err := time.ParseInLocation("2006-01-02", v, loc)
	if err != nil {
		return &FieldError{Field: "since", Detail: `"` + v + `" is not a day written YYYY-MM-DD`}
	}
	f.Since = day
	return nil
}

// SightingsSince reads the sightings list's since= filter: a day,
// YYYY-MM-DD, from whose midnight in loc the sightings recorded are kept;
// zero when not given. Anything else is a FieldError naming the field.
func SightingsSince(q url.Values, loc *time.Location) (time.Time, *FieldError) {
	var f posturesvc.FindingFilter
	bad := FindingSince(q, loc, &f)
	return f.Since, bad
}
