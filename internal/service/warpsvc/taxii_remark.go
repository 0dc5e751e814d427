package warpsvc

import (
	"bytes"
	"encoding/json"
	"errors"

	"github.com/ward-shared-service/ward/internal/stix"
	"github.com/ward-shared-service/ward/internal/warp"
)

// remark serves a kept object as it came but under the TLP marking ward
// enforces, which may be stricter than its source's: every TLP marking it
// names (TLP 1.0 or 2.0, whole or granular) gives way to the TLP 2.0
// marking of its share, and its other markings (statements, terms of use)
// stay. Its properties keep their order, so it reads as its author wrote it.
func remark(body string, m warp.Marking) (json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader([]byte(body)))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, errors.New("a kept object is not a JSON object")
	}
	var buf bytes.Buffer
	buf.WriteByte('{')
	n := 0
	write := func(key string, val []byte) {
		if n > 0 {
			buf.WriteByte(',')
		}
		n++
		k, _ := json.Marshal(key)
		buf.Write(k)
		buf.WriteByte(':')
		buf.Write(val)
	}
	marked := false
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := t.(string)
		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			return nil, err
		}
		switch key {
		case "object_marking_refs":
			var refs []string
			if err := json.Unmarshal(val, &refs); err != nil {
				return nil, err
			}
			if val, err = markingRefs(refs, m); err != nil {
				return nil, err
			}
			marked = true
		case "granular_markings":
			if val, err = withoutTLP(val); err != nil {
				return nil, err
			}
			if val == nil {
				continue
			}
		}
		write(key, val)
	}
	if !marked {
		val, err := markingRefs(nil, m)
		if err != nil {
			return nil, err
		}
		write("object_marking_refs", val)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// markingRefs keeps the markings that are not TLP and adds ward's.
func markingRefs(refs []string, m warp.Marking) (json.RawMessage, error) {
	var out []string
	for _, ref := range refs {
		if _, tlp := stix.WellKnownTLP(ref); !tlp {
			out = append(out, ref)
		}
	}
	return json.Marshal(append(out, stix.TLP2MarkingID(m)))
}

// withoutTLP drops the granular markings that name a TLP marking: the
// object as a whole now carries the strictest TLP ward knows for it. Nil
// when none is left.
func withoutTLP(val json.RawMessage) (json.RawMessage, error) {
	var list []json.RawMessage
	if err := json.Unmarshal(val, &list); err != nil {
		return nil, err
	}
	var keep []json.RawMessage
	for _, g := range list {
		var head struct {
			MarkingRef string `json:"marking_ref"`
		}
		if err := json.Unmarshal(g, &head); err != nil {
			return nil, err
		}
		if _, tlp := stix.WellKnownTLP(head.MarkingRef); !tlp {
			keep = append(keep, g)
		}
	}
	if len(keep) == 0 {
		return nil, nil
	}
	return json.Marshal(keep)
}
