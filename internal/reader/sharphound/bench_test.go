package sharphound_test

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/gen/identitygen"
	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/reader/sharphound"
)

// The product target is a council of 100,000 users, 20,000 groups and
// 30,000 computers with 2,000,000 relations, imported and analysed in under
// 5 s on one core. These benchmarks measure the reader's share: the
// identitygen writes such a collection once, the files are held in
// memory (so the disk is not measured), and each run reads them all into a
// new builder.

type benchFile struct {
	name string
	data []byte
}

var benchSpec = identitygen.Spec{Domain: "ASHCOMBE.LOCAL", Users: 100_000, Groups: 20_000, Computers: 30_000,
	Edges: 2_000_000, Seed: 1, Now: time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC), MetaLast: true}

var benchFiles = sync.OnceValues(func() ([]benchFile, error) {
	dir, err := os.MkdirTemp("", "ward-sharphound-bench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if _, err := identitygen.SharpHound(dir, benchSpec); err != nil {
		return nil, err
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	var files []benchFile
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		files = append(files, benchFile{filepath.Base(p), data})
	}
	return files, nil
})

// benchFilesIndented is the same collection as SharpHound's --prettyprint
// writes it, more than half white space.
var benchFilesIndented = sync.OnceValues(func() ([]benchFile, error) {
	files, err := benchFiles()
	if err != nil {
		return nil, err
	}
	var out []benchFile
	for _, f := range files {
		var buf bytes.Buffer
		if err := json.Indent(&buf, f.data, "", "    "); err != nil {
			return nil, err
		}
		out = append(out, benchFile{f.name, buf.Bytes()})
	}
	return out, nil
})

func benchNamed(files []benchFile) []sharphound.NamedFile {
	out := make([]sharphound.NamedFile, len(files))
	for i, f := range files {
		out[i] = sharphound.NamedFile{Name: f.name, Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(f.data)), nil }}
	}
	return out
}

// BenchmarkReadSharpHound reads the whole collection into a builder: the
// reader's own cost.
func BenchmarkReadSharpHound(b *testing.B) { benchRead(b, benchFiles, false) }

// BenchmarkReadSharpHoundIndented reads the pretty-printed files.
func BenchmarkReadSharpHoundIndented(b *testing.B) { benchRead(b, benchFilesIndented, false) }

// BenchmarkReadSharpHoundDirectory adds finishing the build (sorting and
// de-duplicating the edges), which is what an import hands to the analysis.
func BenchmarkReadSharpHoundDirectory(b *testing.B) { benchRead(b, benchFiles, true) }

func benchRead(b *testing.B, collection func() ([]benchFile, error), finish bool) {
	files, err := collection()
	if err != nil {
		b.Fatal(err)
	}
	var size int64
	for _, f := range files {
		size += int64(len(f.data))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	var edges int
	for b.Loop() {
		bl := identity.NewBuilder(identity.ActiveDirectory)
		if _, err := sharphound.ReadFiles(bl, benchNamed(files)...); err != nil {
			b.Fatal(err)
		}
		_, edges = bl.Len()
		if finish {
			edges = len(bl.Directory().Edges)
		}
	}
	b.ReportMetric(float64(edges), "edges")
}

// BenchmarkOpenSharpHoundZip opens the collection as it is uploaded, a
// deflated zip on disk: the reader plus decompression.
func BenchmarkOpenSharpHoundZip(b *testing.B) {
	path := filepath.Join(b.TempDir(), "collection.zip")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	st, err := identitygen.SharpHoundZip(f, benchSpec)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Bytes)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sharphound.Open(path); err != nil {
			b.Fatal(err)
		}
	}
}
