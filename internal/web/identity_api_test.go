package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/identitysvc"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

type apiStep struct{ ID, Name, Kind, Edge string }

type apiReach struct {
	ID, Name, Kind string
	Hops           int
	Path           []apiStep
}

// decodeAs reads a JSON answer, failing the test with the body when it is not one.
func decodeAs[T any](t *testing.T, res response) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(res.body), &v); err != nil {
		t.Fatalf("%d: not the JSON expected: %v\n%s", res.status, err, res.body)
	}
	return v
}

// stepsOf is a path in words, for comparing.
func stepsOf(path []apiStep) string {
	var parts []string
	for _, s := range path {
		parts = append(parts, s.Name, s.Edge)
	}
	return strings.TrimSpace(strings.Join(parts, " "))
}

// A script reads the same identity picture as the pages, imports an Entra
// export, changes Tier Zero, and is told plainly what it got wrong.
func TestIdentityThroughTheAPI(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		seeds := seedIdentity(t, a.store)
		ash := seeds["ashcombe"]
		c := a.browser()
		_, admin := a.token(t, "abc-shared", "admin", time.Hour)
		_, officer := a.token(t, "ashcombe", "officer", time.Hour)
		base := a.http.URL + "/api/v1/orgs/ashcombe/identity"

		res := do(t, c, "GET", a.http.URL+"/api/v1/identity", nil, bearer(officer))
		overview := decodeAs[struct {
			Orgs []struct {
				Slug        string
				Score       int
				Reaching    int
				Directories []struct {
					Directory  string
					ImportedBy string `json:"imported_by"`
				}
			}
		}](t, res)
		if res.status != 200 || len(overview.Orgs) != 1 || overview.Orgs[0].Slug != "ashcombe" {
			t.Fatalf("the officer's overview: %d %s", res.status, res.body)
		}
		for _, d := range overview.Orgs[0].Directories {
			if d.ImportedBy != "ward" {
				t.Errorf("%s was imported from the command line, yet the overview says by %q", d.Directory, d.ImportedBy)
			}
		}

		res = do(t, c, "GET", base, nil, bearer(officer))
		sum := decodeAs[struct {
			Slug, Day         string
			Score, Reaching   int
			Categories        []struct{ ID string }
			Directories       []struct{ Directory string }
			History           []struct{ Day string }
			TierZeroAdditions []struct {
				ObjectID string `json:"object_id"`
			} `json:"tier_zero_additions"`
			ChokePoints []struct{ From, To string } `json:"choke_points"`
		}](t, res)
		dirs := []string{}
		for _, d := range sum.Directories {
			dirs = append(dirs, d.Directory)
		}
		if res.status != 200 || sum.Slug != "ashcombe" || sum.Day == "" || len(sum.Categories) != 5 || !slices.Contains(dirs, ash.domain) ||
			sum.Reaching < 3 || len(sum.History) == 0 || sum.TierZeroAdditions == nil {
			t.Errorf("Ashcombe's summary: %d %+v", res.status, sum)
		}
		if overview.Orgs[0].Score != sum.Score || overview.Orgs[0].Reaching != sum.Reaching {
			t.Errorf("the overview says score %d with %d reaching; the summary %d with %d", overview.Orgs[0].Score, overview.Orgs[0].Reaching, sum.Score, sum.Reaching)
		}

		res = do(t, c, "GET", base+"/paths?match=probe-kim&limit=5", nil, bearer(officer))
		paths := decodeAs[struct {
			Reaching   int
			Principals []apiReach
		}](t, res)
		if res.status != 200 || len(paths.Principals) != 1 {
			t.Fatalf("paths matching probe-kim: %d %s", res.status, res.body)
		}
		kim := paths.Principals[0]
		if want := "ASHCOMBE-PROBE-KIM@ASHCOMBE-PROBE.LOCAL AdminTo ASHCOMBE-PROBE-PC-1.ASHCOMBE-PROBE.LOCAL HasSession ASHCOMBE-PROBE-SVC-ADMIN@ASHCOMBE-PROBE.LOCAL"; stepsOf(kim.Path) != want ||
			kim.Hops != 2 || kim.ID != ash.kim || kim.Path[1].Kind != "computer" || kim.Path[0].ID != ash.kim {
			t.Errorf("Kim's path: %+v\nwant %s", kim, want)
		}
		if !strings.Contains(res.body, `"edge": "AdminTo"`) || !strings.Contains(res.body, `"kind": "computer"`) {
			t.Errorf("a path's steps are not {id, name, kind, edge}: %s", res.body)
		}
		res = do(t, c, "GET", base+"/paths?match=probe&limit=2", nil, bearer(officer))
		if two := decodeAs[struct{ Principals []apiReach }](t, res); len(two.Principals) != 2 {
			t.Errorf("limit=2 listed %d", len(two.Principals))
		}
		for _, q := range []string{"?limit=0", "?limit=lots", "?limit=100001"} {
			if res := do(t, c, "GET", base+"/paths"+q, nil, bearer(officer)); res.status != 422 || !strings.Contains(res.body, `"field":"limit"`) {
				t.Errorf("paths%s: %d %s", q, res.status, res.body)
			}
		}

		res = do(t, c, "GET", base+"/principals/"+ash.kim, nil, bearer(officer))
		pr := decodeAs[struct {
			Name, Kind, Directory string
			Enabled               bool
			Path                  []apiStep
			Rights                []struct{ Kind, Target, ID string }
		}](t, res)
		if res.status != 200 || pr.Kind != "user" || !pr.Enabled || pr.Directory != ash.domain || len(pr.Path) != 3 ||
			len(pr.Rights) != 1 || pr.Rights[0].Kind != "AdminTo" {
			t.Errorf("Kim: %d %+v", res.status, pr)
		}
		if res := do(t, c, "GET", base+"/principals/S-1-5-21-0-0-0-404", nil, bearer(officer)); res.status != 404 {
			t.Errorf("an unknown object: %d", res.status)
		}
		if res := do(t, c, "GET", a.http.URL+"/api/v1/orgs/brentmere/identity/principals/"+seeds["brentmere"].kim, nil, bearer(officer)); res.status != 404 ||
			strings.Contains(res.body, "BRENTMERE-PROBE") {
			t.Errorf("Ashcombe's officer reading Brentmere's object: %d %s", res.status, res.body)
		}

		// Rights come before the file: an officer learns nothing from theirs.
		if res := send(t, c, "POST", base+"/import?source=entra", bytes.NewReader(entraSample(t)), "application/json", bearer(officer)); res.status != 403 {
			t.Errorf("an officer importing: %d", res.status)
		}
		bad := `{"data":[{"ObjectIdentifier": 5}],"meta":{"type":"users","count":1,"version":6}}`
		res = send(t, c, "POST", base+"/import?source=ad&filename=users.json", strings.NewReader(bad), "application/json", bearer(admin))
		prob := decodeAs[struct{ Title, Detail string }](t, res)
		if res.status != 422 || res.header.Get("Content-Type") != "application/problem+json" || !strings.Contains(prob.Detail, "users.json: $.data[0].ObjectIdentifier") {
			t.Errorf("a bad SharpHound file: %d %+v", res.status, prob)
		}
		for _, q := range []string{"", "?source=ldap"} {
			if res := send(t, c, "POST", base+"/import"+q, strings.NewReader(bad), "application/json", bearer(admin)); res.status != 422 || !strings.Contains(res.body, `"field":"source"`) {
				t.Errorf("import%s: %d %s", q, res.status, res.body)
			}
		}
		// The Entra sample goes to the shared service's own org, whose
		// tenant nothing else names.
		shared := a.http.URL + "/api/v1/orgs/abc-shared/identity"
		before := decodeAs[struct{ Reaching int }](t, do(t, c, "GET", shared, nil, bearer(admin)))
		res = send(t, c, "POST", shared+"/import?source=entra", bytes.NewReader(entraSample(t)), "application/json",
			map[string]string{"Authorization": "Bearer " + admin, "Content-Disposition": `attachment; filename="C:\exports\entra-ashcombe.json"`})
		imported := decodeAs[struct {
			File, Source, Directory string
			Nodes                   int
			Analysis                struct{ Reaching int }
		}](t, res)
		if res.status != 200 || imported.File != "entra-ashcombe.json" || imported.Source != "entra" || imported.Directory != "ASHCOMBE.GOV.UK" ||
			imported.Nodes == 0 || imported.Analysis.Reaching != before.Reaching+2 {
			t.Errorf("Entra import: %d %+v (before it %d reached Tier Zero; the sample adds two)", res.status, imported, before.Reaching)
		}

		// A new import that gives the operator a way in shows as a change.
		d, _ := councilDirectory("ashcombe", a.orgID(t, "ashcombe"), a.store.Now())
		b := identity.NewBuilder(identity.ActiveDirectory)
		b.SetName(d.Name)
		for _, n := range d.Nodes {
			b.Describe(n)
		}
		for _, e := range d.Edges {
			b.Edge(b.Ref(d.Nodes[e.From].ID), b.Ref(d.Nodes[e.To].ID), e.Kind)
		}
		b.Edge(b.Ref(ash.operator), b.Ref(ash.kim), identity.ForceChangePassword)
		svc := identitysvc.New(a.store, posturesvc.New(a.store, desksvc.New(a.store)))
		if _, err := svc.ImportDirectory(context.Background(), tenancy.Operator("cli:test"), a.orgID(t, "ashcombe"), "again.json", b.Directory()); err != nil {
			t.Fatal(err)
		}
		res = do(t, c, "GET", base+"/changes", nil, bearer(officer))
		change := decodeAs[struct {
			Previous, Current int
			Gained            []apiReach
			Lost              []string
		}](t, res)
		var gained []string
		for _, g := range change.Gained {
			if strings.Contains(g.Name, "-PROBE-") {
				gained = append(gained, g.ID)
			}
		}
		if res.status != 200 || !slices.Equal(gained, []string{ash.operator}) || change.Lost == nil {
			t.Errorf("changes: %d, the probe accounts gained %q, want only the operator\n%s", res.status, gained, res.body)
		}

		// Tier Zero: add, see the paths move, take away; mistakes named.
		res = doJSON(t, c, "POST", base+"/tier-zero", `{"object_id":"`+ash.backup+`","note":"Backs up the DCs"}`, bearer(admin))
		added := decodeAs[struct{ Reaching int }](t, res)
		if res.status != 200 || added.Reaching != change.Current {
			// Operator already reaches through Kim, so Backup adds nobody new.
			t.Errorf("add Backup to Tier Zero: %d %s (want %d reaching)", res.status, res.body, change.Current)
		}
		res = do(t, c, "GET", base, nil, bearer(officer))
		if !strings.Contains(res.body, `"object_id": "`+ash.backup+`"`) || !strings.Contains(res.body, `"added_by": "API client"`) {
			t.Errorf("the summary's additions: %s", between(res.body, `"tier_zero_additions"`, "]"))
		}
		if res := doJSON(t, c, "POST", base+"/tier-zero", `{"object_id":"S-1-5-21-0-0-0-404"}`, bearer(admin)); res.status != 422 || !strings.Contains(res.body, "no object in the org") {
			t.Errorf("an unknown object: %d %s", res.status, res.body)
		}
		if res := doJSON(t, c, "POST", base+"/tier-zero", `{"object":"x"}`, bearer(admin)); res.status != 400 {
			t.Errorf("a misspelt field: %d", res.status)
		}
		if res := doJSON(t, c, "POST", base+"/tier-zero", `{"object_id":"`+ash.backup+`"}`, bearer(officer)); res.status != 403 {
			t.Errorf("an officer adding to Tier Zero: %d", res.status)
		}
		if res := do(t, c, "DELETE", base+"/tier-zero/"+ash.backup, nil, bearer(officer)); res.status != 403 {
			t.Errorf("an officer removing from Tier Zero: %d", res.status)
		}
		if res := do(t, c, "DELETE", base+"/tier-zero/"+ash.backup, nil, bearer(admin)); res.status != 200 {
			t.Errorf("remove Backup from Tier Zero: %d %s", res.status, res.body)
		}
		if res := do(t, c, "DELETE", base+"/tier-zero/"+ash.backup, nil, bearer(admin)); res.status != 404 {
			t.Errorf("remove it twice: %d", res.status)
		}
		if res := do(t, c, "POST", base+"/analyse", nil, bearer(officer)); res.status != 403 {
			t.Errorf("an officer running the analysis: %d", res.status)
		}
		res = do(t, c, "POST", base+"/analyse", nil, bearer(admin))
		var run struct {
			Reaching int `json:"reaching"`
			Findings struct {
				Opened, Resolved int
			} `json:"findings"`
		}
		if err := json.Unmarshal([]byte(res.body), &run); err != nil || res.status != 200 || run.Reaching == 0 || run.Findings.Opened != 0 || run.Findings.Resolved != 0 {
			t.Errorf("analyse again: %d %s", res.status, res.body)
		}
	})
}

// The SharpHound collection zip posted as it is, with no name: ward tells
// a zip by its first bytes, and DFM's path comes back as steps.
func TestIdentityImportsASharpHoundZipThroughTheAPI(t *testing.T) {
	collection := sharpHoundFixture(t)
	eachApp(t, func(t *testing.T, a *app) {
		c := a.browser()
		_, admin := a.token(t, "abc-shared", "admin", time.Hour)
		base := a.http.URL + "/api/v1/orgs/abc-shared/identity"
		res := send(t, c, "POST", base+"/import?source=ad", bytes.NewReader(collection), "application/zip", bearer(admin))
		imported := decodeAs[struct{ File, Directory string }](t, res)
		if res.status != 200 || imported.File != "sharphound.zip" || imported.Directory != "TESTLAB.LOCAL" {
			t.Fatalf("import: %d %s", res.status, res.body)
		}
		res = do(t, c, "GET", base+"/paths?match=DFM", nil, bearer(admin))
		paths := decodeAs[struct{ Principals []apiReach }](t, res)
		want := "DFM@TESTLAB.LOCAL AdminTo WIN10.TESTLAB.LOCAL HasSession ADMINISTRATOR@TESTLAB.LOCAL"
		if len(paths.Principals) != 1 || stepsOf(paths.Principals[0].Path) != want {
			t.Errorf("DFM's path: %s\nwant %s", res.body, want)
		}
	})
}
