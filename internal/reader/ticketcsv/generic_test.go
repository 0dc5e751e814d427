package ticketcsv

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
)

func openCSV(t *testing.T, data string, opt Options) Reader {
	t.Helper()
	r, err := CSV(strings.NewReader(data), opt)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func utc(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestCSVExample imports the example in docs/ticket-csv.md and checks it
// says what the document says it does.
func TestCSVExample(t *testing.T) {
	file, err := os.ReadFile(filepath.Join("testdata", "tickets.csv"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile(filepath.Join("..", "..", "..", "docs", "ticket-csv.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, block, _ := strings.Cut(string(doc), "```csv\n")
	block, _, _ = strings.Cut(block, "```")
	if block != string(file) {
		t.Errorf("the example in docs/ticket-csv.md differs from testdata/tickets.csv")
	}

	r := openCSV(t, string(file), Options{File: "tickets.csv"})
	recs := drain(t, r)
	if len(recs) != 2 || r.Rows() != 8 || len(r.Rejected()) != 0 {
		t.Fatalf("%d records from %d rows", len(recs), r.Rows())
	}
	inc := recs[0]
	want := desk.Ticket{Ref: "LBH-1042", Source: "csv", ExternalID: "LBH-1042", Type: desk.Incident, Priority: desk.P2,
		Impact: desk.Medium, Urgency: desk.High, Category: "Printing", Subcategory: "Print queue", Channel: desk.Phone,
		Title: "Second-floor printer queue stuck", Caller: "Priya Shah", CallerPhone: "01632 960001", Site: "Town Hall",
		AssignmentGroup: "Desktop Support", Assignee: "Sam Okafor", State: desk.Closed,
		OpenedAt: utc(t, "2026-03-02T09:12:00Z"), ResolvedAt: utc(t, "2026-03-02T11:05:00Z")}
	if inc.Ticket != want {
		t.Errorf("LBH-1042\n got %+v\nwant %+v", inc.Ticket, want)
	}
	wantEvents := []desk.Event{
		{At: utc(t, "2026-03-02T09:12:00Z"), Kind: desk.Opened, State: desk.New, Priority: desk.P2, Seq: -1},
		{At: utc(t, "2026-03-02T09:15:00Z"), Kind: desk.Updated, State: desk.New, Priority: desk.P2, AssignmentGroup: "Service Desk", Actor: "desk.agent1", Note: "Logged from a phone call", Seq: 0},
		{At: utc(t, "2026-03-02T09:40:00Z"), Kind: desk.Updated, State: desk.InProgress, AssignmentGroup: "Desktop Support", Assignee: "Sam Okafor", Actor: "sam.okafor", Note: "Restarting the spooler", Seq: 1},
		{At: utc(t, "2026-03-02T11:05:00Z"), Kind: desk.Updated, State: desk.Resolved, Actor: "sam.okafor", Note: "Spooler restarted, queue cleared", Seq: 2},
		{At: utc(t, "2026-03-04T11:05:00Z"), Kind: desk.Updated, State: desk.Closed, Actor: "system", Note: "Closed two days after resolution", Seq: 3},
	}
	if !slices.Equal(inc.Events, wantEvents) {
		t.Errorf("LBH-1042 events\n got %+v\nwant %+v", inc.Events, wantEvents)
	}
	if !slices.Equal(inc.Lines, []int{2, 2, 3, 4, 5}) {
		t.Errorf("LBH-1042 lines %v", inc.Lines)
	}

	req := recs[1]
	if req.Ticket.Type != desk.Request || req.Ticket.Priority != desk.P3 || req.Ticket.State != desk.Resolved ||
		req.Ticket.Channel != desk.Portal || req.Ticket.Assignee != "Jo Lee" || req.Ticket.AssignmentGroup != "End User Computing" ||
		!req.Ticket.ResolvedAt.Equal(utc(t, "2026-04-02T15:20:00Z")) || !req.Ticket.OpenedAt.Equal(utc(t, "2026-03-27T16:00:00Z")) {
		t.Errorf("REQ-0077: %+v", req.Ticket)
	}
	var at []string
	var prios []desk.Priority
	for _, e := range req.Events {
		at = append(at, e.At.Format(time.RFC3339))
		prios = append(prios, e.Priority)
	}
	if !slices.Equal(at, []string{"2026-03-27T16:00:00Z", "2026-03-27T16:00:00Z", "2026-03-30T08:30:00Z", "2026-04-02T13:00:00Z", "2026-04-02T15:20:00Z"}) ||
		!slices.Equal(prios, []desk.Priority{desk.P4, desk.P4, 0, desk.P3, 0}) {
		t.Errorf("REQ-0077 events at %v priorities %v", at, prios)
	}
}

const csvHead = "ticket,event_at,opened_at,state,priority,impact,urgency,channel,type\n"

func TestCSVPriority(t *testing.T) {
	for _, tc := range []struct {
		name, rows string
		opening    desk.Priority
		final      desk.Priority
	}{
		{"given", "T1,2026-03-02T09:00,2026-03-02T09:00,,P2,,,,\n", desk.P2, desk.P2},
		{"derived", "T1,2026-03-02T09:00,2026-03-02T09:00,,,high,high,,\n", desk.P1, desk.P1},
		{"given beats derived", "T1,2026-03-02T09:00,2026-03-02T09:00,,4,high,high,,\n", desk.P4, desk.P4},
		{"none is P3", "T1,2026-03-02T09:00,2026-03-02T09:00,,,,,,\n", desk.P3, desk.P3},
		{"half known is P3", "T1,2026-03-02T09:00,2026-03-02T09:00,,,low,,,\n", desk.P3, desk.P3},
		{"derived later", "T1,2026-03-02T09:00,2026-03-02T09:00,,,low,,,\nT1,2026-03-02T10:00,,,,,low,,\n", desk.P3, desk.P4},
		{"escalated", "T1,2026-03-02T09:00,2026-03-02T09:00,,P3,,,,\nT1,2026-03-02T10:00,,,,,,,\nT1,2026-03-02T11:00,,,P1,,,,\n", desk.P3, desk.P1},
		{"impact raised", "T1,2026-03-02T09:00,2026-03-02T09:00,,,medium,medium,,\nT1,2026-03-02T10:00,,,,high,,,\n", desk.P3, desk.P2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			recs := drain(t, openCSV(t, csvHead+tc.rows, Options{}))
			if len(recs) != 1 {
				t.Fatalf("%d records", len(recs))
			}
			if got := recs[0].Events[0].Priority; got != tc.opening {
				t.Errorf("opened at %v, want %v", got, tc.opening)
			}
			if got := recs[0].Ticket.Priority; got != tc.final {
				t.Errorf("ticket priority %v, want %v", got, tc.final)
			}
		})
	}
}

func TestCSVErrors(t *testing.T) {
	first := "T1,2026-03-02T09:00,2026-03-02T09:00,new,P3,,,phone,incident\n"
	for _, tc := range []struct {
		name, data, want string
	}{
		{"bad date", csvHead + "T1,2026-02-30T09:00,2026-03-02T09:00,,,,,,\n",
			`t.csv: line 2: column "event_at": "2026-02-30T09:00" is not a date and time (ISO 8601, such as 2026-03-02T09:15, 2026-03-02T09:15:00Z or 2026-03-02T09:15+01:00)`},
		{"day first", csvHead + "T1,2026-03-02T09:00,02/03/2026 09:00,,,,,,\n",
			`t.csv: line 2: column "opened_at": "02/03/2026 09:00" is not a date and time (ISO 8601, such as 2026-03-02T09:15, 2026-03-02T09:15:00Z or 2026-03-02T09:15+01:00)`},
		{"missing column", "ticket,opened_at\nT1,2026-03-02T09:00\n",
			`t.csv: line 1: column "event_at": is missing from the header; the required columns are ticket, event_at, opened_at`},
		{"unknown column", "Ticket,Event At,Opened-At,Assigne\n",
			`t.csv: line 1: column "Assigne": (field 4) is not a ticket CSV column; the columns are ticket, event_at, type, opened_at, state, priority, impact, urgency, category, subcategory, channel, title, description, caller, caller_phone, site, assignment_group, assignee, actor, note, resolved_at, closed_at`},
		{"unknown state", csvHead + first + "T1,2026-03-02T10:00,,parked,,,,,\n",
			`t.csv: line 3: column "state": "parked" is not a ticket state`},
		{"bad priority", csvHead + "T1,2026-03-02T09:00,2026-03-02T09:00,,P5,,,,\n",
			`t.csv: line 2: column "priority": "P5" is not a priority (P1 to P4)`},
		{"bad level", csvHead + "T1,2026-03-02T09:00,2026-03-02T09:00,,,severe,,,\n",
			`t.csv: line 2: column "impact": "severe" is not a level (high, medium or low)`},
		{"bad channel", csvHead + "T1,2026-03-02T09:00,2026-03-02T09:00,,,,,fax,\n",
			`t.csv: line 2: column "channel": "fax" is not a channel (portal, email, phone, walk-up or monitoring)`},
		{"bad type", csvHead + "T1,2026-03-02T09:00,2026-03-02T09:00,,,,,,problem\n",
			`t.csv: line 2: column "type": "problem" is not a ticket type (incident or request)`},
		{"no opening time", csvHead + "T1,2026-03-02T09:00,,,,,,,\n",
			`t.csv: line 2: column "opened_at": is empty; the first row of a ticket must say when it was opened`},
		{"opening time changed", csvHead + first + "T1,2026-03-02T10:00,2026-03-02T09:30,,,,,,\n",
			`t.csv: line 3: column "opened_at": "2026-03-02T09:30" differs from the opening time on line 2 (2026-03-02T09:00:00Z); later rows may repeat it or leave it blank`},
		{"no event time", csvHead + "T1,,2026-03-02T09:00,,,,,,\n",
			`t.csv: line 2: column "event_at": is empty; every row needs the time of its event`},
		{"no ticket", csvHead + ",2026-03-02T09:00,2026-03-02T09:00,,,,,,\n",
			`t.csv: line 2: column "ticket": is empty; every row needs the ticket's number`},
		{"rows out of order", csvHead + first + "T1,2026-03-02T10:00,,,,,,,\nT1,2026-03-02T09:59,,,,,,,\n",
			`t.csv: line 4: column "event_at": "2026-03-02T09:59" is earlier than the row before it (line 3, 2026-03-02T10:00:00Z); a ticket's rows must be in time order`},
		{"event before open", csvHead + "T1,2026-03-02T08:59,2026-03-02T09:00,,,,,,\n",
			`t.csv: line 2: ticket T1: event 2 (update 0) at 2026-03-02T08:59:00Z, before the ticket was opened at 2026-03-02T09:00:00Z`},
		{"non-contiguous ticket", csvHead + first + strings.Replace(first, "T1", "T2", 1) + "T1,2026-03-02T10:00,,,,,,,\n",
			`t.csv: line 4: ticket T1: its rows are not together: they began on line 2, and other tickets come between; sort the file so each ticket's rows are contiguous`},
		{"long row", csvHead + strings.TrimSuffix(first, "\n") + ",extra\n",
			`t.csv: line 2: ticket T1: the row has 10 fields, but the header has 9`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := firstError(CSV(strings.NewReader(tc.data), Options{File: "t.csv"}))
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

func TestCSVSkipsBadTicketsAndReadsGzip(t *testing.T) {
	data := csvHead +
		"T1,2026-03-02T09:00,2026-03-02T09:00,new,,,,,\n" +
		"T2,2026-03-02T09:00,2026-03-02T09:00,new,,,,,\n" +
		"T2,2026-03-02T10:00,,parked,,,,,\n" +
		"T3,2026-03-02T09:00,2026-03-02T09:00,new,,,,,\n"
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write([]byte(data))
	zw.Close()
	r, err := CSV(&z, Options{File: "t.csv.gz", SkipInvalid: true})
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for _, rec := range drain(t, r) {
		refs = append(refs, rec.Ticket.Ref)
	}
	if !slices.Equal(refs, []string{"T1", "T3"}) {
		t.Errorf("imported %v", refs)
	}
	rej := r.Rejected()
	if len(rej) != 2 || rej[0].Line != 3 || rej[1].Line != 4 || rej[1].Ticket != "T2" ||
		rej[1].Reason != `line 4: column "state": "parked" is not a ticket state` ||
		!strings.HasPrefix(rej[0].Reason, "skipped with the rest of ticket T2: line 4: ") ||
		!slices.Equal(rej[1].Raw, []string{"T2", "2026-03-02T10:00", "", "parked", "", "", "", "", ""}) {
		t.Errorf("rejected %+v", rej)
	}
}

func TestParseISO(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ in, want string }{
		{"2026-03-02T09:15", "2026-03-02T09:15:00Z"},
		{"2026-06-02T09:15", "2026-06-02T08:15:00Z"},
		{"2026-06-02 09:15:30", "2026-06-02T08:15:30Z"},
		{"2026-06-02t09:15:30.25", "2026-06-02T08:15:30.25Z"},
		{"2026-06-02T09:15Z", "2026-06-02T09:15:00Z"},
		{"2026-06-02T09:15:00+01:00", "2026-06-02T08:15:00Z"},
		{"2026-06-02T09:15-0230", "2026-06-02T11:45:00Z"},
		{"2026-06-02T09:15+05", "2026-06-02T04:15:00Z"},
		{"2026-03-29T01:30", "2026-03-29T01:30:00Z"}, // the hour London skips
		{"2026-10-25T01:30", "2026-10-25T01:30:00Z"}, // the hour London repeats: the GMT one
		{"2024-02-29T00:00", "2024-02-29T00:00:00Z"},
		{"2026-02-29T00:00", ""}, {"2026-03-02", ""}, {"2026-03-02T9:15", ""}, {"2026-03-02T09:15+1", ""},
		{"2026-03-02T09:15:00.", ""}, {"2026-03-02T24:00", ""}, {"2026-03-02T09:15+01:00x", ""},
		{"2026-3-02T09:15", ""}, {"02/03/2026 09:15", ""}, {"", ""}, {"2026-03-02T09:15 ", ""},
	} {
		got, ok := parseISO(tc.in, london)
		s := ""
		if ok {
			s = got.Format(time.RFC3339Nano)
		}
		if s != tc.want {
			t.Errorf("parseISO(%q) = %q, want %q", tc.in, s, tc.want)
		}
	}
}
