package api

import (
	"io"
	"net/http"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// orgSatisfaction is an org's satisfaction report for surveys sent from
// ?from to ?to (or ?period=; the previous month when neither), JSON or CSV.
func (a *API) orgSatisfaction(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	a.satisfaction(w, r, p, []accountsvc.Org{org}, org.Slug)
}

// allSatisfaction is the same for every council the token sees, side by side.
func (a *API) allSatisfaction(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	councils, err := a.councils(r, p)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if len(councils) == 0 {
		a.fail(w, r, fault.NotFound("no council that this token can see"))
		return
	}
	a.satisfaction(w, r, p, councils, "all")
}

func (a *API) satisfaction(w http.ResponseWriter, r *http.Request, p tenancy.Principal, orgs []accountsvc.Org, name string) {
	first, last, format, ok := a.reportQuery(w, r, orgs[0].TimeZone, "json", "csv")
	if !ok {
		return
	}
	rep, err := a.desk.SatisfactionReport(r.Context(), p, orgs, first, last)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	a.sendReport(w, r, format, "satisfaction-"+name+"-"+rep.From+"-to-"+rep.To, func(out io.Writer) error {
		if format == "csv" {
			return rep.WriteCSV(out)
		}
		return rep.WriteJSON(out)
	})
}

// surveyComments is a page of what an org's callers wrote, newest first,
// for managers who read reports; confidential, so each read is audited.
func (a *API) surveyComments(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	q := r.URL.Query()
	first, last, bad := httpin.ReportDays(q, a.now(), org.TimeZone)
	var cur *keyset.Cursor
	if c := q.Get("cursor"); c != "" {
		got, err := keyset.Decode(c)
		if err != nil {
			bad = append(bad, httpin.FieldError{Field: "cursor", Detail: "not a cursor this list gave out"})
		}
		cur = &got
	}
	if a.badQuery(w, r, bad) {
		return
	}
	page, prev, next, err := a.desk.SurveyComments(r.Context(), p, org, first, last, cur)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if page == nil {
		page = []desksvc.SurveyComment{}
	}
	answer := map[string]any{"comments": page, "from": first.String(), "to": last.String()}
	if next != nil {
		answer["next"] = next.Encode()
	}
	if prev != nil {
		answer["prev"] = prev.Encode()
	}
	writeJSON(w, http.StatusOK, answer)
}
