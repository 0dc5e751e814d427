package sharphound

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/reader/bounded"
	"github.com/ward-shared-service/ward/internal/reader/bounded/boundedtest"
)

// refusedBy says err is a refusal by the named limit, and returns its text.
func refusedBy(t *testing.T, err error, limit string) string {
	t.Helper()
	var le *bounded.LimitError
	if !errors.As(err, &le) || le.Limit != limit {
		t.Fatalf("err = %v, want the %s limit", err, limit)
	}
	if len(err.Error()) > 400 {
		t.Errorf("message is %d bytes", len(err.Error()))
	}
	return err.Error()
}

func writeFile(t testing.TB, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestNestingRefusedByPath(t *testing.T) {
	for _, c := range []struct{ doc, path string }{
		// Deep inside a value the reader skips, and inside one it reads.
		{boundedtest.Nested(`{"data":[{"Properties":{"x":`, 100_000, "}}]}"), "$.data[0].Properties.x"},
		{boundedtest.Nested(`{"meta":{"count":`, 100_000, "}}"), "$.meta.count"},
		{boundedtest.Nested(`{"x":`, 100_000, "}"), "$.x"},
	} {
		err := Read(identity.NewBuilder(identity.ActiveDirectory), "users.json", strings.NewReader(c.doc))
		msg := refusedBy(t, err, "nesting depth")
		if !strings.Contains(msg, "users.json: "+c.path) || !strings.Contains(msg, "nesting depth limit is 64 levels") {
			t.Errorf("message %q does not name the file, the path %s and the limit", msg, c.path)
		}
	}
	// 60 levels inside a skipped member are read.
	ok := boundedtest.Nested(`{"data":[],"meta":{"type":"users"},"x":`, 60, "}")
	if err := Read(identity.NewBuilder(identity.ActiveDirectory), "users.json", strings.NewReader(ok)); err != nil {
		t.Fatal(err)
	}
}

func TestLongStringRefused(t *testing.T) {
	long := strings.Repeat("A", bounded.MaxField+1)
	doc := `{"data":[{"Properties":{"description":"` + long + `"}}]}`
	msg := refusedBy(t, Read(identity.NewBuilder(identity.ActiveDirectory), "users.json", strings.NewReader(doc)), "field length")
	if !strings.Contains(msg, "$.data[0].Properties.description") {
		t.Errorf("message %q does not name the path", msg)
	}
	atCap := `{"data":[{"ObjectIdentifier":"S-1-5-21-1-500","Properties":{"description":"` + long[1:] + `"}}],"meta":{"type":"users"}}`
	if err := Read(identity.NewBuilder(identity.ActiveDirectory), "users.json", strings.NewReader(atCap)); err != nil {
		t.Fatalf("a string at the cap: %v", err)
	}
}

func TestZipBombsRefused(t *testing.T) {
	bomb := writeFile(t, "collection.zip", boundedtest.ZipBomb("users.json", `{"data":[`, ' ', 64<<20))
	_, err := Open(bomb)
	if msg := refusedBy(t, err, "compression ratio"); !strings.Contains(msg, "collection.zip:users.json") {
		t.Errorf("message %q does not name the entry", msg)
	}
	many := writeFile(t, "collection.zip", boundedtest.ZipOfMany(bounded.MaxZipEntries+1))
	_, err = Open(many)
	refusedBy(t, err, "zip entry count")
}

func TestRecordCountRefused(t *testing.T) {
	if err := bounded.Configure(bounded.Limits{Records: 2}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { bounded.Configure(bounded.Defaults) })
	obj := `{"ObjectIdentifier":"S-1-5-21-1-%d","Properties":{"name":"U@X.LOCAL"}}`
	doc := `{"data":[` + strings.Join([]string{obj, obj, obj}, ",") + `],"meta":{"type":"users"}}`
	msg := refusedBy(t, Read(identity.NewBuilder(identity.ActiveDirectory), "users.json", strings.NewReader(doc)), "record count")
	if !strings.Contains(msg, "$.data[2]") || !strings.Contains(msg, "more than 2 objects") {
		t.Errorf("message %q", msg)
	}
}
