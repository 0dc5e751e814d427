package httpin

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// ExpiryDate reads an acceptance's end, YYYY-MM-DD, as the start of that
// day in the org's zone: the day the finding opens again if still failing.
func ExpiryDate(v, zone string) (time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, errors.New("give the date the acceptance ends, as YYYY-MM-DD")
	}
	loc, err := time.LoadLocation(zone)
	if err != nil || zone == "" {
		loc, _ = time.LoadLocation("Europe/London")
	}
	d, err := time.ParseInLocation(time.DateOnly, v, loc)
	if err != nil {
		return time.Time{}, errors.New(strconv.Quote(v) + " is not a date written YYYY-MM-DD")
	}
	return d, nil
}
