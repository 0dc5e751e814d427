package inventory

import (
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/posture"
)

func TestIntuneExport(t *testing.T) {
	data := fixture(t, "intune-devices.csv")
	recs := mustDevices(t, Intune, "intune-devices.csv", data)
	if len(recs) != 8 {
		t.Fatalf("%d devices, want 8", len(recs))
	}
	lt := byName(t, recs, "EXB-LT-0142")
	want := posture.Device{
		Serial: "5CG2301ABC", Name: "EXB-LT-0142", Managed: true,
		SourceIDs: map[string]string{"intune": "3f2a9c1e-5b7d-4e8a-9c10-1a2b3c4d5e01"}, Sources: []string{"intune"},
		Type: posture.Laptop, Ownership: posture.Council, OS: posture.Windows, OSVersion: "10.0.22631.3155",
		Model: "Latitude 5440", PrimaryUser: "priya.shah@exampleborough.gov.uk",
		LastSeen: utc(t, "2024-03-01T10:22:33Z"), Encrypted: posture.Yes,
	}
	if !equalDevice(lt, want) {
		t.Errorf("EXB-LT-0142\n got %+v\nwant %+v", lt, want)
	}
	if recs[0].Line != 2 || recs[7].Line != 9 {
		t.Errorf("lines %d and %d, want 2 and 9", recs[0].Line, recs[7].Line)
	}

	for _, c := range []struct {
		name      string
		typ       posture.DeviceType
		os        posture.OSFamily
		owner     posture.Ownership
		encrypted posture.Fact
		serial    string
		lastSeen  string
	}{
		{"EXB-DT-0077", posture.Desktop, posture.Windows, posture.Council, posture.No, "MXL1234QWE", "2024-02-28T16:05:11Z"},
		{"Jo's iPhone", posture.Smartphone, posture.IOS, posture.Personal, posture.Yes, "F2LXK0ABCD12", "2024-02-29T18:45:10Z"},
		{"EXB-IPAD-012", posture.Tablet, posture.IPadOS, posture.Council, posture.Yes, "DMPZ1234ABCD", "2024-03-01T07:59:00.1234567Z"},
		{"Pixel 7 (Sam Okafor)", posture.Smartphone, posture.Android, posture.Council, posture.Yes, "", "2024-03-01T09:00:00Z"},
		{"EXB-TAB-003", posture.Tablet, posture.Android, posture.Council, posture.No, "R9TT1234567", "2024-02-20T12:00:00Z"},
		{"EXB-MAC-004", posture.Laptop, posture.MacOS, posture.Council, posture.Yes, "C02ZK1ABMD6T", "2024-03-01T08:30:00Z"},
		// A virtual machine's placeholder serial is no serial, its
		// "Unknown" owner is the council's, and no check-in is no time.
		{"EXB-VDI-TEST", posture.Desktop, posture.Windows, posture.Council, posture.Unknown, "", ""},
	} {
		d := byName(t, recs, c.name)
		var seen string
		if !d.LastSeen.IsZero() {
			seen = d.LastSeen.Format("2006-01-02T15:04:05.9999999Z")
		}
		if d.Type != c.typ || d.OS != c.os || d.Ownership != c.owner || d.Encrypted != c.encrypted || d.Serial != c.serial || seen != c.lastSeen {
			t.Errorf("%s: %s %s %s encrypted %s serial %q seen %s; want %s %s %s %s %q %s", c.name,
				d.Type, d.OS, d.Ownership, d.Encrypted, d.Serial, seen, c.typ, c.os, c.owner, c.encrypted, c.serial, c.lastSeen)
		}
	}
}

func equalDevice(a, b posture.Device) bool {
	return a.Serial == b.Serial && a.Name == b.Name && a.Managed == b.Managed && mapsEqual(a.SourceIDs, b.SourceIDs) &&
		strings.Join(a.Sources, ",") == strings.Join(b.Sources, ",") && a.Type == b.Type && a.Ownership == b.Ownership &&
		a.OS == b.OS && a.OSVersion == b.OSVersion && a.Model == b.Model && a.PrimaryUser == b.PrimaryUser &&
		a.LastSeen.Equal(b.LastSeen) && a.MalwareProtection == b.MalwareProtection && a.SignaturesUpdated.Equal(b.SignaturesUpdated) &&
		a.Firewall == b.Firewall && a.Encrypted == b.Encrypted && a.ScreenLock == b.ScreenLock &&
		a.ScreenLockMinutes == b.ScreenLockMinutes && a.PasswordMinLength == b.PasswordMinLength &&
		a.UserIsLocalAdmin == b.UserIsLocalAdmin && a.RemoteAccess == b.RemoteAccess && a.RemoteAccessMFA == b.RemoteAccessMFA &&
		len(a.MissingUpdates) == len(b.MissingUpdates) && updatesEqual(a.MissingUpdates, b.MissingUpdates) &&
		a.UpdatesChecked.Equal(b.UpdatesChecked)
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func updatesEqual(a, b []posture.Update) bool {
	for i := range a {
		if a[i].ID != b[i].ID || a[i].Severity != b[i].Severity || !a[i].Released.Equal(b[i].Released) {
			return false
		}
	}
	return true
}

func TestIntuneErrors(t *testing.T) {
	head := "Device ID,Device name,Last check-in,Encrypted,Ownership\r\n"
	for _, c := range []struct {
		name, data, want string
	}{
		{"impossible date", head + "a1,PC-1,2024-03-01 10:00:00.0000000,True,Corporate\r\na2,PC-2,31/02/2024 10:22:33,True,Corporate\r\n",
			`devices.csv:3: column "Last check-in": "31/02/2024 10:22:33" is not a date`},
		{"US date with AM", head + "a1,PC-1,3/1/2024 10:22:33 AM,True,Corporate\r\n", `devices.csv:2: column "Last check-in": "3/1/2024 10:22:33 AM" is not a date`},
		{"encrypted", head + "a1,PC-1,,Maybe,Corporate\r\n", `devices.csv:2: column "Encrypted": "Maybe" is not yes, no or empty`},
		{"ownership", head + "a1,PC-1,,True,Leased\r\n", `devices.csv:2: column "Ownership": "Leased" is not an ownership`},
		{"missing column", "Device name,OS\r\nPC-1,Windows\r\n", `devices.csv:1: column "Device ID": is missing from the header`},
		{"short row", head + "a1,PC-1\r\n", `devices.csv:2: the row has 2 fields, but the header has 5`},
		{"bad quoting", head + "a1,\"PC-1,,True,Corporate\r\n", `devices.csv:2: not valid CSV`},
		{"no name", head + ",,,,\r\n", `devices.csv:2: column "Device ID": is empty, and so is Device name`},
		{"empty", "", `devices.csv:1: the file is empty`},
	} {
		t.Run(c.name, func(t *testing.T) {
			recs, err := readDevices(Intune, "devices.csv", []byte(c.data))
			if err == nil {
				t.Fatalf("no error; read %d devices", len(recs))
			}
			rowError(t, err)
			if !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("got  %v\nwant %s...", err, c.want)
			}
		})
	}
}

// Columns come in any order and any case, and Excel's re-saved dates and
// semicolons are read.
func TestIntuneLoose(t *testing.T) {
	data := "OS;MODEL;device name;DEVICE ID;last check-in;Extra\r\nWindows;ThinkPad T14 Gen 3;PC-9;x9;01/03/2024 10:22;whatever\r\n"
	recs := mustDevices(t, Intune, "d.csv", []byte(data))
	d := recs[0].Device
	if d.Name != "PC-9" || d.SourceIDs["intune"] != "x9" || d.Type != posture.Laptop || !d.LastSeen.Equal(utc(t, "2024-03-01T10:22:00Z")) {
		t.Errorf("%+v", d)
	}
}
