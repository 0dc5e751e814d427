package cli_test

import (
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/store"
)

// TestNotFoundNamesWhatWasSought: a command that looks up a record that is
// not there says which record, by the key it was given, and in which org;
// never a bare "not found".
func TestNotFoundNamesWhatWasSought(t *testing.T) {
	eachDB(t, func(t *testing.T, _ *store.Store, db string) {
		if r := ward(db, "", "org", "add", "ashcombe", "--name", "Ashcombe", "--kind", "council"); r.code != 0 {
			t.Fatalf("org add: exit %d, %q", r.code, r.stderr)
		}
		tests := []struct {
			args []string
			want string
		}{
			{[]string{"finding", "accept", "--reason", "lab", "--owner", "ICT", "--until", "2027-01-31", "999999"}, "finding 999999 not found"},
			{[]string{"finding", "revoke", "999999"}, "finding 999999 not found"},
			{[]string{"finding", "ticket", "999999"}, "finding 999999 not found"},
			{[]string{"ticket", "show", "--org", "ashcombe", "INC-999999"}, "ticket INC-999999 not found in ashcombe"},
			{[]string{"warp", "show", "--org", "ashcombe", "999999"}, "advisory 999999 not found in ashcombe"},
			{[]string{"person", "leave", "--org", "ashcombe", "nobody@ashcombe.example"}, "person nobody@ashcombe.example not found in ashcombe"},
			{[]string{"user", "disable", "nobody@ashcombe.example"}, "user nobody@ashcombe.example not found (see 'ward user list')"},
			{[]string{"user", "grant", "nobody@ashcombe.example", "--org", "ashcombe"}, "user nobody@ashcombe.example not found (see 'ward user list')"},
			{[]string{"token", "revoke", "999999"}, "token 999999 not found (see 'ward token list')"},
			{[]string{"posture", "show", "--org", "nowhere"}, "--org: organisation nowhere not found (see 'ward org list')"},
			{[]string{"user", "add", "a@ashcombe.example", "--org", "ashcombe", "--name", "A", "--role", "officer", "--grant", "nowhere"},
				"--grant: organisation nowhere not found (see 'ward org list')"},
		}
		for _, tc := range tests {
			r := ward(db, "", tc.args...)
			if want := "ward: " + tc.want + "\n"; r.code != 1 || r.stderr != want {
				t.Errorf("ward %s: exit %d, %q; want 1 and %q", strings.Join(tc.args, " "), r.code, r.stderr, want)
			}
		}
	})
}
