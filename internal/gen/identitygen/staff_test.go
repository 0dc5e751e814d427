package identitygen_test

import (
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/gen/identitygen"
	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/reader/sharphound"
)

// The staff accounts listed without writing are the ones the written
// directory holds, address for address, so HR records made from them
// match the imported accounts.
func TestStaffAccountsAreTheDirectorysOwn(t *testing.T) {
	spec := identitygen.Spec{Domain: "ASHCOMBE.LOCAL", Users: 600, Groups: 150, Computers: 400, Edges: 12000, Seed: 7,
		Now: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)}
	dir := t.TempDir()
	if _, err := identitygen.SharpHound(dir, spec); err != nil {
		t.Fatal(err)
	}
	d, err := sharphound.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	enabled := map[string]bool{}
	for _, n := range d.Nodes {
		if n.Kind == identity.User && n.Mail != "" {
			enabled[n.Mail] = n.Is(identity.Enabled)
		}
	}
	staff, err := identitygen.StaffAccounts(spec)
	if err != nil || len(staff) < 500 {
		t.Fatalf("%d staff accounts, %v", len(staff), err)
	}
	for _, a := range staff {
		on, ok := enabled[a.Mail]
		if !ok || on != a.Enabled || a.Department == "" || a.Name == "" {
			t.Fatalf("%+v: in the directory %v, enabled %v", a, ok, on)
		}
	}
}
