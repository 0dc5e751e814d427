package warp

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/reader/bounded"
	"github.com/ward-shared-service/ward/internal/reader/bounded/boundedtest"
)

func scanAll(t *testing.T, m *Matcher, data []byte) (int, []Hit, error) {
	t.Helper()
	var hits []Hit
	n, err := m.Scan(bytes.NewReader(data), func(h Hit) { hits = append(hits, h) })
	return n, hits, err
}

func hitLines(hits []Hit) string {
	var b strings.Builder
	for _, h := range hits {
		fmt.Fprintf(&b, "%d:%s ", h.Line, h.Indicator.Value)
	}
	return strings.TrimSpace(b.String())
}

const scanLog = "1795334400.001    748 10.21.1.2 TCP_MISS/200 3 GET http://www.evil.example/ - HIER_DIRECT/203.0.113.7 text/html\n" +
	"1795334400.002    748 10.21.1.2 TCP_MISS/200 3 GET http://www.good.example/ - HIER_DIRECT/151.1.2.3 text/html\r\n" +
	"\n" +
	"1795334400.003    748 10.21.1.2 TCP_MISS/200 3 GET http://x/" + tMD5 + " - HIER_NONE/- -" // no final newline

func TestScanPlainAndGzip(t *testing.T) {
	m := NewMatcher(tableEntries(t))
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(scanLog))
	zw.Close()
	for name, data := range map[string][]byte{"plain": []byte(scanLog), "gzip": gz.Bytes()} {
		n, hits, err := scanAll(t, m, data)
		if err != nil || n != 4 {
			t.Fatalf("%s: %d lines, %v", name, n, err)
		}
		if got, want := hitLines(hits), "1:evil.example 1:203.0.113.7 4:"+tMD5; got != want {
			t.Errorf("%s: hits %q, want %q", name, got, want)
		}
	}
}

func TestScanCSVAndJSONLines(t *testing.T) {
	m := NewMatcher(tableEntries(t))
	csv := "time,client,url,user,server\n" +
		`2026-11-22T08:00:00Z,10.1.1.1,"https://cdn.example/x/payload.js",-,151.1.1.1` + "\n" +
		`2026-11-22T08:00:01Z,10.1.1.1,http://phish.example/login?u=1,boss@fraud.example,198.51.100.9` + "\n"
	n, hits, err := scanAll(t, m, []byte(csv))
	if err != nil || n != 3 {
		t.Fatalf("csv: %d lines, %v", n, err)
	}
	if got, want := hitLines(hits), "2:https://cdn.example/x/payload.js 3:http://phish.example/login?u=1 3:boss@fraud.example 3:198.51.100.0/24"; got != want {
		t.Errorf("csv: hits %q, want %q", got, want)
	}
	js := `{"url":"https:\/\/cdn.example\/x\/payload.js","server":"2001:db8:f00::5"}` + "\n" +
		`{"q":"a.b.evil.example.","sha1":"` + strings.ToUpper(tSHA1) + `","from":"\u003cboss@fraud.example\u003e"}` + "\n"
	n, hits, err = scanAll(t, m, []byte(js))
	if err != nil || n != 2 {
		t.Fatalf("json: %d lines, %v", n, err)
	}
	if got, want := hitLines(hits), "1:https://cdn.example/x/payload.js 1:2001:db8:f00::/48 2:evil.example 2:"+tSHA1+" 2:boss@fraud.example"; got != want {
		t.Errorf("json: hits %q, want %q", got, want)
	}
}

func TestScanLongLine(t *testing.T) {
	m := NewMatcher(tableEntries(t))
	long := "evil.example\nok\n" + strings.Repeat("a", MaxLineBytes) + "\n" // exactly the limit: accepted
	long += strings.Repeat("b", MaxLineBytes+1) + "\nevil.example\n"
	n, hits, err := scanAll(t, m, []byte(long))
	if err == nil || !strings.Contains(err.Error(), "line 4 ") {
		t.Fatalf("want an error naming line 4, got %v", err)
	}
	if n != 3 || hitLines(hits) != "1:evil.example" {
		t.Errorf("read %d lines with hits %q before failing, want 3 and line 1's hit", n, hitLines(hits))
	}
}

func TestScanEmptyAndBadGzip(t *testing.T) {
	m := NewMatcher(tableEntries(t))
	if n, hits, err := scanAll(t, m, nil); n != 0 || len(hits) != 0 || err != nil {
		t.Errorf("empty input: %d lines, %d hits, %v", n, len(hits), err)
	}
	if _, _, err := scanAll(t, m, []byte{0x1f, 0x8b, 0, 0}); err == nil || !strings.Contains(err.Error(), "gzip") {
		t.Errorf("broken gzip: want a gzip error, got %v", err)
	}
}

func TestMatchResultJSON(t *testing.T) {
	m := NewMatcher(tableEntries(t))
	n, hits, _ := scanAll(t, m, []byte("x\nwww.evil.example\n"))
	out, _ := json.Marshal(NewMatchResult(n, hits))
	want := `{"lines":2,"hits":[{"line":2,"indicator":"evil.example","type":"domain","seen":"www.evil.example","entry_id":1}]}`
	if string(out) != want {
		t.Errorf("got  %s\nwant %s", out, want)
	}
	if out, _ := json.Marshal(NewMatchResult(3, nil)); string(out) != `{"lines":3,"hits":[]}` {
		t.Errorf("no hits: %s", out)
	}
}

func TestSkippedEntries(t *testing.T) {
	m := NewMatcher([]Entry{
		{1, Indicator{Domain, "Evil.Example."}}, // tolerated: lower-cased, dot dropped
		{2, Indicator{MD5, "abc"}},
		{3, Indicator{IPv4, "not an address"}},
		{4, Indicator{"mac", "00:11:22:33:44:55"}},
	})
	if m.Len() != 1 || len(m.Skipped()) != 3 {
		t.Fatalf("Len %d, skipped %v", m.Len(), m.Skipped())
	}
	if got := matchValues(m, "www.evil.example"); len(got) != 1 {
		t.Errorf("hits %v", got)
	}
}

// A gzip bomb of blank lines is refused by the compression ratio, after
// the first few MiB, naming the limit.
func TestScanRefusesGzipBomb(t *testing.T) {
	m := NewMatcher(tableEntries(t))
	n, _, err := scanAll(t, m, boundedtest.GzipBomb("www.evil.example\n", '\n', 64<<20))
	if err == nil || !strings.Contains(err.Error(), "the compression ratio limit is 100") {
		t.Fatalf("a gzip bomb: %v", err)
	}
	if n > bounded.RatioGrace {
		t.Errorf("scanned %d lines before refusing, want at most the grace", n)
	}
}
