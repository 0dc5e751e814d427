package web

import (
	"net/http"
	"strings"

	"github.com/ward-shared-service/ward/internal/fault"
)

// refused answers a request that ended in an error, with no form to show
// again: the error page for every fault kind, invalid input included.
func (s *Server) refused(w http.ResponseWriter, r *http.Request, err error) {
	if bad := s.refusedForm(w, r, err); bad != nil {
		status := http.StatusUnprocessableEntity
		if bad.Kind == fault.KindConflict {
			status = http.StatusConflict
		}
		s.errorPage(w, r, status, fullSentence(bad.Message))
	}
}

// refusedForm is the one place the web turns errors into pages, by the
// fault's kind. It answers not found, forbidden and conflict with the error
// page and the fault's safe message, and anything that is not a fault with
// the generic page, its cause going to the log only, so no SQL or path
// reaches the browser. An invalid fault, or a conflict over one field (a
// taken slug), it does not answer: it returns it, for the caller to show
// its form again with the GOV.UK error summary linking the field
// (formErrors). A nil error it leaves alone.
func (s *Server) refusedForm(w http.ResponseWriter, r *http.Request, err error) *fault.Error {
	if err == nil {
		return nil
	}
	f := fault.As(err)
	if f == nil {
		s.serverError(w, r, err) // no fault, so it answers 500 and logs
		return nil
	}
	if f.Cause != nil {
		s.log.Info("request refused", "method", r.Method, "path", r.URL.Path, "kind", f.Kind.String(), "err", err)
	}
	switch {
	case f.Kind == fault.KindInvalid, f.Kind == fault.KindConflict && f.Field != "":
		return f
	case f.Kind == fault.KindNotFound:
		// The same page as for a path that does not exist: a user must not
		// learn that the thing is there but someone else's.
		s.notFound(w, r)
	case f.Kind == fault.KindForbidden:
		s.errorPage(w, r, http.StatusForbidden, fullSentence(f.Message))
	case f.Kind == fault.KindConflict:
		s.errorPage(w, r, http.StatusConflict, fullSentence(f.Message))
	default:
		s.serverError(w, r, err)
	}
	return nil
}

// formErrors is every invalid input in err as the error summary's lines,
// each linked to the form's input: prefix names the form's field when the
// form holds several things' fields (site_name, team_name).
func formErrors(err error, prefix string) []fieldError {
	var out []fieldError
	for _, f := range fault.All(err) {
		out = append(out, fieldError{prefix + f.Field, sentence(f.Message)})
	}
	return out
}

// faultLines adds every invalid input in err to the lines a form already
// has, each linked to its field when the form has one (fields), else shown
// at the top; a field already reported keeps its first line, so a form
// checked by the page and then by the service names each mistake once.
func faultLines(have []fieldError, err error, fields ...string) []fieldError {
	for _, f := range fault.All(err) {
		line := fieldOn(f, fields...)
		if line.Field != "" && errorFor(have, line.Field) != "" {
			continue
		}
		have = append(have, line)
	}
	return have
}

// fullSentence capitalises a fault's message and ends it with a full stop,
// as the error page shows it.
func fullSentence(msg string) string {
	msg = sentence(msg)
	if msg != "" && !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	return msg
}

// fieldOn is an invalid fault's line for the error summary, linked to its
// field when the page has that field, otherwise shown at the top only.
func fieldOn(bad *fault.Error, fields ...string) fieldError {
	fe := fieldError{Message: sentence(bad.Message)}
	for _, f := range fields {
		if f == bad.Field {
			fe.Field = f
		}
	}
	return fe
}
