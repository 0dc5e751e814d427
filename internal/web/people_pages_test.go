package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
)

// peopleUpload is the HR import form as a browser sends it.
func peopleUpload(t *testing.T, c *http.Client, target string, partial bool, name, content string) response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if partial {
		_ = mw.WriteField("partial", "yes")
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write([]byte(content))
	_ = mw.Close()
	return send(t, c, "POST", target, &body, mw.FormDataContentType(), nil)
}

// An officer uploads an HR file: a file with bad rows is refused whole,
// every mistake listed by line and column and nobody added; the fixed file
// adds its people; an agent may look but has no import; another
// council's people are not found.
func TestPeopleImportPageIsAllOrNothing(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		officer := a.signedIn(t, "it.officer@ashcombe.example")
		agent := a.signedIn(t, "agent@abc-shared.example")
		target := a.http.URL + "/people/ashcombe/import"
		good := "hr_id,name,email,kind,team\nPAGE1,Page One,page.one@ashcombe.example,consultant,Page Team\n"
		bad := good + "PAGE2,,page.two@ashcombe.example,staff,Page Team\nPAGE3,Page Three,,wizard,Page Team\n"
		res := peopleUpload(t, officer, target, true, "hr.csv", bad)
		text := pageText(res.body)
		if res.status != 422 || !strings.Contains(text, "The file was refused and nothing was imported: 2 mistakes") ||
			!strings.Contains(res.body, cells("3", "name")) || !strings.Contains(res.body, cells("4", "kind")) {
			t.Fatalf("bad file: %d %s", res.status, pageText(between(res.body, "govuk-error-summary", "</table>")))
		}
		list := do(t, officer, "GET", a.http.URL+"/people/ashcombe?team=Page+Team&state=all", nil, nil)
		if list.status != 200 || strings.Contains(list.body, "Page One") {
			t.Errorf("a refused file added someone: %d", list.status)
		}
		res = peopleUpload(t, officer, target, true, "hr.csv", good)
		if res.status != 200 || !strings.Contains(pageText(res.body), "Imported hr.csv: 1 rows, 1 added, 0 updated, 0 unchanged, 0 ended.") {
			t.Fatalf("good file: %d %s", res.status, pageText(between(res.body, "govuk-error-summary", "</ul>")))
		}
		list = do(t, agent, "GET", a.http.URL+"/people/ashcombe?team=Page+Team", nil, nil)
		if list.status != 200 || !strings.Contains(list.body, "Page One") || strings.Contains(list.body, "/people/ashcombe/import") {
			t.Errorf("the agent's list: %d", list.status)
		}
		if res := do(t, agent, "GET", target, nil, nil); res.status != 403 {
			t.Errorf("an agent opening the import form: %d", res.status)
		}
		if res := do(t, officer, "GET", a.http.URL+"/people/brentmere", nil, nil); res.status != 404 {
			t.Errorf("an Ashcombe officer opening Brentmere's people: %d", res.status)
		}
		if res := do(t, officer, "GET", a.http.URL+"/people", nil, nil); res.status != http.StatusSeeOther || res.location != "/people/ashcombe" {
			t.Errorf("the menu's People for one council's officer: %d to %q, want its list", res.status, res.location)
		}
		index := do(t, agent, "GET", a.http.URL+"/people", nil, nil)
		for _, council := range []string{"/people/ashcombe", "/people/brentmere", "/people/calderwick"} {
			if index.status != 200 || !strings.Contains(index.body, `href="`+council+`"`) {
				t.Errorf("the shared service's People page lacks %s: %d", council, index.status)
			}
		}
	})
}

// cells is a mistake's line and column as the mistakes table shows them.
func cells(line, column string) string {
	return `<td class="govuk-table__cell">` + line + `</td><td class="govuk-table__cell">` + column + `</td>`
}
