package httpin

import (
	"encoding/base64"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
)

// DeviceSeen are the inventory's choices for when a device was last seen.
var DeviceSeen = []string{"week", "month", "stale"}

// DeviceFilter reads the device inventory's filters: kind, os, failing (a
// device control's id, "any" or "none"), seen (week, month or stale: not
// seen for 30 days, or never), owner, q (serial or name) and after (the
// cursor a page's next link carries). Each value ward does not know is a
// FieldError naming its field. The org is the caller's to read.
func DeviceFilter(q url.Values, now time.Time) (posturesvc.DeviceFilter, []FieldError) {
	f := posturesvc.DeviceFilter{Owner: strings.TrimSpace(q.Get("owner")), Search: strings.TrimSpace(q.Get("q"))}
	var errs []FieldError
	bad := func(field, detail string) { errs = append(errs, FieldError{Field: field, Detail: detail}) }
	if v := strings.TrimSpace(q.Get("kind")); v != "" {
		if t, err := posture.ParseDeviceType(v); err != nil {
			bad("kind", err.Error())
		} else {
			f.Kind = string(t)
		}
	}
	if v := strings.ToLower(strings.TrimSpace(q.Get("os"))); v != "" {
		f.OS = v
		if !known(posture.OSFamilies, posture.OSFamily(v)) {
			bad("os", strconv.Quote(v)+" is not an operating system (windows, macos, ios, ipados, android, linux, chromeos or other)")
		}
	}
	if v := strings.TrimSpace(q.Get("failing")); v != "" {
		c, ok := posture.ControlByID(v)
		switch {
		case v == posturesvc.FailingAny || v == posturesvc.FailingNone:
			f.Failing = v
		case ok && c.AppliesTo(posture.DeviceSubject):
			f.Failing = v
		default:
			bad("failing", strconv.Quote(v)+` is not a device control (give a control's id, "any" or "none")`)
		}
	}
	switch v := q.Get("seen"); v {
	case "":
	case "week":
		f.SeenSince = now.AddDate(0, 0, -7)
	case "month":
		f.SeenSince = now.AddDate(0, 0, -30)
	case "stale":
		f.SeenBefore = now.AddDate(0, 0, -30)
	default:
		bad("seen", strconv.Quote(v)+" is not a choice (week, month or stale)")
	}
	if v := q.Get("cursor"); v != "" {
		c, ok := ParseDeviceCursor(v)
		if !ok {
			bad("cursor", "the page link is not one ward made; start from the first page")
		}
		f.After = c
	}
	return f, errs
}

func known[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// DeviceCursorText is a cursor as a page link carries it: the id and the
// name, base64url so any name survives a URL.
func DeviceCursorText(c posturesvc.DeviceCursor) string {
	if c.IsZero() {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(c.ID, 10) + ":" + c.Name))
}

// ParseDeviceCursor reads what DeviceCursorText wrote.
func ParseDeviceCursor(s string) (posturesvc.DeviceCursor, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return posturesvc.DeviceCursor{}, false
	}
	id, name, ok := strings.Cut(string(raw), ":")
	n, err := strconv.ParseInt(id, 10, 64)
	if !ok || err != nil || n <= 0 {
		return posturesvc.DeviceCursor{}, false
	}
	return posturesvc.DeviceCursor{ID: n, Name: name}, true
}
