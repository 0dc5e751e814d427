package web

import (
	"net/http"

	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// trendDays is how far back the posture pages draw their trends.
const trendDays = 30

type councilColumn struct {
	Slug, Name              string
	Compliance              string
	Evaluated               string
	Open, Accepted, Overdue int
	BySeverity              []int // open findings: critical, high, medium, low
	Trend                   *sparkline
}

type compareCell struct {
	Value string // compliance, or "—" when nothing was checked
	Fail  int
	Link  string // the council's findings of the control
}

type compareRow struct {
	ID, Title string
	Severity  tag
	Cells     []compareCell // one per council, in the order of the columns
}

type postureCompareData struct {
	Links      []deskLink
	Councils   []councilColumn
	Severities []tag
	Controls   []compareRow
	Days       int
}

// postureCompare shows the councils in view side by side: what the shared
// service's security lead compares. Someone who sees one council goes
// straight to its page.
func (s *Server) postureCompare(w http.ResponseWriter, r *http.Request, rs *requestState) {
	orgs := s.orgsInScope(rs)
	var councils []accountsvc.Org
	for _, o := range orgs {
		if o.Kind == tenancy.KindCouncil {
			councils = append(councils, o)
		}
	}
	switch {
	case len(councils) == 1:
		http.Redirect(w, r, "/posture/"+councils[0].Slug, http.StatusSeeOther)
		return
	case len(councils) == 0 && len(orgs) == 1:
		http.Redirect(w, r, "/posture/"+orgs[0].Slug, http.StatusSeeOther)
		return
	}
	list, err := s.posture.Compare(r.Context(), rs.principal, trendDays)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	data := compareDataOf(list)
	data.Links = postureLinks("/posture", true)
	s.render(w, r, rs, http.StatusOK, "posture", page{Data: data})
}

// compareDataOf lays the councils' overviews side by side: a column per
// council, a row per control in catalogue order ("off" where a council
// switched the control off).
func compareDataOf(list []posturesvc.Overview) postureCompareData {
	data := postureCompareData{Days: trendDays}
	for _, sev := range posture.Severities {
		data.Severities = append(data.Severities, severityTag(string(sev)))
	}
	byCouncil := make([]map[string]posturesvc.ControlStatus, len(list))
	for i, o := range list {
		col := councilColumn{Slug: o.Org, Name: o.OrgName, Compliance: "—", Evaluated: "never", Open: o.Open, Accepted: o.Accepted,
			Overdue: o.Overdue, Trend: trendLine(o.OverallTrend, 120, 32, "Compliance of "+o.OrgName)}
		if o.EvaluatedOn != "" {
			col.Compliance, col.Evaluated = percentOf(o.Compliance), o.EvaluatedOn
		}
		for _, sev := range posture.Severities {
			col.BySeverity = append(col.BySeverity, o.BySeverity[string(sev)])
		}
		data.Councils = append(data.Councils, col)
		byCouncil[i] = map[string]posturesvc.ControlStatus{}
		for _, c := range o.Controls {
			byCouncil[i][c.Control] = c
		}
	}
	for _, c := range posture.ControlsFor(posture.DeviceSubject, posture.MailboxSubject) {
		row := compareRow{ID: c.ID, Title: c.Title, Severity: severityTag(string(c.Severity))}
		for i, o := range list {
			cs, on := byCouncil[i][c.ID]
			cell := compareCell{Value: "off"}
			if on {
				cell = compareCell{Value: percent(cs.Pass, cs.Fail, cs.Compliance), Fail: cs.Fail,
					Link: findingsLink("org", o.Org, "control", c.ID, "state", "open")}
			}
			row.Cells = append(row.Cells, cell)
		}
		data.Controls = append(data.Controls, row)
	}
	return data
}
