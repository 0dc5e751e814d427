package web

import (
	"time"

	"github.com/ward-shared-service/ward/internal/awareness"
	"github.com/ward-shared-service/ward/internal/people"
	"github.com/ward-shared-service/ward/internal/service/policysvc"
	"github.com/ward-shared-service/ward/internal/store"
)

// policyPageCases are the policy document pages and the public acceptance
// page.
func policyPageCases(signedIn func(page) page, north store.Org) []pageCase {
	at := time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC)
	v := store.PolicyVersion{ID: 5, Number: 2, Material: true, SHA256: "ab12cd", PublishedAt: at, PublishedBy: "user:ada@north.example", Note: "Cloud storage",
		Body: "# Use\n\n**No** personal cloud storage.\n"}
	shares := []awareness.Share{{Kind: people.Staff, InScope: 10, Current: 7}, {Kind: people.Councillor, InScope: 3, Current: 3}, {Kind: people.Contractor}, {Kind: people.Consultant}}
	doc := policysvc.Document{PolicyDocument: store.PolicyDocument{OrgID: north.ID, Slug: "acceptable-use", Title: "Acceptable Use Statement", Owner: "Head of ICT",
		ReviewOn: "2026-10-01", AcceptDays: 14}, Version: 2, Material: true, ReviewOverdue: true, Shares: shares, Total: awareness.Total(shares),
		Versions: []store.PolicyVersion{v}}
	offer := policysvc.Offer{OrgName: north.Name, Title: doc.Title, Person: "Ann Lee", Version: v, Deadline: at.AddDate(0, 0, 14)}
	accepted := offer
	accepted.Accepted = true
	late := policysvc.Late{Person: store.Person{Name: "Dan Ray", Kind: "contractor"},
		Documents: []policysvc.Missing{{Slug: "acceptable-use", Title: doc.Title, Version: 2, Deadline: at.AddDate(0, 0, 14), Accepted: "version 1"}}}
	return []pageCase{
		{name: "policies", label: "analyst", pg: signedIn(page{Data: policiesData{Org: north, Documents: []policysvc.Document{doc}, Kinds: people.Kinds, CanManage: true,
			Trend: []policysvc.Point{{Day: "2026-11-30", InScope: 13, Accepted: 10, Percent: 76.9}}, Form: map[string]string{"accept_days": "14"}}}),
			want: []string{`href="/policies/north-shire/acceptable-use"`, "Review overdue", "70% ", "76.9%", `action="/policies/north-shire/publish"`, `action="/policies/north-shire/paper"`},
			ids:  []string{"policy-documents", "policy-trend", "slug", "body", "file", "material", "person", "scan"}},
		{name: "policies", label: "officer, none", pg: signedIn(page{Data: policiesData{Org: north, Kinds: people.Kinds, Form: map[string]string{}}}),
			want: []string{"has no policy documents yet"}, wantNot: []string{`action="/policies/north-shire/publish"`}},
		{name: "policy_document", label: "document", pg: signedIn(page{Data: policyDocumentData{Org: north, Document: doc, Body: renderMarkdown(v.Body)}}),
			want: []string{"<strong>No</strong> personal cloud storage", "Cloud storage", "material", "Head of ICT", "(10 of 13)"}, ids: []string{"policy-title", "policy-versions", "policy-body", "policy-total"}},
		{name: "policy_overdue", label: "by manager", pg: signedIn(page{Data: policyOverdueData{Org: north, Groups: []policysvc.ManagerGroup{{Manager: "Bea Boss", Email: "bea@north.example", People: []policysvc.Late{late}}}}}),
			want: []string{"Bea Boss", "Dan Ray", "due 30 Nov 2026", "accepted: version 1"}},
		{name: "policy_overdue", label: "nobody", pg: signedIn(page{Data: policyOverdueData{Org: north}}), ids: []string{"policy-none-overdue"}},
		{name: "policy_councils", label: "side by side", pg: signedIn(page{Data: policyCouncilsData{Kinds: people.Kinds,
			Councils: []policysvc.Council{{Org: north, Shares: shares, Status: []policysvc.DocumentStatus{{Document: "acceptable-use", Version: 2, Percent: 76.9}}}}}}),
			want: []string{`href="/policies/north-shire"`, "acceptable-use v2: 76.9%", "100%"}, ids: []string{"policy-councils"}},
		{name: "policy_mine", label: "to accept", pg: signedIn(page{Data: []myPolicy{{Mine: policysvc.Mine{Slug: "acceptable-use", Title: doc.Title, Version: v, Deadline: at},
			Body: renderMarkdown(v.Body)}}}),
			want: []string{`action="/my/policies/acceptable-use"`, `value="ab12cd"`, "To accept by 16 November 2026"}, ids: []string{"mine-acceptable-use"}},
		{name: "policy_mine", label: "none", pg: signedIn(page{}), want: []string{"No policy document binds you"}},
		{name: "policy_accept", label: "offer", pg: page{Data: policyAcceptData{Token: "tok", Offer: offer, Body: renderMarkdown(v.Body)}},
			want: []string{`action="/accept/tok"`, "Ann Lee, please read this and accept it by 30 November 2026", "<strong>No</strong>"}, ids: []string{"policy-title", "policy-body", "policy-accept"}},
		{name: "policy_accept", label: "accepted", pg: page{Data: policyAcceptData{Offer: accepted}},
			want: []string{"ab12cd"}, wantNot: []string{"<form"}, ids: []string{"policy-accepted"}},
	}
}
