package ticketcsv

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
)

func FuzzServiceNow(f *testing.F) {
	f.Add([]byte(snGood), false)
	f.Add([]byte(snGood), true)
	f.Add([]byte(snHead+"INC1,-100,0,1/3/2016 09:00,1/3/2016 09:05,a,3 - Moderate,?,?,Phone,G,?,?,?\nINC2,New,0,27/3/2016 01:30,27/3/2016 02:00,a,1,high,3,Email,G,?,?,?\n"), true)
	f.Add([]byte("number,incident_state,sys_mod_count,opened_at,sys_updated_at,priority\nINC1,New,1,1/3/2016 09:00,1/3/2016 09:05,1 - Critical\nINC1,New,1,1/3/2016 09:00,1/3/2016 09:04,2\n"), true)
	for _, seed := range []string{"repeated-count.csv", "before-opening.csv", "unknown-state.csv"} {
		quirk, err := os.ReadFile(filepath.Join("testdata", "servicenow", seed))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(quirk, false)
		f.Add(quirk, true)
	}
	loc := london(f)
	f.Fuzz(func(t *testing.T, data []byte, skip bool) {
		// Each input is read both ways: mending the export's quirks, and strict.
		for _, strict := range []bool{false, true} {
			r, err := ServiceNow(bytes.NewReader(data), Options{File: "f.csv", Location: loc, SkipInvalid: skip, Strict: strict})
			checkFuzzed(t, data, r, err)
			if err == nil {
				checkRepairs(t, r, strict)
			}
		}
	})
}

// checkRepairs: every repair names a data line, a ticket and a column, and
// strict reading mends nothing.
func checkRepairs(t *testing.T, r Reader, strict bool) {
	reps := r.Repairs()
	if strict && len(reps) != 0 {
		t.Fatalf("strict reading repaired %v", reps)
	}
	for _, x := range reps {
		if x.Line < 2 || x.Ticket == "" || x.Column == "" || x.What == "" {
			t.Fatalf("repair without a line, ticket, column or account: %+v", x)
		}
	}
}

func FuzzCSV(f *testing.F) {
	example, err := os.ReadFile(filepath.Join("testdata", "tickets.csv"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(example, false)
	f.Add(example, true)
	f.Add([]byte(csvHead+"T1,2026-03-02T09:00,2026-03-02T09:00,new,,high,low,phone,request\nT1,2026-03-02T08:00,,,,,,,\nT2,2026-10-25T01:30+01:00,2026-10-25T01:30Z,closed,4,,,,\n"), true)
	f.Add([]byte("Ticket,Event At,Opened-At,Note\n\"T1\",2026-03-02T09:00:00.5,2026-03-02T09:00,\"a, \"\"quoted\"\"\nnote\"\n"), false)
	loc := london(f)
	f.Fuzz(func(t *testing.T, data []byte, skip bool) {
		r, err := CSV(bytes.NewReader(data), Options{File: "f.csv", Location: loc, SkipInvalid: skip})
		checkFuzzed(t, data, r, err)
	})
}

func london(tb testing.TB) *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		tb.Fatal(err)
	}
	return loc
}

// checkFuzzed reads everything and checks what any import relies on: every
// record is a history the desk accepts, every row is either imported or
// reported, and errors on plain CSV are row errors with a line.
func checkFuzzed(t *testing.T, data []byte, r Reader, err error) {
	gz := bytes.HasPrefix(data, []byte{0x1f, 0x8b})
	check := func(err error) {
		var re *RowError
		if errors.As(err, &re) {
			if re.Line < 1 || re.Reason == "" || re.Error() == "" {
				t.Fatalf("row error without a line or reason: %#v", re)
			}
		} else if !gz {
			t.Fatalf("plain CSV gave %T %v, want a *RowError", err, err)
		}
	}
	if err != nil {
		check(err)
		return
	}
	updates := 0
	for range 100000 {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			check(err)
			return
		}
		if len(rec.Events) < 2 || len(rec.Lines) != len(rec.Events) || rec.Events[0].Kind != desk.Opened || len(rec.Hash) != 64 {
			t.Fatalf("malformed record %+v", rec)
		}
		if err := desk.CheckHistory(rec.Ticket, rec.Events); err != nil {
			t.Fatalf("record the desk refuses: %v", err)
		}
		if !rec.Ticket.Priority.Valid() || rec.Ticket.State == "" || rec.Ticket.Type == "" || rec.Ticket.Ref != rec.Ticket.ExternalID {
			t.Fatalf("incomplete ticket %+v", rec.Ticket)
		}
		updates += len(rec.Events) - 1
	}
	for _, x := range r.Rejected() {
		if x.Line < 2 || x.Reason == "" {
			t.Fatalf("rejected row without a line or reason: %+v", x)
		}
	}
	if updates+len(r.Rejected()) != r.Rows() {
		t.Fatalf("%d rows read, but %d imported and %d rejected", r.Rows(), updates, len(r.Rejected()))
	}
	if err := WriteRejected(io.Discard, r.Header(), r.Rejected()); err != nil {
		t.Fatal(err)
	}
}
