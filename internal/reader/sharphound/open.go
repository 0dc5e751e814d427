package sharphound

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/reader"
	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

// NamedFile is one collector file, from a folder, a zip or an upload:
// its name for messages and a way to open it when its turn comes, so a
// collection is read one file at a time and never held whole.
type NamedFile struct {
	Name string
	Open func() (io.ReadCloser, error)
}

// ReadFiles reads a collection's files in order into the builder
// and names the directory after its domain. It stops at the first file
// that cannot be read.
func ReadFiles(b *identity.Builder, files ...NamedFile) (Stats, error) {
	rd := newSharpHoundReader(b)
	for _, f := range files {
		in, err := f.Open()
		if err != nil {
			rd.finish()
			return rd.stats, fmt.Errorf("%s: %w", f.Name, err)
		}
		err = rd.read(f.Name, in)
		in.Close()
		if err != nil {
			rd.finish()
			return rd.stats, err
		}
	}
	rd.finish()
	return rd.stats, nil
}

// ZipFiles lists the .json entries of a collection zip (as
// SharpHound writes it, or as uploaded), named "collection.zip:users.json",
// sorted by name so the import does not depend on the order of the archive.
// A zip listing more entries than a collection has is refused, and each
// entry is read under bounded's caps on what it expands to.
func ZipFiles(zr *zip.Reader, zipName string) ([]NamedFile, error) {
	if err := bounded.CheckZip(zr); err != nil {
		return nil, &reader.ParseError{File: zipName, Reason: err.Error(), Err: err}
	}
	var files []NamedFile
	for _, f := range zr.File {
		if f.FileInfo().IsDir() || !isJSONName(f.Name) {
			continue
		}
		open := func() (io.ReadCloser, error) { return bounded.ZipEntry(f) }
		files = append(files, NamedFile{Name: zipName + ":" + f.Name, Open: open})
	}
	slices.SortFunc(files, func(a, b NamedFile) int { return strings.Compare(a.Name, b.Name) })
	return files, nil
}

func isJSONName(name string) bool { return strings.EqualFold(filepath.Ext(name), ".json") }

// Open reads a SharpHound collection from a folder of .json
// files, a collection .zip, or a single .json file.
func Open(path string) (*identity.Directory, error) {
	b := identity.NewBuilder(identity.ActiveDirectory)
	files, closeAll, err := sharpHoundFiles(path)
	if err != nil {
		return nil, err
	}
	defer closeAll()
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no .json files", path)
	}
	if _, err := ReadFiles(b, files...); err != nil {
		return nil, err
	}
	return b.Directory(), nil
}

func sharpHoundFiles(path string) (files []NamedFile, closeAll func(), err error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	nothing := func() {}
	switch {
	case info.IsDir():
		entries, err := os.ReadDir(path)
		if err != nil {
			return nil, nil, err
		}
		for _, e := range entries { // ReadDir sorts by name
			if e.Type().IsRegular() && isJSONName(e.Name()) {
				files = append(files, osFile(filepath.Join(path, e.Name()), e.Name()))
			}
		}
		return files, nothing, nil
	case strings.EqualFold(filepath.Ext(path), ".zip"):
		zr, err := zip.OpenReader(path)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
		}
		files, err := ZipFiles(&zr.Reader, filepath.Base(path))
		if err != nil {
			zr.Close()
			return nil, nil, err
		}
		return files, func() { zr.Close() }, nil
	case isJSONName(path):
		return []NamedFile{osFile(path, filepath.Base(path))}, nothing, nil
	}
	return nil, nil, errors.New(path + ": not a folder, a .zip or a .json file")
}

// osFile opens a file read under bounded's cap on an import's size.
func osFile(path, name string) NamedFile {
	return NamedFile{Name: name, Open: func() (io.ReadCloser, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		return struct {
			io.Reader
			io.Closer
		}{bounded.Plain(f), f}, nil
	}}
}
