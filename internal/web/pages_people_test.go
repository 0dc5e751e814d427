package web

import (
	"regexp"

	"github.com/ward-shared-service/ward/internal/people"
	"github.com/ward-shared-service/ward/internal/reader/hrcsv"
	"github.com/ward-shared-service/ward/internal/service/peoplesvc"
	"github.com/ward-shared-service/ward/internal/store"
)

// peoplePageCases are the people pages: councils side by side, a list, a
// person, the add and edit form, and the HR import.
func peoplePageCases(signedIn func(page) page, north, south store.Org) []pageCase {
	ada := store.Person{ID: 7, OrgID: north.ID, Name: "Ada Lovelace", Kind: "staff", Team: "ICT", Email: "ada@north.example", HRID: "E7", StartOn: "2019-04-01"}
	bob := store.Person{ID: 8, OrgID: north.ID, Name: "Bob Smith", Kind: "contractor", Team: "ICT", ManagerID: 7, EndOn: "2027-03-31"}
	sum := peoplesvc.Summarise(north.ID, north.Slug, north.Name, []store.Person{ada, bob}, "2026-12-07")
	return []pageCase{
		{name: "people_index", label: "councils", pg: signedIn(page{Data: peopleIndexData{Summaries: []peoplesvc.Summary{sum}, Kinds: people.Kinds}}),
			want: []string{`href="/people/north-shire"`, "contractor"}, ids: []string{"people-councils"}},
		{name: "people", label: "officer", pg: signedIn(page{Data: peopleListData{Org: north, Kinds: people.Kinds, States: peopleStates, CanManage: true,
			Filter: map[string]string{"kind": "contractor"}, NextURL: "/people/north-shire?cursor=x",
			People: []personRow{{Person: bob, State: "Current", KindLabel: "Contractor"}}}}),
			want: []string{`href="/people/north-shire/8"`, "Bob Smith", "Contractor", `href="/people/north-shire/import"`, `href="/people/north-shire/new"`, "cursor=x"},
			ids:  []string{"people", "people-filter", "kind", "state", "team", "q"}},
		{name: "people", label: "reader, none", pg: signedIn(page{Data: peopleListData{Org: north, Kinds: people.Kinds, States: peopleStates, Filter: map[string]string{}}}),
			want: []string{"No one matches."}, wantNot: []string{`/people/north-shire/import`}},
		{name: "person", label: "manager", pg: signedIn(page{Data: personPageData{Org: north, State: "Current", KindLabel: "Staff", CanManage: true,
			Profile: peoplesvc.Profile{Person: ada, DirectReports: []store.Person{bob}, Tickets: 3, Current: true}}}),
			want: []string{"Ada Lovelace", `href="/people/north-shire/8"`, `href="/people/north-shire/7/edit"`, "2019-04-01"}, ids: []string{"person", "reports"}},
		{name: "person_form", label: "add", pg: signedIn(page{Data: personFormData{Org: north, Form: map[string]string{"kind": "staff"}, Kinds: people.Kinds}}),
			want: []string{`action="/people/north-shire"`, "Add person"}, ids: []string{"person-form", "name", "kind", "manager", "start_on", "end_on", "left_on", "hr_id"}},
		{name: "person_form", label: "edit with mistakes", pg: signedIn(page{Errors: []fieldError{{"email", "Enter an e-mail address"}, {"manager", "Choose a manager"}},
			Data: personFormData{Org: north, Editing: &bob, Form: map[string]string{"email": "nope"}, Kinds: people.Kinds}}),
			want: []string{`action="/people/north-shire/8"`, "Save details", "Enter an e-mail address", "Choose a manager"}},
		{name: "people_import", label: "refused", pg: signedIn(page{Errors: []fieldError{{"file", "The file was refused"}}, Data: peopleImportData{Org: south, Form: map[string]string{},
			Mistakes: hrcsv.Errors{{File: "hr.csv", Line: 3, Column: "kind", Reason: "is not a kind"}}}}),
			want: []string{`action="/people/south-vale/import"`, "is not a kind", "The file was refused"}, ids: []string{"import-mistakes", "file", "partial"}},
		{name: "people_import", label: "imported", pg: signedIn(page{Data: peopleImportData{Org: south, Form: map[string]string{},
			Result: &peoplesvc.ImportResult{File: "hr.csv", Rows: 2, Added: 2}}}),
			want: []string{"Imported hr.csv: 2 rows, 2 added"}, ids: []string{"import-result"}},
	}
}

// peopleListGET is a council's people list, whose filters are a GET form.
var peopleListGET = regexp.MustCompile(`^/people/[a-z0-9-]+$`)
