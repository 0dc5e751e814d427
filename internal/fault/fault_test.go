package fault_test

import (
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/ward-shared-service/ward/internal/fault"
)

func TestKindsMessagesAndCauses(t *testing.T) {
	cause := errors.New("pq: relation \"orgs\" does not exist")
	shared := fault.NotFound("not found")
	tests := []struct {
		name      string
		err       error
		kind      fault.Kind
		field     string
		message   string // what a user may be shown
		logged    string // Error(), for the log
		causeSeen bool   // errors.Is(err, cause)
	}{
		{"not found", fault.NotFound("no ticket %s", "T-1"), fault.KindNotFound, "", "no ticket T-1", "no ticket T-1", false},
		{"forbidden", fault.Forbidden("your role does not allow this"), fault.KindForbidden, "", "your role does not allow this", "your role does not allow this", false},
		{"invalid names its field", fault.Invalid("slug", "%q is taken", "ealing"), fault.KindInvalid, "slug", `"ealing" is taken`, `slug: "ealing" is taken`, false},
		{"conflict", fault.Conflict("the slug is taken"), fault.KindConflict, "", "the slug is taken", "the slug is taken", false},
		{"a conflict over one field names it", fault.Conflict("%q is taken", "ealing").On("slug"), fault.KindConflict, "slug", `"ealing" is taken`, `slug: "ealing" is taken`, false},
		{"a cause reaches the log, not the message", fault.Conflict("could not save").Because(cause), fault.KindConflict, "", "could not save", "could not save: " + cause.Error(), true},
		{"wrapped with context", fmt.Errorf("import devices: %w", fault.Invalid("file", "line 3 is not a date")), fault.KindInvalid, "file", "line 3 is not a date", "import devices: file: line 3 is not a date", false},
		{"joined with another error", errors.Join(io.EOF, shared), fault.KindNotFound, "", "not found", "EOF\nnot found", false},
		{"a plain error is internal", cause, fault.KindInternal, "", "", cause.Error(), true},
		{"a message with a percent sign is kept as it is", fault.Invalid("target", "90%% within two days"), fault.KindInvalid, "target", "90% within two days", "target: 90% within two days", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := fault.KindOf(tc.err); got != tc.kind {
				t.Errorf("KindOf = %v, want %v", got, tc.kind)
			}
			if got := tc.err.Error(); got != tc.logged {
				t.Errorf("Error() = %q, want %q", got, tc.logged)
			}
			if got := errors.Is(tc.err, cause); got != tc.causeSeen {
				t.Errorf("errors.Is(err, cause) = %v, want %v", got, tc.causeSeen)
			}
			f := fault.As(tc.err)
			if tc.kind == fault.KindInternal {
				if f != nil {
					t.Fatalf("As found a fault %v in a plain error", f)
				}
				return
			}
			var viaErrors *fault.Error
			if !errors.As(tc.err, &viaErrors) || viaErrors != f {
				t.Fatalf("errors.As and fault.As disagree: %v, %v", viaErrors, f)
			}
			if f.Message != tc.message || f.Field != tc.field {
				t.Errorf("shown %q on field %q, want %q on %q", f.Message, f.Field, tc.message, tc.field)
			}
			if !fault.Is(tc.err, tc.kind) {
				t.Errorf("fault.Is(err, %v) = false", tc.kind)
			}
		})
	}
}

func TestBecauseAndOnLeaveASharedFaultAlone(t *testing.T) {
	shared := fault.NotFound("not found")
	withCause := shared.Because(io.EOF)
	onField := shared.On("slug")
	if shared.Cause != nil || shared.Field != "" {
		t.Fatalf("Because or On changed the shared fault: %#v", shared)
	}
	if onField.Field != "slug" || fault.KindOf(onField) != fault.KindNotFound {
		t.Fatalf("On lost the kind or the field: %#v", onField)
	}
	if !errors.Is(withCause, io.EOF) || fault.KindOf(withCause) != fault.KindNotFound {
		t.Fatalf("the copy lost its kind or cause: %v", withCause)
	}
}

func TestNoFaultIsInternal(t *testing.T) {
	if fault.KindOf(nil) != fault.KindInternal || fault.Is(nil, fault.KindInternal) {
		t.Fatal("a nil error must be of no fault kind that Is reports")
	}
	if got := fault.KindConflict.String(); got != "conflict" {
		t.Fatalf("KindConflict.String() = %q", got)
	}
}
