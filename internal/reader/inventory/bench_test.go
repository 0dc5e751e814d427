package inventory

import (
	"bytes"
	"fmt"
	"io"
	"testing"
)

// osqueryLog generates a results log: for each host, system_info,
// os_version, a BitLocker snapshot, and a software inventory ward skips.
func osqueryLog(hosts int) []byte {
	var b bytes.Buffer
	t := 1709283600
	for i := range hosts {
		id := fmt.Sprintf("EXB-LT-%05d", i)
		fmt.Fprintf(&b, `{"name":"pack/ward/system_info","hostIdentifier":"%s","calendarTime":"Fri Mar  1 09:00:00 2024 UTC","unixTime":%d,"epoch":0,"counter":0,"numerics":false,"snapshot":[{"hostname":"%s","hardware_vendor":"Dell Inc.","hardware_model":"Latitude 5440","hardware_serial":"SN%07d","computer_name":"%s"}],"action":"snapshot"}`+"\n", id, t+i, id, i, id)
		fmt.Fprintf(&b, `{"name":"pack/ward/os_version","hostIdentifier":"%s","calendarTime":"Fri Mar  1 09:00:00 2024 UTC","unixTime":%d,"epoch":0,"counter":0,"numerics":false,"snapshot":[{"name":"Microsoft Windows 11 Enterprise","version":"10.0.22631","major":"10","minor":"0","build":"22631","platform":"windows"}],"action":"snapshot"}`+"\n", id, t+i)
		fmt.Fprintf(&b, `{"name":"pack/ward/bitlocker_info","hostIdentifier":"%s","calendarTime":"Fri Mar  1 09:00:00 2024 UTC","unixTime":%d,"epoch":0,"counter":0,"numerics":false,"snapshot":[{"drive_letter":"C:","protection_status":"%d","encryption_method":"XTS_AES_128"}],"action":"snapshot"}`+"\n", id, t+i, i%2)
		b.WriteString(`{"name":"pack/it/programs","hostIdentifier":"` + id + `","unixTime":1709283600,"snapshot":[`)
		for p := range 20 {
			if p > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"name":"Program %d","version":"1.%d","publisher":"Vendor"}`, p, p)
		}
		b.WriteString("]}\n")
	}
	return b.Bytes()
}

// BenchmarkOsqueryJSON reads a results log of 10,000 hosts (40,000 lines).
func BenchmarkOsqueryJSON(b *testing.B) {
	data := osqueryLog(10_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := OpenDevices(Osquery, "bench.log", bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			if _, err := r.Next(); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 10_000 {
			b.Fatalf("%d devices", n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/40_000, "ns/line")
}
