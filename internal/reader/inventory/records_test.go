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
