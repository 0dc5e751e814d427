package ticketcsv

import (
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

// A file of more rows than the record-count limit is refused at the row
// past it, naming the limit.
func TestRecordCountLimit(t *testing.T) {
	if err := bounded.Configure(bounded.Limits{Records: 2}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { bounded.Configure(bounded.Defaults) })
	row := "INC%d,New,0,1/3/2016 09:00,1/3/2016 09:05,a,3 - Moderate,?,?,Phone,G,?,?,?\n"
	data := snHead + strings.ReplaceAll(row, "%d", "1") + strings.ReplaceAll(row, "%d", "2") + strings.ReplaceAll(row, "%d", "3")
	err := firstError(ServiceNow(strings.NewReader(data), Options{File: "sn.csv"}))
	if err == nil || !strings.Contains(err.Error(), "sn.csv: line 4") || !strings.Contains(err.Error(), "the record count limit is 2 rows") {
		t.Fatalf("err = %v, want the record count limit at line 4", err)
	}
}
