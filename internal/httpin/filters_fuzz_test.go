package httpin

import (
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

// FuzzQuery: any query string a page or script sends is read into filters,
// paging, a format, an expiry date and a file name without a panic, and
// each refusal names a field and says what to give.
func FuzzQuery(f *testing.F) {
	for _, s := range []string{
		"state=open&priority=p2&channel=phone&type=request&q=printer",
		"state=failing&control=mfa&severity=high&kind=device",
		"limit=50&offset=100&format=csv", "limit=0&offset=-1&format=PDF", "limit=99999999999999999999",
		"until=2026-02-30&zone=Europe/London", "until=2026-03-01&zone=../../etc", "name=..%2F..%2Fpasswd",
		"state=%ff&priority=P9", "", "&&=&", "assigned=mine", "assigned=unassigned&state=open", "assigned=%00",
		"name=%01%02%1b", "name=Caf%e9.csv", "name=x" + strings.Repeat("%c3%a9", 150),
		"kind=laptop&os=windows&failing=disk-encryption&seen=stale&owner=jo&q=LT-1&cursor=MTI6TFQtMDE",
		"kind=printer&os=beos&failing=tier-zero-path&seen=yesterday&cursor=!!", "cursor=MDpBQkM&failing=any",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, _ := url.ParseQuery(raw) // what parsed is still read, as net/http does
		well := func(e FieldError) {
			if e.Field == "" || e.Detail == "" || !utf8.ValidString(e.Detail) {
				t.Fatalf("%q: ill-formed refusal %+v", raw, e)
			}
		}
		_, errs := TicketFilter(q)
		for _, e := range errs {
			well(e)
		}
		for _, user := range []int64{0, 7} {
			var tf desksvc.TicketFilter
			for _, e := range TicketAssigned(q, user, &tf) {
				well(e)
			}
			if tf.AssigneeID != 0 && tf.AssigneeID != user {
				t.Fatalf("%q: mine became user %d, want %d", raw, tf.AssigneeID, user)
			}
		}
		_, errs = FindingFilter(q)
		for _, e := range errs {
			well(e)
		}
		df, errs := DeviceFilter(q, time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC))
		for _, e := range errs {
			well(e)
		}
		if c := df.After; !c.IsZero() {
			if back, ok := ParseDeviceCursor(DeviceCursorText(c)); !ok || back != c {
				t.Fatalf("%q: cursor %+v does not survive a page link (%+v)", raw, c, back)
			}
		}
		limit, offset, bad := Paging(q, 500)
		if bad != nil {
			well(*bad)
		} else if limit < 0 || limit > 500 || offset < 0 {
			t.Fatalf("%q: paging %d, %d", raw, limit, offset)
		}
		if v, bad := Format(q, "html", "csv"); bad != nil {
			well(*bad)
		} else if v != "" && v != "html" && v != "csv" {
			t.Fatalf("%q: format %q not offered", raw, v)
		}
		if _, err := ExpiryDate(q.Get("until"), q.Get("zone")); err != nil && !utf8.ValidString(err.Error()) {
			t.Fatalf("%q: unreadable error %q", raw, err.Error())
		}
		name := FileName(q.Get("name"), q.Get("disposition"), "upload")
		if strings.Contains(name, "/") {
			t.Fatalf("%q: file name %q is not one path element", raw, name)
		}
		if name == "" || len(name) > 200 || !utf8.ValidString(name) || strings.ContainsFunc(name, unicode.IsControl) {
			t.Fatalf("%q: file name %q cannot be shown (%d bytes)", raw, name, len(name))
		}
	})
}
