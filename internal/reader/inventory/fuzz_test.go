package inventory

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

// The fuzz targets check what every import relies on: no panic; an error
// is a *RowError with a reason (and a line, where the file has lines),
// unless the bytes are compressed or UTF-16 and break in the decoding; and
// what is read is a device or mailbox ward can store.

func wrappedInput(data []byte) bool {
	return bytes.HasPrefix(data, gzipMagic) || bytes.HasPrefix(data, zipMagic) ||
		bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF})
}

func checkErr(t *testing.T, data []byte, err error) {
	t.Helper()
	var re *RowError
	if !errors.As(err, &re) {
		if !wrappedInput(data) {
			t.Fatalf("got %T %v, want a *RowError", err, err)
		}
		return
	}
	if re.Reason == "" || re.Line < 0 || re.Error() == "" {
		t.Fatalf("row error without a reason: %#v", re)
	}
}

func fuzzDevices(f *testing.F, format Format, source string, seeds ...[]byte) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := OpenDevices(format, "f", bytes.NewReader(data))
		if err != nil {
			checkErr(t, data, err)
			return
		}
		for range 100_000 {
			rec, err := r.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				checkErr(t, data, err)
				if _, again := r.Next(); again == nil || again == io.EOF {
					t.Fatalf("after %v, Next gave %v", err, again)
				}
				return
			}
			d := &rec.Device
			if rec.Line < 1 || len(d.Sources) != 1 || d.Sources[0] != source || d.Key() == "name:" {
				t.Fatalf("malformed record %+v", rec)
			}
			if d.Type == "" || d.Ownership == "" {
				t.Fatalf("device without a type or owner: %+v", d)
			}
		}
	})
}

func fuzzMailboxes(f *testing.F, format Format, seeds ...[]byte) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		boxes, err := ReadMailboxes(format, "f", bytes.NewReader(data))
		if err != nil {
			checkErr(t, data, err)
			return
		}
		for _, m := range boxes {
			if m.Address == "" {
				t.Fatalf("mailbox without an address: %+v", m)
			}
			for _, r := range m.Rules {
				if len(r.ForwardTo)+len(r.ForwardAsAttachmentTo)+len(r.RedirectTo) == 0 {
					t.Fatalf("a rule that sends nothing anywhere was kept: %+v", r)
				}
			}
		}
	})
}

func FuzzIntuneCSV(f *testing.F) {
	fuzzDevices(f, Intune, "intune", fixture(f, "intune-devices.csv"),
		[]byte("Device ID;Device name;Last check-in\r\nx;\"PC\r\n1\";01/03/2024 10:22\r\n"),
		[]byte("\ufeffDevice ID,Device name,Encrypted,OS,Model\na,b,True,Android,SM-T500\n,c,,iOS,iPad Air\n"))
}

func FuzzWardCSV(f *testing.F) {
	fuzzDevices(f, WardCSV, "ward", fixture(f, "devices.csv"), wardRows(5),
		[]byte("serial,name,missing_updates,last_seen\nA,b,\"KB1:high;KB2:low:2024-01-01\",2024-10-27 01:30\na,c,,\n"))
}

func FuzzOsqueryJSON(f *testing.F) {
	fuzzDevices(f, Osquery, "osquery", fixture(f, "osquery-results.log"),
		[]byte(`[{"name":"pack/x/disk_encryption","hostIdentifier":"h","calendarTime":"Fri Mar  1 09:00:00 2024 UTC","diffResults":{"added":[{"encrypted":"1","path":"/"}],"removed":[]}}]`),
		[]byte(`{"name":"local_admins","hostIdentifier":"h","unixTime":"5","columns":{"username":"a","admin":"1"},"action":"removed"}`))
}

func FuzzFleetJSON(f *testing.F) {
	fuzzDevices(f, Fleet, "fleet", fixture(f, "fleet-hosts.json"), fixture(f, "fleet-report.json"), fixture(f, "fleetctl-query.jsonl"),
		[]byte(`{"type":"result","data":{"host":{"id":7,"hostname":"pc7"},"rows":[{"chassis_types":"Notebook"}]}}`),
		[]byte(`{"campaign_id":1,"live_query_results":[{"query_id":2,"results":[{"host_id":7,"rows":[{"hardware_serial":"S7"}]}]}]}`))
}

func FuzzGetMailboxCSV(f *testing.F) {
	fuzzMailboxes(f, GetMailbox, fixture(f, "get-mailbox.csv"),
		[]byte("PrimarySmtpAddress;ForwardingAddress;EmailAddresses\r\na@b.c;x;SMTP:a@b.c smtp:d@e.f\r\n"))
}

func FuzzGetInboxRuleCSV(f *testing.F) {
	fuzzMailboxes(f, GetInboxRule, fixture(f, "get-inboxrule.csv"),
		[]byte("Mailbox,Name,Identity,Enabled,ForwardTo,RedirectTo\r\na@b.c,r,a\\1,True,\"\"\"X, Y\"\" [SMTP:x@y.z];z@q.r\",Jo <j@k.l>\r\n"))
}

func FuzzGraphRules(f *testing.F) {
	fuzzMailboxes(f, GraphRules, fixture(f, "graph-rules.json"),
		[]byte(`{"@odata.context":"x#users('a%40b.c')/messageRules","value":[{"id":"1","isEnabled":false,"actions":{"forwardAsAttachmentTo":[{"emailAddress":{"address":"q@r.s"}}]}}]}`))
}
