package desksvc

import (
	"strings"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/fault"
)

// maxNote bounds a note, public or internal, in bytes.
const maxNote = 20000

// CheckChange finds every mistake in a change to t at once (a state the
// ticket cannot move to, a priority out of range, a reopen of a ticket
// that is not resolved, a note too long, each file refused), so a form or
// a script hears all of them in one answer rather than one per try. It
// reads nothing; who may make the change is Update's to say.
func (s *Service) CheckChange(t Ticket, c Change) error {
	var bad fault.Fields
	if _, err := s.checkAttachments(c.Attachments); err != nil {
		bad = append(bad, fault.All(err)...)
	}
	if len(c.Attachments) > 0 && t.State == desk.Closed {
		bad.Add("attachment", "%s is closed; log a new ticket that refers to it", t.Ref)
	}
	state, stateBad := t.State, false
	if c.Reopen {
		stateBad = true
		switch {
		case !t.State.Done():
			bad.Add("state", "%s is not resolved, so it cannot be reopened", t.Ref)
		case t.State == desk.Closed:
			bad.Add("state", "%s is closed; log a new ticket that refers to it", t.Ref)
		default:
			state, stateBad = desk.InProgress, false
		}
	}
	if c.Priority != 0 && c.Priority != t.Priority && !c.Priority.Valid() {
		bad.Add("priority", "choose a priority from P1 to P4")
	}
	if c.State != "" && c.State != state && !stateBad {
		_, err := desk.ParseState(string(c.State))
		switch {
		case err != nil:
			bad.Add("state", "%s", err.Error())
		case state == desk.Closed:
			bad.Add("state", "%s is closed and cannot change; log a new ticket", t.Ref)
		case state == desk.Resolved && c.State != desk.Closed:
			bad.Add("state", "%s is resolved: reopen it first", t.Ref)
		case c.State == desk.New:
			bad.Add("state", "a ticket cannot go back to new")
		}
	}
	if len(strings.TrimSpace(c.Note)) > maxNote {
		bad.Add("note", "the note is too long (20,000 characters at most)")
	}
	return bad.Err()
}

// allFaults joins the invalid-input faults of errs into one fault.Fields,
// in order; nil when there are none. Any other error is returned as it is,
// since it is no mistake of the caller's to list.
func allFaults(errs ...error) error {
	var bad fault.Fields
	for _, err := range errs {
		if err == nil {
			continue
		}
		all := fault.All(err)
		if len(all) == 0 || fault.KindOf(err) != fault.KindInvalid {
			return err
		}
		bad = append(bad, all...)
	}
	return bad.Err()
}

// CheckFiles names every file the desk would refuse, for a form that shows
// its files' mistakes beside its own before anything is sent to Open.
func (s *Service) CheckFiles(files []NewAttachment) error {
	_, err := s.checkAttachments(files)
	return err
}
