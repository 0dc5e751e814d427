package bounded

import (
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/fault"
)

func jsonLimit(t *testing.T, err error, name, path string) *JSONLimitError {
	t.Helper()
	var je *JSONLimitError
	if !errors.As(err, &je) || je.Limit != name || je.Path != path {
		t.Fatalf("err = %v, want the %s limit at %s", err, name, path)
	}
	if !fault.Is(err, fault.KindInvalid) {
		t.Errorf("%v is not bad input", err)
	}
	return je
}

// A string past the cap is refused by its path, naming the limit and
// quoting none of the string.
func TestCheckJSONRefusesLongStrings(t *testing.T) {
	long := strings.Repeat("a", 1025)
	err := CheckJSON([]byte(`{"title":"x","objects":[1,{"pattern":"`+long+`"}]}`), 1024, 8)
	je := jsonLimit(t, err, "string length", "$.objects[1].pattern")
	if msg := je.Error(); !strings.Contains(msg, "the string length limit is 1 KiB") || strings.Contains(msg, "aaaa") {
		t.Errorf("message %q", msg)
	}
	jsonLimit(t, CheckJSON([]byte(`{"a":{"`+long+`":1}}`), 1024, 8), "string length", "$.a")
	if err := CheckJSON([]byte(`{"a":"`+long[:1024]+`"}`), 1024, 8); err != nil {
		t.Errorf("a string at the cap was refused: %v", err)
	}
}

// 100,000 "[" stop at the cap, by path; nesting at the cap passes.
func TestCheckJSONRefusesDeepNesting(t *testing.T) {
	err := CheckJSON([]byte(strings.Repeat("[", 100_000)), 1024, 32)
	je := jsonLimit(t, err, "nesting depth", "$"+strings.Repeat("[0]", 32))
	if !strings.Contains(je.Error(), "the nesting depth limit is 32 levels") {
		t.Errorf("message %q", je.Error())
	}
	ok := strings.Repeat(`{"a":`, 32) + `"x"` + strings.Repeat("}", 32)
	if err := CheckJSON([]byte(ok), 1024, 32); err != nil {
		t.Errorf("nesting 32 deep was refused: %v", err)
	}
	jsonLimit(t, CheckJSON([]byte(`{"a":`+ok+`}`), 1024, 32), "nesting depth", "$.a"+strings.Repeat(".a", 31))
}

// What is not one JSON value is said by line and column, not as a limit.
func TestCheckJSONNotJSON(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "empty"},
		{"{\"a\":\n  oops}", "not JSON: line 2, column 3"},
		{`{"a":1`, "ends before the document does"},
		{`{} {}`, "more than one value"},
	} {
		err := CheckJSON([]byte(c.in), 1024, 8)
		var je *JSONLimitError
		if err == nil || errors.As(err, &je) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.in, err, c.want)
		}
	}
}

// CheckJSON never panics, and what it passes encoding/json can read as
// far as nesting goes.
func FuzzCheckJSON(f *testing.F) {
	for _, s := range []string{`{"a":[1,"b",{"c":null}]}`, `[[[[`, `{"":""}`, `"x"`, `{"a":1}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		err := CheckJSON(data, 64, 4)
		var je *JSONLimitError
		if errors.As(err, &je) && (je.Path == "" || je.Path[0] != '$') {
			t.Fatalf("a limit error without a path: %v", err)
		}
	})
}

// BenchmarkNestedJSONBomb checks a body of 100,000 "[" (what the API and
// TAXII refuse before decoding) and reports the peak heap in use and how
// long the refusal takes per byte of body.
func BenchmarkNestedJSONBomb(b *testing.B) {
	data := []byte(strings.Repeat("[", 100_000))
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	var peak uint64
	for b.Loop() {
		var je *JSONLimitError
		if err := CheckJSON(data, MaxJSONString, MaxJSONDepth); !errors.As(err, &je) {
			b.Fatalf("the bomb gave %v", err)
		}
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		peak = max(peak, m.HeapInuse)
	}
	b.ReportMetric(float64(peak)/(1<<20), "MiB-heap-inuse")
}
