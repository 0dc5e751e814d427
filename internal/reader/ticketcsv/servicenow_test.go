package ticketcsv

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
)

const snHead = "number,incident_state,sys_mod_count,opened_at,sys_updated_at,sys_updated_by,priority,impact,urgency,contact_type,assignment_group,assigned_to,resolved_at,closed_at\n"

// Two incidents; INC2's rows are out of update order, as in real exports.
const snGood = snHead +
	"INC1,New,0,1/3/2016 09:00,1/3/2016 09:05,alice,3 - Moderate,2 - Medium,2 - Medium,Phone,Service Desk,?,?,?\n" +
	"INC1,Active,1,1/3/2016 09:00,1/3/2016 10:00,bob,2 - High,1 - High,2 - Medium,Phone,Networks,Bob,?,?\n" +
	"INC1,Resolved,2,1/3/2016 09:00,2/3/2016 16:30,bob,2 - High,1 - High,2 - Medium,Phone,Networks,Bob,2/3/2016 16:30,?\n" +
	"INC2,Awaiting Vendor,1,1/6/2016 08:00,1/6/2016 09:00,carol,4 - Low,3 - Low,3 - Low,Self service,Apps,Carol,?,?\n" +
	"INC2,New,0,1/6/2016 08:00,1/6/2016 08:00,carol,4 - Low,3 - Low,3 - Low,Self service,Apps,?,?,?\n"

func openSN(t *testing.T, data string, opt Options) Reader {
	t.Helper()
	r, err := ServiceNow(strings.NewReader(data), opt)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestServiceNowMapsTicketsAndHistory(t *testing.T) {
	r := openSN(t, snGood, Options{File: "sn.csv"})
	recs := drain(t, r)
	if len(recs) != 2 || r.Rows() != 5 {
		t.Fatalf("%d records from %d rows, want 2 from 5", len(recs), r.Rows())
	}
	a := recs[0]
	at := func(s string) time.Time { v, _ := time.Parse(time.RFC3339, s); return v }
	want := desk.Ticket{Ref: "INC1", Source: "servicenow", ExternalID: "INC1", Type: desk.Incident, Priority: desk.P2,
		Impact: desk.High, Urgency: desk.Medium, Channel: desk.Phone, Title: "INC1", AssignmentGroup: "Networks",
		Assignee: "Bob", State: desk.Resolved, OpenedAt: at("2016-03-01T09:00:00Z"), ResolvedAt: at("2016-03-02T16:30:00Z")}
	if a.Ticket != want {
		t.Errorf("ticket\n got %+v\nwant %+v", a.Ticket, want)
	}
	wantEvents := []desk.Event{
		{At: at("2016-03-01T09:00:00Z"), Kind: desk.Opened, State: desk.New, Priority: desk.P3, Seq: -1},
		{At: at("2016-03-01T09:05:00Z"), Kind: desk.Updated, State: desk.New, Priority: desk.P3, AssignmentGroup: "Service Desk", Actor: "alice", Seq: 0},
		{At: at("2016-03-01T10:00:00Z"), Kind: desk.Updated, State: desk.InProgress, Priority: desk.P2, AssignmentGroup: "Networks", Assignee: "Bob", Actor: "bob", Seq: 1},
		{At: at("2016-03-02T16:30:00Z"), Kind: desk.Updated, State: desk.Resolved, Priority: desk.P2, AssignmentGroup: "Networks", Assignee: "Bob", Actor: "bob", Seq: 2},
	}
	if !slices.Equal(a.Events, wantEvents) {
		t.Errorf("events\n got %+v\nwant %+v", a.Events, wantEvents)
	}
	if !slices.Equal(a.Lines, []int{2, 2, 3, 4}) {
		t.Errorf("lines %v", a.Lines)
	}

	// British Summer Time: 08:00 in London on 1 June is 07:00 UTC.
	b := recs[1]
	if !b.Ticket.OpenedAt.Equal(at("2016-06-01T07:00:00Z")) || b.Ticket.Channel != desk.Portal ||
		b.Ticket.State != desk.AwaitingSupplier || b.Ticket.Priority != desk.P4 {
		t.Errorf("INC2: %+v", b.Ticket)
	}
	if !slices.Equal(b.Lines, []int{6, 6, 5}) || b.Events[1].Seq != 0 || b.Events[2].Seq != 1 {
		t.Errorf("INC2 is not in sys_mod_count order: lines %v events %+v", b.Lines, b.Events)
	}
	if a.Hash == b.Hash || len(a.Hash) != 64 {
		t.Errorf("hashes %q %q", a.Hash, b.Hash)
	}
}

func TestServiceNowErrors(t *testing.T) {
	row := func(number, state, mod, opened, updated, priority string) string {
		return strings.Join([]string{number, state, mod, opened, updated, "x", priority, "2 - Medium", "2 - Medium", "Phone", "G", "?", "?", "?"}, ",") + "\n"
	}
	ok := func(n, mod, updated string) string {
		return row(n, "Active", mod, "1/3/2016 09:00", updated, "3 - Moderate")
	}
	for _, tc := range []struct {
		name, data, want string
	}{
		{"bad date", snHead + ok("INC1", "0", "1/3/2016 09:01") + row("INC1", "Active", "1", "31/02/2016 10:00", "1/3/2016 09:02", "3 - Moderate"),
			`sn.csv: line 3: column "opened_at": "31/02/2016 10:00" is not a date (d/m/yyyy hh:mm)`},
		{"date in another format", snHead + ok("INC1", "0", "2016-03-01 09:01"),
			`sn.csv: line 2: column "sys_updated_at": "2016-03-01 09:01" is not a date (d/m/yyyy hh:mm)`},
		{"empty required date", snHead + ok("INC1", "0", "?"),
			`sn.csv: line 2: column "sys_updated_at": is empty; every row needs the time of the update`},
		{"missing column", strings.Replace(snHead, ",priority", "", 1) + "INC1,New,0,1/3/2016 09:00,1/3/2016 09:05,a,2 - Medium,2 - Medium,Phone,G,?,?,?\n",
			`sn.csv: line 1: column "priority": is missing from the header; the required columns are number, incident_state, sys_mod_count, opened_at, sys_updated_at, priority`},
		{"column twice", strings.Replace(snHead, "impact", "Priority", 1),
			`sn.csv: line 1: column "priority": appears twice in the header (fields 7 and 8)`},
		{"empty file", "", `sn.csv: line 1: the file is empty: expected a header row`},
		{"unknown state", snHead + ok("INC1", "0", "1/3/2016 09:01") + row("INC1", "-100", "1", "1/3/2016 09:00", "1/3/2016 09:02", "3 - Moderate"),
			`sn.csv: line 3: column "incident_state": "-100" is not an incident state ward knows (New, Active, Awaiting User Info, Awaiting Evidence, Awaiting Vendor, Awaiting Problem, Resolved, Closed)`},
		{"bad mod count", snHead + ok("INC1", "two", "1/3/2016 09:01"),
			`sn.csv: line 2: column "sys_mod_count": "two" is not a whole number`},
		{"bad priority", snHead + row("INC1", "New", "0", "1/3/2016 09:00", "1/3/2016 09:00", "5 - Planning"),
			`sn.csv: line 2: column "priority": "5 - Planning" is not a priority (1 - Critical, 2 - High, 3 - Moderate or 4 - Low)`},
		{"bad impact", snHead + strings.Replace(ok("INC1", "0", "1/3/2016 09:01"), ",2 - Medium,", ",4 - Trivial,", 1),
			`sn.csv: line 2: column "impact": "4 - Trivial" is not a level (1 - High, 2 - Medium or 3 - Low)`},
		{"unknown contact type", snHead + strings.Replace(ok("INC1", "0", "1/3/2016 09:01"), "Phone", "Fax", 1),
			`sn.csv: line 2: column "contact_type": "Fax" is not a contact type ward knows (Phone, Email, Self service, Walk-in, Monitoring)`},
		{"no number", snHead + ok("?", "0", "1/3/2016 09:01"),
			`sn.csv: line 2: column "number": is empty; every row needs the incident number`},
		{"short row", snHead + "INC1,New,0\n",
			`sn.csv: line 2: ticket INC1: the row has 3 fields, but the header has 14`},
		{"duplicate mod count", snHead + ok("INC1", "0", "1/3/2016 09:01") + ok("INC1", "1", "1/3/2016 09:02") + ok("INC1", "1", "1/3/2016 09:03"),
			`sn.csv: line 4: ticket INC1: sys_mod_count 1 appears twice, on lines 3 and 4; each update has its own count`},
		{"event before open", snHead + ok("INC1", "0", "1/3/2016 08:59"),
			`sn.csv: line 2: ticket INC1: event 2 (update 0) at 2016-03-01T08:59:00Z, before the ticket was opened at 2016-03-01T09:00:00Z`},
		{"back in time", snHead + ok("INC1", "0", "1/3/2016 09:30") + ok("INC1", "1", "1/3/2016 09:10"),
			`sn.csv: line 3: ticket INC1: event 3 (update 1) at 2016-03-01T09:10:00Z, earlier than the event before it at 2016-03-01T09:30:00Z`},
		{"non-contiguous number", snHead + ok("INC1", "0", "1/3/2016 09:01") + ok("INC2", "0", "1/3/2016 09:01") + ok("INC1", "1", "1/3/2016 09:02"),
			`sn.csv: line 4: ticket INC1: its rows are not together: they began on line 2, and other tickets come between; sort the file so each ticket's rows are contiguous`},
		{"broken quoting", snHead + ok("INC1", "0", "1/3/2016 09:01") + `INC2,"New,0` + "\n",
			`sn.csv: line 3: not valid CSV: extraneous or missing " in quoted-field (character 13); the import cannot read on`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := firstError(ServiceNow(strings.NewReader(tc.data), Options{File: "sn.csv", Strict: true}))
			var re *RowError
			if !errors.As(err, &re) {
				t.Fatalf("got %v, want a *RowError", err)
			}
			if err.Error() != tc.want {
				t.Errorf("error\n got %s\nwant %s", err, tc.want)
			}
		})
	}
}

// firstError opens and reads a file to its first error.
func firstError(r Reader, err error) error {
	if err != nil {
		return err
	}
	for {
		if _, err := r.Next(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}

func TestServiceNowSkipsBadTicketsWhole(t *testing.T) {
	data := snHead +
		"INC1,New,0,1/3/2016 09:00,1/3/2016 09:05,a,3 - Moderate,?,?,Phone,G,?,?,?\n" +
		"INC2,New,0,1/3/2016 09:00,1/3/2016 09:05,a,3 - Moderate,?,?,Phone,G,?,?,?\n" +
		"INC2,Bogus,1,1/3/2016 09:00,1/3/2016 09:06,a,3 - Moderate,?,?,Phone,G,?,?,?\n" +
		"INC2,Closed,2,1/3/2016 09:00,1/3/2016 09:07,a,3 - Moderate,?,?,Phone,G,?,?,?\n" +
		"INC3,New,0,1/3/2016 09:00,1/3/2016 08:05,a,3 - Moderate,?,?,Phone,G,?,?,?\n" +
		"INC4,New,0,1/3/2016 09:00,1/3/2016 09:05,a,3 - Moderate,?,?,Email,G,?,?,?\n"
	r := openSN(t, data, Options{File: "sn.csv", SkipInvalid: true, Strict: true})
	var refs []string
	for _, rec := range drain(t, r) {
		refs = append(refs, rec.Ticket.Ref)
	}
	if !slices.Equal(refs, []string{"INC1", "INC4"}) || r.Rows() != 6 {
		t.Fatalf("imported %v from %d rows, want INC1 and INC4 from 6", refs, r.Rows())
	}
	var out bytes.Buffer
	if err := WriteRejected(&out, r.Header(), r.Rejected()); err != nil {
		t.Fatal(err)
	}
	want := "line,ticket,reason," + strings.TrimSuffix(snHead, "\n") + "\n" +
		`3,INC2,"skipped with the rest of ticket INC2: line 4: column ""incident_state"": ""Bogus"" is not an incident state ward knows (New, Active, Awaiting User Info, Awaiting Evidence, Awaiting Vendor, Awaiting Problem, Resolved, Closed)",INC2,New,0,1/3/2016 09:00,1/3/2016 09:05,a,3 - Moderate,?,?,Phone,G,?,?,?` + "\n" +
		`4,INC2,"line 4: column ""incident_state"": ""Bogus"" is not an incident state ward knows (New, Active, Awaiting User Info, Awaiting Evidence, Awaiting Vendor, Awaiting Problem, Resolved, Closed)",INC2,Bogus,1,1/3/2016 09:00,1/3/2016 09:06,a,3 - Moderate,?,?,Phone,G,?,?,?` + "\n" +
		`5,INC2,"skipped with the rest of ticket INC2: line 4: column ""incident_state"": ""Bogus"" is not an incident state ward knows (New, Active, Awaiting User Info, Awaiting Evidence, Awaiting Vendor, Awaiting Problem, Resolved, Closed)",INC2,Closed,2,1/3/2016 09:00,1/3/2016 09:07,a,3 - Moderate,?,?,Phone,G,?,?,?` + "\n" +
		`6,INC3,"line 6: ticket INC3: event 2 (update 0) at 2016-03-01T08:05:00Z, before the ticket was opened at 2016-03-01T09:00:00Z",INC3,New,0,1/3/2016 09:00,1/3/2016 08:05,a,3 - Moderate,?,?,Phone,G,?,?,?` + "\n"
	if out.String() != want {
		t.Errorf("rejected report\n got %s\nwant %s", out.String(), want)
	}
}

func TestServiceNowReadsGzip(t *testing.T) {
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write([]byte(snGood))
	zw.Close()
	plain := drain(t, openSN(t, snGood, Options{}))
	gz, err := ServiceNow(&z, Options{})
	if err != nil {
		t.Fatal(err)
	}
	zipped := drain(t, gz)
	if len(plain) != 2 || len(zipped) != 2 || plain[0].Hash != zipped[0].Hash || plain[1].Hash != zipped[1].Hash {
		t.Errorf("plain and gzipped differ: %d and %d records", len(plain), len(zipped))
	}
	if _, err := ServiceNow(bytes.NewReader([]byte{0x1f, 0x8b, 1, 2}), Options{File: "x.gz"}); err == nil ||
		!strings.HasPrefix(err.Error(), "x.gz: ") {
		t.Errorf("a broken gzip file gave %v", err)
	}
}

func TestHashIsStableAndSeesChanges(t *testing.T) {
	hashes := func(data string) []string {
		var out []string
		for _, rec := range drain(t, openSN(t, data, Options{})) {
			out = append(out, rec.Hash)
		}
		return out
	}
	first, again := hashes(snGood), hashes(snGood)
	if !slices.Equal(first, again) {
		t.Fatalf("two reads of one file hash differently: %v %v", first, again)
	}
	// A changed assignee in INC1's last row changes INC1 only.
	changed := hashes(strings.Replace(snGood, "Networks,Bob,2/3/2016 16:30", "Networks,Dave,2/3/2016 16:30", 1))
	if changed[0] == first[0] || changed[1] != first[1] {
		t.Errorf("after a change: %v, before %v", changed, first)
	}
	// Moving a ticket within the file (so its lines change) is no change.
	lines := strings.SplitAfter(snGood, "\n")
	moved := lines[0] + strings.Join(lines[4:], "") + strings.Join(lines[1:4], "")
	if m := hashes(moved); m[1] != first[0] || m[0] != first[1] {
		t.Errorf("moving tickets changed their hashes")
	}
}

func TestServiceNowLocalTimes(t *testing.T) {
	at := func(s string, loc *time.Location) time.Time {
		r := openSN(t, snHead+"INC1,New,0,"+s+","+s+",a,3 - Moderate,?,?,?,?,?,?,?\n", Options{Location: loc})
		rec, err := r.Next()
		if err != nil {
			t.Fatal(err)
		}
		return rec.Ticket.OpenedAt
	}
	for _, tc := range []struct {
		in   string
		loc  *time.Location
		want string
	}{
		{"29/2/2016 01:16", nil, "2016-02-29T01:16:00Z"},
		{"1/6/2016 10:00", nil, "2016-06-01T09:00:00Z"},
		// The sample closes tickets at 01:59 on the morning the clocks went
		// forward, a time London never showed: read with the offset before.
		{"27/3/2016 01:59", nil, "2016-03-27T01:59:00Z"},
		{"27/3/2016 02:00", nil, "2016-03-27T01:00:00Z"},
		{"1/6/2016 10:00:30", time.UTC, "2016-06-01T10:00:30Z"},
	} {
		if got := at(tc.in, tc.loc).Format(time.RFC3339); got != tc.want {
			t.Errorf("%s in %v: got %s, want %s", tc.in, tc.loc, got, tc.want)
		}
	}
}

func TestParseDMY(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"29/2/2016 01:16", true}, {"29/02/2016 1:16", true}, {"31/12/2016 23:59:59", true},
		{"29/2/2015 01:16", false}, {"31/4/2016 10:00", false}, {"0/1/2016 10:00", false}, {"1/13/2016 10:00", false},
		{"1/1/2016 24:00", false}, {"1/1/2016 10:60", false}, {"1/1/16 10:00", false}, {"1/1/2016", false},
		{"1/1/2016 10:00:", false}, {"1/1/2016 10:00 ", false}, {"", false}, {"1/1/2016T10:00", false},
	} {
		if _, ok := parseDMY(tc.in, time.UTC); ok != tc.ok {
			t.Errorf("parseDMY(%q) ok = %v", tc.in, ok)
		}
	}
}
