package desksvc_test

import (
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/reader/ticketcsv"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// TestTextThatIsNotUTF8IsRefusedAlike: a ticket title that is not UTF-8 is
// the same invalid fault, with the same message, on SQLite and PostgreSQL
// (SQLite once stored it; PostgreSQL answered with its raw driver error).
// A ticket CSV carrying such a value is refused naming file, line and
// column, with nothing written.
func TestTextThatIsNotUTF8IsRefusedAlike(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		org := council(t, s, "ashcombe")
		svc := desksvc.New(s)
		clockAt(s, "2024-03-07 16:00")
		_, err := svc.Open(ctx, officerOf(org.ID), desksvc.NewTicket{OrgID: org.ID, Title: "Caf\xe9 printer jams",
			Impact: desk.Medium, Urgency: desk.Medium})
		f := fault.As(err)
		if f == nil || f.Kind != fault.KindInvalid || f.Field != "title" || f.Message != "text is not valid UTF-8" {
			t.Fatalf("got %v (%#v); want invalid title: text is not valid UTF-8", err, f)
		}

		data := "ticket,event_at,opened_at,title\n" +
			"T1,2024-03-01T09:00,2024-03-01T09:00,Printer jams\n" +
			"T2,2024-03-01T10:00,2024-03-01T10:00,Caf\xe9 printer jams\n"
		r, err := ticketcsv.CSV(strings.NewReader(data), ticketcsv.Options{File: "tickets.csv"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = svc.Import(ctx, operator, org.ID, "csv", "tickets.csv", r, nil)
		want := `tickets.csv: line 3: column "title": is not valid UTF-8 text (byte 0xE9 at byte 4 of the value); save the export as UTF-8`
		if err == nil || err.Error() != want {
			t.Fatalf("import: %v\nwant %s", err, want)
		}
		if list, _ := s.Tickets(ctx, tenancy.ScopeOf(org.ID), store.TicketFilter{}); len(list) != 0 {
			t.Errorf("%d tickets written; want none", len(list))
		}
	})
}
