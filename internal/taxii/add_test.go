package taxii_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/stix"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/warp"
)

const (
	postedIndicator = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"
	postedMalware   = "malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b"
	postedIdentity  = "identity--023d105b-752e-4e3c-941c-7d3f3cb15e9e"
)

// postedEnvelope is what a member's tool posts: the TLP 2.0 AMBER marking
// definition, an indicator, a malware marked TLP:WHITE by its source (kept
// as it came), and an identity, which ward does not take from members.
var postedEnvelope = `{"objects": [
{"type": "marking-definition", "spec_version": "2.1", "id": "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
 "created": "2022-10-01T00:00:00.000Z", "name": "TLP:AMBER", "extensions": {"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d":
 {"extension_type": "property-extension", "tlp_2_0": "amber"}}},
{"type": "indicator", "spec_version": "2.1", "id": "` + postedIndicator + `", "created": "2026-03-01T10:00:00.000Z",
 "modified": "2026-03-01T10:00:00.000Z", "name": "Posted C2", "pattern": "[domain-name:value = 'posted.evil.example']",
 "pattern_type": "stix", "valid_from": "2026-03-01T10:00:00Z"},
{"type": "malware", "spec_version": "2.1", "id": "` + postedMalware + `", "created": "2026-03-01T10:00:00.000Z",
 "modified": "2026-03-01T11:00:00.000Z", "name": "Posted loader", "is_family": false,
 "object_marking_refs": ["marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"]},
{"type": "identity", "spec_version": "2.1", "id": "` + postedIdentity + `", "created": "2026-03-01T10:00:00.000Z",
 "modified": "2026-03-01T10:00:00.000Z", "name": "A vendor", "identity_class": "organization"}
]}`

type status struct {
	ID           string `json:"id"`
	Status       string `json:"status"`
	TotalCount   int    `json:"total_count"`
	SuccessCount int    `json:"success_count"`
	FailureCount int    `json:"failure_count"`
	PendingCount int    `json:"pending_count"`
	Successes    []struct{ ID, Version, Message string }
	Failures     []struct{ ID, Version, Message string }
}

// Ashcombe's tool posts an envelope to the AMBER collection: 202 with a
// status that any replica can read back (for Ashcombe only), the objects
// reach Brentmere under AMBER, and the post is audited.
func TestPostThenPeerSees(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		col := w.collection(warp.Amber)
		res := w.send(t, "POST", w.tokens["ashcombe"], col+"objects/", postedEnvelope)
		if res.status != http.StatusAccepted {
			t.Fatalf("POST: %d %s", res.status, res.body)
		}
		var st status
		res.json(t, &st)
		if st.Status != "complete" || st.TotalCount != 4 || st.SuccessCount != 3 || st.FailureCount != 1 || st.PendingCount != 0 {
			t.Fatalf("status %+v", st)
		}
		if st.Failures[0].ID != postedIdentity || !strings.Contains(st.Failures[0].Message, "identity") {
			t.Fatalf("the identity's failure is %+v", st.Failures)
		}
		if st.Successes[2].ID != postedMalware || st.Successes[2].Version != "2026-03-01T11:00:00.000Z" {
			t.Fatalf("successes %+v", st.Successes)
		}

		var again status
		w.get(t, w.tokens["ashcombe"], w.url+"/taxii2/warp/status/"+st.ID+"/").json(t, &again)
		if again.ID != st.ID || again.SuccessCount != 3 || len(again.Failures) != 1 {
			t.Fatalf("status read back %+v", again)
		}
		if res := w.get(t, w.tokens["brentmere"], w.url+"/taxii2/warp/status/"+st.ID+"/"); res.status != http.StatusNotFound {
			t.Fatalf("another org reads the status: %d %s", res.status, res.body)
		}

		_, byID := w.objectsOf(t, w.tokens["brentmere"], col+"objects/").heads(t)
		in, mal := byID[postedIndicator], byID[postedMalware]
		if in.Pattern != "[domain-name:value = 'posted.evil.example']" || in.Name != "Posted C2" {
			t.Fatalf("Brentmere sees the posted indicator as %+v", in)
		}
		// The malware was TLP:WHITE at its source; ward shares it as AMBER,
		// and says so in TLP 2.0.
		amber := stix.TLP2MarkingID(warp.Amber)
		if mal.Name != "Posted loader" || !slices.Equal(mal.ObjectMarkingRefs, []string{amber}) || !slices.Equal(in.ObjectMarkingRefs, []string{amber}) {
			t.Fatalf("Brentmere sees the malware as %+v and the indicator marked %v", mal, in.ObjectMarkingRefs)
		}
		if _, ok := byID[amber]; !ok {
			t.Fatal("the AMBER marking definition is not served with the objects marked by it")
		}
		if _, ok := byID[postedIdentity]; ok {
			t.Fatal("the identity ward did not take is served")
		}
		entries, err := w.st.AuditEntries(ctx, tenancy.ForSystem(tenancy.JobTest), store.AuditQuery{Action: audit.WarpImport})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 1 || entries[0].OrgID != w.orgs["ashcombe"].ID {
			t.Fatalf("audit of the post: %+v", entries)
		}

		// Posted again, what ward already holds is left as it was.
		res = w.send(t, "POST", w.tokens["ashcombe"], col+"objects/", postedEnvelope)
		res.json(t, &st)
		if res.status != http.StatusAccepted || st.SuccessCount != 3 || !strings.Contains(st.Successes[1].Message, "already held") {
			t.Fatalf("the same envelope again: %d %+v", res.status, st)
		}
	})
}

// Only members whose org may publish add to a collection, in TAXII's media
// type; a bad object refuses the whole envelope, and the status says why.
func TestPostRefused(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		col := w.collection(warp.Green)
		// Wessex NHS reads the community but may not publish there.
		res := w.send(t, "POST", w.tokens["wessex-nhs"], col+"objects/", postedEnvelope)
		if res.status != http.StatusForbidden {
			t.Fatalf("a read-only member's POST: %d %s", res.status, res.body)
		}
		// The Carers Trust is told nothing of the collection.
		if res := w.send(t, "POST", w.tokens["carers-trust"], col+"objects/", postedEnvelope); res.status != http.StatusNotFound {
			t.Fatalf("an outsider's POST: %d %s", res.status, res.body)
		}
		if res := w.send(t, "POST", w.tokens["ashcombe"], col+"objects/", postedEnvelope, "Content-Type", "application/json"); res.status != http.StatusUnsupportedMediaType {
			t.Fatalf("POST as application/json: %d %s", res.status, res.body)
		}
		if res := w.send(t, "POST", "", col+"objects/", postedEnvelope); res.status != http.StatusUnauthorized {
			t.Fatalf("POST without a token: %d", res.status)
		}
		broken := strings.Replace(postedEnvelope, "[domain-name:value = 'posted.evil.example']", "[domain-name:value = ", 1)
		res = w.send(t, "POST", w.tokens["ashcombe"], col+"objects/", broken)
		var st status
		res.json(t, &st)
		if res.status != http.StatusAccepted || st.FailureCount != 4 || st.SuccessCount != 0 || !strings.Contains(st.Failures[0].Message, "pattern") {
			t.Fatalf("a broken pattern: %d %+v", res.status, st)
		}
		if e := w.objectsOf(t, w.tokens["brentmere"], col+"objects/"); len(e.Objects) != 0 {
			t.Fatalf("a refused envelope left %d objects behind", len(e.Objects))
		}
	})
}
