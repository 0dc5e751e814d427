package inventory

import (
	"strings"
	"testing"
)

// TestCSVRefusesInvalidUTF8 holds the encoding rule: a CSV value that is
// not valid UTF-8 (here a Latin-1 é) is refused naming its file, line and
// column, on every CSV format, rather than stored as bytes one engine keeps
// and the other refuses. A byte-order mark is not such a value.
func TestCSVRefusesInvalidUTF8(t *testing.T) {
	for _, c := range []struct{ name, format, data, want string }{
		{"ward name", "ward", "\xEF\xBB\xBFserial,name\r\nS1,ok\r\nS2,Caf\xE9-PC\r\n",
			`d.csv:3: column "name": is not valid UTF-8 text (byte 0xE9 at byte 4 of the value); save the export as UTF-8`},
		{"ward quoted multi-line", "ward", "serial,name\nS1,\"two\nlines \xFF\"\n",
			`d.csv:2: column "name": is not valid UTF-8 text (byte 0xFF at byte 11 of the value)`},
		{"ward header", "ward", "serial,n\xE9\nS1,x\n", `d.csv:1: header field 2 is not valid UTF-8 text`},
		{"intune", "intune", "Device ID,Device name,Serial number\r\n1,Caf\xE9,S1\r\n",
			`d.csv:2: column "Device name": is not valid UTF-8 text`},
		{"get-mailbox", "get-mailbox", "PrimarySmtpAddress,DisplayName\r\njo@x.gov.uk,Jos\xE9\r\n",
			`d.csv:2: column "DisplayName": is not valid UTF-8 text`},
	} {
		t.Run(c.name, func(t *testing.T) {
			var err error
			var n int
			if Format(c.format).Devices() {
				var recs []DeviceRecord
				recs, err = readDevices(Format(c.format), "d.csv", []byte(c.data))
				n = len(recs)
			} else {
				_, err = ReadMailboxes(Format(c.format), "d.csv", strings.NewReader(c.data))
			}
			if err == nil {
				t.Fatal("no error")
			}
			rowError(t, err)
			if !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("got  %v\nwant %s...", err, c.want)
			}
			if c.name == "ward name" && n != 1 {
				t.Errorf("read %d devices before the bad row, want 1", n)
			}
		})
	}
	// A UTF-8 name with a byte-order mark reads.
	recs := mustDevices(t, WardCSV, "d.csv", []byte("\xEF\xBB\xBFserial,name\nS1,Café-PC\n"))
	if len(recs) != 1 || recs[0].Device.Name != "Café-PC" {
		t.Errorf("%+v", recs)
	}
}

// TestJSONRefusesInvalidUTF8: JSON exports keep the same rule as CSV. Go's
// JSON decoder would turn the bytes into U+FFFD, changing a name without a
// word; the readers refuse them instead, naming file, line and path.
func TestJSONRefusesInvalidUTF8(t *testing.T) {
	for _, c := range []struct{ name, format, data, want string }{
		{"fleet", "fleet", "{\"hosts\":[\n{\"id\":1,\"hostname\":\"a\"},\n{\"id\":2,\n\"hostname\":\"Caf\xe9-PC\"}]}",
			`f.json:4: hosts[1].hostname: is not valid UTF-8 text (byte 0xE9); save the export as UTF-8`},
		{"osquery", "osquery", "{\"name\":\"pack/x\",\"hostIdentifier\":\"pc1\",\"unixTime\":1709283600,\"snapshot\":[]}\n" +
			"{\"name\":\"pack/x\",\"hostIdentifier\":\"J\xf6rg-PC\",\"unixTime\":1709283600,\"snapshot\":[]}\n",
			`f.json:2: hostIdentifier: is not valid UTF-8 text (byte 0xF6)`},
		{"graph rules", "graph-rules", "{\"mailbox\":\"jo@x.gov.uk\",\"value\":[\n{\"id\":\"1\",\"displayName\":\"Fwd \xff\"}]}",
			`f.json:2: value[0].displayName: is not valid UTF-8 text (byte 0xFF)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			var err error
			if Format(c.format).Devices() {
				_, err = readDevices(Format(c.format), "f.json", []byte(c.data))
			} else {
				_, err = ReadMailboxes(Format(c.format), "f.json", strings.NewReader(c.data))
			}
			if err == nil {
				t.Fatal("no error")
			}
			rowError(t, err)
			if !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("got  %v\nwant %s...", err, c.want)
			}
		})
	}
	recs := mustDevices(t, Fleet, "f.json", []byte(`{"hosts":[{"id":1,"hostname":"Café-PC \ufffd"}]}`))
	if len(recs) != 1 || recs[0].Device.Name != "Café-PC \ufffd" {
		t.Errorf("%+v", recs)
	}
}
