package web

import (
	"strconv"

	"github.com/ward-shared-service/ward/internal/service/phishingsvc"
)

// funnelCells is a funnel as a table row shows it: each step's count and
// its share of those sent.
type funnelCells struct {
	Group                                      string
	Sent, Opened, Clicked, Submitted, Reported string
	Unmatched                                  int
}

func countAndRate(n int, r float64) string {
	return strconv.Itoa(n) + " (" + strconv.FormatFloat(r, 'f', 1, 64) + "%)"
}

func funnelCellsOf(f phishingsvc.Funnel) funnelCells {
	g := f.Group
	if g == "" {
		g = "(none)"
	}
	return funnelCells{Group: g, Sent: strconv.Itoa(f.Sent), Opened: countAndRate(f.Opened, f.OpenedRate), Clicked: countAndRate(f.Clicked, f.ClickedRate),
		Submitted: countAndRate(f.Submitted, f.SubmittedRate), Reported: countAndRate(f.Reported, f.ReportedRate), Unmatched: f.Unmatched}
}

func funnelRows(fs []phishingsvc.Funnel) []funnelCells {
	out := make([]funnelCells, len(fs))
	for i, f := range fs {
		out[i] = funnelCellsOf(f)
	}
	return out
}

// stepLabel words a result's furthest step for people.
func stepLabel(status string) string {
	switch status {
	case "submitted":
		return "Submitted data"
	case "clicked":
		return "Clicked the link"
	case "opened":
		return "Opened the e-mail"
	}
	return "Sent only"
}

// resultCells is one row of a per-person table.
type resultCells struct {
	Email, Person, PersonURL, Kind, Team, Step, Campaign, CampaignURL, Launched string
	Reported                                                                    bool
}

func resultCellsOf(slug string, r phishingsvc.ResultRow) resultCells {
	c := resultCells{Email: r.Email, Person: r.PersonName, Kind: r.Kind, Team: r.Team, Step: stepLabel(r.Status), Reported: r.Reported,
		Campaign: r.Campaign, CampaignURL: "/phishing/" + slug + "/" + strconv.FormatInt(r.CampaignID, 10), Launched: r.LaunchedOn}
	if r.PersonID != 0 {
		c.PersonURL = "/phishing/" + slug + "/people/" + strconv.FormatInt(r.PersonID, 10)
	}
	return c
}

// phishingLinks is the phishing pages' own menu for one org.
func phishingLinks(path, slug string, canImport bool) []deskLink {
	out := []deskLink{{Label: "Councils side by side", Href: "/phishing"}, {Label: "Campaigns", Href: "/phishing/" + slug},
		{Label: "Teams over time", Href: "/phishing/" + slug + "/teams"}}
	if canImport {
		out = append(out, deskLink{Label: "Import results", Href: "/phishing/" + slug + "/import"})
	}
	for i := range out {
		out[i].Current = out[i].Href == path
	}
	return out
}
