package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/reader/bounded/boundedtest"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// A gzip bomb posted to the device or mailbox import is refused by the limit it hits,
// quoting at most a short excerpt, with no device and no audit entry
// written: blank lines (which the reader skips) trip the compression
// ratio; a header line with no end trips the line length, and the answer
// does not echo it.
func TestDeviceImportRefusesGzipBombs(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		c := a.browser()
		_, admin := a.token(t, "abc-shared", "admin", time.Hour)
		base := a.http.URL + "/api/v1/orgs/ashcombe/devices/import?format=ward&filename=bomb.csv.gz"
		before := a.deviceCount(t, "ashcombe")
		audit := func() int {
			e, err := a.store.AuditEntries(context.Background(), tenancy.ForSystem(tenancy.JobTest), store.AuditQuery{Limit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			return len(e)
		}
		entries := audit()
		mail := a.http.URL + "/api/v1/orgs/ashcombe/mailboxes/import?format=get-mailbox&filename=bomb.csv.gz"
		for _, b := range []struct {
			name, url, limit string
			body             []byte
		}{
			{"blank lines", base, "compression ratio limit is 100", boundedtest.GzipBomb(deviceCSVHead, '\n', 64<<20)},
			{"endless header", base, "line length limit is 1 MiB", boundedtest.GzipBomb("serial,"+strings.Repeat("A", 100), 'A', 64<<20)},
			{"mailboxes, blank lines", mail, "compression ratio limit is 100",
				boundedtest.GzipBomb(`"PrimarySmtpAddress","DisplayName","RecipientTypeDetails","ForwardingSmtpAddress","DeliverToMailboxAndForward"`+"\n", '\n', 64<<20)},
		} {
			res := send(t, c, "POST", b.url, bytes.NewReader(b.body), "application/gzip", bearer(admin))
			var prob struct{ Detail string }
			if err := json.Unmarshal([]byte(res.body), &prob); err != nil || res.status != 422 {
				t.Fatalf("%s (%d bytes gzipped): %d %.300s", b.name, len(b.body), res.status, res.body)
			}
			if !strings.Contains(prob.Detail, b.limit) || len(res.body) > 1000 {
				t.Errorf("%s: %d-byte answer %.300q; want it short, naming %q", b.name, len(res.body), prob.Detail, b.limit)
			}
		}
		if n := a.deviceCount(t, "ashcombe"); n != before {
			t.Errorf("after refused bombs Ashcombe holds %d devices, want %d", n, before)
		}
		if n := audit(); n != entries {
			t.Errorf("refused bombs wrote %d audit entries", n-entries)
		}
	})
}
