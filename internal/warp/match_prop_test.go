package warp_test

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/gen/warpgen"
	"github.com/ward-shared-service/ward/internal/warp"
)

// propEntries is generated indicators plus the types the generator leaves
// out (URLs, e-mail addresses), nested networks and duplicates under other
// IDs.
func propEntries(t testing.TB, n int) ([]warp.Entry, []warp.Indicator) {
	ins := warpgen.Indicators(n, 7)
	domain := ins[slices.IndexFunc(ins, func(in warp.Indicator) bool { return in.Type == warp.Domain })].Value
	for _, v := range []string{
		"https://" + domain + "/", "http://cdn.kavu.net/a/b.js?x=1", "https://203.0.113.9:8443/admin",
		"boss@fraud.example", "payroll@kavu.net", "kavu.net", "198.51.100.0/24", "198.51.100.0/26",
		"198.51.100.7", "2001:db8::/32", "2001:db8:1::/48",
	} {
		in, err := warp.Detect(v)
		if err != nil {
			t.Fatal(err)
		}
		ins = append(ins, in)
	}
	var es []warp.Entry
	for i, in := range ins {
		es = append(es, warp.Entry{ID: int64(i + 1), Indicator: in})
	}
	for i := 0; i < len(ins); i += 97 {
		es = append(es, warp.Entry{ID: int64(100000 + i), Indicator: ins[i]})
	}
	return es, ins
}

// trickyLines are hand-written lines for what the generator does not write.
var trickyLines = []string{
	`{"url":"http:\/\/cdn.kavu.net\/a\/b.js?x=1","to":"\u003cpayroll@kavu.net\u003e"}`,
	`GET https://203.0.113.9:8443/admin,200,"x" 198.51.100.7.5 v198.51.100.7 198.51.100.7.`,
	`outside:2001:db8:1::5/443 to inside:10.1.2.3/51514 2001:db8::1%eth0 [2001:DB8::1]`,
	`/r?u=https%3A%2F%2Fwww.kavu.net%2Fx&e=%3Cboss@fraud.example%3E notkavu.net kavu.network`,
	`mailto:Boss@Fraud.Example. payroll@KAVU.NET:25 @kavu.net x@ @ a@b`,
	`HTTP://CDN.KAVU.NET/a/b.js?x=1#frag http://cdn.kavu.net/a/b.js?x=1,next https://kavu.net`,
}

func TestMatcherAgreesWithReference(t *testing.T) {
	entries, ins := propEntries(t, 1000)
	m := warp.NewMatcher(entries)
	if m.Len() != len(entries) {
		t.Fatalf("matcher uses %d of %d entries; skipped %v", m.Len(), len(entries), m.Skipped())
	}
	for _, style := range warpgen.LogStyles {
		var buf bytes.Buffer
		spec := warpgen.LogSpec{Style: style, Lines: 1500, Seed: 11, Indicators: ins, HitShare: 0.3, NearMisses: 0.3}
		if err := warpgen.Log(&buf, spec); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
		if style == warpgen.ProxyLog {
			lines = append(lines, trickyLines...)
		}
		hitLines := 0
		for i, line := range lines {
			got := map[int64]bool{}
			m.MatchLine([]byte(line), func(h warp.Hit) {
				if got[h.EntryID] {
					t.Errorf("%s line %d: entry %d reported twice", style, i+1, h.EntryID)
				}
				got[h.EntryID] = true
				if !strings.Contains(line, h.Seen) || h.Seen == "" {
					t.Errorf("%s line %d: seen %q is not in the line", style, i+1, h.Seen)
				}
			})
			want := warp.RefMatch(entries, line)
			if !maps.Equal(got, want) {
				t.Errorf("%s line %d %q:\n got %v\nwant %v", style, i+1, line, sortedIDs(got), sortedIDs(want))
			}
			if len(want) > 0 {
				hitLines++
			}
		}
		// the comparison means little if nothing hits
		if hitLines < len(lines)/5 {
			t.Errorf("%s: only %d of %d lines hit", style, hitLines, len(lines))
		}
	}
}

func sortedIDs(s map[int64]bool) string {
	return fmt.Sprint(slices.Sorted(maps.Keys(s)))
}

// FuzzMatchLine holds the matcher to the reference on any line: no panic,
// and the same entries found.
func FuzzMatchLine(f *testing.F) {
	entries, ins := propEntries(f, 150)
	entries = append(entries, warp.TableEntries(f)...)
	for i := range entries {
		entries[i].ID = int64(i + 1) // the table's IDs would repeat the generated ones
	}
	m := warp.NewMatcher(entries)
	for _, l := range trickyLines {
		f.Add([]byte(l))
	}
	for _, style := range warpgen.LogStyles {
		var b bytes.Buffer
		warpgen.Log(&b, warpgen.LogSpec{Style: style, Lines: 4, Seed: 3, Indicators: ins, HitShare: 0.5, NearMisses: 0.5})
		for _, l := range strings.Split(b.String(), "\n") {
			f.Add([]byte(l))
		}
	}
	f.Add([]byte(`http://[2001:db8::1]:80/ http://u:p@evil.example/ https://evil.example:/ https://Evil.Example./x%41`))
	f.Fuzz(func(t *testing.T, line []byte) {
		got := map[int64]bool{}
		m.MatchLine(line, func(h warp.Hit) { got[h.EntryID] = true })
		if want := warp.RefMatch(entries, string(line)); !maps.Equal(got, want) {
			t.Errorf("line %q:\n got %v\nwant %v", line, sortedIDs(got), sortedIDs(want))
		}
	})
}

// The matcher is only read after NewMatcher, so goroutines may share it;
// go test -race checks that nothing in a match writes to it.
func TestMatchLineConcurrent(t *testing.T) {
	entries, ins := propEntries(t, 300)
	m := warp.NewMatcher(entries)
	var log bytes.Buffer
	warpgen.Log(&log, warpgen.LogSpec{Lines: 400, Seed: 9, Indicators: ins, HitShare: 0.5})
	lines := strings.Split(log.String(), "\n")
	want := make([]string, len(lines))
	for i, l := range lines {
		want[i] = fmt.Sprint(warp.MatchValues(m, l))
	}
	errs := make(chan string, 8)
	for range 8 {
		go func() {
			for i, l := range lines {
				if got := fmt.Sprint(warp.MatchValues(m, l)); got != want[i] {
					errs <- fmt.Sprintf("line %d: %s, alone %s", i+1, got, want[i])
					return
				}
			}
			errs <- ""
		}()
	}
	for range 8 {
		if e := <-errs; e != "" {
			t.Error(e)
		}
	}
}
