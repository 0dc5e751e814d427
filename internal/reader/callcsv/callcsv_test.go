package callcsv

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

var london, _ = time.LoadLocation("Europe/London")

const sample = `call_id,queued_at,answered_at,ended_at,outcome,agent,queue,caller,ticket_ref
c-1,2026-06-01 09:00:00,2026-06-01 09:00:12,2026-06-01 09:05:00,answered,Ann Lee,Service desk,01632 960001,ASH-INC-10001
c-2,2026-06-01T09:01:00Z,,2026-06-01T09:02:30Z,,,,01632 960002,
`

func TestReadsACallLog(t *testing.T) {
	calls, err := Read(strings.NewReader(sample), "log.csv", london)
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != 2 {
		t.Fatalf("%d calls", len(calls))
	}
	a, b := calls[0], calls[1]
	// 09:00 in London in June is 08:00 UTC.
	if !a.Queued.Equal(time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)) || a.Answered.Sub(a.Queued) != 12*time.Second {
		t.Errorf("first call's times: %v %v", a.Queued, a.Answered)
	}
	if a.Outcome != Answered || a.Agent != "Ann Lee" || a.TicketRef != "ASH-INC-10001" || a.Line != 2 {
		t.Errorf("first call: %+v", a)
	}
	// ended without an answer is abandoned, at the end
	if b.Outcome != Abandoned || !b.Abandoned.Equal(b.Ended) || b.Line != 3 {
		t.Errorf("second call: %+v", b)
	}
}

func TestMistakesNameFileLineAndColumn(t *testing.T) {
	for _, c := range []struct{ csv, want string }{
		{"call_id,queued_at\n", ""},
		{"", "log.csv: line 1: the file is empty"},
		{"call_id,queued,answered_at\n", `log.csv: line 1: column "queued": is not a call log column`},
		{"call_id,answered_at\n", "log.csv: line 1: column queued_at: is missing"},
		{"call_id,queued_at\nc-1,yesterday\n", `log.csv: line 2: column queued_at: "yesterday" is not a date`},
		{"call_id,queued_at,ended_at\nc-1,2026-06-01 09:00,2026-06-01 08:00\n", "log.csv: line 2: column ended_at: is before queued_at"},
		{"call_id,queued_at,outcome\nc-1,2026-06-01 09:00,answered\n", "log.csv: line 2: column answered_at: is empty, but the outcome is answered"},
		{"call_id,queued_at,ended_at\nc-1,2026-06-01 09:00,2026-06-01 09:01\nc-1,2026-06-01 09:00,2026-06-01 09:01\n",
			`log.csv: line 3: column call_id: "c-1" is given twice (first on line 2)`},
		{"call_id,queued_at,outcome\nc-1,2026-06-01 09:00,lost\n", `log.csv: line 2: column outcome: "lost" is not answered`},
		{"call_id,queued_at,agent\nc-1,2026-06-01 09:00,\xff\n", "log.csv: line 2: column agent: is not valid UTF-8"},
		{"call_id,queued_at\n\"c-1,2026\n", "log.csv: line 2: "},
	} {
		_, err := Read(strings.NewReader(c.csv), "log.csv", london)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%q: %v", c.csv, err)
		case c.want != "" && (err == nil || !strings.HasPrefix(err.Error(), c.want)):
			t.Errorf("%q: got %v, want %s…", c.csv, err, c.want)
		}
	}
}

func TestALongLineIsRefusedByTheBoundedReader(t *testing.T) {
	long := "call_id,queued_at\nc-1," + strings.Repeat("x", bounded.MaxLine+10) + "\n"
	_, err := Read(strings.NewReader(long), "log.csv", london)
	var le *bounded.LimitError
	if !errors.As(err, &le) || !strings.HasPrefix(err.Error(), "log.csv: line 2: ") {
		t.Fatalf("got %v", err)
	}
}

// FuzzRead: whatever a call log holds, Read returns calls or an error
// naming the file and a line, never a panic; every call it returns has an
// id, a queue time and an outcome its times agree with.
func FuzzRead(f *testing.F) {
	f.Add([]byte(sample))
	for _, s := range []string{"", "call_id,queued_at\n", "call_id,queued_at\nc,2026-01-01T00:00:00Z\n",
		"call_id,queued_at,abandoned_at,outcome\nc,2026-01-01 00:00,2026-01-01 00:01,abandoned\n",
		"call_id,queued_at,answered_at,transferred_at,outcome\nc,2026-01-01 00:00,2026-01-01 00:01,2026-01-01 00:02,transferred\n",
		"\ufeffCALL_ID,Queued_At\n\"a\"\"b\",2026-03-29 01:30\n", "call_id,queued_at\n\"x\n", "\x1f\x8b\x08"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		calls, err := Read(strings.NewReader(string(data)), "log.csv", london)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "log.csv: ") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, c := range calls {
			if c.CallID == "" || c.Queued.IsZero() || c.Outcome == "" {
				t.Fatalf("incomplete call %+v", c)
			}
			if (c.Outcome == Abandoned) != c.Answered.IsZero() {
				t.Fatalf("outcome %s with answered_at %v", c.Outcome, c.Answered)
			}
		}
	})
}
