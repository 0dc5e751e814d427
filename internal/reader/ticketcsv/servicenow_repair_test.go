package ticketcsv

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
)

// snLine writes one row under snHead.
func snLine(number, state, mod, opened, updated string) string {
	return strings.Join([]string{number, state, mod, opened, updated, "x", "3 - Moderate", "2 - Medium", "2 - Medium", "Phone", "G", "?", "?", "?"}, ",") + "\n"
}

// readRepaired reads a file the default way, failing on any error.
func readRepaired(t *testing.T, data string) ([]Record, []Repair) {
	t.Helper()
	r := openSN(t, data, Options{File: "sn.csv"})
	recs := drain(t, r)
	return recs, r.Repairs()
}

func repairStrings(rs []Repair) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.String())
	}
	return out
}

func seqsAndLines(rec Record) ([]int, []int) {
	var seqs []int
	for _, e := range rec.Events[1:] {
		seqs = append(seqs, e.Seq)
	}
	return seqs, rec.Lines[1:]
}

func TestRepeatedModCountIsOrderedByUpdateTimeThenFileOrder(t *testing.T) {
	const o = "1/3/2016 09:00"
	data := snHead +
		snLine("INC1", "New", "0", o, "1/3/2016 09:01") +
		snLine("INC1", "Active", "1", o, "1/3/2016 09:10") +
		snLine("INC1", "Active", "1", o, "1/3/2016 09:05") +
		snLine("INC1", "Awaiting User Info", "1", o, "1/3/2016 09:05") +
		snLine("INC1", "Resolved", "2", o, "1/3/2016 09:20")
	recs, reps := readRepaired(t, data)
	if len(recs) != 1 {
		t.Fatalf("%d records, want 1", len(recs))
	}
	seqs, lines := seqsAndLines(recs[0])
	if !slices.Equal(lines, []int{2, 4, 5, 3, 6}) || !slices.Equal(seqs, []int{0, 1, 1, 1, 2}) {
		t.Errorf("updates from lines %v with counts %v, want lines 2, 4, 5, 3, 6", lines, seqs)
	}
	want := []string{
		`line 3: ticket INC1: column "sys_mod_count": 1 is also the count on line 5: the rows are put in order by sys_updated_at, then as they stand in the file`,
		`line 5: ticket INC1: column "sys_mod_count": 1 is also the count on line 4: the rows are put in order by sys_updated_at, then as they stand in the file`,
	}
	if got := repairStrings(reps); !slices.Equal(got, want) {
		t.Errorf("repairs\n got %q\nwant %q", got, want)
	}
}

func TestUpdateBeforeOpeningIsClampedToTheOpening(t *testing.T) {
	data := snHead +
		snLine("INC1", "Active", "0", "1/3/2016 09:00", "1/3/2016 08:50") +
		snLine("INC1", "Resolved", "1", "1/3/2016 09:00", "1/3/2016 11:00") +
		snLine("INC2", "New", "0", "1/3/2016 09:00", "1/3/2016 09:00")
	recs, reps := readRepaired(t, data)
	if len(recs) != 2 {
		t.Fatalf("%d records, want 2", len(recs))
	}
	opened := time.Date(2016, 3, 1, 9, 0, 0, 0, time.UTC)
	if e := recs[0].Events[1]; !e.At.Equal(opened) || e.State != desk.InProgress || recs[0].Lines[1] != 2 {
		t.Errorf("the early update is %+v from line %d, want it at the opening, %v", e, recs[0].Lines[1], opened)
	}
	want := []string{`line 2: ticket INC1: column "sys_updated_at": 1/3/2016 08:50 is before opened_at (1/3/2016 09:00): taken as 1/3/2016 09:00`}
	if got := repairStrings(reps); !slices.Equal(got, want) {
		t.Errorf("repairs\n got %q\nwant %q", got, want)
	}
}

// The sample's real case: the row written first carries a later count and
// a time before the opening, so it lands after updates stamped later.
func TestUpdateBeforeTheOneAheadOfItIsMovedUpToIt(t *testing.T) {
	const o = "29/2/2016 09:41"
	data := snHead +
		snLine("INC130", "New", "2", o, "29/2/2016 07:27") +
		snLine("INC130", "New", "1", o, "29/2/2016 09:59") +
		snLine("INC130", "Active", "2", o, "1/3/2016 14:13")
	recs, reps := readRepaired(t, data)
	if len(recs) != 1 {
		t.Fatalf("%d records, want 1", len(recs))
	}
	rec := recs[0]
	if _, lines := seqsAndLines(rec); !slices.Equal(lines, []int{3, 2, 4}) {
		t.Errorf("updates from lines %v, want 3, 2, 4", lines)
	}
	if !rec.Events[2].At.Equal(rec.Events[1].At) {
		t.Errorf("line 2's update at %v, want it moved to line 3's, %v", rec.Events[2].At, rec.Events[1].At)
	}
	want := []string{
		`line 2: ticket INC130: column "sys_updated_at": 29/2/2016 07:27 is before opened_at (29/2/2016 09:41) and before the update ordered ahead of it (line 3, 29/2/2016 09:59): taken as 29/2/2016 09:59`,
		`line 4: ticket INC130: column "sys_mod_count": 2 is also the count on line 2: the rows are put in order by sys_updated_at, then as they stand in the file`,
	}
	if got := repairStrings(reps); !slices.Equal(got, want) {
		t.Errorf("repairs\n got %q\nwant %q", got, want)
	}
}

func TestUnknownStateIsKeptAsWritten(t *testing.T) {
	const o = "10/5/2016 22:09"
	data := snHead +
		snLine("INC1", "New", "0", o, o) +
		snLine("INC1", "-100", "1", o, "16/6/2016 12:02")
	recs, reps := readRepaired(t, data)
	if len(recs) != 1 {
		t.Fatalf("%d records, want 1", len(recs))
	}
	tk := recs[0].Ticket
	if tk.State != "-100" || tk.State.Label() != "-100" || tk.State.Done() || recs[0].Events[2].State != "-100" {
		t.Errorf("state %q (shown %q), last event %q; want -100 as written, open", tk.State, tk.State.Label(), recs[0].Events[2].State)
	}
	want := []string{`line 3: ticket INC1: column "incident_state": "-100" is not a state ward knows: kept as written, and the SLA clocks run through it`}
	if got := repairStrings(reps); !slices.Equal(got, want) {
		t.Errorf("repairs\n got %q\nwant %q", got, want)
	}
}

// A ticket skipped for a real fault reports no repairs: it was not imported.
func TestRepairsAreOnlyThoseOfImportedTickets(t *testing.T) {
	const o = "1/3/2016 09:00"
	data := snHead +
		snLine("INC1", "-100", "0", o, "1/3/2016 09:05") +
		snLine("INC1", "New", "1", "31/2/2016 09:00", "1/3/2016 09:06") +
		snLine("INC2", "-100", "0", o, "1/3/2016 09:05")
	r := openSN(t, data, Options{File: "sn.csv", SkipInvalid: true})
	recs := drain(t, r)
	if len(recs) != 1 || recs[0].Ticket.Ref != "INC2" || len(r.Rejected()) != 2 {
		t.Fatalf("%d records, %d rows rejected; want INC2 imported and INC1's two rows rejected", len(recs), len(r.Rejected()))
	}
	if reps := r.Repairs(); len(reps) != 1 || reps[0].Ticket != "INC2" || reps[0].Line != 4 {
		t.Errorf("repairs %q, want one, INC2's on line 4", repairStrings(reps))
	}
}

// Strict reads the quirks as faults, as ward did before it mended them.
func TestStrictRefusesEachQuirk(t *testing.T) {
	const o = "1/3/2016 09:00"
	for _, tc := range []struct{ name, data, want string }{
		{"repeated count", snHead + snLine("INC1", "New", "1", o, "1/3/2016 09:01") + snLine("INC1", "New", "1", o, "1/3/2016 09:02"),
			`sn.csv: line 3: ticket INC1: sys_mod_count 1 appears twice, on lines 2 and 3; each update has its own count`},
		{"before the opening", snHead + snLine("INC1", "New", "0", o, "1/3/2016 08:59"),
			`sn.csv: line 2: ticket INC1: event 2 (update 0) at 2016-03-01T08:59:00Z, before the ticket was opened at 2016-03-01T09:00:00Z`},
		{"unknown state", snHead + snLine("INC1", "-100", "0", o, o),
			`sn.csv: line 2: column "incident_state": "-100" is not an incident state ward knows (New, Active, Awaiting User Info, Awaiting Evidence, Awaiting Vendor, Awaiting Problem, Resolved, Closed)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := firstError(ServiceNow(strings.NewReader(tc.data), Options{File: "sn.csv", Strict: true})); err == nil || err.Error() != tc.want {
				t.Errorf("strict: %v\nwant %s", err, tc.want)
			}
			recs, reps := readRepaired(t, tc.data)
			if len(recs) != 1 || len(reps) != 1 {
				t.Errorf("by default: %d records and %d repairs, want the ticket and one repair", len(recs), len(reps))
			}
		})
	}
}
