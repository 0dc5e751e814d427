package audit

import (
	"strings"
	"testing"
	"time"
)

func chain(n int) []Entry {
	var out []Entry
	var seq int64
	hash := ""
	at := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		e := Seal(Entry{At: at.Add(time.Duration(i) * time.Minute), Actor: UserActor("A@x.org"), Action: SignIn, Target: "user:a@x.org", Detail: map[string]string{"n": strings.Repeat("x", i)}}, seq, hash)
		out = append(out, e)
		seq, hash = e.Seq, e.Hash
	}
	return out
}

func verify(entries []Entry, headSeq int64, headHash string) *Break {
	var v Verifier
	for _, e := range entries {
		if b := v.Next(e); b != nil {
			return b
		}
	}
	return v.Finish(headSeq, headHash)
}

func TestChainVerifies(t *testing.T) {
	c := chain(5)
	if b := verify(c, 5, c[4].Hash); b != nil {
		t.Fatalf("intact chain reported broken: %v", b)
	}
	if c[0].PrevHash != Genesis || c[0].Seq != 1 {
		t.Fatalf("first entry = seq %d prev %s", c[0].Seq, c[0].PrevHash)
	}
}

func TestChainBreaks(t *testing.T) {
	tests := []struct {
		name    string
		tamper  func(c []Entry) ([]Entry, int64, string)
		wantSeq int64
		reason  string
	}{
		{"altered field", func(c []Entry) ([]Entry, int64, string) {
			c[2].Actor = "user:mallory@x.org"
			return c, 5, c[4].Hash
		}, 3, "altered"},
		{"altered detail", func(c []Entry) ([]Entry, int64, string) {
			c[1].Detail = map[string]string{"n": "y"}
			return c, 5, c[4].Hash
		}, 2, "altered"},
		{"altered time", func(c []Entry) ([]Entry, int64, string) {
			c[3].At = c[3].At.Add(time.Second)
			return c, 5, c[4].Hash
		}, 4, "altered"},
		{"deleted middle", func(c []Entry) ([]Entry, int64, string) {
			return append(c[:2:2], c[3:]...), 5, c[4].Hash
		}, 3, "missing"},
		{"deleted end", func(c []Entry) ([]Entry, int64, string) {
			return c[:4], 5, c[4].Hash
		}, 5, "removed"},
		{"rehashed after edit", func(c []Entry) ([]Entry, int64, string) {
			// An editor who recomputes the edited entry's hash still breaks the next link.
			c[1].Target = "user:other"
			c[1].Hash = ComputeHash(c[1])
			return c, 5, c[4].Hash
		}, 3, "previous-hash"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, seq, hash := tt.tamper(chain(5))
			b := verify(c, seq, hash)
			if b == nil {
				t.Fatal("tampered chain verified")
			}
			if b.Seq != tt.wantSeq || !strings.Contains(b.Error(), tt.reason) {
				t.Fatalf("break = %v, want at %d mentioning %q", b, tt.wantSeq, tt.reason)
			}
		})
	}
}

func TestHashIsUnambiguous(t *testing.T) {
	a := Entry{Seq: 1, PrevHash: Genesis, Actor: "ab", Action: "c"}
	b := Entry{Seq: 1, PrevHash: Genesis, Actor: "a", Action: "bc"}
	if ComputeHash(a) == ComputeHash(b) {
		t.Fatal("moving a character between fields kept the hash")
	}
}

func BenchmarkVerify(b *testing.B) {
	c := chain(1000)
	b.ResetTimer()
	for b.Loop() {
		if br := verify(c, 1000, c[999].Hash); br != nil {
			b.Fatal(br)
		}
	}
}
