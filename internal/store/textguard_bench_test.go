package store

import (
	"testing"
	"time"
)

// BenchmarkTextArgs is the guard's cost for one ticket row of an import:
// 38 arguments, a dozen of them text, some beyond ASCII.
func BenchmarkTextArgs(b *testing.B) {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	row := []any{int64(1), int64(2), "INC0012345", "servicenow", "INC0012345", "incident", 3, 3, 3, "Hardware", "Printer",
		"phone", "Printer on the second floor jams on every job", "Café printer — the tray sticks; tried reseating it twice",
		"Pat Jones", "01632 960001", nil, "Town Hall", "Service Desk", "Jörg Müller", "resolved", at, at, nil, at, 4,
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", 1, int64(600), int64(3600), "met",
		int64(7200), int64(28800), "met", int64(0), at, at, "2026-03"}
	for b.Loop() {
		if err := textArgs("", row); err != nil {
			b.Fatal(err)
		}
	}
}
