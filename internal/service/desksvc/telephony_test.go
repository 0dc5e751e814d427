package desksvc_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/calendar"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/reader/callcsv"
	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// handCall is one row of the hand-worked table: when it joined the queue
// (London wall clock, British Summer Time), how long it waited, how it went
// and what happened to its ticket.
type handCall struct {
	id      string
	day     int    // June 2026: 8 is a Monday
	at      string // hh:mm local
	wait    int    // seconds to the answer or the hang-up
	outcome string // answered, abandoned, transferred, queued (webhook only)
	agent   string
	ticket  *handTicket
}

// handTicket is the ticket a call is linked to. Times are minutes after the
// call's end (answered + 5 minutes); negative is during the call.
type handTicket struct {
	resolvedAfter int // minutes after the call's end; 0 with open set means unresolved
	open          bool
	assignee      string
	reopened      bool
}

// The twenty calls of the week Monday 8 – Sunday 14 June 2026, and two just
// outside it. Each answered call lasts five minutes.
//
// Worked by hand:
//
//	offered 20 (c17 still queued, from the webhook); answered 15; abandoned 4 (c04 c08 c13 c19);
//	transferred 1 (c07)
//	answered within 20 s (wait ≤ 20): c01 5, c02 15, c03 20, c09 10, c11 3, c14 18, c16 8, c20 2 = 8 → 8/15 = 53.33%
//	answered within 60 s: those 8 + c05 25, c06 60, c10 45, c15 30, c18 40 = 13 → 13/15 = 86.67%
//	   (c07 61 and c12 120 are over)
//	percent answered 15/20 = 75.00; abandoned 4/20 = 20.00
//	queue times of the 19 answered or abandoned calls:
//	   answered 5+15+20+25+60+61+10+45+3+120+18+30+8+40+2 = 462; abandoned 30+90+5+200 = 325
//	   average 787/19 = 41.42 s
//	   sorted: 2 3 5 5 8 10 15 18 20 25 30 30 40 45 60 61 90 120 200;
//	   p90 nearest rank = ceil(0.9 × 19) = 18th = 120 s
//	by day: Mon c01–c05: 5 offered, 4 answered, 1 abandoned, 3 within 20, 4 within 60
//	        Tue c06–c10: 5, 4, 1, 1 (c09), 3 (c06 c09 c10), 1 transferred
//	        Wed c11–c15: 5, 4, 1, 2 (c11 c14), 3 (c11 c14 c15)
//	        Thu c16 c17: 2, 1, 0, 1, 1, 1 still queued
//	        Fri none; Sat c18 c19: 2, 1, 1, 0, 1; Sun c20: 1, 1, 0, 1, 1
//	by hour: 09 c01 c02 c03 c04 c14 c15: 6 offered, 5 answered, 1 abandoned, 4 within 20, 5 within 60,
//	           average (5+15+20+30+18+30)/6 = 118/6 = 19.67
//	         10 c05 c06 c07 c16 c17: 5, 4, 0, 1, 3, average (25+60+61+8)/4 = 38.50
//	         11 c08 c09: 2, 1, 1, 1, 1, average (90+10)/2 = 50
//	         12 c18 c19: 2, 1, 1, 0, 1, average (40+200)/2 = 120
//	         14 c10 c11 c12: 3, 3, 0, 1, 2, average (45+3+120)/3 = 56
//	         15 c13: 1, 0, 1, average 5;  23 c20: 1, 1, 0, 1, 1, average 2
//	90th percentile by day, nearest rank ceil(0.9 × n) of each day's waits (c17 has none):
//	   Mon 5 15 20 25 30 → 5th = 30;  Tue 10 45 60 61 90 → 5th = 90;  Wed 3 5 18 30 120 → 5th = 120;
//	   Thu 8 → 8;  Fri none → 0;  Sat 40 200 → 2nd = 200;  Sun 2 → 2
//	90th percentile by hour: 09 5 15 18 20 30 30 → ceil(5.4) = 6th = 30;  10 8 25 60 61 → ceil(3.6) = 4th = 61;
//	   11 10 90 → 90;  12 40 200 → 200;  14 3 45 120 → ceil(2.7) = 3rd = 120;  15 5;  23 2;  other hours 0
//	first-time fix: answered calls with a ticket c01 c02 c05 c07 c09 c11 c14 c16 c20 = 9
//	   fixed: c01 (resolved during the call by Ann), c02 (20 min after, Bob), c11 (no assignee, during),
//	   c20 (Bob, during; the call ends on Monday 15th but was queued on the 14th) = 4 → 44.44%
//	   not fixed: c05 resolved 45 min after; c07 transferred; c09 reopened; c14 assigned to Ann
//	   though Bob answered; c16 still open
//	   Ann: c01 c07 c11 c16 → 2 of 4 = 50%; Bob: c02 c05 c09 c14 c20 → 2 of 5 = 40%
var handCalls = []handCall{
	{"c00", 7, "23:59", 5, "answered", "Ann Lee", nil}, // Sunday before: outside
	{"c01", 8, "09:00", 5, "answered", "Ann Lee", &handTicket{resolvedAfter: -2, assignee: "Ann Lee"}},
	{"c02", 8, "09:10", 15, "answered", "Bob Khan", &handTicket{resolvedAfter: 20, assignee: "Bob Khan"}},
	{"c03", 8, "09:20", 20, "answered", "Ann Lee", nil},
	{"c04", 8, "09:40", 30, "abandoned", "", nil},
	{"c05", 8, "10:05", 25, "answered", "Bob Khan", &handTicket{resolvedAfter: 45, assignee: "Bob Khan"}},
	{"c06", 9, "10:30", 60, "answered", "Ann Lee", nil},
	{"c07", 9, "10:45", 61, "transferred", "Ann Lee", &handTicket{resolvedAfter: -1, assignee: "Second Line"}},
	{"c08", 9, "11:00", 90, "abandoned", "", nil},
	{"c09", 9, "11:15", 10, "answered", "Bob Khan", &handTicket{resolvedAfter: 5, assignee: "Bob Khan", reopened: true}},
	{"c10", 9, "14:00", 45, "answered", "Bob Khan", nil},
	{"c11", 10, "14:20", 3, "answered", "Ann Lee", &handTicket{resolvedAfter: -1}},
	{"c12", 10, "14:40", 120, "answered", "Ann Lee", nil},
	{"c13", 10, "15:00", 5, "abandoned", "", nil},
	{"c14", 10, "09:05", 18, "answered", "Bob Khan", &handTicket{resolvedAfter: -1, assignee: "Ann Lee"}},
	{"c15", 10, "09:30", 30, "answered", "Ann Lee", nil},
	{"c16", 11, "10:00", 8, "answered", "Ann Lee", &handTicket{open: true, assignee: "Ann Lee"}},
	{"c17", 11, "10:10", 0, "queued", "", nil}, // from the webhook, still waiting
	{"c18", 13, "12:00", 40, "answered", "Bob Khan", nil},
	{"c19", 13, "12:30", 200, "abandoned", "", nil},
	{"c20", 14, "23:59", 2, "answered", "Bob Khan", &handTicket{resolvedAfter: -3, assignee: "Bob Khan"}},
	{"c21", 15, "00:00", 5, "answered", "Ann Lee", nil}, // Monday after: outside
}

func TestTelephonyFiguresMatchTwentyCallsWorkedByHand(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		org := council(t, s, "ashcombe")
		svc := desksvc.New(s)
		clockAt(s, "2026-06-20 12:00")
		var imported []callcsv.Call
		refs := map[string]string{}
		for i, h := range handCalls {
			hh, mm := int(h.at[0]-'0')*10+int(h.at[1]-'0'), int(h.at[3]-'0')*10+int(h.at[4]-'0')
			queued := time.Date(2026, 6, h.day, hh, mm, 0, 0, london)
			if h.outcome == "queued" {
				if _, err := svc.Phone(ctx, tenancy.Hook(desksvc.PhoneHook, org.ID), unsigned(org.ID, h.id),
					desksvc.PhoneEvent{Event: desksvc.CallQueued, CallID: h.id, Caller: "01632 960017", At: queued, Queue: "Service desk"}); err != nil {
					t.Fatal(err)
				}
				continue
			}
			c := callcsv.Call{Line: i + 2, CallID: h.id, Queued: queued, Outcome: h.outcome, Agent: h.agent, Queue: "Service desk"}
			waited := queued.Add(time.Duration(h.wait) * time.Second)
			if h.outcome == "abandoned" {
				c.Abandoned, c.Ended = waited, waited
			} else {
				c.Answered, c.Ended = waited, waited.Add(5*time.Minute)
				if h.outcome == "transferred" {
					c.Transferred = waited.Add(time.Minute)
				}
			}
			if h.ticket != nil {
				c.TicketRef = handTicketFor(t, svc, org.ID, c, *h.ticket)
				refs[h.id] = c.TicketRef
			}
			imported = append(imported, c)
		}
		res, err := svc.ImportCalls(ctx, operator, org, "hand.csv", imported)
		if err != nil || res.New != len(imported) || res.Linked != 9 {
			t.Fatalf("import: %+v, %v", res, err)
		}
		// Importing the same log again changes nothing.
		if res, err = svc.ImportCalls(ctx, operator, org, "hand.csv", imported); err != nil || res.New != 0 {
			t.Fatalf("second import: %+v, %v", res, err)
		}

		first, last := calendar.Date{Year: 2026, Month: 6, Day: 8}, calendar.Date{Year: 2026, Month: 6, Day: 14}
		r, err := svc.TelephonyReport(ctx, agentOf(org.ID), org, first, last)
		if err != nil {
			t.Fatal(err)
		}
		want := report.CallTotals{CallFigures: report.CallFigures{Offered: 20, Answered: 15, Abandoned: 4, Transferred: 1, Waiting: 1,
			Within20: 8, Within60: 13, PercentAnswered: 75, PercentAbandoned: 20, PercentWithin20: 53.33, PercentWithin60: 86.67,
			AverageQueue: 41.42, P90Queue: 120}}
		if r.Calls != want {
			t.Errorf("totals\n got %+v\nwant %+v", r.Calls, want)
		}
		type row struct {
			offered, answered, abandoned, within20, within60 int
			p90                                              int64
		}
		wantDays := []row{{5, 4, 1, 3, 4, 30}, {5, 4, 1, 1, 3, 90}, {5, 4, 1, 2, 3, 120}, {2, 1, 0, 1, 1, 8}, {}, {2, 1, 1, 0, 1, 200}, {1, 1, 0, 1, 1, 2}}
		for i, d := range r.Days {
			if got := (row{d.Offered, d.Answered, d.Abandoned, d.Within20, d.Within60, d.P90Queue}); got != wantDays[i] {
				t.Errorf("%s: got %+v, want %+v", d.Name, got, wantDays[i])
			}
		}
		wantHours := map[string]row{"09:00": {6, 5, 1, 4, 5, 30}, "10:00": {5, 4, 0, 1, 3, 61}, "11:00": {2, 1, 1, 1, 1, 90},
			"12:00": {2, 1, 1, 0, 1, 200}, "14:00": {3, 3, 0, 1, 2, 120}, "15:00": {1, 0, 1, 0, 0, 5}, "23:00": {1, 1, 0, 1, 1, 2}}
		wantAverages := map[string]float64{"09:00": 19.67, "10:00": 38.5, "11:00": 50, "12:00": 120, "14:00": 56, "15:00": 5, "23:00": 2}
		for _, h := range r.Hours {
			if got := (row{h.Offered, h.Answered, h.Abandoned, h.Within20, h.Within60, h.P90Queue}); got != wantHours[h.Name] || h.AverageQueue != wantAverages[h.Name] {
				t.Errorf("hour %s: got %+v average %v, want %+v average %v", h.Name, got, h.AverageQueue, wantHours[h.Name], wantAverages[h.Name])
			}
		}
		if want := (report.FixFigures{WithTicket: 9, Fixed: 4, Rate: 44.44}); r.FirstTimeFix != want {
			t.Errorf("first-time fix: got %+v, want %+v", r.FirstTimeFix, want)
		}
		wantAgents := []report.FixFigures{{Agent: "Ann Lee", WithTicket: 4, Fixed: 2, Rate: 50}, {Agent: "Bob Khan", WithTicket: 5, Fixed: 2, Rate: 40}}
		if !reflect.DeepEqual(r.Agents, wantAgents) {
			t.Errorf("by agent: got %+v, want %+v", r.Agents, wantAgents)
		}
		// Reopening c01's ticket a week later takes its call out of the
		// first-time fixes: 3 of 9, Ann 1 of 4.
		tk, err := s.TicketByRef(ctx, tenancy.ScopeOf(org.ID), org.ID, refs["c01"])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Update(ctx, agentOf(org.ID), tk.ID, desksvc.Change{Reopen: true, Note: "still broken"}); err != nil {
			t.Fatal(err)
		}
		if r, err = svc.TelephonyReport(ctx, agentOf(org.ID), org, first, last); err != nil {
			t.Fatal(err)
		}
		if r.FirstTimeFix.Fixed != 3 || r.Agents[0].Fixed != 1 || r.Agents[1].Fixed != 2 {
			t.Errorf("after the reopening: %+v %+v", r.FirstTimeFix, r.Agents)
		}
		// An officer may not read the desk's figures.
		if _, err := svc.TelephonyReport(ctx, officerOf(org.ID), org, first, last); err == nil {
			t.Error("an officer read the telephony report")
		}
	})
}

// handTicketFor logs the ticket a hand call raised, with its resolution,
// assignee and any reopening, and returns its reference.
func handTicketFor(t *testing.T, svc *desksvc.Service, orgID int64, c callcsv.Call, h handTicket) string {
	t.Helper()
	opened := c.Answered
	tk := store.Ticket{OrgID: orgID, Ticket: desk.Ticket{Type: desk.Incident, Priority: desk.P3, Channel: desk.Phone, State: desk.InProgress,
		OpenedAt: opened, Title: "Call " + c.CallID, Caller: "Caller", Assignee: h.assignee}}
	events := []desk.Event{{At: opened, Kind: desk.Opened, State: desk.New, Priority: desk.P3, Actor: "test"},
		{At: opened, Kind: desk.Reassign, State: desk.InProgress, Assignee: h.assignee, Actor: "test"}}
	if !h.open {
		resolved := c.Ended.Add(time.Duration(h.resolvedAfter) * time.Minute)
		events = append(events, desk.Event{At: resolved, Kind: desk.Moved, State: desk.Resolved, Actor: "test"})
		if h.reopened {
			events = append(events, desk.Event{At: resolved.Add(time.Minute), Kind: desk.Reopened, State: desk.InProgress, Actor: "test"},
				desk.Event{At: resolved.Add(2 * time.Minute), Kind: desk.Moved, State: desk.Resolved, Actor: "test"})
			resolved = resolved.Add(2 * time.Minute)
		}
		tk.State, tk.ResolvedAt = desk.Resolved, resolved
	}
	if err := svc.Log(ctx, operator, &tk, events); err != nil {
		t.Fatal(err)
	}
	return tk.Ref
}
