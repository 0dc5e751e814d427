package ticketcsv

import (
	"errors"
	"strings"
	"testing"
)

// TestCSVRefusesInvalidUTF8 holds the encoding rule on both ticket formats:
// a value that is not valid UTF-8 is refused naming file, line and column;
// with SkipInvalid its ticket is skipped with that reason.
func TestCSVRefusesInvalidUTF8(t *testing.T) {
	first := "T1,2026-03-02T09:00,2026-03-02T09:00,new,P3,,,phone,incident\n"
	head := "ticket,event_at,opened_at,state,priority,impact,urgency,channel,type,title\n"
	row := strings.TrimSuffix(first, "\n")
	for _, tc := range []struct{ name, data, want string }{
		{"title", "\ufeff" + head + row + ",ok\n" + strings.Replace(row, "T1", "T2", 1) + ",Caf\xe9 printer\n",
			`t.csv: line 3: column "title": is not valid UTF-8 text (byte 0xE9 at byte 4 of the value); save the export as UTF-8`},
		{"header", "ticket,event_at,opened_at,t\xeftle\n", `t.csv: line 1: header field 4 is not valid UTF-8 text`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := firstError(CSV(strings.NewReader(tc.data), Options{File: "t.csv"}))
			var re *RowError
			if !errors.As(err, &re) {
				t.Fatalf("got %v, want a *RowError", err)
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error\n got %s\nwant %s", err, tc.want)
			}
		})
	}

	r, err := CSV(strings.NewReader(head+row+",Caf\xe9\n"+strings.Replace(row, "T1", "T2", 1)+",Café\n"), Options{File: "t.csv", SkipInvalid: true})
	if err != nil {
		t.Fatal(err)
	}
	recs := drain(t, r)
	if len(recs) != 1 || recs[0].Ticket.Title != "Café" {
		t.Errorf("imported %+v", recs)
	}
	if rej := r.Rejected(); len(rej) != 1 || rej[0].Line != 2 || !strings.HasPrefix(rej[0].Reason, `line 2: column "title": is not valid UTF-8`) {
		t.Errorf("rejected %+v", rej)
	}
}

func TestServiceNowRefusesInvalidUTF8(t *testing.T) {
	data := strings.Replace(snGood, "Networks,Bob,?,?", "Netw\xf6rks,Bob,?,?", 1)
	err := firstError(ServiceNow(strings.NewReader(data), Options{File: "sn.csv"}))
	want := `sn.csv: line 3: column "assignment_group": is not valid UTF-8 text (byte 0xF6 at byte 5 of the value)`
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error\n got %v\nwant %s...", err, want)
	}
}
