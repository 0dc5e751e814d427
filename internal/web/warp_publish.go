package web

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/warp"
)

// maxAdvisoryForm is the largest publish form: a 200,000-character body
// (the service's limit) and a long list of indicators.
const maxAdvisoryForm = 1 << 20

// flaggedRow is an indicator the warning lists flagged, with why.
type flaggedRow struct {
	Value, Type string
	Reasons     []string
}

// flaggedRows shows each flagged indicator with the lists that flagged it.
func flaggedRows(flagged []warpsvc.Flagged) []flaggedRow {
	var rows []flaggedRow
	for _, f := range flagged {
		row := flaggedRow{Value: f.Indicator.Value, Type: string(f.Indicator.Type)}
		for _, w := range f.Warnings {
			row.Reasons = append(row.Reasons, w.List+": "+w.Reason)
		}
		rows = append(rows, row)
	}
	return rows
}

// soleCommunity chooses the community for the form when the user can
// share into only one and has not chosen.
func soleCommunity(communities []choice, form map[string]string) {
	if len(communities) == 1 && form["community"] == "" {
		form["community"] = communities[0].Value
	}
}

type publishData struct {
	Links       []deskLink
	Form        map[string]string
	Err         map[string]string // each field's error, by the field's id
	Rules       []tlpBadge
	Orgs        []orgChoice
	Communities []choice
	Markings    []choice
	Severities  []choice
	Flagged     []flaggedRow
}

// orgChoice is a member org offered as a named recipient.
type orgChoice struct {
	Value, Label, ID string
	Checked          bool
}

// publishFields are the publish form's single-value fields.
var publishFields = []string{"title", "summary", "body", "severity", "community", "tlp", "people", "indicators", "anonymous", "allow_warnings"}

// warpPublishForm is the form to publish an advisory.
func (s *Server) warpPublishForm(w http.ResponseWriter, r *http.Request, rs *requestState) {
	s.showPublish(w, r, rs, http.StatusOK, nil, map[string]string{"severity": "medium", "tlp": "AMBER"}, nil, nil)
}

// showPublish renders the form, with a refused attempt's values, errors
// and flagged indicators when there are any.
func (s *Server) showPublish(w http.ResponseWriter, r *http.Request, rs *requestState, status int, errs []fieldError, form map[string]string,
	chosen []string, flagged []warpsvc.Flagged) {
	communities, err := s.warp.Communities(r.Context(), rs.principal)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	data := publishData{Links: warpLinks(r), Form: form, Err: map[string]string{}, Markings: markingChoices(true), Severities: severityChoices()}
	for _, e := range errs {
		data.Err[e.Field] = e.Message
	}
	for _, m := range warp.Markings {
		data.Rules = append(data.Rules, tlpOf(m))
	}
	seen := map[string]bool{}
	for _, c := range communities {
		if !c.CanPublish {
			continue // the list holds every community for administrators
		}
		data.Communities = append(data.Communities, choice{Value: c.Slug, Label: c.Name})
		for _, m := range c.Members {
			if seen[m.OrgSlug] {
				continue
			}
			seen[m.OrgSlug] = true
			data.Orgs = append(data.Orgs, orgChoice{Value: m.OrgSlug, Label: m.OrgName, Checked: slices.Contains(chosen, m.OrgSlug)})
		}
	}
	slices.SortFunc(data.Orgs, func(a, b orgChoice) int { return strings.Compare(a.Label, b.Label) })
	for i := range data.Orgs {
		data.Orgs[i].ID = "orgs"
		if i > 0 {
			data.Orgs[i].ID = "orgs-" + strconv.Itoa(i+1) // GOV.UK: the first box takes the field's id, for the error link
		}
	}
	soleCommunity(data.Communities, form)
	data.Flagged = flaggedRows(flagged)
	s.render(w, r, rs, status, "warp_new", page{Errors: errs, Data: data})
}

// warpPublish publishes the advisory. Indicators the community's warning
// lists flag (a private address, a council's own domain) stop it until the
// author removes them or says to publish anyway.
func (s *Server) warpPublish(w http.ResponseWriter, r *http.Request, rs *requestState) {
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, http.StatusRequestEntityTooLarge, "The advisory is too long to send in one form.")
		return
	}
	form := map[string]string{}
	for _, k := range publishFields {
		form[k] = r.PostFormValue(k)
	}
	chosen := r.PostForm["orgs"]
	values, lines := indicatorLines(form["indicators"])
	n := warpsvc.NewAdvisory{ShareSpec: warpsvc.ShareSpec{Community: form["community"], TLP: form["tlp"], Orgs: chosen,
		People:    strings.FieldsFunc(form["people"], func(r rune) bool { return r == '\n' || r == ',' || r == ';' || r == ' ' || r == '\r' }),
		Anonymous: form["anonymous"] != ""}, Title: form["title"], Summary: form["summary"], Body: form["body"], Severity: form["severity"],
		Indicators: values, AllowWarnings: form["allow_warnings"] != ""}
	a, err := s.warp.Publish(r.Context(), rs.principal, n)
	var flagged *warpsvc.WarningsError
	switch bad := s.refusedForm(w, r, err); {
	case errors.As(err, &flagged):
		msg := fmt.Sprintf("%d of the indicators look like false positives: remove them, or tick “Publish anyway”", len(flagged.Flagged))
		s.showPublish(w, r, rs, http.StatusUnprocessableEntity, []fieldError{{"indicators", msg}}, form, chosen, flagged.Flagged)
	case bad != nil:
		var errs []fieldError
		for _, f := range fault.All(err) {
			errs = append(errs, publishError(f, lines))
		}
		s.showPublish(w, r, rs, http.StatusUnprocessableEntity, errs, form, chosen, nil)
	case err != nil: // refusedForm answered it
	default:
		s.flash(w, "Published “"+a.Title+"” as "+a.TLP.String())
		http.Redirect(w, r, "/warp/advisories/"+strconv.FormatInt(a.ID, 10), http.StatusSeeOther)
	}
}

// indicatorLines reads the indicators box: one value a line, its type
// worked out from it; blank lines and # comments are left out. lines[i] is
// the line the i-th value came from, so an error can point at it.
func indicatorLines(text string) (values []warpsvc.NewIndicator, lines []int) {
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		values = append(values, warpsvc.NewIndicator{Value: line})
		lines = append(lines, i+1)
	}
	return values, lines
}

// publishError puts the service's complaint on the form's field: one about
// the n-th indicator names its line in the box.
func publishError(bad *fault.Error, lines []int) fieldError {
	var n int
	if _, err := fmt.Sscanf(bad.Field, "indicators[%d]", &n); err == nil && n >= 0 && n < len(lines) {
		return fieldError{"indicators", fmt.Sprintf("Line %d: %s", lines[n], bad.Message)}
	}
	return fieldError{bad.Field, sentence(bad.Message)}
}
