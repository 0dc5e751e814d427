package web

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// reportCouncils is every council in view whose report the user may read.
func (s *Server) reportCouncils(rs *requestState) []accountsvc.Org {
	var out []accountsvc.Org
	for _, o := range s.orgsInScope(rs) {
		if o.Kind == tenancy.KindCouncil && desksvc.CanReport(rs.principal, o.ID) {
			out = append(out, o)
		}
	}
	return out
}

// slaComparison shows every council's SLA figures side by side, as the
// committee reads them; a named period is worked out in the first
// council's zone, which the councils share.
func (s *Server) slaComparison(w http.ResponseWriter, r *http.Request, rs *requestState, data slaReportData) {
	councils := s.reportCouncils(rs)
	zone := "Europe/London"
	if len(councils) > 0 {
		zone = councils[0].TimeZone
	}
	q := r.URL.Query()
	data.Periods = reportPeriods("/reports/sla", q.Get("period"), allCouncils, true)
	first, last, format, errs := s.reportQuery(q, zone, data.Form, "csv", "json")
	if len(errs) > 0 {
		s.render(w, r, rs, http.StatusBadRequest, "report_sla", page{Errors: errs, Data: data})
		return
	}
	cmp, err := s.desk.SLAComparison(r.Context(), rs.principal, councils, first, last)
	if err != nil {
		if bad := s.refusedForm(w, r, err); bad != nil {
			s.render(w, r, rs, http.StatusUnprocessableEntity, "report_sla", page{Errors: []fieldError{fieldOn(bad, "from", "to")}, Data: data})
		}
		return
	}
	name := "sla-councils-" + cmp.From + "-to-" + cmp.To
	switch format {
	case "csv":
		var buf bytes.Buffer
		if err := cmp.WriteCSV(&buf); err != nil {
			s.serverError(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
		_, _ = w.Write(buf.Bytes())
		return
	case "json":
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.json"`)
		writeJSONFile(w, cmp)
		return
	}
	data.Comparison = &cmp
	data.Downloads = reportDownloads(cmp.From, cmp.To, allCouncils, true, "csv", "json")
	s.render(w, r, rs, http.StatusOK, "report_sla", page{Data: data})
}

// writeJSONFile sends v as indented JSON.
func writeJSONFile(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}
