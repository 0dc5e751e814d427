package policy

import (
	"testing"
	"time"
)

var day0 = time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC)

func TestAMinorVersionKeepsCurrentAcceptancesAndAMaterialOneDoesNot(t *testing.T) {
	v := []Version{{Number: 1, PublishedAt: day0}, {Number: 2, PublishedAt: day0.AddDate(0, 1, 0)}}
	if !Current(v, []int{1}) {
		t.Fatal("a minor second version made the first acceptance stale")
	}
	v = append(v, Version{Number: 3, Material: true, PublishedAt: day0.AddDate(0, 2, 0)})
	if Current(v, []int{1, 2}) {
		t.Fatal("acceptances before a material version still count")
	}
	v = append(v, Version{Number: 4, PublishedAt: day0.AddDate(0, 3, 0)})
	if !Current(v, []int{3}) || !Current(v, []int{4}) || Current(v, nil) {
		t.Fatal("the material version or a later minor one should count, and nothing should not")
	}
	if b, _ := Binding(v); b.Number != 3 {
		t.Fatalf("binding version %d, want 3", b.Number)
	}
	if !Current(nil, nil) {
		t.Fatal("with nothing published nobody can be missing")
	}
}

func TestDeadlineCountsFromPublishOrALaterStart(t *testing.T) {
	v := Version{Number: 2, Material: true, PublishedAt: day0}
	if got := Deadline(v, 14, "2020-01-01"); !got.Equal(day0.AddDate(0, 0, 14)) {
		t.Errorf("old hand's deadline %v", got)
	}
	if got := Deadline(v, 14, "2026-10-01"); got.Format(time.DateOnly) != "2026-10-15" {
		t.Errorf("newcomer's deadline %v, want 14 days from their start", got)
	}
}

func TestAudienceBindsKindsAndTeams(t *testing.T) {
	a := Audience{Kinds: ParseList("staff, contractor"), Teams: ParseList("Finance")}
	if !a.Binds("staff", "finance") || a.Binds("staff", "Housing") || a.Binds("councillor", "Finance") {
		t.Fatal("audience does not bind by kind and team")
	}
	if !(Audience{}).Binds("councillor", "") {
		t.Fatal("an empty audience should bind everyone")
	}
}

func TestReviewOverdueAndHash(t *testing.T) {
	if !ReviewOverdue("2026-08-31", day0) || ReviewOverdue("2026-09-01", day0) || ReviewOverdue("", day0) {
		t.Fatal("review overdue is wrong")
	}
	if Hash("a") == Hash("a ") || len(Hash("")) != 64 {
		t.Fatal("hash does not tell bodies apart")
	}
}

func TestRemindersAreSpacedCappedAndEscalateOnce(t *testing.T) {
	s := Schedule{EveryDays: 7, Max: 2}
	deadline := day0.AddDate(0, 0, 21)
	c := Chase{LastSent: day0}
	if s.Next(c, deadline, day0.AddDate(0, 0, 6), true) != Nothing {
		t.Fatal("reminded before the interval")
	}
	if s.Next(c, deadline, day0.AddDate(0, 0, 7), true) != Remind {
		t.Fatal("no reminder after the interval")
	}
	c = Chase{Sent: 2, LastSent: day0.AddDate(0, 0, 14)}
	if s.Next(c, deadline, day0.AddDate(0, 0, 20), true) != Nothing {
		t.Fatal("reminders are not capped")
	}
	if s.Next(c, deadline, deadline, true) != Escalate || s.Next(c, deadline, deadline, false) != Nothing {
		t.Fatal("escalation should go at the deadline, and only with a manager")
	}
	c.Escalated = true
	if s.Next(c, deadline, deadline.AddDate(0, 1, 0), true) != Nothing {
		t.Fatal("escalated twice")
	}
}
