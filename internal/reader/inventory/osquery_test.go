package inventory

import (
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/posture"
)

func TestOsqueryResults(t *testing.T) {
	recs := mustDevices(t, Osquery, "osqueryd.results.log", fixture(t, "osquery-results.log"))
	if len(recs) != 2 {
		t.Fatalf("%d devices, want 2 (one per host)", len(recs))
	}
	win := recs[0]
	want := posture.Device{
		Serial: "5CG2301ABC", Name: "EXB-LT-0142", Managed: true,
		SourceIDs: map[string]string{"osquery": "EXB-LT-0142"}, Sources: []string{"osquery"},
		Type: posture.Laptop, Ownership: posture.Council, OS: posture.Windows, OSVersion: "10.0.22631", Model: "Latitude 5440",
		LastSeen: utc(t, "2024-03-01T10:00:00Z"), // the later BitLocker result, whose unixTime is a string
		// BitLocker came on for C: in the later result; D: does not count.
		Encrypted:         posture.Yes,
		Firewall:          posture.Yes,
		MalwareProtection: posture.Yes,
		ScreenLock:        posture.Yes, ScreenLockMinutes: 15,
		// priya.shah was added to Administrators, then removed; the
		// built-in Administrator does not count.
		UserIsLocalAdmin: posture.No,
	}
	if !equalDevice(win.Device, want) {
		t.Errorf("Windows laptop\n got %+v\nwant %+v", win.Device, want)
	}
	if win.Line != 1 {
		t.Errorf("Windows laptop on line %d, want 1", win.Line)
	}

	mac := recs[1]
	if mac.Line != 3 {
		t.Errorf("Mac on line %d, want 3", mac.Line)
	}
	want = posture.Device{
		Serial: "C02ZK1ABMD6T", Name: "EXB-MAC-004", Managed: true,
		SourceIDs: map[string]string{"osquery": "C02ZK1ABMD6T"}, Sources: []string{"osquery"},
		// Mac14,9 does not say; an unknown Mac is taken to be a laptop.
		Type: posture.Laptop, Ownership: posture.Council, OS: posture.MacOS, OSVersion: "14.3.1", Model: "Mac14,9",
		LastSeen:  utc(t, "2024-03-01T09:00:30Z"),
		Encrypted: posture.Yes, Firewall: posture.Yes, ScreenLock: posture.Yes, ScreenLockMinutes: 5,
		UserIsLocalAdmin: posture.Yes,
	}
	if !equalDevice(mac.Device, want) {
		t.Errorf("Mac\n got %+v\nwant %+v", mac.Device, want)
	}
}

func TestOsqueryErrors(t *testing.T) {
	good := `{"name":"pack/ward/system_info","hostIdentifier":"pc1","unixTime":1709283600,"snapshot":[{"hardware_serial":"S1"}]}` + "\n"
	for _, c := range []struct {
		name, data, want string
	}{
		{"bad protection status", good + `{"name":"bitlocker_info","hostIdentifier":"pc1","unixTime":1709283600,"snapshot":[{"drive_letter":"C:","protection_status":"on"}]}` + "\n",
			`osquery.log:2: snapshot[0].protection_status: "on" is not one of "0", "1", "2"`},
		{"superseded bad value", `{"name":"bitlocker_info","hostIdentifier":"pc1","unixTime":1,"snapshot":[{"protection_status":"x"}]}` + "\n" +
			`{"name":"bitlocker_info","hostIdentifier":"pc1","unixTime":2,"snapshot":[{"protection_status":"1"}]}` + "\n",
			`osquery.log:1: snapshot[0].protection_status: "x" is not one of`},
		{"object in a row", good + `{"name":"x","hostIdentifier":"pc1","snapshot":[{"hardware_serial":"1"},{"hardware_model":{"c":1}}]}` + "\n",
			`osquery.log:2: snapshot[1].hardware_model: an object is not text`},
		{"no host", good + good + `{"name":"x","unixTime":1,"snapshot":[]}` + "\n",
			`osquery.log:3: hostIdentifier: is missing or empty`},
		{"bad unix time", `{"name":"x","hostIdentifier":"pc1","unixTime":"soon","snapshot":[]}`,
			`osquery.log:1: unixTime: "soon" is not a time in seconds since 1970`},
		{"bad calendar time", `{"name":"x","hostIdentifier":"pc1","calendarTime":"yesterday","snapshot":[]}`,
			`osquery.log:1: calendarTime: "yesterday" is not a time as osquery writes it`},
		{"broken JSON", good + `{"name":"x","hostIdentifier":"pc1",` + "\n" + `"snapshot":[}` + "\n",
			`osquery.log:3: not valid JSON: invalid character '}'`},
		{"cut short", good + `{"name":"x","hostIdentifier":"pc1","snapshot":[`, `osquery.log:2: the file ends in the middle of a JSON value`},
		{"status log", `{"hostIdentifier":"pc1","calendarTime":"Fri Mar  1 09:00:00 2024 UTC","unixTime":"1709283600","severity":"0","filename":"x.cpp","line":"1","message":"hi","version":"5.11.0"}`,
			`osquery.log:1: .: a line of osquery's status log`},
		{"neither rows nor columns", `{"name":"x","hostIdentifier":"pc1"}`, `osquery.log:1: .: has none of snapshot, columns or diffResults`},
		{"not an object", "[1]", `osquery.log:1: [0]: 1 is not an object`},
	} {
		t.Run(c.name, func(t *testing.T) {
			recs, err := readDevices(Osquery, "osquery.log", []byte(c.data))
			if err == nil {
				t.Fatalf("no error; read %d devices", len(recs))
			}
			if len(recs) != 0 {
				t.Errorf("%d devices before the error; a bad file must give none", len(recs))
			}
			rowError(t, err)
			if !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("got  %v\nwant %s...", err, c.want)
			}
		})
	}
}

// Queries ward does not read are skipped unread, whatever their rows hold,
// but still say when the host was seen.
func TestOsqueryOtherQueries(t *testing.T) {
	data := `{"name":"pack/it/programs","hostIdentifier":"pc1","unixTime":1709283600,"snapshot":[{"name":"Firefox","x":{"nested":1}}]}` + "\n"
	recs := mustDevices(t, Osquery, "o.log", []byte(data))
	if len(recs) != 1 || recs[0].Device.Name != "pc1" || !recs[0].Device.LastSeen.Equal(utc(t, "2024-03-01T09:00:00Z")) {
		t.Errorf("%+v", recs)
	}
}

// A results log saved as a pretty-printed JSON array still names the line
// of the bad value.
func TestOsqueryArrayLines(t *testing.T) {
	data := "[\n  {\n    \"name\": \"pack/ward/alf\",\n    \"hostIdentifier\": \"mac1\",\n    \"snapshot\": [\n      {\n        \"global_state\": \"9\"\n      }\n    ]\n  }\n]\n"
	_, err := readDevices(Osquery, "a.json", []byte(data))
	re := rowError(t, err)
	if re.Line != 7 || re.Path != "[0].snapshot[0].global_state" {
		t.Errorf("line %d path %s, want line 7 path [0].snapshot[0].global_state: %v", re.Line, re.Path, err)
	}
}
