package inventory

import (
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

// CSV and JSON exports of more records than the limit are refused at the
// record past it, naming the limit.
func TestRecordCountLimit(t *testing.T) {
	if err := bounded.Configure(bounded.Limits{Records: 2}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { bounded.Configure(bounded.Defaults) })
	host := `{"hostIdentifier":"h%d","name":"q","calendarTime":"Mon Jan  1 00:00:00 2024 UTC","unixTime":1704067200,"columns":{}}` + "\n"
	for _, c := range []struct {
		format Format
		data   string
		where  string
	}{
		{WardCSV, wardHead + strings.Repeat("S1,pc,,laptop,council,Windows,11,,,2024-01-01,yes,,,,\n", 3), "bomb:4"},
		{Osquery, strings.Repeat(host, 3), "bomb:3"},
	} {
		err := drain(c.format, "bomb", []byte(c.data))
		if err == nil || !strings.Contains(err.Error(), c.where) || !strings.Contains(err.Error(), "the record count limit is 2") {
			t.Errorf("%s: err = %v, want the record count limit at %s", c.format, err, c.where)
		}
	}
}

// A JSON export that is one value larger than the record limit is refused
// as it is read, not held whole: the decoder would otherwise buffer it all.
func TestOneHugeJSONValueIsRefused(t *testing.T) {
	long := strings.Repeat("a", bounded.MaxRecord+2*jsonReadAhead)
	for f, huge := range map[Format]string{Fleet: `[{"hostname":"` + long + `"}]`, Osquery: `{"hostIdentifier":"` + long + `"}`} {
		err := drain(f, "huge.json", []byte(huge))
		if err == nil || !strings.Contains(err.Error(), "record length limit is 16 MiB") || !strings.Contains(err.Error(), "huge.json") {
			t.Errorf("%s: err = %.300v, want the record length limit", f, err)
		}
	}
	// A value just under the limit is still read (and refused for what
	// it is, if anything, not for its size).
	ok := `[{"hostname":"` + strings.Repeat("a", 1<<20) + `"}]`
	if err := drain(Fleet, "ok.json", []byte(ok)); err != nil && strings.Contains(err.Error(), "record length") {
		t.Errorf("a 1 MiB value was refused for its size: %v", err)
	}
}
