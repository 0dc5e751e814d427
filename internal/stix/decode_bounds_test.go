package stix

import (
	"strings"
	"testing"
)

// A string past MaxStringBytes or nesting past MaxDepth is refused whole,
// by its JSON path, and the error quotes none of the string.
func TestDecodeBoundsStringsAndDepth(t *testing.T) {
	huge := strings.Repeat("a", MaxStringBytes+1)
	bundle := `{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[` +
		`{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",` +
		`"created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z",` +
		`"pattern":"[domain-name:value = '` + huge + `.example']"}]}`
	_, err := Decode(strings.NewReader(bundle), "feed.json")
	if err == nil || !strings.Contains(err.Error(), "feed.json: refused: $.objects[0].pattern holds a string of") ||
		!strings.Contains(err.Error(), "the string length limit is 256 KiB") || len(err.Error()) > 300 {
		t.Errorf("an oversized pattern gave %.300v", err)
	}
	deep := strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1)
	if _, err := Decode(strings.NewReader(deep), "deep.json"); err == nil || !strings.Contains(err.Error(), "nested more than 32 deep") {
		t.Errorf("nesting %d deep gave %v", MaxDepth+1, err)
	}
	ok := strings.Repeat(`{"a":`, MaxDepth-1) + `"x"` + strings.Repeat("}", MaxDepth-1)
	if _, err := Decode(strings.NewReader(ok), "ok.json"); err != nil && strings.Contains(err.Error(), "nested") {
		t.Errorf("nesting %d deep was refused: %v", MaxDepth-1, err)
	}
	if _, err := Decode(strings.NewReader(`{"type":"bundle"} {"type":"bundle"}`), "two.json"); err == nil || !strings.Contains(err.Error(), "more than one value") {
		t.Errorf("two documents gave %v", err)
	}
}
