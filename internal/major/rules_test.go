package major

import (
	"testing"
	"time"
)

func TestNoticesAreDampedButResolutionAlwaysGetsThrough(t *testing.T) {
	t0 := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	gap := 30 * time.Minute
	cases := []struct {
		name      string
		lastAt    time.Time
		lastPhase Phase
		phase     Phase
		now       time.Time
		want      bool
	}{
		{"never told", time.Time{}, "", Investigating, t0, true},
		{"inside the gap", t0, Investigating, Identified, t0.Add(10 * time.Minute), false},
		{"gap passed", t0, Investigating, Identified, t0.Add(30 * time.Minute), true},
		{"resolved inside the gap", t0, Identified, Fixed, t0.Add(time.Minute), true},
		{"resolved again inside the gap", t0, Fixed, Fixed, t0.Add(time.Minute), false},
	}
	for _, c := range cases {
		if got := NoticeDue(c.lastAt, c.lastPhase, c.phase, gap, c.now); got != c.want {
			t.Errorf("%s: NoticeDue = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestRulesProposeOnABurstOrACriticalService(t *testing.T) {
	t0 := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	s := Settings{BurstTickets: 3, BurstWindow: 30 * time.Minute, Critical: []string{"Revenues"}}
	at := func(id int64, p int, svc string, min int) Recent {
		return Recent{TicketID: id, Priority: p, Service: svc, Opened: t0.Add(time.Duration(min) * time.Minute)}
	}
	burst := []Recent{at(1, 2, "Email", 0), at(2, 1, "email ", 10), at(3, 2, "Email", 20)}
	if p, ok := s.Propose(burst[2], burst); !ok || p.TicketID != 3 || len(p.Children) != 2 {
		t.Errorf("three urgent tickets in 20 minutes: %+v %v", p, ok)
	}
	late := at(4, 2, "Email", 45)
	if _, ok := s.Propose(late, append(burst[1:], late)); ok {
		t.Error("two in the window proposed a candidate")
	}
	low := []Recent{at(1, 3, "Email", 0), at(2, 3, "Email", 1), at(3, 2, "Email", 2)}
	if _, ok := s.Propose(low[2], low); ok {
		t.Error("P3 tickets counted towards a burst")
	}
	if p, ok := s.Propose(at(9, 1, " revenues", 0), nil); !ok || p.TicketID != 9 {
		t.Errorf("a P1 on a critical service: %+v %v", p, ok)
	}
	if _, ok := s.Propose(at(9, 2, "Revenues", 0), nil); ok {
		t.Error("a P2 on a critical service proposed alone")
	}
}
