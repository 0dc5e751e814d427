package httpin

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestFileNameIsOneShowableElement: the name an upload is shown and
// audited under is one path element of valid UTF-8 text without control
// characters, at most 200 bytes cut between characters — and the fallback
// when the sender's name leaves nothing.
func TestFileNameIsOneShowableElement(t *testing.T) {
	long := strings.Repeat("é", 150) + ".csv" // 304 bytes; byte 200 is inside no character
	odd := "x" + strings.Repeat("é", 150)     // byte 200 is the second byte of an é
	for _, c := range []struct{ given, disposition, want string }{
		{"devices.csv", "", "devices.csv"},
		{`C:\Users\pat\Desktop\intune.csv`, "", "intune.csv"},
		{"../../etc/passwd", "", "passwd"},
		{"", `attachment; filename="fleet.json"`, "fleet.json"},
		{"", "", "upload"},
		{"\x01\x02\x1b", "", "upload"},
		{"\x00\x7f\u0085", "", "upload"},
		{" \t ", "", "upload"},
		{"..", "", "upload"},
		{"dir/..", "", "upload"},
		{"a/\x01", "", "upload"},
		{"dev\x1b[31mices.csv", "", "dev[31mices.csv"},
		{"Caf\xe9.csv", "", "Caf\uFFFD.csv"},
		{long, "", strings.Repeat("é", 100)},
		{odd, "", "x" + strings.Repeat("é", 99)},
	} {
		got := FileName(c.given, c.disposition, "upload")
		if got != c.want {
			t.Errorf("FileName(%q, %q) = %q, want %q", c.given, c.disposition, got, c.want)
		}
		if len(got) > 200 || !utf8.ValidString(got) {
			t.Errorf("FileName(%q) = %q: %d bytes, valid UTF-8 %v", c.given, got, len(got), utf8.ValidString(got))
		}
	}
}
