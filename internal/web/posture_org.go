package web

import (
	"net/http"
	"strconv"

	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/reader/inventory"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

type controlRow struct {
	ID, Title                     string
	Severity                      tag
	Subject                       string
	Pass, Fail, Unknown, Accepted int
	Open                          int
	Compliance                    string
	Trend                         *sparkline
	Link                          string // the open findings of the control: exactly Open of them
	AcceptedLink                  string
}

type worstRow struct {
	Name, Kind string
	Score      int
	Controls   []string // titles of the failing controls
	Link       string
}

type severityCount struct {
	Tag   tag
	Count int
	Link  string
}

// choice is one option of a select.
type choice struct{ Value, Label string }

// importFailure is why a file was refused, pointing into the file.
type importFailure struct {
	File, Column, Path, Reason, Message string
	Line                                int
}

type postureOrgData struct {
	Links                         []deskLink
	Org                           accountsvc.Org
	Overview                      posturesvc.Overview
	Compliance                    string
	Trend                         *sparkline
	Severities                    []severityCount
	Controls                      []controlRow
	Worst                         []worstRow
	FindingsLink                  string
	AcceptedLink                  string
	Parts                         openParts
	InventoryLink                 string
	CanManage                     bool
	DeviceFormats, MailboxFormats []choice
	Form                          map[string]string
	Failure                       *importFailure
}

// formatLabels says where each export comes from, as the people who run
// those tools know them.
var formatLabels = map[inventory.Format]string{
	inventory.Intune:       "Intune: Devices > All devices > Export (CSV or zip)",
	inventory.Osquery:      "osquery results log (JSON lines)",
	inventory.Fleet:        "Fleet hosts or query report (JSON)",
	inventory.WardCSV:      "ward device CSV",
	inventory.GetMailbox:   "Exchange Online Get-Mailbox (CSV)",
	inventory.GetInboxRule: "Exchange Online Get-InboxRule (CSV)",
	inventory.GraphRules:   "Microsoft Graph messageRules (JSON)",
}

// posturePage is one org's posture: compliance now and over the last
// month, every control, the worst devices and mailboxes, and for those who
// manage posture the forms to import an export and evaluate again.
func (s *Server) posturePage(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	s.showPosture(w, r, rs, org, http.StatusOK, nil, nil, nil)
}

func (s *Server) showPosture(w http.ResponseWriter, r *http.Request, rs *requestState, org accountsvc.Org, status int,
	errs []fieldError, failure *importFailure, form map[string]string) {
	o, err := s.posture.Overview(r.Context(), rs.principal, org, trendDays)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	multi := 0
	for _, x := range s.orgsInScope(rs) {
		if x.Kind == tenancy.KindCouncil {
			multi++
		}
	}
	data := postureOrgDataOf(org, o, rs.principal.Can(tenancy.ManagePosture))
	data.Links, data.Failure = postureLinks("", multi > 1), failure
	for k, v := range form {
		data.Form[k] = v
	}
	s.render(w, r, rs, status, "posture_org", page{Errors: errs, Data: data})
}

// postureOrgDataOf lays out an org's overview for its page; manage shows
// the import and evaluate forms.
func postureOrgDataOf(org accountsvc.Org, o posturesvc.Overview, manage bool) postureOrgData {
	data := postureOrgData{Org: org, Overview: o, Compliance: "—",
		Trend:        trendLine(o.OverallTrend, 320, 80, "Compliance of "+org.Name+" over "+strconv.Itoa(o.TrendDays)+" days"),
		FindingsLink: findingsLink("org", org.Slug, "state", "open"), AcceptedLink: findingsLink("org", org.Slug, "state", "accepted"),
		Parts: openPartsOf(org.Slug, o), InventoryLink: "/posture/" + org.Slug + "/devices", CanManage: manage, Form: map[string]string{}}
	if o.EvaluatedOn != "" {
		data.Compliance = percentOf(o.Compliance)
	}
	for _, sev := range posture.Severities {
		data.Severities = append(data.Severities, severityCount{Tag: severityTag(string(sev)), Count: o.BySeverity[string(sev)],
			Link: findingsLink("org", org.Slug, "state", "open", "severity", string(sev))})
	}
	for _, c := range o.Controls {
		data.Controls = append(data.Controls, controlRow{ID: c.Control, Title: c.Title, Severity: severityTag(c.Severity), Subject: c.Subject,
			Pass: c.Pass, Fail: c.Fail, Unknown: c.Unknown, Accepted: c.Accepted, Open: c.Open, Compliance: percent(c.Pass, c.Fail, c.Compliance),
			Trend: trendLine(c.Trend, 80, 20, c.Title), Link: findingsLink("org", org.Slug, "control", c.Control, "state", "open"),
			AcceptedLink: findingsLink("org", org.Slug, "control", c.Control, "state", "accepted")})
	}
	for _, wst := range o.Worst {
		row := worstRow{Name: wst.Subject.Name, Kind: kindLabel(wst.Subject.Kind), Score: wst.Score,
			Link: findingsLink("org", org.Slug, "subject", wst.Subject.Key, "state", "open")}
		for _, id := range wst.Findings {
			row.Controls = append(row.Controls, posture.FailureOf(id))
		}
		data.Worst = append(data.Worst, row)
	}
	if manage {
		for _, f := range inventory.Formats {
			opt := choice{Value: string(f), Label: formatLabels[f]}
			if opt.Label == "" {
				opt.Label = string(f)
			}
			if f.Devices() {
				data.DeviceFormats = append(data.DeviceFormats, opt)
			} else {
				data.MailboxFormats = append(data.MailboxFormats, opt)
			}
		}
	}
	return data
}
