package desk_test

import (
	"testing"

	"github.com/ward-shared-service/ward/internal/desk"
)

// The parsers behind the CLI's --response/--resolution flags, the import
// columns and the forms: never panic, and what they accept reads back.
func FuzzParsers(f *testing.F) {
	for _, s := range []string{"15m", "4 h", "2d", "1.5 working days", "P3", "p1", "walk up", "awaiting_user", "high", "", "9999999999999999999h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if span, err := desk.ParseSpan(s); err == nil {
			if span.Amount < 0 {
				t.Fatalf("%q: negative target %v", s, span)
			}
			if _, err := desk.ParseSpan(span.String()); err != nil {
				t.Fatalf("%q: %v does not read back: %v", s, span, err)
			}
		}
		if p, err := desk.ParsePriority(s); err == nil && !p.Valid() {
			t.Fatalf("%q: accepted invalid priority %d", s, p)
		}
		if st, err := desk.ParseState(s); err == nil {
			if again, err := desk.ParseState(string(st)); err != nil || again != st {
				t.Fatalf("%q: state %q does not read back", s, st)
			}
		}
		if c, err := desk.ParseChannel(s); err == nil {
			if again, err := desk.ParseChannel(string(c)); err != nil || again != c {
				t.Fatalf("%q: channel %q does not read back", s, c)
			}
		}
		if l, err := desk.ParseLevel(s); err == nil {
			if p := desk.PriorityFor(l, l); !p.Valid() {
				t.Fatalf("%q: level %v gives priority %v", s, l, p)
			}
		}
	})
}

func TestPriorityMatrix(t *testing.T) {
	want := [3][3]desk.Priority{{desk.P1, desk.P2, desk.P3}, {desk.P2, desk.P3, desk.P4}, {desk.P3, desk.P4, desk.P4}}
	for i, impact := range []desk.Level{desk.High, desk.Medium, desk.Low} {
		for j, urgency := range []desk.Level{desk.High, desk.Medium, desk.Low} {
			if got := desk.PriorityFor(impact, urgency); got != want[i][j] {
				t.Errorf("impact %s × urgency %s = %s, want %s", impact, urgency, got, want[i][j])
			}
		}
	}
}
