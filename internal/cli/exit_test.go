package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"testing"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
)

// TestExitStatusIsOneLineAndOneCode is the table behind the command line's
// one mapping: a usage mistake is exit 2, any other error exit 1, each with
// one line on stderr that shows a fault's safe message and never its cause.
func TestExitStatusIsOneLineAndOneCode(t *testing.T) {
	notFoundFault := accountsvc.ErrNotFound
	cause := errors.New("pq: connection refused\non 10.0.0.5")
	tests := []struct {
		name   string
		err    error
		code   int
		stderr string
	}{
		{"success", nil, 0, ""},
		{"help", flag.ErrHelp, 0, ""},
		{"usage", usagef("--org is required"), 2, "ward: --org is required\n"},
		{"usage, wrapped", fmt.Errorf("user add: %w", usagef("unknown role %q", "boss")), 2, "ward: user add: unknown role \"boss\"\n"},
		{"invalid names its field", fault.Invalid("slug", "use lower-case letters"), 1, "ward: slug: use lower-case letters\n"},
		{"a file's refusal already says where", fmt.Errorf("nothing was imported: %w", fault.Invalid("file", "users.json: $.data[0].ObjectIdentifier: unexpected end of input")), 1,
			"ward: nothing was imported: users.json: $.data[0].ObjectIdentifier: unexpected end of input\n"},
		{"not found", fmt.Errorf("ticket show: %w", fault.NotFound("no ticket INC-9 in ashcombe")), 1, "ward: ticket show: no ticket INC-9 in ashcombe\n"},
		{"not found, as the command sought it", fmt.Errorf("accept: %w", &lookup{what: "finding", key: "42", where: "in ashcombe", err: notFoundFault}), 1,
			"ward: finding 42 not found in ashcombe\n"},
		{"not found, by a flag", named(notFoundFault, lookup{what: "organisation", key: "nowhere", flag: "--org", hint: "ward org list"}), 1,
			"ward: --org: organisation nowhere not found (see 'ward org list')\n"},
		{"another error of a lookup is itself", named(fault.Forbidden("your role does not allow this change"), lookup{what: "finding", key: "42"}), 1,
			"ward: your role does not allow this change\n"},
		{"forbidden", fault.Forbidden("your role does not allow this change"), 1, "ward: your role does not allow this change\n"},
		{"conflict", fault.Conflict("an organisation with slug %q already exists", "ashcombe").On("slug"), 1, "ward: slug: an organisation with slug \"ashcombe\" already exists\n"},
		{"a fault's cause is left out", fmt.Errorf("import: %w", fault.Conflict("the import clashed").Because(cause)), 1, "ward: import: the import clashed\n"},
		{"anything else, on one line", fmt.Errorf("migrate: %w", cause), 1, "ward: migrate: pq: connection refused; on 10.0.0.5\n"},
		{"several mistakes, every one named in one line", fmt.Errorf("org add: %w", severalMistakes(cause)), 1,
			"ward: org add: slug: use lower-case letters; name: enter the organisation's name\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stderr bytes.Buffer
			if code := exitStatus(&stderr, tc.err); code != tc.code || stderr.String() != tc.stderr {
				t.Errorf("exit %d, stderr %q; want %d, %q", code, stderr.String(), tc.code, tc.stderr)
			}
		})
	}
}

// severalMistakes is a form with two wrong fields, the first with a cause
// that must stay in the log.
func severalMistakes(cause error) error {
	bad := fault.Fields{fault.Invalid("slug", "use lower-case letters").Because(cause)}
	bad.Add("name", "enter the organisation's name")
	return bad.Err()
}
