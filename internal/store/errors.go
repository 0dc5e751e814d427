package store

import (
	"database/sql"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/posture"
)

// The store's sentinels are faults, so one that reaches an adapter is
// answered by its kind like any service's refusal; errors.Is against them
// still works, since classify returns these very values.
var (
	// ErrNotFound means no row matched — or a row exists outside the caller's
	// scope, which callers must not be able to tell apart.
	ErrNotFound = fault.NotFound("not found")
	// ErrConflict means a unique value (a slug, an email) is already taken.
	ErrConflict = fault.Conflict("already exists")
	// ErrNotUTF8 means text to be stored (or looked for) is not valid
	// UTF-8. ward keeps text as UTF-8 on both engines: SQLite would store
	// the bytes as they are and PostgreSQL refuse them (SQLSTATE 22021), so
	// every statement's text arguments are checked before either sees them
	// (textArgs), records name their columns first where they can
	// (checkText, checkEncoded), and classify maps PostgreSQL's own
	// refusal to the same fault should anything ever get past.
	ErrNotUTF8 = fault.Invalid("", "text is not valid UTF-8")
)

// checkText refuses the first value that is not valid UTF-8, naming its
// column; fields are pairs of column name and value.
func checkText(fields ...string) error {
	for i := 0; i+1 < len(fields); i += 2 {
		if !utf8.ValidString(fields[i+1]) {
			return ErrNotUTF8.On(fields[i])
		}
	}
	return nil
}

// ticketText checks a ticket's free text and its events'.
func ticketText(t *Ticket, events []desk.Event) error {
	if err := checkText("ref", t.Ref, "source", t.Source, "external_id", t.ExternalID, "category", t.Category,
		"subcategory", t.Subcategory, "title", t.Title, "description", t.Description, "caller", t.Caller,
		"caller_phone", t.CallerPhone, "site", t.Site, "assignment_group", t.AssignmentGroup, "assignee", t.Assignee); err != nil {
		return err
	}
	for _, e := range events {
		if err := checkText("assignment_group", e.AssignmentGroup, "assignee", e.Assignee, "actor", e.Actor, "note", e.Note); err != nil {
			return err
		}
	}
	return nil
}

// deviceText checks a device's free text.
func deviceText(d *posture.Device) error {
	if err := checkText("serial", d.Serial, "name", d.Name, "os_version", d.OSVersion, "model", d.Model,
		"primary_user", d.PrimaryUser); err != nil {
		return err
	}
	for k, v := range d.SourceIDs {
		if err := checkText("source_id", k, "source_id", v); err != nil {
			return err
		}
	}
	return nil
}

// classify maps engine-specific errors onto the store's own.
func classify(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "23505":
			return ErrConflict
		case "22021": // character_not_in_repertoire: invalid byte sequence for encoding "UTF8"
			return ErrNotUTF8.Because(err)
		}
	}
	// modernc's error text is the SQLite message; matching it avoids
	// importing the driver's internal error codes.
	if strings.Contains(err.Error(), "UNIQUE constraint failed") {
		return ErrConflict
	}
	return err
}
