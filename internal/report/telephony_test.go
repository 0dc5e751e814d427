package report

import (
	"testing"
	"time"
)

func TestCallKeyKeepsWhatTheFiguresCount(t *testing.T) {
	q := time.Date(2026, 6, 8, 8, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name  string
		times CallTimes
		want  Call
	}{
		{"answered", CallTimes{Queued: q, Answered: q.Add(12500 * time.Millisecond)}, Call{Queued: q, QueueSeconds: 12, Answered: true}},
		{"transferred, fixed ignored without a ticket", CallTimes{Queued: q, Answered: q.Add(time.Second), Transferred: q.Add(time.Minute), Fixed: true},
			Call{Queued: q, QueueSeconds: 1, Answered: true, Transferred: true}},
		{"with a ticket, fixed", CallTimes{Queued: q, Answered: q.Add(3 * time.Second), Ticketed: true, Fixed: true},
			Call{Queued: q, QueueSeconds: 3, Answered: true, Ticketed: true, Fixed: true}},
		{"abandoned", CallTimes{Queued: q, Abandoned: q.Add(90 * time.Second), Ticketed: true}, Call{Queued: q, QueueSeconds: 90, Abandoned: true}},
		{"still queued", CallTimes{Queued: q}, Call{Queued: q}},
		{"a clock gone backwards", CallTimes{Queued: q, Answered: q.Add(-time.Minute)}, Call{Queued: q, Answered: true}},
		{"a day in the queue is capped", CallTimes{Queued: q, Answered: q.AddDate(1, 0, 0)}, Call{Queued: q, QueueSeconds: maxQueueSeconds, Answered: true}},
	} {
		if got := UnpackCall(CallKey(c.times)); got != c.want {
			t.Errorf("%s: got %+v, want %+v", c.name, got, c.want)
		}
	}
}

func TestFirstTimeFixRule(t *testing.T) {
	answered := time.Date(2026, 6, 8, 9, 0, 0, 0, time.UTC)
	ended := answered.Add(5 * time.Minute)
	fix := CallFix{Agent: "Ann Lee", Answered: answered, Ended: ended, TicketResolved: ended.Add(30 * time.Minute),
		TicketAssignee: " ann lee ", TicketCalls: 1}
	if !fix.Fixed() {
		t.Fatal("resolved 30 minutes after the end by the agent who answered is a fix")
	}
	for name, change := range map[string]func(*CallFix){
		"resolved 31 minutes after": func(c *CallFix) { c.TicketResolved = ended.Add(31 * time.Minute) },
		"still open":                func(c *CallFix) { c.TicketResolved = time.Time{} },
		"transferred":               func(c *CallFix) { c.Transferred = true },
		"reopened":                  func(c *CallFix) { c.TicketReopened = true },
		"a second call":             func(c *CallFix) { c.TicketCalls = 2 },
		"another assignee":          func(c *CallFix) { c.TicketAssignee = "Second Line" },
		"no end, timed from answer": func(c *CallFix) { c.Ended = time.Time{} },
	} {
		c := fix
		change(&c)
		if c.Fixed() {
			t.Errorf("%s: counted as a first-time fix", name)
		}
	}
	noAssignee := fix
	noAssignee.TicketAssignee = ""
	if !noAssignee.Fixed() {
		t.Error("a ticket with no assignee, resolved in time, is not a fix")
	}
}
