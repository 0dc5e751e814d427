package reader

import "testing"

// TestBadUTF8JSONNamesThePath: the first byte that is not UTF-8 is found
// with the path of the value (or key) holding it, through nested objects,
// arrays, escaped quotes and keys before it.
func TestBadUTF8JSONNamesThePath(t *testing.T) {
	for _, c := range []struct{ raw, path string }{
		{"{\"name\":\"Caf\xe9\"}", ".name"},
		{"{\"a\":1,\"users\":[{\"x\":\"\\\"ok\\\"\"},{\"mail\":\"j\xf6rg@x\"}]}", ".users[1].mail"},
		{"[\"ok\",[1,2],\"\xff\"]", "[2]"},
		{"{\"n\xe9\":1}", ".n\ufffd"},
		{"\"\xc3(\"", ""},
		{"{\"a\":{\"b\":[[\"x\"],[\"y\",\"\x80\"]]}}", ".a.b[1][1]"},
	} {
		off, path, reason := BadUTF8JSON([]byte(c.raw))
		if off < 0 || path != c.path || reason == "" {
			t.Errorf("BadUTF8JSON(%q) = %d, %q, %q; want path %q", c.raw, off, path, reason, c.path)
		}
	}
	if off, _, _ := BadUTF8JSON([]byte(`{"name":"Café \ufffd"}`)); off != -1 {
		t.Errorf("valid text refused at %d", off)
	}
}
