package stix

import (
	"strings"

	"github.com/ward-shared-service/ward/internal/warp"
)

// TLP2Extension is the extension definition the OASIS TLP 2.0 marking
// definitions carry their colour in.
const TLP2Extension = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"

// tlp2Created is the created time of every OASIS TLP 2.0 marking definition.
const tlp2Created = "2022-10-01T00:00:00.000Z"

// tlpMarkings are the marking definitions of the Traffic Light Protocol that
// producers refer to by id without sending the object. There are two sets:
//
//   - TLP 1.0, defined in the STIX 2.1 specification itself (section
//     7.2.1.4, "TLP Marking"), and listed in the OASIS JSON schema
//     common/marking-definition.json. TLP 1.0's WHITE is TLP 2.0's CLEAR;
//     it has no AMBER+STRICT.
//   - TLP 2.0, published by the OASIS CTI TC in cti-stix-common-objects
//     (extension-definition-specifications/tlp-2.0 and
//     objects/marking-definition), each carrying its colour in the
//     TLP2Extension property extension. Ward writes these.
//
// Ward trusts these ids, not what a bundle says about them: a bundle that
// sends a marking definition with one of these ids but another colour is
// refused, so nobody can relabel RED as CLEAR.
var tlpMarkings = []struct {
	ID      string
	Marking warp.Marking
	TLP2    bool
}{
	{"marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", warp.Clear, false}, // TLP:WHITE
	{"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", warp.Green, false},
	{"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", warp.Amber, false},
	{"marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", warp.Red, false},
	{"marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", warp.Clear, true},
	{"marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", warp.Green, true},
	{"marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", warp.Amber, true},
	{"marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", warp.AmberStrict, true},
	{"marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", warp.Red, true},
}

// WellKnownTLP gives the marking of one of the published TLP 1.0 or 2.0
// marking-definition ids.
func WellKnownTLP(id string) (warp.Marking, bool) {
	id = strings.ToLower(id)
	for _, t := range tlpMarkings {
		if t.ID == id {
			return t.Marking, true
		}
	}
	return "", false
}

// TLP2MarkingID is the id of the OASIS TLP 2.0 marking definition for m,
// which ward writes in object_marking_refs; "" for an invalid marking.
func TLP2MarkingID(m warp.Marking) string {
	for _, t := range tlpMarkings {
		if t.TLP2 && t.Marking == m {
			return t.ID
		}
	}
	return ""
}

// tlp2Value is the colour as the TLP 2.0 extension writes it: "amber+strict".
func tlp2Value(m warp.Marking) string { return strings.ToLower(string(m)) }

// markingJSON is a TLP 2.0 marking definition exactly as OASIS publishes it.
type markingJSON struct {
	Type        string                   `json:"type"`
	SpecVersion string                   `json:"spec_version"`
	ID          string                   `json:"id"`
	Created     string                   `json:"created"`
	Name        string                   `json:"name"`
	Extensions  map[string]tlp2Extension `json:"extensions"`
}

type tlp2Extension struct {
	ExtensionType string `json:"extension_type"`
	TLP           string `json:"tlp_2_0"`
}

func tlp2Definition(m warp.Marking) markingJSON {
	return markingJSON{
		Type:        "marking-definition",
		SpecVersion: "2.1",
		ID:          TLP2MarkingID(m),
		Created:     tlp2Created,
		Name:        m.String(),
		Extensions: map[string]tlp2Extension{
			TLP2Extension: {ExtensionType: "property-extension", TLP: tlp2Value(m)},
		},
	}
}

// resolveMarking is the TLP marking of an object from the marking
// definitions it names: the published ids first, then TLP marking
// definitions sent in the same bundle. An object marked twice carries the
// stricter marking, as TLP says; "" when it names no TLP marking at all.
func resolveMarking(refs []string, inBundle map[string]warp.Marking) warp.Marking {
	var found []warp.Marking
	for _, ref := range refs {
		if m, ok := WellKnownTLP(ref); ok {
			found = append(found, m)
		} else if m, ok := inBundle[ref]; ok {
			found = append(found, m)
		}
	}
	if len(found) == 0 {
		return ""
	}
	return warp.Strictest(found...)
}
