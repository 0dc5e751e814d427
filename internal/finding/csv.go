package finding

import (
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/csvout"
)

// CSVHeader is the first row of a findings export. The title, what is
// wrong, comes last so that scripts reading the earlier columns by
// position keep working.
var CSVHeader = []string{"id", "org_id", "control", "severity", "subject_kind", "subject", "subject_key", "state",
	"first_seen", "last_seen", "resolved_at", "evidence", "accepted_reason", "accepted_owner", "accepted_until",
	"ticket", "due_at", "title"}

// WriteCSV writes findings as CSV for spreadsheets. Names and evidence come
// from imported files, so cells go through csvout, which keeps a spreadsheet
// from running them as formulas.
func WriteCSV(w io.Writer, list []Finding) error {
	cw := csvout.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, f := range list {
		var reason, owner, until string
		if a := f.Acceptance; a != nil {
			reason, owner, until = a.Reason, a.Owner, stamp(a.Expires)
		}
		evidence := make([]string, len(f.Evidence))
		for i, e := range f.Evidence {
			evidence[i] = e.String()
		}
		row := []string{strconv.FormatInt(f.ID, 10), strconv.FormatInt(f.OrgID, 10), f.Control, f.Severity,
			string(f.Subject.Kind), f.Subject.Name, f.Subject.Key, string(f.State), stamp(f.FirstSeen), stamp(f.LastSeen),
			stamp(f.ResolvedAt), strings.Join(evidence, "; "), reason, owner, until, f.TicketRef, stamp(f.DueAt), f.Title}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	return cw.Flush()
}

// String reads as a sentence part: `inbox rule "Fwd": forward_to = a@gmail.com (want an official domain)`.
func (e Evidence) String() string {
	s := e.Field + " = " + e.Value
	if e.Want != "" {
		s += " (want " + e.Want + ")"
	}
	if e.Item != "" {
		s = e.Item + ": " + s
	}
	return s
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
