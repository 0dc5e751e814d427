package httpin

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

// FuzzDecodeJSON: any body is read or refused without a panic; a refusal
// reads as text, and what is read is valid UTF-8 throughout.
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{`{"title":"ok","tags":["a","b"]}`, "{\"title\":\"Caf\xe9\"}", "[\"\xff\"]", `{"title":1}`,
		`{"x":{}}`, "", "{\"t\\u00e9\xc3\":\"\"}", `{"title":"\ud800"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var v struct {
			Title string            `json:"title"`
			Tags  []string          `json:"tags"`
			More  map[string]string `json:"more"`
		}
		err := DecodeJSON(bytes.NewReader(body), &v)
		if err != nil {
			if !utf8.ValidString(err.Error()) {
				t.Fatalf("unreadable refusal %q", err.Error())
			}
			return
		}
		ok := utf8.ValidString(v.Title)
		for _, s := range v.Tags {
			ok = ok && utf8.ValidString(s)
		}
		for k, s := range v.More {
			ok = ok && utf8.ValidString(k) && utf8.ValidString(s)
		}
		if !ok {
			t.Fatalf("%q read as text that is not UTF-8: %+v", body, v)
		}
	})
}
