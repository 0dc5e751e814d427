package csvout

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestCellNeutralisesFormulasButNotNumbers(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`=HYPERLINK("http://x","y")`, `'=HYPERLINK("http://x","y")`},
		{`+cmd|' /C calc'!A0`, `'+cmd|' /C calc'!A0`},
		{`-2+3+cmd|' /C calc'!A0`, `'-2+3+cmd|' /C calc'!A0`},
		{`@SUM(1+1)*cmd|' /C calc'!A0`, `'@SUM(1+1)*cmd|' /C calc'!A0`},
		{"\t=1+1", "'\t=1+1"},
		{"\r=1+1", "'\r=1+1"},
		{"=", "'="},
		{"-", "'-"},
		{"+", "'+"},
		{"-.", "'-."},
		{"-1e", "'-1e"},
		{"-1-1", "'-1-1"},
		{"+44 20 7946 0000", "'+44 20 7946 0000"},
		{"-3", "-3"},
		{"+3", "+3"},
		{"-0.25", "-0.25"},
		{"-.5", "-.5"},
		{"-7.", "-7."},
		{"-1.5e3", "-1.5e3"},
		{"-2E-4", "-2E-4"},
		{"42", "42"},
		{"", ""},
		{"plain text", "plain text"},
		{"a=b", "a=b"},
		{" =1+1", " =1+1"},
		{"'=already", "'=already"},
	} {
		if got := Cell(c.in); got != c.want {
			t.Errorf("Cell(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestWriterWritesNeutralisedCSVThatReadsBack(t *testing.T) {
	var b strings.Builder
	w := NewWriter(&b)
	rec := []string{`=HYPERLINK("http://x","y")`, "-3", "line\nbreak"}
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	if err := w.Write(nil); err != nil {
		t.Fatal(err)
	}
	if err := w.Write([]string{"@a", "b"}); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if rec[0] != `=HYPERLINK("http://x","y")` {
		t.Errorf("the caller's record was changed: %q", rec)
	}
	want := "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-3,\"line\nbreak\"\n\n'@a,b\n"
	if b.String() != want {
		t.Errorf("csv = %q, want %q", b.String(), want)
	}
	r := csv.NewReader(strings.NewReader(b.String()))
	r.FieldsPerRecord = -1
	got, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !slices.Equal(got[0], []string{`'=HYPERLINK("http://x","y")`, "-3", "line\nbreak"}) ||
		!slices.Equal(got[1], []string{"'@a", "b"}) {
		t.Errorf("read back %q", got)
	}
}

// TestNothingElseWritesCSV holds "one writer": no production file outside
// this package makes an encoding/csv writer, which would skip the rule.
func TestNothingElseWritesCSV(t *testing.T) {
	files := 0
	for _, top := range []string{"../../internal", "../../cmd"} {
		err := filepath.WalkDir(top, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if d.Name() == "testdata" || d.Name() == "csvout" {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			files++
			if strings.Contains(string(b), "csv.NewWriter(") {
				t.Errorf("%s makes its own CSV writer; use csvout.NewWriter", path)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if files < 100 {
		t.Fatalf("read only %d files; the walk is broken", files)
	}
}

// Stream writes the header and every row, neutralised, and hands what is
// ready to its reader every FlushEvery rows rather than only at the end.
func TestStreamFlushesAsItGoes(t *testing.T) {
	var out bytes.Buffer
	seenBeforeEnd := 0
	n, err := Stream(&out, []string{"ref", "title"}, func(emit func([]string) error) error {
		for i := range FlushEvery + 1 {
			if err := emit([]string{fmt.Sprint("INC-", i), "=cmd"}); err != nil {
				return err
			}
		}
		seenBeforeEnd = out.Len()
		return nil
	})
	if err != nil || n != FlushEvery+1 {
		t.Fatalf("Stream: %d rows, %v", n, err)
	}
	rows, err := csv.NewReader(&out).ReadAll()
	if err != nil || len(rows) != FlushEvery+2 || rows[0][0] != "ref" || rows[1][1] != "'=cmd" {
		t.Fatalf("read back %d rows (%v), first %q", len(rows), err, rows[:min(2, len(rows))])
	}
	if seenBeforeEnd == 0 {
		t.Error("nothing reached the writer before the last flush")
	}
}
