package inventory

import (
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/posture"
)

func TestFleetHosts(t *testing.T) {
	recs := mustDevices(t, Fleet, "hosts.json", fixture(t, "fleet-hosts.json"))
	if len(recs) != 3 {
		t.Fatalf("%d devices, want 3", len(recs))
	}
	want := posture.Device{
		Serial: "5CG2301ABC", Name: "EXB-LT-0142", Managed: true,
		SourceIDs: map[string]string{"fleet": "1"}, Sources: []string{"fleet"},
		Type: posture.Laptop, Ownership: posture.Council, OS: posture.Windows, OSVersion: "10.0.22631.3155", Model: "Latitude 5440",
		LastSeen: utc(t, "2024-03-01T09:14:02Z"), Encrypted: posture.Yes,
	}
	if !equalDevice(recs[0].Device, want) {
		t.Errorf("Windows laptop\n got %+v\nwant %+v", recs[0].Device, want)
	}
	if recs[0].Line != 3 || recs[1].Line != 60 || recs[2].Line != 117 {
		t.Errorf("hosts on lines %d, %d, %d; want 3, 60, 117", recs[0].Line, recs[1].Line, recs[2].Line)
	}
	mac := recs[1].Device
	if mac.OS != posture.MacOS || mac.OSVersion != "14.3.1" || mac.Encrypted != posture.No || mac.Type != posture.Laptop ||
		!mac.LastSeen.Equal(utc(t, "2024-03-01T08:59:40.123456Z")) {
		t.Errorf("Mac %+v", mac)
	}
	ws := recs[2].Device
	// "Not Specified" is no serial; null encryption is unknown.
	if ws.Serial != "" || ws.OS != posture.Linux || ws.OSVersion != "22.04.4" || ws.Type != posture.Desktop || ws.Encrypted != posture.Unknown {
		t.Errorf("Ubuntu workstation %+v", ws)
	}
}

// A hosts list, a query report and fleetctl query output given together
// make one device per host.
func TestFleetMerged(t *testing.T) {
	var all []byte
	for _, f := range []string{"fleet-hosts.json", "fleet-report.json", "fleetctl-query.jsonl"} {
		all = append(all, fixture(t, f)...)
	}
	recs := mustDevices(t, Fleet, "fleet.json", all)
	if len(recs) != 3 {
		for _, r := range recs {
			t.Logf("%d %+v", r.Line, r.Device)
		}
		t.Fatalf("%d devices, want 3", len(recs))
	}
	win, mac, ws := recs[0].Device, recs[1].Device, recs[2].Device
	// Only the built-in Administrator is an administrator on the laptop;
	// the query report's fetch time is later than the host's seen time.
	if win.UserIsLocalAdmin != posture.No || !win.LastSeen.Equal(utc(t, "2024-03-01T10:00:00Z")) {
		t.Errorf("Windows laptop %+v", win)
	}
	// fleetctl's disk_encryption result says FileVault is on, which the
	// hosts list, read earlier, had as off.
	if mac.Encrypted != posture.Yes {
		t.Errorf("Mac encrypted %s, want yes", mac.Encrypted)
	}
	if ws.UserIsLocalAdmin != posture.Yes || ws.Encrypted != posture.No {
		t.Errorf("Ubuntu workstation admin %s encrypted %s, want yes and no", ws.UserIsLocalAdmin, ws.Encrypted)
	}
}

func TestFleetShapes(t *testing.T) {
	for _, c := range []struct{ name, data, serial string }{
		{"one host", `{"host":{"id":7,"hostname":"pc7","hardware_serial":"5CG7K2","platform":"windows"}}`, "5CG7K2"},
		{"fleetctl get hosts", `{"kind":"host","apiVersion":"v1","spec":{"id":7,"hostname":"pc7","hardware_serial":"5CG7K2"}}` + "\n", "5CG7K2"},
		{"a list of hosts", `[{"id":7,"hostname":"pc7","hardware_serial":"5CG7K2"}]`, "5CG7K2"},
		{"live result", `{"type":"result","data":{"host":{"id":7,"hostname":"pc7"},"rows":[{"hardware_serial":"5CG7K2","hardware_model":"OptiPlex"}]}}`, "5CG7K2"},
		{"host query", `{"host_id":7,"query":"select * from system_info","status":"ready","error":null,"rows":[{"hardware_serial":"5CG7K2"}]}`, "5CG7K2"},
		{"live campaign", `{"campaign_id":1,"live_query_results":[{"query_id":2,"results":[{"host_id":7,"rows":[{"hardware_serial":"5CG7K2"}],"error":null}]}]}`, "5CG7K2"},
	} {
		t.Run(c.name, func(t *testing.T) {
			recs := mustDevices(t, Fleet, "f.json", []byte(c.data))
			if len(recs) != 1 || recs[0].Device.Serial != c.serial {
				t.Errorf("%+v", recs)
			}
		})
	}
}

func TestFleetErrors(t *testing.T) {
	for _, c := range []struct{ name, data, want string }{
		{"seen time", "{\n  \"hosts\": [\n    {\"id\": 1, \"hostname\": \"a\"},\n    {\"id\": 2,\n     \"seen_time\": \"yesterday\"}\n  ]\n}\n",
			`f.json:5: hosts[1].seen_time: "yesterday" is not a date and time`},
		{"encryption", `{"hosts":[{"id":1,"disk_encryption_enabled":"maybe"}]}`, `f.json:1: hosts[0].disk_encryption_enabled: "maybe" is not true or false`},
		{"hosts not a list", `{"hosts":{"id":1}}`, `f.json:1: hosts: is not a list`},
		{"nameless host", `{"hosts":[{"platform":"windows"}]}`, `f.json:1: hosts[0]: is a host with no id`},
		{"unknown shape", "{\"hosts\":[]}\n{\"something\":1}\n", `f.json:2: .: is not a Fleet host`},
		{"report row", `{"query_id":1,"results":[{"host_id":1,"columns":[1]}]}`, `f.json:1: results[0].columns: a list is not an object`},
		{"cut short", `{"hosts":[{"id":1},`, `f.json:1: the file ends in the middle of a JSON value`},
		{"scalar", `"hosts"`, `f.json:1: a "hosts" where a JSON object or list should be`},
	} {
		t.Run(c.name, func(t *testing.T) {
			recs, err := readDevices(Fleet, "f.json", []byte(c.data))
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
