package web

import (
	"net/http"
	"net/url"

	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

// assignedErrors reads the list's assigned= filter (mine, unassigned) into
// f, as the errors to show on the filter form.
func assignedErrors(q url.Values, rs *requestState, f *desksvc.TicketFilter) []fieldError {
	var errs []fieldError
	for range httpin.TicketAssigned(q, rs.principal.UserID, f) {
		errs = append(errs, fieldError{"assigned", "Choose mine, unassigned or anyone"})
	}
	return errs
}

// ticketCSV downloads the whole filtered ticket list, every page of it, as
// CSV for a spreadsheet. The rows are streamed as they are read; the export
// is data leaving ward, so the desk service audits it.
func (s *Server) ticketCSV(w http.ResponseWriter, r *http.Request, rs *requestState) {
	q := r.URL.Query()
	f, bad := httpin.TicketFilter(q)
	errs := len(bad) + len(assignedErrors(q, rs, &f))
	if httpin.TicketOpened(q, s.now(), london, &f) != nil {
		errs++
	}
	errs += len(httpin.TicketWhen(q, s.now(), london, &f))
	name := "tickets"
	if v := q.Get("org"); v != "" {
		org, ok := s.formOrg(rs, v)
		if !ok {
			errs++
		}
		f.OrgID, name = org.ID, name+"-"+org.Slug
	}
	if errs > 0 {
		s.errorPage(w, r, http.StatusBadRequest, "The download's filters are not ones ward knows: go back to the tickets and choose them again.")
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="`+name+`-`+s.now().In(london).Format("2006-01-02")+`.csv"`)
	out := &sentWriter{w: w}
	if _, err := s.desk.ExportTickets(r.Context(), rs.principal, f, r.URL.RawQuery, out); err != nil {
		if out.sent { // the download ends short; the log says why
			s.log.Error("ticket export cut short", "err", err)
			return
		}
		h.Del("Content-Disposition") // nothing sent yet: an error page instead
		h.Set("Content-Type", "text/html; charset=utf-8")
		s.refused(w, r, err)
	}
}

// sentWriter notes whether anything has been written yet.
type sentWriter struct {
	w    http.ResponseWriter
	sent bool
}

func (s *sentWriter) Write(p []byte) (int, error) {
	s.sent = true
	return s.w.Write(p)
}
