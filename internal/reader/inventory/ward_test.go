package inventory

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/posture"
)

// TestWardExample reads the example in docs/device-csv.md and checks it
// means what the document says.
func TestWardExample(t *testing.T) {
	file := fixture(t, "devices.csv")
	doc, err := os.ReadFile(filepath.Join("..", "..", "..", "docs", "device-csv.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, block, _ := strings.Cut(string(doc), "```csv\n")
	block, _, _ = strings.Cut(block, "```")
	if block != string(file) {
		t.Errorf("the example in docs/device-csv.md differs from testdata/devices.csv")
	}

	recs := mustDevices(t, WardCSV, "devices.csv", file)
	if len(recs) != 4 {
		t.Fatalf("%d devices, want 4", len(recs))
	}
	want := posture.Device{
		Serial: "8H4K2L1", Name: "NHS-LT-17", Managed: false,
		SourceIDs: map[string]string{"ward": "nhs-17"}, Sources: []string{"ward"},
		Type: posture.Laptop, Ownership: posture.Partner, OS: posture.Windows, OSVersion: "10.0.19045.4046",
		Model: "EliteBook 840 G7", PrimaryUser: "a.jones@nhs.example.uk",
		LastSeen:          utc(t, "2024-06-27T16:30:00Z"), // 17:30 British Summer Time
		MalwareProtection: posture.Yes, SignaturesUpdated: utc(t, "2024-06-19T23:00:00Z"),
		Firewall: posture.Yes, Encrypted: posture.No, ScreenLock: posture.Yes, ScreenLockMinutes: 15, PasswordMinLength: 8,
		UserIsLocalAdmin: posture.Yes, RemoteAccess: posture.Yes, RemoteAccessMFA: posture.No,
		MissingUpdates: []posture.Update{
			{ID: "KB5039211", Severity: posture.Critical, Released: utc(t, "2024-06-11T00:00:00Z")},
			{ID: "KB5037768", Severity: posture.High},
		},
		UpdatesChecked: utc(t, "2024-06-27T16:30:00Z"), // when it was last seen
	}
	if got := recs[2].Device; !equalDevice(got, want) {
		t.Errorf("NHS-LT-17\n got %+v\nwant %+v", got, want)
	}
	if recs[2].Line != 4 {
		t.Errorf("line %d, want 4", recs[2].Line)
	}
	lt := recs[0].Device
	if !lt.LastSeen.Equal(utc(t, "2024-03-01T10:22:00Z")) || !lt.Managed || lt.Encrypted != posture.Yes ||
		len(lt.MissingUpdates) != 1 || lt.MissingUpdates[0].ID != "KB5034763" {
		t.Errorf("EXB-LT-0142 %+v", lt)
	}
	tc := recs[1].Device
	// No updates missing, as of when it was seen.
	if len(tc.MissingUpdates) != 0 || !tc.UpdatesChecked.Equal(utc(t, "2024-03-01T08:00:00Z")) {
		t.Errorf("EXB-TC-0093 updates %v checked %v", tc.MissingUpdates, tc.UpdatesChecked)
	}
	if tc.Type != posture.ThinClient || tc.OS != posture.Linux || tc.Encrypted != posture.Unknown || tc.MalwareProtection != posture.Unknown {
		t.Errorf("EXB-TC-0093 %+v", tc)
	}
	kiosk := recs[3].Device
	if kiosk.Serial != "" || kiosk.Key() != "name:lib-kiosk-2" || !kiosk.LastSeen.Equal(utc(t, "2024-01-05T00:00:00Z")) || kiosk.ScreenLock != posture.No {
		t.Errorf("LIB-KIOSK-2 %+v", kiosk)
	}
}

func TestWardErrors(t *testing.T) {
	head := "serial,name,last_seen,encrypted,missing_updates,screen_lock_minutes,type\n"
	for _, c := range []struct {
		name, data, want string
	}{
		{"date", head + "S1,PC-1,2024-03-01 10:22,yes,,,\nS2,PC-2,31/02/2024,yes,,,\n", `devices.csv:3: column "last_seen": "31/02/2024" is not a date and time`},
		{"fact", head + "S1,PC-1,,encryptedish,,,\n", `devices.csv:2: column "encrypted": "encryptedish" is not yes, no or empty`},
		{"update severity", head + "S1,PC-1,,,KB1:urgent,,\n", `devices.csv:2: column "missing_updates": update KB1: "urgent" is not a severity`},
		{"update without severity", head + "S1,PC-1,,,KB1,,\n", `devices.csv:2: column "missing_updates": "KB1" has no severity`},
		{"update date", head + "S1,PC-1,,,KB1:high:13/02/2024,,\n", `devices.csv:2: column "missing_updates": update KB1: "13/02/2024" is not a release date`},
		{"minutes", head + "S1,PC-1,,,,five,\n", `devices.csv:2: column "screen_lock_minutes": "five" is not a whole number`},
		{"type", head + "S1,PC-1,,,,,toaster\n", `devices.csv:2: column "type": "toaster" is not a device type`},
		{"duplicate", head + "SN-1,PC-1,,,,,\nSN-2,PC-2,,,,,\nsn-1,PC-3,,,,,\n", `devices.csv:4: column "serial": "sn-1" is already the device on line 2`},
		{"duplicate name", head + "To be filled by O.E.M.,PC-1,,,,,\n,pc-1,,,,,\n", `devices.csv:3: column "name": "pc-1" is already the device on line 2`},
		{"placeholder only", head + "Default string,,,,,,\n", `devices.csv:2: column "serial": "Default string" is a placeholder`},
		{"unknown column", "serial,name,encryped\n", `devices.csv:1: column "encryped": (field 3) is not a device CSV column`},
		{"missing column", "serial,type\n", `devices.csv:1: column "name": is missing from the header`},
		{"nameless", head + ",,,,,,laptop\n", `devices.csv:2: column "serial": is empty, and so are name and device_id`},
		{"multi-line value", head + "S1,\"PC\n1\",,maybe,,,\n", `devices.csv:3: column "encrypted"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			recs, err := readDevices(WardCSV, "devices.csv", []byte(c.data))
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

// wardRows generates n rows of ward's CSV, varied as a council's estate
// is: most columns filled, some blank, a few updates missing.
func wardRows(n int) []byte {
	var b bytes.Buffer
	b.WriteString(strings.Join(wardColumns[:wMissingUpdates+1], ",") + "\n")
	types := []string{"laptop", "desktop", "laptop", "tablet", "smartphone", "thin-client"}
	oses := []string{"windows", "windows", "macos", "ipados", "ios", "linux"}
	facts := []string{"yes", "yes", "no", ""}
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		k := i % len(types)
		seen := start.Add(time.Duration(i) * 7 * time.Minute)
		fmt.Fprintf(&b, "SN%07d,EXB-%s-%05d,dev-%d,%s,council,%s,10.0.22631.%d,Model %d,user%d@exampleborough.gov.uk,%s,yes,%s,%s,%s,%s,%s,%d,%d,%s,%s,%s,",
			i, strings.ToUpper(types[k][:2]), i, i, types[k], oses[k], 3000+i%500, i%40, i%5000,
			seen.Format("2006-01-02 15:04"), facts[i%4], seen.Format("2006-01-02"), facts[(i+1)%4], facts[(i+2)%4],
			facts[(i+3)%4], 5+i%10, 8+i%6, facts[(i+1)%4], facts[i%4], facts[(i+2)%4])
		if i%3 == 0 {
			fmt.Fprintf(&b, "KB50%05d:critical:2024-02-13;KB50%05d:high", i%1000, (i+1)%1000)
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func TestWardGenerated(t *testing.T) {
	recs := mustDevices(t, WardCSV, "gen.csv", wardRows(1000))
	if len(recs) != 1000 || recs[999].Line != 1001 || recs[3].Device.Type != posture.Tablet || len(recs[3].Device.MissingUpdates) != 2 {
		t.Fatalf("%d devices; last on line %d; %+v", len(recs), recs[len(recs)-1].Line, recs[3].Device)
	}
}

// BenchmarkWardCSV reads 100,000 generated rows, the size the import's
// five-second budget is set for.
func BenchmarkWardCSV(b *testing.B) {
	data := wardRows(100_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		r, err := OpenDevices(WardCSV, "bench.csv", bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			_, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 100_000 {
			b.Fatalf("%d devices", n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100_000, "ns/row")
	b.ReportMetric(float64((cpuTime()-cpu).Nanoseconds())/float64(b.N)/1e6, "cpu-ms/op")
}

// Without the missing_updates column nobody has looked; with it and a
// check date, that date.
func TestWardUpdatesChecked(t *testing.T) {
	recs := mustDevices(t, WardCSV, "d.csv", []byte("serial,name,last_seen\nS1,PC-1,2024-03-01 10:00\n"))
	if d := recs[0].Device; !d.UpdatesChecked.IsZero() {
		t.Errorf("updates checked %v without the column", d.UpdatesChecked)
	}
	recs = mustDevices(t, WardCSV, "d.csv", []byte("serial,name,last_seen,missing_updates,updates_checked\nS1,PC-1,2024-03-01 10:00,,2024-02-28T06:00:00Z\n"))
	if d := recs[0].Device; !d.UpdatesChecked.Equal(utc(t, "2024-02-28T06:00:00Z")) {
		t.Errorf("updates checked %v", d.UpdatesChecked)
	}
}

func TestWardBlankType(t *testing.T) {
	recs := mustDevices(t, WardCSV, "d.csv", []byte("serial,name,type,os,model\nS1,A,,windows,ThinkPad X1 Carbon\nS2,B,,,\nS3,C,,Windows Server 2022,PowerEdge R650\nS4,D,desktop,macos,MacBook Air\n"))
	for i, want := range []posture.DeviceType{posture.Laptop, posture.OtherType, posture.Server, posture.Desktop} {
		if got := recs[i].Device.Type; got != want {
			t.Errorf("row %d: %s, want %s", i+2, got, want)
		}
	}
}

func TestWardCSVAllowsManyPlaceholderSerials(t *testing.T) {
	const file = "serial,name\nTo be filled by O.E.M.,PC-1\nTo be filled by O.E.M.,PC-2\n"
	r, err := OpenDevices(WardCSV, "oem.csv", strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for {
		_, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("two devices sharing a placeholder serial were refused: %v", err)
		}
		n++
	}
	if n != 2 {
		t.Errorf("read %d devices, want 2", n)
	}
}

// A placeholder serial is read as none, so the device's identity (and its
// findings') is its id or name, not a string many devices share.
func TestWardPlaceholderSerialIsNoSerial(t *testing.T) {
	recs := mustDevices(t, WardCSV, "oem.csv", []byte("serial,name,device_id\nTo be filled by O.E.M.,PC-1,\nDefault string,PC-2,asset-77\n"))
	if k := recs[0].Device.Key(); k != "name:pc-1" {
		t.Errorf("PC-1 key %s, want name:pc-1", k)
	}
	if k := recs[1].Device.Key(); k != "ward:asset-77" {
		t.Errorf("PC-2 key %s, want ward:asset-77", k)
	}
}
