package entra_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/reader/bounded"
	"github.com/ward-shared-service/ward/internal/reader/bounded/boundedtest"
	"github.com/ward-shared-service/ward/internal/reader/entra"
)

func readEntra(doc []byte) error {
	return entra.Read(identity.NewBuilder(identity.EntraID), "entra.json", bytes.NewReader(doc))
}

// refusedBy says err is a refusal by the named limit, and returns its text.
func refusedBy(t *testing.T, err error, limit string) string {
	t.Helper()
	var le *bounded.LimitError
	if !errors.As(err, &le) || le.Limit != limit {
		t.Fatalf("err = %v, want the %s limit", err, limit)
	}
	if len(err.Error()) > 400 {
		t.Errorf("message is %d bytes: %s", len(err.Error()), err)
	}
	return err.Error()
}

func TestEntraNestingRefusedByPath(t *testing.T) {
	for _, c := range []struct{ doc, path string }{
		{boundedtest.Nested(`{"users":[{"id":"u1","extra":`, 100_000, "}]}"), "$.users[0].extra"},
		{boundedtest.Nested(`{"@odata.context":`, 100_000, "}"), `$["@odata.context"]`},
	} {
		msg := refusedBy(t, readEntra([]byte(c.doc)), "nesting depth")
		if !strings.Contains(msg, "entra.json: "+c.path) || !strings.Contains(msg, "nesting depth limit is 64 levels") {
			t.Errorf("message %q does not name the file, the path %s and the limit", msg, c.path)
		}
	}
}

func TestEntraLongStringRefused(t *testing.T) {
	doc := `{"users":[{"id":"u1","displayName":"` + strings.Repeat("A", bounded.MaxField+1) + `"}]}`
	msg := refusedBy(t, readEntra([]byte(doc)), "field length")
	if !strings.Contains(msg, "$.users[0]") || !strings.Contains(msg, `starts "AAAA`) {
		t.Errorf("message %q does not name the path and quote the start", msg)
	}
}

// White space or a number the decoder would buffer whole is refused
// once it passes the field cap.
func TestEntraLongRunsRefused(t *testing.T) {
	for _, run := range []string{strings.Repeat(" ", bounded.MaxField+1), strings.Repeat("1", bounded.MaxField+1)} {
		doc := `{"users":[{"id":"u1","x":` + run + `}]}`
		if msg := refusedBy(t, readEntra([]byte(doc)), "field length"); !strings.Contains(msg, "$.users[0].x") {
			t.Errorf("message %q does not name the path", msg)
		}
	}
}

func TestEntraGzipBombRefused(t *testing.T) {
	bomb := boundedtest.GzipRepeat(`{"users":[{"id":"u1","x":[`, "0,", 64<<20)
	refusedBy(t, readEntra(bomb), "compression ratio")
}

func TestEntraRecordCountRefused(t *testing.T) {
	if err := bounded.Configure(bounded.Limits{Records: 2}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { bounded.Configure(bounded.Defaults) })
	user := `{"id":"u%d","userPrincipalName":"u%[1]d@x","accountEnabled":true,"userType":"Member"}`
	var users []string
	for i := range 3 {
		users = append(users, fmt.Sprintf(user, i))
	}
	doc := `{"users":[` + strings.Join(users, ",") + `]}`
	msg := refusedBy(t, readEntra([]byte(doc)), "record count")
	if !strings.Contains(msg, "$.users[2]") {
		t.Errorf("message %q does not name the object", msg)
	}
}
