package inventory

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"io"
	"slices"
	"testing"
)

// FuzzCSVScanner checks the scanner reads what encoding/csv reads, with
// the same line numbers, and fails where it fails.
func FuzzCSVScanner(f *testing.F) {
	for _, s := range []string{
		"a,b,c\n1,2,3\n",
		"a,\"b\nc\",d\r\n\r\n\"x\"\"y\",,\n",
		"a,b\"c\n",
		"\"a\"b,c\n",
		"\"unclosed,\n1,2\n",
		"a,b,\n,\n\"\",\"\"\n",
		"x\r\ny\r",
		"\"a\r\nb\",c\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cr := csv.NewReader(bytes.NewReader(data))
		cr.FieldsPerRecord = -1
		sc := &csvScanner{r: bufio.NewReaderSize(bytes.NewReader(data), 16), comma: ','}
		for n := 0; ; n++ {
			want, werr := cr.Read()
			got, gerr := sc.read()
			if (werr == nil) != (gerr == nil) || (werr == io.EOF) != (gerr == io.EOF) {
				t.Fatalf("record %d: encoding/csv %q %v, scanner %q %v", n, want, werr, got, gerr)
			}
			if werr != nil {
				return
			}
			if !slices.Equal(got, want) {
				t.Fatalf("record %d: encoding/csv %q, scanner %q", n, want, got)
			}
			for i := range want {
				if line, _ := cr.FieldPos(i); line != sc.fline[i] {
					t.Fatalf("record %d field %d: encoding/csv line %d, scanner %d", n, i, line, sc.fline[i])
				}
			}
		}
	})
}
