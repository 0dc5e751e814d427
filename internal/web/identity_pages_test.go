package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/identitysvc"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// pictureBoxes reads the boxes of a page's path picture, in order, as
// "NAME (kind)"; the Tier Zero end says so.
var pictureBox = regexp.MustCompile(`<g class="ward-path__node[^"]*" data-kind="[^"]*" data-id="[^"]*"><title>([^<]*)</title>`)

func pictureBoxes(body string) []string {
	var out []string
	for _, m := range pictureBox.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

var pathRowName = regexp.MustCompile(`<th scope="row" class="govuk-table__header govuk-!-font-weight-regular"><a class="govuk-link" href="[^"]*">([^<]*)</a></th>`)

// pathNames lists the accounts in a paths page's table.
func pathNames(body string) []string {
	_, table, _ := strings.Cut(body, `id="paths"`)
	table, _, _ = strings.Cut(table, "</table>")
	var out []string
	for _, m := range pathRowName.FindAllStringSubmatch(table, -1) {
		out = append(out, m[1])
	}
	return out
}

// rowOf is the table row that starts with the named account, as text.
func rowOf(body, name string) string {
	return between(body, ">"+name+"</a></th>", "</tr>")
}

func (a *app) orgID(t *testing.T, slug string) int64 {
	t.Helper()
	org, err := a.store.OrgBySlug(context.Background(), tenancy.ForSystem(tenancy.JobTest), slug)
	if err != nil {
		t.Fatal(err)
	}
	return org.ID
}

// snapshotsOf lists an org's current directory snapshots, to prove a
// refused import changed nothing.
func (a *app) snapshotsOf(t *testing.T, slug string) []store.IdentitySnapshot {
	t.Helper()
	list, err := a.store.IdentitySnapshots(context.Background(), tenancy.ForSystem(tenancy.JobTest), a.orgID(t, slug), "current", false)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// testlabReaching are the fixture's accounts with a path into Tier Zero,
// worked out by hand (see internal/identity/fixture_paths_test.go).
var testlabReaching = []string{"ADDALLOWEDTOACTTEST@TESTLAB.LOCAL", "DCSYNCDELEGATIONTEST@TESTLAB.LOCAL", "DCSYNCDIRECT@TESTLAB.LOCAL",
	"DFM@TESTLAB.LOCAL", "ESID2@TESTLAB.LOCAL", "ESID@TESTLAB.LOCAL", "WIN10.TESTLAB.LOCAL", "WRITEDACLTEST@TESTLAB.LOCAL", "WRITEOWNERTEST@TESTLAB.LOCAL"}

// An analyst uploads SharpHound's own test domain through the form, as the
// shared service's own directory; the paths page then shows DFM's two
// steps to ADMINISTRATOR, and DFM's page draws them. An Entra export
// joins it, and the overview shows both.
func TestIdentityPagesWithTheSharpHoundFixture(t *testing.T) {
	collection := sharpHoundFixture(t)
	eachApp(t, func(t *testing.T, a *app) {
		analyst := a.signedIn(t, "analyst@abc-shared.example")
		base := a.http.URL + "/identity/abc-shared"
		res := identityUpload(t, analyst, base+"/import", "ad", "20261101_testlab.zip", collection)
		if res.status != http.StatusSeeOther || res.location != "/identity/abc-shared" {
			t.Fatalf("import: %d to %q\n%s", res.status, res.location, between(res.body, "govuk-error-summary", "</ul>"))
		}
		res = do(t, analyst, "GET", base, nil, nil)
		if flash := between(res.body, "govuk-notification-banner__heading", "</p>"); !strings.Contains(flash, "Imported 20261101_testlab.zip: Active Directory TESTLAB.LOCAL") {
			t.Errorf("after the import the page says %q", flash)
		}
		if dirs := between(res.body, `id="directories"`, "</table>"); !strings.Contains(dirs, "TESTLAB.LOCAL") || !strings.Contains(dirs, "20261101_testlab.zip") {
			t.Errorf("the directories table reads %q", dirs)
		}

		res = do(t, analyst, "GET", base+"/paths?limit=1000", nil, nil)
		var testlab []string
		for _, n := range pathNames(res.body) {
			if strings.HasSuffix(n, "TESTLAB.LOCAL") {
				testlab = append(testlab, n)
			}
		}
		slices.Sort(testlab)
		if !slices.Equal(testlab, testlabReaching) {
			t.Errorf("the paths page lists %q from TESTLAB, want %q", testlab, testlabReaching)
		}
		dfm := rowOf(res.body, "DFM@TESTLAB.LOCAL")
		if !strings.Contains(dfm, "DFM@TESTLAB.LOCAL —is an administrator of→ WIN10.TESTLAB.LOCAL —has a signed-in session of→ ADMINISTRATOR@TESTLAB.LOCAL") || !strings.Contains(dfm, "user") {
			t.Errorf("DFM's row reads %q, want its path through WIN10 to ADMINISTRATOR", dfm)
		}
		res = do(t, analyst, "GET", base+"/paths?match=dfm", nil, nil)
		if got := pathNames(res.body); !slices.Equal(got, []string{"DFM@TESTLAB.LOCAL"}) {
			t.Errorf("searching for dfm lists %q", got)
		}
		res = do(t, analyst, "GET", base+"/paths?match=testlab&limit=4", nil, nil)
		if got := pathNames(res.body); len(got) != 4 || !strings.Contains(res.body, `id="more" href="/identity/abc-shared/paths?limit=8&amp;match=testlab"`) {
			t.Errorf("four at a time: %d listed, show more %q", len(got), between(res.body, `id="more"`, "</a>"))
		}

		res = do(t, analyst, "GET", base+"/paths?match=dfm", nil, nil)
		link := regexp.MustCompile(`href="(/identity/abc-shared/principals/[^"]+)">DFM@TESTLAB.LOCAL</a>`).FindStringSubmatch(res.body)
		if link == nil {
			t.Fatal("DFM's row has no link to its page")
		}
		res = do(t, analyst, "GET", a.http.URL+link[1], nil, nil)
		want := []string{"DFM@TESTLAB.LOCAL (user)", "WIN10.TESTLAB.LOCAL (computer)", "ADMINISTRATOR@TESTLAB.LOCAL (user · Tier Zero)"}
		if res.status != 200 || !strings.Contains(res.body, `<svg xmlns="http://www.w3.org/2000/svg" class="ward-path"`) || !slices.Equal(pictureBoxes(res.body), want) {
			t.Errorf("DFM's page: %d, picture boxes %q, want %q", res.status, pictureBoxes(res.body), want)
		}
		if edges := regexp.MustCompile(`data-edge="(\w+)"`).FindAllStringSubmatch(res.body, -1); len(edges) != 2 || edges[0][1] != "AdminTo" || edges[1][1] != "HasSession" {
			t.Errorf("DFM's picture has arrows %q, want AdminTo then HasSession", edges)
		}

		res = identityUpload(t, analyst, base+"/import", "entra", "entra-ashcombe.json", entraSample(t))
		if res.status != http.StatusSeeOther {
			t.Fatalf("Entra import: %d\n%s", res.status, between(res.body, "govuk-error-summary", "</ul>"))
		}
		svc := identitysvc.New(a.store, posturesvc.New(a.store, desksvc.New(a.store)))
		sum, err := svc.SummaryOf(context.Background(), tenancy.Operator("cli:test"), a.orgID(t, "abc-shared"), 30)
		if err != nil {
			t.Fatal(err)
		}
		res = do(t, analyst, "GET", a.http.URL+"/identity", nil, nil)
		row := between(res.body, `id="org-abc-shared"`, "</tr>")
		if !strings.Contains(row, "Active Directory TESTLAB.LOCAL") || !strings.Contains(row, "Entra ID ASHCOMBE.GOV.UK") ||
			!strings.Contains(res.body, `id="score-abc-shared">`+strconv.Itoa(sum.Score)+`</span>`) {
			t.Errorf("the overview's row for the shared service reads %q; the service says score %d", row, sum.Score)
		}
		if got := between(res.body, `id="reaching-abc-shared">`, "</td>"); got != strconv.Itoa(sum.Reaching)+" of "+strconv.Itoa(sum.Accounts) || sum.Reaching < len(testlabReaching)+2 {
			t.Errorf("the overview says %q reach Tier Zero; the service %d of %d (TESTLAB's 9 and Entra's 2 at least)", got, sum.Reaching, sum.Accounts)
		}
	})
}

// An officer reads their council's identity risk but is offered no form
// and may post none; an analyst's bad file is refused whole, saying where;
// adding an object to Tier Zero brings the paths into it onto the list.
func TestIdentityPagesForEachRole(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		seeds := seedIdentity(t, a.store)
		ash := seeds["ashcombe"]
		officer := a.signedIn(t, "it.officer@ashcombe.example")
		analyst := a.signedIn(t, "analyst@abc-shared.example")
		base := a.http.URL + "/identity/ashcombe"

		res := do(t, officer, "GET", a.http.URL+"/identity", nil, nil)
		if res.status != http.StatusSeeOther || res.location != "/identity/ashcombe" {
			t.Fatalf("officer's /identity: %d to %q, want their council's page", res.status, res.location)
		}
		res = do(t, officer, "GET", base, nil, nil)
		if res.status != 200 || !strings.Contains(res.body, `href="/identity">Identity</`) && !strings.Contains(res.body, ">Identity</strong>") ||
			!strings.Contains(between(res.body, `id="directories"`, "</table>"), ash.domain) || !strings.Contains(res.body, `id="score">`) {
			t.Fatalf("officer's identity page: %d, directories %q", res.status, between(res.body, `id="directories"`, "</table>"))
		}
		for _, form := range []string{`action="/identity/ashcombe/import"`, `action="/identity/ashcombe/tier-zero"`} {
			if strings.Contains(res.body, form) {
				t.Errorf("an officer is offered the form %s", form)
			}
		}
		res = do(t, officer, "GET", base+"/principals/"+ash.kim, nil, nil)
		kimWant := []string{"ASHCOMBE-PROBE-KIM@ASHCOMBE-PROBE.LOCAL (user)", "ASHCOMBE-PROBE-PC-1.ASHCOMBE-PROBE.LOCAL (computer)",
			"ASHCOMBE-PROBE-SVC-ADMIN@ASHCOMBE-PROBE.LOCAL (user · Tier Zero)"}
		if !slices.Equal(pictureBoxes(res.body), kimWant) || strings.Contains(res.body, `action="/identity/ashcombe/tier-zero"`) {
			t.Errorf("the officer's view of Kim: boxes %q (want %q), or offered the Tier Zero form", pictureBoxes(res.body), kimWant)
		}
		if res := identityUpload(t, officer, base+"/import", "ad", "users.json", []byte(`{}`)); res.status != 403 {
			t.Errorf("an officer uploading: %d", res.status)
		}
		if res := do(t, officer, "POST", base+"/tier-zero", url.Values{"object_id": {ash.backup}}, nil); res.status != 403 {
			t.Errorf("an officer adding to Tier Zero: %d", res.status)
		}
		if res := do(t, officer, "POST", base+"/analyse", url.Values{}, nil); res.status != 403 {
			t.Errorf("an officer running the analysis: %d", res.status)
		}
		if res := do(t, officer, "GET", a.http.URL+"/identity/brentmere", nil, nil); res.status != 404 || strings.Contains(res.body, seeds["brentmere"].domain) {
			t.Errorf("Ashcombe's officer opening Brentmere's identity page: %d", res.status)
		}
		agent := a.signedIn(t, "agent@abc-shared.example")
		if res := do(t, agent, "GET", a.http.URL+"/identity", nil, nil); res.status != 403 || strings.Contains(res.body, `href="/identity"`) {
			t.Errorf("a desk agent's /identity: %d (no posture permission, no menu entry)", res.status)
		}

		// A SharpHound file with a number where a SID belongs: refused
		// whole, naming the file and the place in it.
		before := a.snapshotsOf(t, "ashcombe")
		pathsBefore := pathNames(do(t, analyst, "GET", base+"/paths?limit=1000", nil, nil).body)
		bad := `{"data":[{"ObjectIdentifier": 5}],"meta":{"type":"users","count":1,"version":6}}`
		res = identityUpload(t, analyst, base+"/import", "ad", "users.json", []byte(bad))
		msg := between(res.body, `id="file-error"`, "</p>")
		if res.status != 422 || !strings.Contains(msg, "users.json") || !strings.Contains(msg, "$.data[0].ObjectIdentifier") ||
			!strings.Contains(res.body, `<a href="#file">`) || strings.Contains(msg, "ward-directory-") {
			t.Errorf("a bad file: %d, message %q", res.status, msg)
		}
		if after := a.snapshotsOf(t, "ashcombe"); !slices.EqualFunc(before, after, func(x, y store.IdentitySnapshot) bool { return x.ID == y.ID }) {
			t.Errorf("a refused file changed the snapshots: %v to %v", before, after)
		}
		if after := pathNames(do(t, analyst, "GET", base+"/paths?limit=1000", nil, nil).body); !slices.Equal(pathsBefore, after) {
			t.Errorf("a refused file changed the paths: %q to %q", pathsBefore, after)
		}
		if res := identityUpload(t, analyst, base+"/import", "ldap", "users.json", []byte(bad)); res.status != 422 || !strings.Contains(res.body, `<a href="#source">`) {
			t.Errorf("an unknown source: %d", res.status)
		}
		if res := identityUpload(t, analyst, base+"/import", "ad", "empty.json", nil); res.status != 422 || !strings.Contains(res.body, "The selected file is empty") {
			t.Errorf("an empty file: %d", res.status)
		}

		// Backup is nobody's way in until it is Tier Zero; then its operator is.
		operator := "ASHCOMBE-PROBE-OPERATOR@ASHCOMBE-PROBE.LOCAL"
		if got := pathNames(do(t, analyst, "GET", base+"/paths?match=probe", nil, nil).body); slices.Contains(got, operator) || len(got) != 3 {
			t.Fatalf("before the change the probe accounts reaching Tier Zero are %q", got)
		}
		// The analyst chooses the server by its name, offered as they type; no SID is asked for.
		backupName := "ASHCOMBE-PROBE-BACKUP.ASHCOMBE-PROBE.LOCAL"
		if form := do(t, analyst, "GET", base, nil, nil).body; !strings.Contains(markup(form, `<datalist id="tier-zero-candidates">`, "</datalist>"), `<option value="`+backupName+`">`) {
			t.Errorf("the Tier Zero form does not offer %s by name", backupName)
		}
		if res := do(t, analyst, "POST", base+"/tier-zero", url.Values{"object": {"no-such-server"}}, nil); res.status != 422 {
			t.Errorf("a name no object has: %d, want 422", res.status)
		}
		res = do(t, analyst, "POST", base+"/tier-zero", url.Values{"object": {strings.ToLower(backupName)}, "note": {"Backs up the domain controllers"}}, nil)
		if res.status != http.StatusSeeOther || res.location != "/identity/ashcombe" {
			t.Fatalf("add to Tier Zero: %d to %q\n%s", res.status, res.location, between(res.body, "govuk-error-summary", "</ul>"))
		}
		res = do(t, analyst, "GET", base, nil, nil)
		if flash := between(res.body, "govuk-notification-banner__heading", "</p>"); !strings.Contains(flash, "Added ASHCOMBE-PROBE-BACKUP.ASHCOMBE-PROBE.LOCAL to Tier Zero") {
			t.Errorf("after adding, the page says %q", flash)
		}
		if added := between(res.body, `id="tier-zero-additions"`, "</table>"); !strings.Contains(added, "ASHCOMBE-PROBE-BACKUP.ASHCOMBE-PROBE.LOCAL") ||
			!strings.Contains(added, "Backs up the domain controllers") || !strings.Contains(res.body, `action="/identity/ashcombe/tier-zero/remove"`) {
			t.Errorf("the additions read %q", added)
		}
		if got := pathNames(do(t, analyst, "GET", base+"/paths?match=probe", nil, nil).body); !slices.Contains(got, operator) {
			t.Errorf("after adding Backup to Tier Zero the probe accounts reaching it are %q, want the operator among them", got)
		}
		if res := do(t, officer, "GET", base, nil, nil); !strings.Contains(between(res.body, `id="tier-zero-additions"`, "</table>"), "shared service staff") ||
			strings.Contains(res.body, "analyst@abc-shared.example") {
			t.Errorf("the officer sees who added it as %q", between(res.body, `id="tier-zero-additions"`, "</table>"))
		}
		res = do(t, analyst, "POST", base+"/tier-zero", url.Values{"object_id": {"S-1-5-21-0-0-0-404"}}, nil)
		if res.status != 422 || !strings.Contains(between(res.body, `id="object-error"`, "</p>"), "No object in the org&#39;s directories is named S-1-5-21-0-0-0-404") {
			t.Errorf("an unknown object: %d %q", res.status, between(res.body, "govuk-error-summary", "</ul>"))
		}
		res = do(t, analyst, "POST", base+"/tier-zero/remove", url.Values{"object_id": {ash.backup}}, nil)
		if res.status != http.StatusSeeOther {
			t.Fatalf("remove from Tier Zero: %d", res.status)
		}
		if got := pathNames(do(t, analyst, "GET", base+"/paths?match=probe", nil, nil).body); slices.Contains(got, operator) {
			t.Errorf("after removing Backup the operator still reaches Tier Zero: %q", got)
		}
		if res := do(t, analyst, "POST", base+"/tier-zero/remove", url.Values{"object_id": {ash.backup}}, nil); res.status != 422 {
			t.Errorf("removing it twice: %d", res.status)
		}
		// Analysing again without an import changes nothing and says so.
		if res := do(t, analyst, "POST", base+"/analyse", url.Values{}, nil); res.status != http.StatusSeeOther || res.location != "/identity/ashcombe" {
			t.Fatalf("analyse again: %d to %q", res.status, res.location)
		}
		res = do(t, analyst, "GET", base, nil, nil)
		if flash := between(res.body, "govuk-notification-banner__heading", "</p>"); !strings.Contains(flash, "Analysed again: ") || !strings.Contains(flash, "0 opened, 0 resolved") {
			t.Errorf("after analysing again the page says %q", flash)
		}
		if res := do(t, analyst, "GET", base+"/principals/S-1-5-21-0-0-0-404", nil, nil); res.status != 404 {
			t.Errorf("an unknown object's page: %d", res.status)
		}
	})
}
