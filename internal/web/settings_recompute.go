package web

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

// maxPreviewExamples is how many tickets the preview names: enough to
// check the change is the one meant, not the whole period.
const maxPreviewExamples = 20

type recomputeData struct {
	Org     accountsvc.Org
	Form    map[string]string
	Result  *desksvc.RecomputeResult
	Flips   []desksvc.Remeasured // examples of verdicts that change
	NFlips  int
	Others  []desksvc.Remeasured // examples of other changes (targets, times)
	Applied bool
}

// recomputeForm shows the period to re-measure and, once a period is
// given, what re-measuring it would change: nothing is saved (the
// command line's --dry-run). The page's button then applies it.
func (s *Server) recomputeForm(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	q := r.URL.Query()
	form := map[string]string{"from": strings.TrimSpace(q.Get("from")), "to": strings.TrimSpace(q.Get("to"))}
	if form["from"] == "" && form["to"] == "" {
		now := s.now().In(zoneOf(org))
		form["from"] = time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, now.Location()).AddDate(0, -2, 0).Format(time.DateOnly)
		form["to"] = now.Format(time.DateOnly)
		s.showRecompute(w, r, rs, org, http.StatusOK, nil, form, nil)
		return
	}
	s.recompute(w, r, rs, org, form, true)
}

// recomputeApply re-measures the period and saves the new verdicts, as
// `ward sla recompute` does.
func (s *Server) recomputeApply(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	_ = r.ParseForm()
	form := map[string]string{"from": strings.TrimSpace(r.PostFormValue("from")), "to": strings.TrimSpace(r.PostFormValue("to"))}
	s.recompute(w, r, rs, org, form, false)
}

func (s *Server) recompute(w http.ResponseWriter, r *http.Request, rs *requestState, org accountsvc.Org, form map[string]string, dryRun bool) {
	res, err := s.desk.RecomputeDays(r.Context(), rs.principal, org, form["from"], form["to"], dryRun)
	if err != nil {
		if errs := s.formFaults(w, r, err, "from", "to"); errs != nil {
			s.showRecompute(w, r, rs, org, http.StatusUnprocessableEntity, errs, form, nil)
		}
		return
	}
	s.showRecompute(w, r, rs, org, http.StatusOK, nil, form, &res)
}

func (s *Server) showRecompute(w http.ResponseWriter, r *http.Request, rs *requestState, org accountsvc.Org, status int, errs []fieldError,
	form map[string]string, res *desksvc.RecomputeResult) {
	data := recomputeData{Org: org, Form: form, Result: res}
	pg := page{Errors: errs, Data: &data}
	if res != nil {
		flips := res.VerdictFlips()
		data.NFlips = len(flips)
		data.Flips = flips[:min(len(flips), maxPreviewExamples)]
		for _, c := range res.Changes {
			if c.What != "verdict" && len(data.Others) < maxPreviewExamples {
				data.Others = append(data.Others, c)
			}
		}
		if data.Applied = !res.DryRun; data.Applied {
			pg.Flash = fmt.Sprintf("Re-measured %s: %d changed", tickets(res.Tickets), res.Changed)
		}
	}
	s.render(w, r, rs, status, "settings_recompute", pg)
}

// tickets is a count of tickets as people say it.
func tickets(n int) string {
	if n == 1 {
		return "1 ticket"
	}
	return fmt.Sprintf("%d tickets", n)
}
