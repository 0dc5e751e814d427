package inventory

import (
	"fmt"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/posture"
)

// fact is posture.ParseFact without its allocation for the spellings a
// generated file uses.
func fact(s string) (posture.Fact, error) {
	switch s {
	case "":
		return posture.Unknown, nil
	case "yes", "true", "1", "Yes", "True", "TRUE", "YES", "y", "Y":
		return posture.Yes, nil
	case "no", "false", "0", "No", "False", "FALSE", "NO", "n", "N":
		return posture.No, nil
	}
	return posture.ParseFact(s)
}

func wardType(s string) (posture.DeviceType, error) {
	for _, t := range posture.DeviceTypes {
		if s == string(t) {
			return t, nil
		}
	}
	return posture.ParseDeviceType(s)
}

func wardOwnership(s string) (posture.Ownership, error) {
	switch posture.Ownership(s) {
	case "", posture.Council:
		return posture.Council, nil
	case posture.Personal, posture.Partner:
		return posture.Ownership(s), nil
	}
	return posture.ParseOwnership(s)
}

// parseUpdates reads "KB5034441:critical:2024-01-09;KB5034439:high": an
// update's id, its severity and optionally the date it was released,
// separated by semicolons.
func parseUpdates(s string) ([]posture.Update, error) {
	n := strings.Count(s, ";") + 1
	ups := make([]posture.Update, 0, n)
	for item := range strings.SplitSeq(s, ";") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		id, rest, _ := strings.Cut(item, ":")
		sev, date, hasDate := strings.Cut(rest, ":")
		id, sev, date = strings.TrimSpace(id), strings.TrimSpace(sev), strings.TrimSpace(date)
		if id == "" {
			return nil, fmt.Errorf("%s has no update id before its first colon; write id:severity or id:severity:yyyy-mm-dd", quote(item))
		}
		if sev == "" {
			return nil, fmt.Errorf("%s has no severity; write id:severity or id:severity:yyyy-mm-dd", quote(item))
		}
		u := posture.Update{ID: id}
		var err error
		if u.Severity, err = severity(sev); err != nil {
			return nil, fmt.Errorf("update %s: %v", id, err)
		}
		if hasDate {
			t, ok := parseISO(date, time.UTC, true)
			if !ok || len(date) != 10 {
				return nil, fmt.Errorf("update %s: %s is not a release date (yyyy-mm-dd)", id, quote(date))
			}
			u.Released = t
		}
		ups = append(ups, u)
	}
	if len(ups) == 0 {
		return nil, nil
	}
	return ups, nil
}

func severity(s string) (posture.Severity, error) {
	for _, v := range posture.Severities {
		if s == string(v) {
			return v, nil
		}
	}
	return posture.ParseSeverity(s)
}
