package ticketcsv

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
)

// samplePath finds the shared ServiceNow sample beside the checkout:
// ../shared/data from the module root.
func samplePath(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		up := filepath.Dir(dir)
		if up == dir {
			tb.Fatal("no go.mod above the test's directory")
		}
		dir = up
	}
	p := filepath.Join(dir, "..", "shared", "data", "servicedesk", "servicenow-incident-event-log.csv.gz")
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("…/shared/data not present: %v", err)
	}
	return p
}

func readSample(tb testing.TB) []byte {
	b, err := os.ReadFile(samplePath(tb))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// drain reads every record, failing the test on an error.
func drain(tb testing.TB, r Reader) []Record {
	tb.Helper()
	var out []Record
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, rec)
	}
}

// Read as it is, the whole sample comes in: the seven incidents with
// ServiceNow's quirks are mended, and each mend is named.
func TestSampleImportsWholeNamingItsRepairs(t *testing.T) {
	r, err := ServiceNow(bytesReader(readSample(t)), Options{File: "sample"})
	if err != nil {
		t.Fatal(err)
	}
	recs := drain(t, r)
	if len(recs) != 20769 || r.Rows() != 119998 || len(r.Rejected()) != 0 {
		t.Fatalf("%d incidents from %d rows, %d rejected; want 20,769 from 119,998, none rejected", len(recs), r.Rows(), len(r.Rejected()))
	}
	events := 0
	for _, rec := range recs {
		events += len(rec.Events) - 1
		if err := desk.CheckHistory(rec.Ticket, rec.Events); err != nil {
			t.Fatal(err)
		}
	}
	if events != 119998 {
		t.Errorf("%d update events, want one for each of the 119,998 rows", events)
	}
	// ticket → the lines and columns mended.
	want := map[string][]string{
		"INC0000130": {"330 sys_updated_at", "332 sys_mod_count"},
		"INC0000131": {"336 sys_updated_at"},
		"INC0000134": {"346 sys_updated_at", "348 sys_mod_count"},
		"INC0000135": {"351 sys_updated_at", "358 sys_mod_count"},
		"INC0000137": {"359 sys_mod_count", "361 sys_updated_at"},
		"INC0000164": {"438 sys_updated_at", "441 sys_mod_count"},
		"INC0028089": {"115643 incident_state", "115644 incident_state"},
	}
	got := map[string][]string{}
	for _, x := range r.Repairs() {
		got[x.Ticket] = append(got[x.Ticket], strconv.Itoa(x.Line)+" "+x.Column)
	}
	if len(got) != 7 || len(r.Repairs()) != 13 {
		t.Errorf("%d repairs in %d incidents, want 13 in 7", len(r.Repairs()), len(got))
	}
	for ticket, w := range want {
		if !slices.Equal(got[ticket], w) {
			t.Errorf("%s: repaired %q, want %q", ticket, got[ticket], w)
		}
	}
	for _, rec := range recs {
		if rec.Ticket.Ref == "INC0028089" && (rec.Events[2].State != "-100" || rec.Events[3].State != "-100") {
			t.Errorf("INC0028089's -100 rows read as %q and %q", rec.Events[2].State, rec.Events[3].State)
		}
	}
}

func TestSampleStrictStopsAtFirstQuirk(t *testing.T) {
	data := readSample(t)
	r, err := ServiceNow(bytesReader(data), Options{File: "servicenow-incident-event-log.csv.gz", Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for {
		_, err = r.Next()
		if err != nil {
			break
		}
		n++
	}
	var re *RowError
	if !errors.As(err, &re) {
		t.Fatalf("got %v, want a *RowError", err)
	}
	t.Logf("stopped after %d records: %v", n, err)
	if re.Ticket != "INC0000130" || re.Line != 332 {
		t.Errorf("stopped at ticket %s line %d, want INC0000130 line 332: %v", re.Ticket, re.Line, err)
	}
	want := "servicenow-incident-event-log.csv.gz: line 332: ticket INC0000130: sys_mod_count 2 appears twice, on lines 330 and 332; each update has its own count"
	if err.Error() != want {
		t.Errorf("error\n got %s\nwant %s", err, want)
	}
	if _, again := r.Next(); again != err {
		t.Errorf("after stopping, Next returned %v", again)
	}
}

func TestSampleStrictSkippingInvalid(t *testing.T) {
	data := readSample(t)
	r, err := ServiceNow(bytesReader(data), Options{File: "sample", SkipInvalid: true, Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	recs := drain(t, r)
	if r.Rows() != 119998 {
		t.Errorf("read %d rows, want 119,998", r.Rows())
	}
	// The sample's seven broken incidents: five with a sys_mod_count used
	// twice, one updated before it was opened, one in state -100.
	want := map[string]struct {
		rows   int
		reason string
	}{
		"INC0000130": {6, "sys_mod_count 2 appears twice, on lines 330 and 332"},
		"INC0000131": {4, "line 336: ticket INC0000131: event 2 (update 0) at 2016-02-29T07:14:00Z, before the ticket was opened at 2016-02-29T09:41:00Z"},
		"INC0000134": {5, "sys_mod_count 2 appears twice, on lines 346 and 348"},
		"INC0000135": {8, "sys_mod_count 7 appears twice, on lines 351 and 358"},
		"INC0000137": {4, "sys_mod_count 1 appears twice, on lines 359 and 360"},
		"INC0000164": {7, "sys_mod_count 3 appears twice, on lines 438 and 441"},
		"INC0028089": {6, `column "incident_state": "-100" is not an incident state`},
	}
	got := map[string]int{}
	for _, x := range r.Rejected() {
		got[x.Ticket]++
		w, ok := want[x.Ticket]
		if !ok {
			t.Errorf("rejected %s unexpectedly: line %d: %s", x.Ticket, x.Line, x.Reason)
			continue
		}
		if !strings.Contains(x.Reason, w.reason) {
			t.Errorf("%s line %d: reason %q, want it to contain %q", x.Ticket, x.Line, x.Reason, w.reason)
		}
		if len(x.Raw) != 36 || x.Raw[0] != x.Ticket {
			t.Errorf("%s line %d: raw fields %q", x.Ticket, x.Line, x.Raw)
		}
	}
	rejectedRows := 0
	for ticket, w := range want {
		if got[ticket] != w.rows {
			t.Errorf("%s: %d rows rejected, want %d", ticket, got[ticket], w.rows)
		}
		rejectedRows += w.rows
	}
	if len(r.Rejected()) != rejectedRows {
		t.Errorf("%d rows rejected, want %d", len(r.Rejected()), rejectedRows)
	}
	if len(recs) != 20769-len(want) {
		t.Errorf("%d records, want %d", len(recs), 20769-len(want))
	}

	events := 0
	for _, rec := range recs {
		events += len(rec.Events) - 1
		if len(rec.Lines) != len(rec.Events) {
			t.Fatalf("%s: %d lines for %d events", rec.Ticket.Ref, len(rec.Lines), len(rec.Events))
		}
		if err := desk.CheckHistory(rec.Ticket, rec.Events); err != nil {
			t.Fatal(err)
		}
		if !rec.Ticket.Priority.Valid() || rec.Ticket.Channel == "" || rec.Ticket.State == "" {
			t.Fatalf("%s: incomplete ticket %+v", rec.Ticket.Ref, rec.Ticket)
		}
	}
	if events+rejectedRows != 119998 {
		t.Errorf("%d update events and %d rejected rows, want 119,998 rows between them", events, rejectedRows)
	}

	var inc45 *Record
	for i := range recs {
		if recs[i].Ticket.Ref == "INC0000045" {
			inc45 = &recs[i]
		}
	}
	if inc45 == nil {
		t.Fatal("INC0000045 not imported")
	}
	tk := inc45.Ticket
	utc := func(s string) time.Time {
		v, err := time.Parse("2006-01-02T15:04", s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if !tk.OpenedAt.Equal(utc("2016-02-29T01:16")) || !tk.ResolvedAt.Equal(utc("2016-02-29T11:29")) ||
		!tk.ClosedAt.Equal(utc("2016-03-05T12:00")) {
		t.Errorf("INC0000045 opened %v resolved %v closed %v", tk.OpenedAt, tk.ResolvedAt, tk.ClosedAt)
	}
	if tk.Priority != desk.P3 || tk.Impact != desk.Medium || tk.Urgency != desk.Medium || tk.Channel != desk.Phone ||
		tk.State != desk.Closed || tk.Type != desk.Incident || tk.Source != "servicenow" || tk.ExternalID != "INC0000045" {
		t.Errorf("INC0000045: %+v", tk)
	}
	if tk.Caller != "Caller 2403" || tk.Site != "Location 143" || tk.AssignmentGroup != "Group 56" || tk.Assignee != "" ||
		tk.Title != "Category 55 / Subcategory 170: Symptom 72" {
		t.Errorf("INC0000045: %+v", tk)
	}
	var states []desk.State
	var seqs []int
	for _, e := range inc45.Events[1:] {
		states = append(states, e.State)
		seqs = append(seqs, e.Seq)
	}
	if !slices.Equal(states, []desk.State{desk.New, desk.Resolved, desk.Resolved, desk.Closed}) ||
		!slices.Equal(seqs, []int{0, 2, 3, 4}) || !slices.Equal(inc45.Lines, []int{2, 2, 3, 4, 5}) {
		t.Errorf("INC0000045: states %v seqs %v lines %v", states, seqs, inc45.Lines)
	}
	if e := inc45.Events[0]; e.Kind != desk.Opened || !e.At.Equal(tk.OpenedAt) || e.State != desk.New || e.Priority != desk.P3 || e.Seq != -1 {
		t.Errorf("INC0000045 opened event %+v", e)
	}
	if e := inc45.Events[4]; e.Actor != "Updated by 908" || !e.At.Equal(utc("2016-03-05T12:00")) || e.Kind != desk.Updated {
		t.Errorf("INC0000045 last event %+v", e)
	}
}

func bytesReader(b []byte) io.Reader { return &sliceReader{b: b} }

type sliceReader struct{ b []byte }

func (s *sliceReader) Read(p []byte) (int, error) {
	if len(s.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p, s.b)
	s.b = s.b[n:]
	return n, nil
}
