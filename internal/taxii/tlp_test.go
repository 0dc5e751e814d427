package taxii_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/taxii"
	"github.com/ward-shared-service/ward/internal/warp"
)

// An AMBER+STRICT advisory for Brentmere alone reaches Brentmere and its
// author, and no other member: not in the objects, the manifest, by id or
// its versions, and the collection list does not give it away.
func TestAmberStrictInvisibleToAnotherOrg(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		secret := w.publish(t, "ashcombe", warpsvc.ShareSpec{Community: "south-west", TLP: "AMBER+STRICT", Orgs: []string{"brentmere"}},
			"Payroll fraud at Ashcombe", "strict-secret.example")
		open := w.publish(t, "ashcombe", warpsvc.ShareSpec{Community: "south-west", TLP: "GREEN"}, "Open news", "open.evil.example")
		col := w.collection(warp.AmberStrict)
		one := col + "objects/" + secret.STIXID + "/"

		for _, slug := range []string{"ashcombe", "brentmere"} {
			_, byID := w.objectsOf(t, w.tokens[slug], col+"objects/").heads(t)
			if byID[secret.STIXID].Type != "report" {
				t.Fatalf("%s does not see the AMBER+STRICT report it should", slug)
			}
		}

		// Wessex NHS is a member of the community, so its AMBER+STRICT
		// collection is listed, but empty to it.
		nhs := w.tokens["wessex-nhs"]
		if e := w.objectsOf(t, nhs, col+"objects/"); len(e.Objects) != 0 || e.More != nil {
			t.Fatalf("Wessex NHS sees %d objects in Ashcombe's AMBER+STRICT for Brentmere", len(e.Objects))
		}
		for _, u := range []string{col + "manifest/", col + "objects/?match[id]=" + secret.STIXID} {
			if res := w.get(t, nhs, u); res.status != http.StatusOK || strings.Contains(string(res.body), secret.STIXID) {
				t.Fatalf("GET %s as Wessex NHS: %d %s", u, res.status, res.body)
			}
		}
		for _, u := range []string{one, one + "versions/"} {
			if res := w.get(t, nhs, u); res.status != http.StatusNotFound || strings.Contains(string(res.body), secret.STIXID) {
				t.Fatalf("GET %s as Wessex NHS: %d %s, want 404", u, res.status, res.body)
			}
		}
		// Not in any other collection either, nor referred to.
		for _, m := range warp.Markings {
			res := w.get(t, nhs, w.collection(m)+"objects/")
			if strings.Contains(string(res.body), secret.STIXID) || strings.Contains(string(res.body), "strict-secret") {
				t.Fatalf("the %s collection shows Wessex NHS the AMBER+STRICT report", m)
			}
		}
		if _, byID := w.objectsOf(t, nhs, w.collection(warp.Green)+"objects/").heads(t); byID[open.STIXID].Type != "report" {
			t.Fatal("Wessex NHS does not see the GREEN report: the test proves nothing")
		}

		// The Carers Trust is in no community: it is not told the
		// collection exists, by the list or by its id.
		carers := w.tokens["carers-trust"]
		var list struct {
			Collections []struct{ ID, Title string } `json:"collections"`
		}
		w.get(t, carers, w.url+"/taxii2/warp/collections/").json(t, &list)
		if len(list.Collections) != 0 {
			t.Fatalf("an outsider is listed %v", list.Collections)
		}
		for _, u := range []string{col, col + "objects/", col + "manifest/", one, one + "versions/"} {
			if res := w.get(t, carers, u); res.status != http.StatusNotFound {
				t.Fatalf("GET %s as an outsider: %d %s, want 404", u, res.status, res.body)
			}
		}
		// The same 404 as for a collection that does not exist at all.
		if res := w.get(t, carers, w.url+"/taxii2/warp/collections/00000000-0000-4000-8000-000000000000/"); res.status != http.StatusNotFound {
			t.Fatalf("a made-up collection: %d", res.status)
		}
	})
}

// Collections: one per community and marking, read by members, written by
// those whose org may publish; RED only where one sees something.
func TestCollections(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		type collection struct {
			ID, Title, Alias string
			CanRead          bool     `json:"can_read"`
			CanWrite         bool     `json:"can_write"`
			MediaTypes       []string `json:"media_types"`
		}
		read := func(slug string) map[string]collection {
			var list struct{ Collections []collection }
			w.get(t, w.tokens[slug], w.url+"/taxii2/warp/collections/").json(t, &list)
			out := map[string]collection{}
			for _, c := range list.Collections {
				out[c.Title] = c
			}
			return out
		}
		for slug, wantWrite := range map[string]bool{"ashcombe": true, "wessex-nhs": false} {
			got := read(slug)
			var titles []string
			for title, c := range got {
				titles = append(titles, title)
				if !c.CanRead || c.CanWrite != wantWrite || !slices.Equal(c.MediaTypes, []string{taxii.STIXMediaType}) {
					t.Errorf("%s: %s is %+v", slug, title, c)
				}
			}
			slices.Sort(titles)
			want := []string{"South West WARP — TLP:AMBER", "South West WARP — TLP:AMBER+STRICT", "South West WARP — TLP:CLEAR", "South West WARP — TLP:GREEN"}
			if !slices.Equal(titles, want) {
				t.Fatalf("%s is listed %q, want %q", slug, titles, want)
			}
			amber := got["South West WARP — TLP:AMBER"]
			if amber.ID != warpsvc.TAXIICollectionID("south-west", warp.Amber) || amber.Alias != "south-west-amber" {
				t.Errorf("the AMBER collection is %+v", amber)
			}
			var one collection
			w.get(t, w.tokens[slug], w.collection(warp.Amber)).json(t, &one)
			if one.ID != amber.ID || one.CanWrite != wantWrite {
				t.Errorf("%s: the AMBER collection by id is %+v", slug, one)
			}
		}
		// A CLEAR item reaches everyone with a way into the WARP, so the
		// outsider is now listed that one collection, read only.
		w.publish(t, "ashcombe", warpsvc.ShareSpec{Community: "south-west", TLP: "CLEAR"}, "For everyone", "clear.evil.example")
		got := read("carers-trust")
		if c, ok := got["South West WARP — TLP:CLEAR"]; len(got) != 1 || !ok || !c.CanRead || c.CanWrite {
			t.Fatalf("the outsider is listed %v", got)
		}
	})
}

// The doors: a token, TAXII's media type, and a role that takes part.
func TestAuthenticationAndNegotiation(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		token := w.tokens["ashcombe"]
		for _, u := range []string{"/taxii2/", "/taxii2/warp/", "/taxii2/warp/collections/", w.collection(warp.Green)[len(w.url):] + "objects/"} {
			for _, bad := range []string{"", "ward_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"} {
				res := w.get(t, bad, w.url+u)
				var e struct {
					Title      string
					HTTPStatus string `json:"http_status"`
				}
				res.json(t, &e)
				if res.status != http.StatusUnauthorized || e.HTTPStatus != "401" || !strings.HasPrefix(res.header.Get("WWW-Authenticate"), "Bearer") {
					t.Fatalf("GET %s with token %q: %d %v %s", u, bad, res.status, res.header, res.body)
				}
			}
		}
		for accept, want := range map[string]int{
			taxii.MediaType: 200, "application/taxii+json": 200, "*/*": 200, "": 200,
			"application/json": 406, "application/taxii+json;version=2.0": 406, "text/html": 406,
			"application/taxii+json;version=2.1;q=0, text/html": 406, "text/html, application/taxii+json;version=2.1;q=0.5": 200,
		} {
			if res := w.get(t, token, w.url+"/taxii2/", "Accept", accept); res.status != want {
				t.Errorf("Accept %q: %d, want %d (%s)", accept, res.status, want, res.body)
			}
		}
		var d struct {
			Title, Default string
			APIRoots       []string `json:"api_roots"`
		}
		w.get(t, token, w.url+"/taxii2/").json(t, &d)
		if d.Default != "/taxii2/warp/" || !slices.Equal(d.APIRoots, []string{"/taxii2/warp/"}) {
			t.Fatalf("discovery %+v", d)
		}
		var root struct {
			Versions         []string
			MaxContentLength int `json:"max_content_length"`
		}
		w.get(t, token, w.url+"/taxii2/warp").json(t, &root) // the slash may be left off
		if !slices.Equal(root.Versions, []string{taxii.MediaType}) || root.MaxContentLength != taxii.MaxContentLength {
			t.Fatalf("API root %+v", root)
		}
		if res := w.get(t, token, w.url+"/taxii2/other/collections/"); res.status != http.StatusNotFound {
			t.Errorf("another API root: %d", res.status)
		}
		if res := w.send(t, "DELETE", token, w.collection(warp.Green)+"objects/x/", ""); res.status != http.StatusMethodNotAllowed {
			t.Errorf("DELETE an object: %d, want 405", res.status)
		}
		// An officer's token reads discovery, but its role does not take
		// part in the WARP.
		officer := w.token(t, "ashcombe", "officer")
		if res := w.get(t, officer, w.url+"/taxii2/"); res.status != http.StatusOK {
			t.Errorf("officer discovery: %d", res.status)
		}
		if res := w.get(t, officer, w.url+"/taxii2/warp/collections/"); res.status != http.StatusForbidden {
			t.Errorf("officer collections: %d, want 403", res.status)
		}
	})
}
