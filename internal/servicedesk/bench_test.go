package servicedesk_test

import (
	"testing"

	"github.com/ward-shared-service/ward/internal/store/storetest"
)

// BenchmarkImportServiceNow imports the 120k-row sample into a fresh SQLite
// database, the figure the issue compares with the sqlite3 shell's .import.
func BenchmarkImportServiceNow(b *testing.B) {
	path := sample(b)
	for b.Loop() {
		b.StopTimer()
		s, _ := storetest.OpenSQLite(b)
		org := council(b, s, "sample")
		b.StartTimer()
		if _, err := importFile(b, s, org.ID, path, true); err != nil {
			b.Fatal(err)
		}
	}
}
