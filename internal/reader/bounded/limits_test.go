package bounded

import (
	"io"
	"strings"
	"testing"
)

func TestConfigure(t *testing.T) {
	t.Cleanup(func() { Configure(Defaults) })
	for _, bad := range []Limits{{Expanded: -1}, {Records: -5}, {Expanded: 1000}} {
		if err := Configure(bad); err == nil {
			t.Errorf("Configure(%+v) was accepted", bad)
		}
	}
	if Current() != Defaults {
		t.Fatalf("a refused configuration changed the limits to %+v", Current())
	}
	if err := Configure(Limits{Expanded: 2 << 20}); err != nil {
		t.Fatal(err)
	}
	if got := Current(); got.Expanded != 2<<20 || got.Records != MaxRecords {
		t.Errorf("limits %+v, want the size set and the default count", got)
	}
	_, err := io.Copy(io.Discard, Plain(strings.NewReader(strings.Repeat("a", 2<<20+1))))
	if le := limit(t, err, "expanded size"); !strings.Contains(le.Error(), "the expanded size limit is 2 MiB") {
		t.Errorf("message %q", le.Error())
	}
}

func TestRecords(t *testing.T) {
	t.Cleanup(func() { Configure(Defaults) })
	if err := Configure(Limits{Records: 3}); err != nil {
		t.Fatal(err)
	}
	r := NewRecords("rows")
	for range 3 {
		if err := r.Add(); err != nil {
			t.Fatal(err)
		}
	}
	le := limit(t, r.Add(), "record count")
	if le.Error() != "refused: the file holds more than 3 rows (the record count limit is 3 rows)" {
		t.Errorf("message %q", le.Error())
	}
}
