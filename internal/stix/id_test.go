package stix

import (
	"regexp"
	"testing"
)

// schemaIdentifier is the identifier pattern of the OASIS schema
// common/identifier.json.
var schemaIdentifier = regexp.MustCompile(`^[a-z][a-z0-9-]+[a-z0-9]--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$`)

func TestNewID(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		id := NewID("indicator")
		if !schemaIdentifier.MatchString(id) || id[len("indicator--")+14] != '4' {
			t.Fatalf("NewID made %q, not a version 4 STIX identifier", id)
		}
		if seen[id] {
			t.Fatalf("NewID repeated %q", id)
		}
		seen[id] = true
	}
}

func TestDeterministicID(t *testing.T) {
	id := DeterministicID("identity", "London Borough of Ashcombe")
	if !schemaIdentifier.MatchString(id) || id[len("identity--")+14] != '5' {
		t.Fatalf("DeterministicID made %q, not a version 5 STIX identifier", id)
	}
	// Other WARPs keep these ids: the derivation must never change.
	if want := "identity--" + uuid5(wardNamespace, "identity:London Borough of Ashcombe"); id != want {
		t.Errorf("got %s, want %s", id, want)
	}
	if got := DeterministicID("identity", "London Borough of Ashcombe"); got != id {
		t.Error("DeterministicID is not deterministic")
	}
	if DeterministicID("identity", "Ashcombe") == DeterministicID("identity", "Barford") ||
		DeterministicID("identity", "x")[len("identity--"):] == DeterministicID("location", "x")[len("location--"):] {
		t.Error("different names or types gave the same UUID")
	}
	// RFC 4122 appendix B: the version 5 UUID of "www.example.com" in the
	// DNS namespace, to check uuid5 itself.
	dns := mustUUID("6ba7b810-9dad-11d1-80b4-00c04fd430c8")
	if got := uuid5(dns, "www.example.com"); got != "2ed6657d-e927-568b-95e1-2665a8aea6a2" {
		t.Errorf("uuid5 = %s, want the published 2ed6657d-e927-568b-95e1-2665a8aea6a2", got)
	}
}
