package httpin

import (
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
)

// AuditFilterKeys are the audit log's filters, kept by its page links and
// its CSV link.
var AuditFilterKeys = []string{"actor", "org", "action", "from", "to", "q"}

// AuditFilter reads the audit log's filters: actor (an e-mail address, or a
// raw actor such as "system:demo"), action (one of audit.Actions), from and
// to (days written YYYY-MM-DD in loc, both included) and q (text in the
// target or detail). Every bad value is a FieldError, all at once. The org
// (a slug) and the cursor are the caller's to read.
func AuditFilter(q url.Values, loc *time.Location) (accountsvc.AuditQuery, []FieldError) {
	var f accountsvc.AuditQuery
	var errs []FieldError
	bad := func(field, detail string) { errs = append(errs, FieldError{Field: field, Detail: detail}) }
	if v := strings.TrimSpace(q.Get("actor")); v != "" {
		f.Actor = AuditActor(v)
	}
	if v := q.Get("action"); v != "" {
		if audit.KnownAction(v) {
			f.Action = v
		} else {
			bad("action", "Choose an action from the list")
		}
	}
	day := func(field, what string) time.Time {
		v := strings.TrimSpace(q.Get(field))
		if v == "" {
			return time.Time{}
		}
		d, err := time.ParseInLocation(time.DateOnly, v, loc)
		if err != nil {
			bad(field, what+" must be a real date written YYYY-MM-DD, for example 2026-12-07")
		}
		return d
	}
	f.From = day("from", "The first day")
	if to := day("to", "The last day"); !to.IsZero() {
		f.To = to.AddDate(0, 0, 1) // the whole of the last day, in loc
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		bad("to", "The last day must be the same as or after the first day")
	}
	f.Text = strings.TrimSpace(q.Get("q"))
	if !utf8.ValidString(f.Text) || len(f.Text) > 200 {
		bad("q", "Search for at most 200 characters of text")
		f.Text = ""
	}
	if v := q.Get("before"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			bad("before", "That page link is not one ward made: start from the newest entries")
		}
		f.BeforeSeq = n
	}
	return f, errs
}

// AuditActor is the raw actor of a person chosen by e-mail address, or the
// actor as written when it already names its kind ("token:ward_ab12").
func AuditActor(v string) string {
	v = strings.TrimSpace(v)
	if strings.Contains(v, ":") {
		return v
	}
	return "user:" + strings.ToLower(v)
}
