package taxii_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/warp"
)

// A poller pages through a collection with limit and next: every object
// once, in order of date added, with the headers and more right, while a
// member publishes between pages.
func TestPagingWithLimitAndNext(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		var values []string
		for i := range 22 {
			values = append(values, "host-"+string(rune('a'+i))+".evil.example")
		}
		token := w.tokens["brentmere"]
		if e := w.objectsOf(t, token, w.collection(warp.Clear)+"objects/"); len(e.Objects) != 0 || e.More != nil {
			t.Fatalf("an empty collection answers %d objects, more %v", len(e.Objects), e.More)
		}
		polled := w.clock.Now()
		w.clock.Advance(time.Minute)
		// Anonymous and CLEAR: Brentmere sees the report, its 22
		// indicators, the CLEAR marking definition and the WARP's
		// identity — 25 objects — and no author's identity. A poller that
		// found the collection empty gets them all, what they refer to too.
		w.publish(t, "ashcombe", warpsvc.ShareSpec{Community: "south-west", TLP: "CLEAR", Anonymous: true}, "Phishing wave", values...)
		w.clock.Advance(time.Minute)
		all := w.objectsOf(t, token, w.collection(warp.Clear)+"objects/?added_after="+url.QueryEscape(polled.Format(time.RFC3339Nano)))
		if len(all.Objects) != 25 || all.More == nil || *all.More || all.Next != "" {
			t.Fatalf("whole collection: %d objects, more %v, next %q; want 25, false, none", len(all.Objects), all.More, all.Next)
		}

		var seen []string
		next := ""
		var sizes []int
		for page := 0; ; page++ {
			q := url.Values{"limit": {"10"}}
			if next != "" {
				q.Set("next", next)
			}
			res := w.get(t, token, w.collection(warp.Clear)+"objects/?"+q.Encode())
			if res.status != http.StatusOK {
				t.Fatalf("page %d: %d %s", page, res.status, res.body)
			}
			var e envelope
			res.json(t, &e)
			sizes = append(sizes, len(e.Objects))
			list, _ := e.heads(t)
			for _, h := range list {
				if slices.Contains(seen, h.ID) {
					t.Fatalf("page %d repeats %s", page, h.ID)
				}
				seen = append(seen, h.ID)
			}
			// The headers bound the page's dates added, as its manifest says.
			man := w.get(t, token, w.collection(warp.Clear)+"manifest/?"+q.Encode())
			var m struct {
				Objects []struct{ ID, DateAdded, Version string }
			}
			man.json(t, &m)
			if len(m.Objects) != len(list) || len(list) > 0 && (m.Objects[0].ID != list[0].ID ||
				res.header.Get("X-TAXII-Date-Added-First") != dateAdded(t, man.body, 0) ||
				res.header.Get("X-TAXII-Date-Added-Last") != dateAdded(t, man.body, len(list)-1)) {
				t.Fatalf("page %d: headers %q…%q do not bound its manifest %s", page,
					res.header.Get("X-TAXII-Date-Added-First"), res.header.Get("X-TAXII-Date-Added-Last"), man.body)
			}
			if e.More == nil || *e.More != (e.Next != "") {
				t.Fatalf("page %d: more %v with next %q", page, e.More, e.Next)
			}
			if !*e.More {
				break
			}
			next = e.Next
			if page == 0 {
				// Published mid-poll: added after every object already
				// paged, so it comes at the end and moves nothing.
				w.publish(t, "brentmere", warpsvc.ShareSpec{Community: "south-west", TLP: "CLEAR"}, "Late news", "late.evil.example")
				w.clock.Advance(time.Minute)
			}
		}
		// 25 objects and then 3 more: Brentmere's report, its indicator,
		// and Brentmere's own identity as their author.
		if !slices.Equal(sizes, []int{10, 10, 8}) {
			t.Fatalf("page sizes %v, want [10 10 8]", sizes)
		}
		first, _ := all.heads(t)
		for i, h := range first {
			if seen[i] != h.ID {
				t.Fatalf("paging gave %s at %d where the whole collection has %s", seen[i], i, h.ID)
			}
		}
	})
}

// dateAdded reads the i-th date_added of a manifest.
func dateAdded(t *testing.T, body []byte, i int) string {
	t.Helper()
	var m struct {
		Objects []struct {
			DateAdded string `json:"date_added"`
		} `json:"objects"`
	}
	if err := json.Unmarshal(body, &m); err != nil || i >= len(m.Objects) {
		t.Fatalf("manifest %s: %v", body, err)
	}
	return m.Objects[i].DateAdded
}

// added_after returns what was added since, and the filters narrow by type
// and id; a filter that matches nothing answers an empty envelope.
func TestAddedAfterAndMatch(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		first := w.publish(t, "ashcombe", warpsvc.ShareSpec{Community: "south-west", TLP: "GREEN"}, "First", "one.evil.example")
		since := w.clock.Advance(time.Minute)
		w.clock.Advance(time.Millisecond)
		second := w.publish(t, "ashcombe", warpsvc.ShareSpec{Community: "south-west", TLP: "GREEN"}, "Second", "two.evil.example", "198.51.100.0/24")
		w.clock.Advance(time.Minute)
		token := w.tokens["brentmere"]
		col := w.collection(warp.Green)

		e := w.objectsOf(t, token, col+"objects/?added_after="+url.QueryEscape(since.Format(time.RFC3339Nano)))
		list, byID := e.heads(t)
		if len(list) != 3 || byID[second.STIXID].Type != "report" {
			t.Fatalf("added_after %s gave %v; want the second report and its two indicators", since, list)
		}
		if _, old := byID[first.STIXID]; old {
			t.Fatal("added_after let an earlier report through")
		}

		e = w.objectsOf(t, token, col+"objects/?match[type]=report")
		if list, _ = e.heads(t); len(list) != 2 || list[0].ID != first.STIXID || list[1].ID != second.STIXID {
			t.Fatalf("match[type]=report gave %v", list)
		}
		if len(list[1].ObjectRefs) != 2 {
			t.Fatalf("the second report refers to %v, want its two indicators", list[1].ObjectRefs)
		}
		e = w.objectsOf(t, token, col+"objects/?match[type]=indicator,marking-definition")
		if list, _ = e.heads(t); len(list) != 5 {
			t.Fatalf("match[type]=indicator,marking-definition gave %d objects, want 3 indicators and 2 definitions", len(list))
		}
		// The identities the objects refer to: the WARP's, added with the
		// community, then Ashcombe's, with its first advisory.
		e = w.objectsOf(t, token, col+"objects/?match[type]=identity&limit=1")
		if list, _ = e.heads(t); len(list) != 1 || list[0].ID != warpsvc.WARPIdentity.ID || e.More == nil || !*e.More {
			t.Fatalf("the first identity is %v (more %v), want the WARP's", list, e.More)
		}
		e = w.objectsOf(t, token, col+"objects/?match[type]=identity&limit=1&next="+e.Next)
		if list, _ = e.heads(t); len(list) != 1 || list[0].Name != "Ashcombe Council" || *e.More {
			t.Fatalf("the second identity is %v (more %v), want Ashcombe's and no more", list, *e.More)
		}
		e = w.objectsOf(t, token, col+"objects/?match[id]="+second.STIXID+","+first.STIXID)
		if list, _ = e.heads(t); len(list) != 2 || list[0].ID != first.STIXID {
			t.Fatalf("match[id] gave %v", list)
		}
		e = w.objectsOf(t, token, col+"objects/?match[spec_version]=2.0")
		if len(e.Objects) != 0 || e.More != nil {
			t.Fatalf("match[spec_version]=2.0 gave %d objects; ward serves 2.1 only", len(e.Objects))
		}

		// One object by id, its one version, and a version filter.
		one := w.objectsOf(t, token, col+"objects/"+second.STIXID+"/")
		if list, _ = one.heads(t); len(list) != 1 || list[0].ID != second.STIXID {
			t.Fatalf("object by id gave %v", list)
		}
		var versions struct {
			More     bool     `json:"more"`
			Versions []string `json:"versions"`
		}
		w.get(t, token, col+"objects/"+second.STIXID+"/versions/").json(t, &versions)
		if len(versions.Versions) != 1 || versions.Versions[0] != list[0].Modified {
			t.Fatalf("versions %v, want the one modified %s", versions.Versions, list[0].Modified)
		}
		for q, want := range map[string]int{"last": 1, "all": 1, list[0].Modified: 1, "2020-01-01T00:00:00Z": 0} {
			e := w.objectsOf(t, token, col+"objects/"+second.STIXID+"/?match[version]="+url.QueryEscape(q))
			if len(e.Objects) != want {
				t.Errorf("match[version]=%s gave %d objects, want %d", q, len(e.Objects), want)
			}
		}
		if res := w.get(t, token, col+"objects/?limit=0"); res.status != http.StatusBadRequest {
			t.Errorf("limit=0: %d, want 400", res.status)
		}
		if res := w.get(t, token, col+"objects/?next=garbage"); res.status != http.StatusBadRequest {
			t.Errorf("a next this server never gave: %d, want 400", res.status)
		}
	})
}
