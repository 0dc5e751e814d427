package warpsvc

import (
	"strings"
	"testing"
)

// TestFeedListRefusesTextThatIsNotUTF8: a plain feed line that is not UTF-8
// (a Latin-1 ö in an e-mail address) is refused naming its file and line,
// or left out with --skip-bad, rather than taken as an address with U+FFFD
// in it.
func TestFeedListRefusesTextThatIsNotUTF8(t *testing.T) {
	feed := "evil.example\nj\xf6rg@evil.example\n"
	_, _, err := readList(strings.NewReader(feed), "feed.txt", false)
	if err == nil || !strings.Contains(err.Error(), "feed.txt: line 2: is not valid UTF-8 text (byte 0xF6") {
		t.Fatalf("got %v, want line 2 refused as not UTF-8", err)
	}
	values, skipped, err := readList(strings.NewReader(feed), "feed.txt", true)
	if err != nil || len(values) != 1 || values[0].Value != "evil.example" || len(skipped) != 1 || !strings.Contains(skipped[0], "line 2") {
		t.Fatalf("with skip-bad: %+v %q %v", values, skipped, err)
	}
}
