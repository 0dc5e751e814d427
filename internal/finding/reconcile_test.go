package finding

import (
	"strings"
	"testing"
	"time"
)

var (
	day1 = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	day2 = day1.AddDate(0, 0, 7)
)

func laptop(serial string) Subject {
	return Subject{Kind: Device, Key: "serial:" + serial, Name: "LT-" + serial}
}

func obs(control, serial string, o Outcome) Observation {
	ob := Observation{Control: control, Subject: laptop(serial), Outcome: o, Severity: "high"}
	if o == Fail {
		ob.Evidence = []Evidence{{Field: "encrypted", Value: "no", Want: "yes"}}
	}
	return ob
}

// apply stores a plan the way the store would, so runs can follow each other.
func apply(held []Finding, p Plan) []Finding {
	byKey := map[Key]int{}
	for i := range held {
		byKey[held[i].KeyOf()] = i
	}
	for _, ch := range p.Updated {
		held[byKey[ch.Finding.KeyOf()]] = ch.Finding
	}
	for i, ch := range p.New {
		ch.Finding.ID = int64(len(held) + i + 1)
		held = append(held, ch.Finding)
	}
	return held
}

func TestARerunKeepsFailuresResolvesFixesAndNeverDuplicates(t *testing.T) {
	first := Reconcile(1, nil, []Observation{
		obs("disk-encryption", "A1", Fail), obs("disk-encryption", "B2", Fail), obs("disk-encryption", "C3", Fail),
		obs("firewall", "A1", Pass),
	}, day1)
	if c := first.Counts(); c.Opened != 3 || len(first.Updated) != 0 {
		t.Fatalf("first run: %+v", c)
	}
	held := apply(nil, first)

	// B2 was fixed, C3 was not checked this time, A1 still fails.
	second := Reconcile(1, held, []Observation{
		obs("disk-encryption", "A1", Fail), obs("disk-encryption", "B2", Pass), obs("firewall", "A1", Pass),
	}, day2)
	c := second.Counts()
	if c.Opened != 0 || c.Resolved != 1 || c.Kept != 1 {
		t.Fatalf("second run: %+v, want one resolved and one kept", c)
	}
	held = apply(held, second)
	for _, f := range held {
		switch f.Subject.Key {
		case "serial:A1":
			if f.State != Open || !f.FirstSeen.Equal(day1) || !f.LastSeen.Equal(day2) {
				t.Errorf("A1 = %s first %s last %s; want open, first seen on day 1, last seen on day 2", f.State, f.FirstSeen, f.LastSeen)
			}
		case "serial:B2":
			if f.State != Resolved || !f.ResolvedAt.Equal(day2) {
				t.Errorf("B2 = %s resolved %s; want resolved on day 2", f.State, f.ResolvedAt)
			}
		case "serial:C3":
			if f.State != Open || !f.LastSeen.Equal(day1) {
				t.Errorf("C3, not checked again, = %s last seen %s; want left open as last seen on day 1", f.State, f.LastSeen)
			}
		}
	}

	// B2 breaks again: the same finding reopens, keeping its first sighting.
	third := Reconcile(1, held, []Observation{obs("disk-encryption", "B2", Fail)}, day2.Add(time.Hour))
	if len(third.New) != 0 || len(third.Updated) != 1 || third.Updated[0].Event.Kind != Reopened {
		t.Fatalf("third run: %+v, want B2 reopened", third)
	}
	if f := third.Updated[0].Finding; f.State != Open || !f.FirstSeen.Equal(day1) || !f.ResolvedAt.IsZero() {
		t.Errorf("reopened B2 = %+v", f)
	}
}

func TestUnknownLeavesAFindingAloneAndNotApplicableResolvesIt(t *testing.T) {
	held := apply(nil, Reconcile(1, nil, []Observation{obs("screen-lock", "A1", Fail), obs("screen-lock", "B2", Fail)}, day1))
	p := Reconcile(1, held, []Observation{obs("screen-lock", "A1", Unknown), obs("screen-lock", "B2", NotApplicable)}, day2)
	if len(p.Updated) != 1 || p.Updated[0].Finding.Subject.Key != "serial:B2" || p.Updated[0].Finding.State != Resolved {
		t.Fatalf("plan = %+v; want only B2 resolved", p)
	}
	if p.Updated[0].Event.Note != "the control no longer applies" {
		t.Errorf("note = %q", p.Updated[0].Event.Note)
	}
	if len(Reconcile(1, nil, []Observation{obs("screen-lock", "Z9", Unknown)}, day1).New) != 0 {
		t.Error("an unknown outcome opened a finding")
	}
}

func TestAcceptedRiskStaysAcceptedUntilItExpires(t *testing.T) {
	held := apply(nil, Reconcile(1, nil, []Observation{obs("supported-os", "A1", Fail)}, day1))
	accepted, ev, err := Accept(held[0], Acceptance{Reason: "kiosk replaced in March", Owner: "Head of ICT", By: "ana",
		Expires: day1.AddDate(0, 0, 10)}, day1)
	if err != nil || accepted.State != Accepted || ev.Kind != AcceptedRisk {
		t.Fatalf("accept: %v %+v %+v", err, accepted, ev)
	}
	held[0] = accepted
	p := Reconcile(1, held, []Observation{obs("supported-os", "A1", Fail)}, day2)
	if f := p.Updated[0].Finding; f.State != Accepted || p.Updated[0].Event != nil {
		t.Errorf("within the acceptance: %s %+v; want still accepted, no event", f.State, p.Updated[0].Event)
	}
	p = Reconcile(1, held, []Observation{obs("supported-os", "A1", Fail)}, day1.AddDate(0, 0, 11))
	if f := p.Updated[0].Finding; f.State != Open || p.Updated[0].Event.Kind != AcceptExpired {
		t.Errorf("after expiry: %s %+v; want open again", f.State, p.Updated[0].Event)
	}
	if p.Counts().Expired != 1 {
		t.Errorf("counts = %+v", p.Counts())
	}
}

func TestAcceptanceNeedsReasonOwnerAndAnEndWithinAYear(t *testing.T) {
	f := Finding{State: Open}
	for _, tc := range []struct {
		a     Acceptance
		field string
	}{
		{Acceptance{Owner: "o", Expires: day2}, "reason"},
		{Acceptance{Reason: "r", Expires: day2}, "owner"},
		{Acceptance{Reason: "r", Owner: "o", Expires: day1.Add(-time.Hour)}, "expires"},
		{Acceptance{Reason: "r", Owner: "o", Expires: day1.AddDate(2, 0, 0)}, "expires"},
	} {
		_, _, err := Accept(f, tc.a, day1)
		ie, ok := err.(*InvalidError)
		if !ok || ie.Field != tc.field {
			t.Errorf("Accept(%+v) = %v, want an error on %s", tc.a, err, tc.field)
		}
	}
	if _, _, err := Accept(Finding{State: Resolved}, Acceptance{Reason: "r", Owner: "o", Expires: day2}, day1); err == nil {
		t.Error("accepted a resolved finding")
	}
}

func TestSeverityChangeIsRecorded(t *testing.T) {
	held := apply(nil, Reconcile(1, nil, []Observation{obs("security-updates", "A1", Fail)}, day1))
	o := obs("security-updates", "A1", Fail)
	o.Severity = "critical"
	p := Reconcile(1, held, []Observation{o}, day2)
	if f := p.Updated[0]; f.Finding.Severity != "critical" || f.Event == nil || f.Event.Kind != SeverityChanged {
		t.Errorf("update = %+v", f)
	}
}

func TestCSVDefusesFormulasFromImportedNames(t *testing.T) {
	var b strings.Builder
	f := Finding{ID: 7, OrgID: 1, Control: "firewall", Severity: "high", State: Open, FirstSeen: day1, LastSeen: day2,
		Subject:  Subject{Kind: Device, Key: "device:9", Name: "=HYPERLINK(\"http://x\")"},
		Evidence: []Evidence{{Field: "firewall", Value: "no", Want: "yes"}}}
	if err := WriteCSV(&b, []Finding{f}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 2 || !strings.Contains(lines[1], `'=HYPERLINK`) || !strings.Contains(lines[1], "firewall = no (want yes)") {
		t.Errorf("csv = %q", b.String())
	}
}
