package people

import "testing"

func TestParseKindAcceptsPluralsAndDefaultsToStaff(t *testing.T) {
	for in, want := range map[string]Kind{"": Staff, "Councillor": Councillor, "contractors": Contractor, " consultant ": Consultant} {
		if got, err := ParseKind(in); err != nil || got != want {
			t.Errorf("ParseKind(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseKind("volunteer"); err == nil {
		t.Error("a volunteer is not a kind ward knows")
	}
}

func TestCurrentEndsWithLeavingOrContract(t *testing.T) {
	cases := []struct {
		start, left, end, day string
		want                  bool
	}{
		{"", "", "", "2026-12-07", true},
		{"2027-01-04", "", "", "2026-12-07", false},
		{"", "2026-12-07", "", "2026-12-07", true}, // their last day
		{"", "2026-12-06", "", "2026-12-07", false},
		{"", "", "2026-11-30", "2026-12-07", false},
		{"", "2026-12-31", "2026-11-30", "2026-12-07", true}, // the leaving day wins
	}
	for _, c := range cases {
		if got := Current(c.start, c.left, c.end, c.day); got != c.want {
			t.Errorf("Current(%q, %q, %q, %q) = %v", c.start, c.left, c.end, c.day, got)
		}
	}
}
