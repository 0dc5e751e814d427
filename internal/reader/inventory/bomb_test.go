package inventory

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/reader/bounded/boundedtest"
)

const wardHead = "serial,name,device_id,type,ownership,os,os_version,model,primary_user,last_seen,managed,malware_protection,signatures_updated,firewall,encrypted\n"

func drain(format Format, name string, data []byte) error {
	dr, err := OpenDevices(format, name, bytes.NewReader(data))
	if err != nil {
		return err
	}
	for {
		if _, err := dr.Next(); err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
	}
}

// Bombs in each wrapping are refused as bad input naming the limit.
func TestDeviceBombs(t *testing.T) {
	zipOf := func(files map[string][]byte) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for name, data := range files {
			w, _ := zw.Create(name)
			w.Write(data)
		}
		zw.Close()
		return buf.Bytes()
	}
	many := map[string][]byte{}
	for i := range 17 {
		many[strings.Repeat("d", i+1)+".csv"] = []byte("x")
	}
	for _, c := range []struct {
		name, limit string
		format      Format
		data        []byte
	}{
		{"gzip of blank lines", "compression ratio", WardCSV, boundedtest.GzipBomb(wardHead, '\n', 32<<20)},
		{"zip of blank lines", "compression ratio", WardCSV, zipOf(map[string][]byte{"devices.csv": append([]byte(wardHead), bytes.Repeat([]byte{'\n'}, 32<<20)...)})},
		{"zip of 17 files", "zip entry count", WardCSV, zipOf(many)},
		{"endless header", "line length", Intune, boundedtest.GzipBomb("Device name,Serial number,", 'x', 4<<20)},
		{"quoted field over many lines", "record length", WardCSV, []byte(wardHead + `x,"` + strings.Repeat("\n", 17<<20))},
		{"huge field", "field length", WardCSV, []byte(wardHead + `"` + strings.Repeat("a\n", 200<<10) + `",x` + "\n")},
	} {
		err := drain(c.format, "bomb", c.data)
		if err == nil || !strings.Contains(err.Error(), "the "+c.limit+" limit") || len(err.Error()) > 400 {
			t.Errorf("%s: %v; want the %s limit, briefly", c.name, err, c.limit)
			continue
		}
		if !fault.Is(err, fault.KindInvalid) {
			t.Errorf("%s: %v is not bad input", c.name, err)
		}
	}
}

// BenchmarkGzipBomb reads a 64 MiB gzip bomb (about 64 KB) to its refusal
// and reports the bytes allocated and the peak heap in use.
func BenchmarkGzipBomb(b *testing.B) {
	data := boundedtest.GzipBomb(wardHead, '\n', 64<<20)
	b.ReportAllocs()
	var peak uint64
	for b.Loop() {
		if err := drain(WardCSV, "bomb.csv.gz", data); err == nil {
			b.Fatal("the bomb was read")
		}
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		peak = max(peak, m.HeapInuse)
	}
	b.ReportMetric(float64(len(data)), "gzip-bytes")
	b.ReportMetric(float64(peak)/(1<<20), "MiB-heap-inuse")
}

func TestJSONBombIsBadInput(t *testing.T) {
	for _, f := range []Format{Osquery, Fleet} {
		err := drain(f, "bomb.json.gz", boundedtest.GzipBomb("", ' ', 32<<20))
		if err == nil || !strings.Contains(err.Error(), "the compression ratio limit") || !fault.Is(err, fault.KindInvalid) {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// A long header cell named in an error is cut to bounded.ExcerptLen, in the
// message and in the column the API and pages show.
func TestLongHeaderCellIsCutInErrors(t *testing.T) {
	cell := strings.Repeat("Serial ", 20<<10)
	err := drain(WardCSV, "dup.csv", []byte(wardHead[:len(wardHead)-1]+","+cell+","+cell+"\n"))
	var re *RowError
	if !errors.As(err, &re) || len(re.Column) > 64 || len(err.Error()) > 300 {
		t.Fatalf("%d-byte error %.300v, column %d bytes", len(fmt.Sprint(err)), err, len(re.Column))
	}
}
