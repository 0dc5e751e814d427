package markdown

import (
	"strings"
	"testing"
)

func TestReadKeepsTheBodyAndNamesWhereItIsWrong(t *testing.T) {
	body, err := Read("aup.md", strings.NewReader("\xef\xbb\xbf# Title\r\n\nText é\n"))
	if err != nil || body != "# Title\r\n\nText é\n" {
		t.Fatalf("%q %v", body, err)
	}
	_, err = Read("aup.md", strings.NewReader("# Title\nab\xffc\n"))
	if err == nil || !strings.Contains(err.Error(), "aup.md: line 2, column 3") {
		t.Fatalf("bad byte: %v", err)
	}
	_, err = Read("aup.md", strings.NewReader("x\x00"))
	if err == nil || !strings.Contains(err.Error(), "line 1, column 2") {
		t.Fatalf("NUL: %v", err)
	}
	if _, err := Read("big.md", strings.NewReader(strings.Repeat("word ", MaxBody))); err == nil || !strings.Contains(err.Error(), "KiB") {
		t.Fatalf("too big: %v", err)
	}
	if _, err := String("empty.md", " \n\t"); err == nil {
		t.Fatal("an empty body was read")
	}
}

func FuzzRead(f *testing.F) {
	for _, s := range []string{"# Policy\n\n- one\n", "\xef\xbb\xbf", "a\x00b", "\xff", strings.Repeat("a\n", 100)} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		body, err := Read("f.md", strings.NewReader(string(data)))
		if err == nil && (len(body) > MaxBody || strings.ContainsRune(body, 0)) {
			t.Fatalf("read a body it should have refused: %d bytes", len(body))
		}
	})
}
