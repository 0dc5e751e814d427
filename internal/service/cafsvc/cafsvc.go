// Package cafsvc is the service of the Cyber Assessment Framework: it
// imports framework versions from WebCAF's YAML and shows them. Assessments,
// profiles of an org's own and improvement plans will join it.
package cafsvc

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"path/filepath"
	"strconv"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/caf"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/reader/cafyaml"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Service imports and shows CAF frameworks.
type Service struct {
	Store *store.Store
}

// New makes the service over a store.
func New(st *store.Store) *Service { return &Service{Store: st} }

// Framework is an imported version: the framework, its source and who
// imported it.
type Framework = store.CAFFramework

// Import is a framework file to import.
type Import struct {
	File    string    // the file's name, for errors and the record
	Data    io.Reader // its bytes
	Version string    // the version; empty takes it from the name (…-v4.0.yaml)
}

// Import reads a WebCAF framework file and keeps it as the version it is.
// Frameworks are shared by every org, so only an admin may import one. A
// version already imported is refused rather than replaced: assessments
// will cite its IGP statements, and changing the text under them would
// change what they mean.
func (s *Service) Import(ctx context.Context, p tenancy.Principal, in Import) (store.CAFFramework, error) {
	if !p.Can(tenancy.ManageFrameworks) {
		return store.CAFFramework{}, fault.Forbidden("importing CAF frameworks: only an admin of the shared service may")
	}
	base := filepath.Base(in.File)
	version := in.Version
	if version == "" {
		version = cafyaml.VersionFromName(base)
	}
	if version == "" {
		return store.CAFFramework{}, fault.Invalid("version", "%s: the file's name does not say its version (like -v4.0.yaml): give the version", base)
	}
	if len(version) > 20 {
		return store.CAFFramework{}, fault.Invalid("version", "%q is too long for a version", version)
	}
	if _, err := s.Store.CAFFramework(ctx, version); err == nil {
		return store.CAFFramework{}, held(version)
	}
	h := sha256.New()
	fw, err := cafyaml.Read(io.TeeReader(in.Data, h), base, version)
	if err != nil {
		return store.CAFFramework{}, fault.Invalid("file", "%s", err.Error())
	}
	out := store.CAFFramework{Name: "CAF " + version, SourceFile: base, SourceSHA256: hex.EncodeToString(h.Sum(nil)),
		ImportedBy: p.Actor, Framework: fw}
	err = s.Store.InTx(ctx, func(ctx context.Context) error {
		var err error
		if out, err = s.Store.AddCAFFramework(ctx, out); err != nil {
			return err
		}
		_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, Action: audit.CAFImport, IP: p.IP, Target: out.Name,
			Detail: map[string]string{"file": base, "sha256": out.SourceSHA256,
				"outcomes": strconv.Itoa(out.Outcomes), "statements": strconv.Itoa(out.Statements)}})
		return err
	})
	if errors.Is(err, store.ErrCAFVersionHeld) {
		return store.CAFFramework{}, held(version)
	}
	return out, err
}

func held(version string) error {
	return fault.Conflict("CAF %s is already imported: a version is imported once, since assessments cite its statements", version)
}

// Summary is a framework as a listing shows it: where it came from and its
// size, without its text.
type Summary struct {
	Version      string    `json:"version"`
	Name         string    `json:"name"`
	Outcomes     int       `json:"outcome_count"`
	Statements   int       `json:"statement_count"`
	Profiles     []string  `json:"profiles"`
	SourceFile   string    `json:"source_file"`
	SourceSHA256 string    `json:"source_sha256"`
	ImportedAt   time.Time `json:"imported_at"`
	ImportedBy   string    `json:"imported_by"`
}

// Summarise drops a framework's text.
func Summarise(f store.CAFFramework) Summary {
	out := Summary{Version: f.Version, Name: f.Name, Outcomes: f.Outcomes, Statements: f.Statements,
		SourceFile: f.SourceFile, SourceSHA256: f.SourceSHA256, ImportedAt: f.ImportedAt, ImportedBy: f.ImportedBy, Profiles: []string{}}
	for _, p := range f.Framework.Profiles {
		out.Profiles = append(out.Profiles, p.Name)
	}
	return out
}

// Frameworks lists the imported frameworks, whole. They are reference data
// every org shares, so any signed-in caller may read them.
func (s *Service) Frameworks(ctx context.Context, p tenancy.Principal) ([]store.CAFFramework, error) {
	return s.Store.CAFFrameworks(ctx)
}

// Framework is one imported version, whole.
func (s *Service) Framework(ctx context.Context, p tenancy.Principal, version string) (store.CAFFramework, error) {
	f, err := s.Store.CAFFramework(ctx, version)
	if errors.Is(err, store.ErrNotFound) {
		return f, fault.NotFound("CAF %s has not been imported: see ward caf frameworks for those that have", version)
	}
	return f, err
}

// Listed is a framework as `caf frameworks` lists it: its summary and
// every outcome, in order, with its IGP statements and rules.
type Listed struct {
	Summary
	Outcomes []caf.Outcome `json:"outcomes"`
}

// List is every imported framework as Listed.
func List(fs []store.CAFFramework) []Listed {
	out := make([]Listed, 0, len(fs))
	for _, f := range fs {
		out = append(out, Listed{Summary: Summarise(f), Outcomes: f.Framework.Outcomes()})
	}
	return out
}
