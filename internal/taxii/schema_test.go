package taxii_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/stix"
	"github.com/ward-shared-service/ward/internal/stix/stixtest"
	"github.com/ward-shared-service/ward/internal/warp"
)

// Every kind of object a collection serves — a report, indicators (one
// with two observables in one pattern), a named member's sighting, the
// identities they refer to, a kept object and the marking definitions —
// validates against the OASIS STIX 2.1 schemas, and the marking
// definitions are byte for byte those the STIX package writes.
func TestServedObjectsValidate(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		w.publish(t, "ashcombe", warpsvc.ShareSpec{Community: "south-west", TLP: "AMBER"}, "C2 in the South West",
			"evil.example", "198.51.100.0/24", "d41d8cd98f00b204e9800998ecf8427e")
		w.publish(t, "brentmere", warpsvc.ShareSpec{Community: "south-west", TLP: "AMBER", Anonymous: true}, "No indicators")
		if res := w.send(t, "POST", w.tokens["brentmere"], w.collection(warp.Amber)+"objects/", postedEnvelope); res.status != 202 {
			t.Fatalf("POST: %d %s", res.status, res.body)
		}
		w.clock.Advance(time.Minute)
		log := "2026-03-02 09:05:00 GET http://evil.example/payload 200\n"
		if _, err := w.svc.Match(ctx, w.as("brentmere"), "brentmere", []warpsvc.LogFile{{Name: "proxy.log", Reader: strings.NewReader(log)}},
			warpsvc.MatchOptions{Share: warpsvc.ShareNamed}); err != nil {
			t.Fatal(err)
		}
		w.clock.Advance(time.Minute)

		e := w.objectsOf(t, w.tokens["ashcombe"], w.collection(warp.Amber)+"objects/")
		list, byID := e.heads(t)
		kinds := map[string]int{}
		for _, h := range list {
			kinds[h.Type]++
		}
		want := map[string]int{"marking-definition": 2, "identity": 3, "report": 2, "indicator": 4, "sighting": 1, "malware": 1}
		for k, n := range want {
			if kinds[k] != n {
				t.Errorf("%d %s objects, want %d (all: %v)", kinds[k], k, n, kinds)
			}
		}
		var sighting head
		for _, h := range list {
			if h.Type == "sighting" {
				sighting = h
			}
		}
		if len(sighting.WhereSightedRefs) != 1 || byID[sighting.WhereSightedRefs[0]].Name != "Brentmere Council" {
			t.Errorf("the named sighting says it was seen at %v", sighting.WhereSightedRefs)
		}
		bundle, _ := json.Marshal(map[string]any{"type": "bundle", "id": stix.NewID("bundle"), "objects": e.Objects})
		stixtest.Validate(t, bundle)

		var buf bytes.Buffer
		probe := stix.Identity{ID: stix.NewID("identity"), Name: "probe", Created: time.Now(), Modified: time.Now(), Marking: warp.Amber}
		if err := stix.Encode(&buf, stix.Export{Identities: []stix.Identity{probe}}); err != nil {
			t.Fatal(err)
		}
		var written struct{ Objects []json.RawMessage }
		if err := json.Unmarshal(buf.Bytes(), &written); err != nil {
			t.Fatal(err)
		}
		for _, raw := range e.Objects {
			if bytes.Contains(raw, []byte(`"id":"`+stix.TLP2MarkingID(warp.Amber)+`"`)) && !bytes.Equal(raw, written.Objects[0]) {
				t.Errorf("served marking definition\n%s\nis not what stix.Encode writes\n%s", raw, written.Objects[0])
			}
		}
	})
}
