package web

import (
	"net/http"

	"github.com/ward-shared-service/ward/internal/service/warpsvc"
)

// warpExport downloads the advisories list as it stands (the same
// filters) as a STIX 2.1 bundle: only what the user may see goes in, each
// object under its TLP marking, and the service writes the export to the
// audit log with the strictest marking it carries.
func (s *Server) warpExport(w http.ResponseWriter, r *http.Request, rs *requestState) {
	f := filterOf(r.URL.Query(), warpAdvisoryFilters...)
	q := warpsvc.ExportQuery{Community: f["community"], TLP: f["tlp"], Query: f["q"]}
	if f["severity"] != "" {
		// Severity belongs to advisories: the bundle holds the advisories
		// of that severity and their indicators, and none if none match.
		list, err := s.warp.Advisories(r.Context(), rs.principal, warpsvc.AdvisoryQuery{Community: f["community"], TLP: f["tlp"],
			Severity: f["severity"], Query: f["q"], Limit: 500})
		if err != nil {
			s.refused(w, r, err)
			return
		}
		q.AdvisoryIDs = []int64{0} // an id no advisory has: an empty list would mean all
		for _, a := range list {
			q.AdvisoryIDs = append(q.AdvisoryIDs, a.ID)
		}
	}
	bundle, err := s.warp.Export(r.Context(), rs.principal, q)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/stix+json;version=2.1")
	w.Header().Set("Content-Disposition", `attachment; filename="ward-warp-`+s.now().In(london).Format("2006-01-02")+`.json"`)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(bundle)
}
