package httpin

import (
	"strings"
	"testing"
)

// TestDecodeJSONRefusesTextThatIsNotUTF8 names the value whose bytes are
// not UTF-8, which encoding/json alone would turn into U+FFFD, and still
// refuses an unknown field.
func TestDecodeJSONRefusesTextThatIsNotUTF8(t *testing.T) {
	var v struct {
		Title string   `json:"title"`
		Tags  []string `json:"tags"`
	}
	for body, want := range map[string]string{
		"{\"title\":\"ok\",\"tags\":[\"a\",\"\xff\"]}": "tags[1]: text is not valid UTF-8 (byte 0xFF at byte 28 of the body)",
		"\"\xe9\"":                 "the body: text is not valid UTF-8",
		`{"title":"x","colour":1}`: `unknown field "colour"`,
	} {
		if err := DecodeJSON(strings.NewReader(body), &v); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("DecodeJSON(%q) = %v, want …%s…", body, err, want)
		}
	}
	if err := DecodeJSON(strings.NewReader(`{"title":"Café \ufffd"}`), &v); err != nil || v.Title != "Café \ufffd" {
		t.Errorf("valid text: %q, %v", v.Title, err)
	}
}
