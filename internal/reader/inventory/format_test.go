package inventory

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"strings"
	"testing"
	"unicode/utf16"
)

func gzipped(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(data)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func zipped(t *testing.T, name string, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// utf16LE is what Windows PowerShell 5.1 writes with -Encoding Unicode.
func utf16LE(s string) []byte {
	b := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return b
}

func TestDetectFormat(t *testing.T) {
	for _, c := range []struct {
		file string
		data []byte
		want Format
	}{
		{"intune-devices.csv", fixture(t, "intune-devices.csv"), Intune},
		{"devices.csv", fixture(t, "devices.csv"), WardCSV},
		{"osqueryd.results.log", fixture(t, "osquery-results.log"), Osquery},
		{"hosts.json", fixture(t, "fleet-hosts.json"), Fleet},
		{"report.json", fixture(t, "fleet-report.json"), Fleet},
		{"q.jsonl", fixture(t, "fleetctl-query.jsonl"), Fleet},
		{"mailboxes.csv", fixture(t, "get-mailbox.csv"), GetMailbox},
		{"rules.csv", fixture(t, "get-inboxrule.csv"), GetInboxRule},
		{"rules.json", fixture(t, "graph-rules.json"), GraphRules},
		{"export.zip", zipped(t, "DevicesWithInventory_3f2a.csv", fixture(t, "intune-devices.csv")), Intune},
		{"osquery.log.gz", gzipped(t, fixture(t, "osquery-results.log")), Osquery},
		{"mailboxes.csv", utf16LE(string(fixture(t, "get-mailbox.csv"))), GetMailbox},
	} {
		head := c.data
		if len(head) > 4096 {
			head = head[:4096]
		}
		got, err := DetectFormat(c.file, head)
		if err != nil || got != c.want {
			t.Errorf("%s: got %q %v, want %q", c.file, got, err, c.want)
		}
	}
	if f, err := DetectFormat("x.csv", []byte("a,b,c\n1,2,3\n")); err == nil {
		t.Errorf("an unknown CSV detected as %q", f)
	}
	if f, err := DetectFormat("x.json", []byte(`{"a":1}`)); err == nil {
		t.Errorf("unknown JSON detected as %q", f)
	}
}

// An export is read plain, gzipped, zipped or as UTF-16, and the format
// may be left to detection.
func TestWrapped(t *testing.T) {
	plain := fixture(t, "intune-devices.csv")
	for name, data := range map[string][]byte{
		"plain":  plain,
		"gzip":   gzipped(t, plain),
		"zip":    zipped(t, "DevicesWithInventory.csv", plain),
		"utf-16": utf16LE(strings.TrimPrefix(string(plain), "\ufeff")),
	} {
		recs, err := readDevices("", "export", data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(recs) != 8 || recs[2].Device.Name != "Jo's iPhone" || recs[2].Line != 4 {
			t.Errorf("%s: %d devices, third %q on line %d", name, len(recs), recs[2].Device.Name, recs[2].Line)
		}
	}
	if _, err := readDevices("", "two.zip", zippedTwo(t)); err == nil || !strings.Contains(err.Error(), "holding 2 files") {
		t.Errorf("a zip of two files: %v", err)
	}
	if _, err := readDevices("", "bad.gz", []byte{0x1f, 0x8b, 0, 0}); err == nil {
		t.Error("a broken gzip file read without error")
	}
	if _, err := OpenDevices(GetMailbox, "m.csv", bytes.NewReader(nil)); err == nil {
		t.Error("mailboxes opened as devices")
	}
}

func zippedTwo(t *testing.T) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, n := range []string{"a.csv", "b.csv"} {
		w, _ := zw.Create(n)
		w.Write([]byte("x\n"))
	}
	zw.Close()
	return b.Bytes()
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"intune": Intune, "Get-InboxRule": GetInboxRule, "graph": GraphRules, "ward": WardCSV, "FLEET": Fleet} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("%s: %q %v", in, got, err)
		}
	}
	if _, err := ParseFormat("jamf"); err == nil {
		t.Error("jamf accepted")
	}
}
