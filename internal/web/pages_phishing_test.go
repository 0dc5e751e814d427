package web

import (
	"github.com/ward-shared-service/ward/internal/service/phishingsvc"
	"github.com/ward-shared-service/ward/internal/store"
)

// phishingPageCases render the phishing pages with a campaign of North
// Shire's: its funnel by kind and team, who did what, a person's history,
// teams over time, councils side by side and the import form's result.
func phishingPageCases(signedIn func(page) page, north, south store.Org) []pageCase {
	funnel := funnelCellsOf(phishingsvc.Funnel{PhishingFunnel: store.PhishingFunnel{Group: "Housing", Sent: 10, Opened: 6, Clicked: 4, Submitted: 1, Reported: 4, Unmatched: 1},
		OpenedRate: 60, ClickedRate: 40, SubmittedRate: 10, ReportedRate: 40})
	links := phishingLinks("/phishing/north-shire", north.Slug, true)
	row := resultCellsOf(north.Slug, phishingsvc.ResultRow{PhishingResult: store.PhishingResult{CampaignID: 5, Email: "cara@north.example", PersonID: 9,
		Status: "clicked", Reported: true}, PersonName: "Cara Jones", Kind: "staff", Team: "Housing", Campaign: "March lure", LaunchedOn: "2026-03-02"})
	campaign := phishingCampaignData{Org: north, Links: links, View: phishingsvc.CampaignView{Campaign: store.PhishingCampaign{ID: 5, Name: "March lure",
		LaunchedOn: "2026-03-02"}, EnrolCourse: "Spotting a phish", Enrolled: 3}, Overall: funnel, ByKind: []funnelCells{funnel}, ByTeam: []funnelCells{funnel},
		Results: []resultCells{row}, NextURL: "/phishing/north-shire/5?cursor=abc"}
	res := &phishingsvc.ImportResult{Campaign: store.PhishingCampaign{ID: 5, Name: "March lure", LaunchedOn: "2026-03-02", EnrolCourseID: 2}, Results: 10, NotSent: 2, Unmatched: 1, Enrolled: 3}
	return []pageCase{
		{name: "phishing_councils", label: "two councils", pg: signedIn(page{Data: []phishingCouncil{
			{Org: north.Name, URL: "/phishing/north-shire", Campaign: "March lure", CampaignURL: "/phishing/north-shire/5", Launched: "2026-03-02", Funnel: &funnel},
			{Org: south.Name, URL: "/phishing/" + south.Slug}}}),
			want: []string{"March lure", "4 (40.0%)", "No phishing exercise yet."}, ids: []string{"phishing-councils"}},
		{name: "phishing_org", label: "campaigns", pg: signedIn(page{Data: phishingOrgData{Org: north, Links: links, CanImport: true,
			Campaigns: []phishingCampaignRow{{Name: "March lure", URL: "/phishing/north-shire/5", Launched: "2026-03-02", Funnel: funnel}}}}),
			want: []string{`href="/phishing/north-shire/5"`, "6 (60.0%)", `href="/phishing/north-shire/import"`}, ids: []string{"phishing-campaigns"}},
		{name: "phishing_campaign", label: "funnel and people", pg: signedIn(page{Data: campaign}),
			want: []string{"3 who clicked or submitted were enrolled in Spotting a phish", "Clicked the link", `href="/phishing/north-shire/people/9"`, "Reported", "rel=\"next\""},
			ids:  []string{"phishing-funnel", "by-kind", "by-team", "phishing-results", "enrolled"}},
		{name: "phishing_person", label: "history", pg: signedIn(page{Data: map[string]any{"Org": north, "Links": links, "Results": []resultCells{row},
			"Person": store.Person{Name: "Cara Jones", Email: "cara@north.example", Kind: "staff", Team: "Housing"}}}),
			want: []string{"Cara Jones", "March lure", "Clicked the link"}, ids: []string{"phishing-history"}},
		{name: "phishing_teams", label: "two points", pg: signedIn(page{Data: map[string]any{"Org": north, "Links": links, "Teams": []teamTrendRow{{Team: "Housing",
			Points: []teamPointCell{{Campaign: "Parcel", URL: "/phishing/north-shire/4", Launched: "2025-11-10", Rate: "50.0%", Clicked: 1, Sent: 2},
				{Campaign: "March lure", URL: "/phishing/north-shire/5", Launched: "2026-03-02", Rate: "40.0%", Clicked: 4, Sent: 10}}}}}}),
			want: []string{"Housing", "50.0%", "40.0%", "(4 of 10)"}, ids: []string{"phishing-teams"}},
		{name: "phishing_import", label: "result", pg: signedIn(page{Data: phishingImportData{Org: north, Links: links, Form: map[string]string{"campaign": "March lure", "due_days": "30"},
			Result: res, Funnel: funnel}}),
			want: []string{`<form method="post" action="/phishing/north-shire/import"`, "10 results, 2 not sent, 1 addresses that matched nobody, 3 newly enrolled"},
			ids:  []string{"campaign", "launched", "enrol", "due_days", "replace", "file", "import-result"}},
	}
}
