package web_test

import (
	"bytes"
	"html"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
)

// deskUpload is the import form as a browser sends it.
func deskUpload(t *testing.T, c *http.Client, target string, fields map[string]string, name, content string) response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, k := range []string{"org", "source", "strict"} {
		if v, ok := fields[k]; ok {
			_ = mw.WriteField(k, v)
		}
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write([]byte(content))
	_ = mw.Close()
	return send(t, c, "POST", target, &body, mw.FormDataContentType(), nil)
}

// An admin imports a ServiceNow export from the desk's pages: the result
// lists each quirk mended with its line, ticket and column; ticking strict
// refuses the file, naming the line and column; desk agents have no form.
func TestDeskImportPageListsRepairs(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		admin := a.signedIn(t, "admin@abc-shared.example")
		agent := a.signedIn(t, "agent@abc-shared.example")
		target := a.http.URL + "/desk/import"

		res := do(t, admin, "GET", target, nil, nil)
		if res.status != 200 || !strings.Contains(res.body, `action="/desk/import" enctype="multipart/form-data"`) || !strings.Contains(res.body, `name="strict"`) {
			t.Fatalf("the admin has no import form: %d", res.status)
		}
		if res := do(t, agent, "GET", target, nil, nil); res.status != 403 {
			t.Errorf("an agent opening the import form: %d", res.status)
		}

		strict := map[string]string{"org": "ashcombe", "source": "servicenow", "strict": "yes"}
		res = deskUpload(t, admin, target, strict, "quirky.csv", quirkyServiceNow)
		if res.status != 422 || !strings.Contains(res.body, `<a href="#file">`) ||
			!strings.Contains(pageText(res.body), `The file was refused and nothing was imported: quirky.csv: line 3: column "incident_state": "-100" is not an incident state ward knows`) {
			t.Fatalf("strict import: %d %q", res.status, stripTags(between(res.body, "govuk-error-summary", "</ul>")))
		}

		res = deskUpload(t, admin, target, map[string]string{"org": "ashcombe", "source": "servicenow"}, "quirky.csv", quirkyServiceNow)
		if res.status != 200 {
			t.Fatalf("import: %d %q", res.status, stripTags(between(res.body, "govuk-error-summary", "</ul>")))
		}
		text := pageText(between(res.body, `id="import-result"`, "</table>"))
		for _, want := range []string{
			"Imported quirky.csv: 6 rows, 3 tickets: 3 new, 0 updated, 0 unchanged.",
			"Repaired 3 tickets (3 repairs)",
			`3 APIQ7 incident_state "-100" is not a state ward knows: kept as written, and the SLA clocks run through it`,
			"6 APIQ8 sys_mod_count 1 is also the count on line 5",
			"7 APIQ9 sys_updated_at 4/3/2024 08:30 is before opened_at (4/3/2024 09:00): taken as 4/3/2024 09:00",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("the result lacks %q:\n%s", want, text)
			}
		}
		if res := deskUpload(t, agent, target, map[string]string{"org": "ashcombe", "source": "servicenow"}, "quirky.csv", quirkyServiceNow); res.status != 403 {
			t.Errorf("an agent uploading: %d", res.status)
		}
	})
}

// pageText is what a reader sees of some HTML: the text, unescaped, with
// runs of white space as one space.
func pageText(s string) string {
	return strings.Join(strings.Fields(html.UnescapeString(stripTags(s))), " ")
}
