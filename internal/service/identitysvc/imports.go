package identitysvc

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/reader"
	"github.com/ward-shared-service/ward/internal/reader/entra"
	"github.com/ward-shared-service/ward/internal/reader/sharphound"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// ImportResult says what an import read and what the analysis after it found.
type ImportResult struct {
	File      string          `json:"file"`
	Source    identity.Source `json:"source"`
	Directory string          `json:"directory"`
	Nodes     int             `json:"nodes"`
	Edges     int             `json:"edges"`
	Analysis  Run             `json:"analysis"`
}

// ImportSharpHound reads a SharpHound collection (a folder, a zip or one
// .json file) as the org's snapshot of that domain.
func (s *Service) ImportSharpHound(ctx context.Context, p tenancy.Principal, orgID int64, path string) (ImportResult, error) {
	if err := require(p, tenancy.ManagePosture, orgID); err != nil {
		return ImportResult{File: path}, err
	}
	d, err := sharphound.Open(path)
	if err != nil {
		return ImportResult{File: path}, parseError(err)
	}
	return s.ImportDirectory(ctx, p, orgID, filepath.Base(path), d)
}

// ImportEntra reads an Entra export (docs/entra-json.md) as the org's
// snapshot of that tenant.
func (s *Service) ImportEntra(ctx context.Context, p tenancy.Principal, orgID int64, path string) (ImportResult, error) {
	if err := require(p, tenancy.ManagePosture, orgID); err != nil {
		return ImportResult{File: path}, err
	}
	d, err := entra.Open(path)
	if err != nil {
		return ImportResult{File: path}, parseError(err)
	}
	return s.ImportDirectory(ctx, p, orgID, filepath.Base(path), d)
}

// ImportUpload takes a file sent through a page or the API: a SharpHound
// zip or .json, or an Entra export. It is spooled to a temporary file
// first, because a zip can only be read with random access.
func (s *Service) ImportUpload(ctx context.Context, p tenancy.Principal, orgID int64, source identity.Source, name string, r io.Reader) (ImportResult, error) {
	if err := require(p, tenancy.ManagePosture, orgID); err != nil {
		return ImportResult{File: name}, err
	}
	if source != identity.ActiveDirectory && source != identity.EntraID {
		return ImportResult{File: name}, invalid("source", "%q is not a directory source (ad or entra)", source)
	}
	base := filepath.Base(filepath.Clean("/" + name))
	if base == "/" || base == "." {
		base = "upload.json"
	}
	dir, err := os.MkdirTemp("", "ward-directory-")
	if err != nil {
		return ImportResult{File: name}, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, base)
	f, err := os.Create(path)
	if err != nil {
		return ImportResult{File: name}, err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return ImportResult{File: name}, err
	}
	if err := f.Close(); err != nil {
		return ImportResult{File: name}, err
	}
	var res ImportResult
	if source == identity.EntraID {
		res, err = s.ImportEntra(ctx, p, orgID, path)
	} else {
		res, err = s.ImportSharpHound(ctx, p, orgID, path)
	}
	// The readers name the spooled copy; the sender knows only its own name.
	// The invalid fault is parseError's own, made for this import, never a
	// shared one, so it may be reworded in place.
	if bad := fault.As(err); bad != nil && bad.Kind == fault.KindInvalid {
		bad.Message = strings.ReplaceAll(bad.Message, dir+string(filepath.Separator), "")
	}
	res.File = base
	return res, err
}

// parseError shows a reader's complaint to the user who sent the file: a
// ParseError names the file and JSON path; anything else the readers
// return (a missing file, a broken zip) is about the file too.
func parseError(err error) error {
	var pe *reader.ParseError
	if errors.As(err, &pe) {
		return invalid("file", "%s", pe.Error())
	}
	return invalid("file", "%v", err)
}

// ImportDirectory makes a read directory the org's current snapshot of it
// and analyses the org again, all in one transaction: a failure anywhere
// leaves the snapshots and findings as they were. The snapshot it replaces
// is kept as the previous one, for comparison.
func (s *Service) ImportDirectory(ctx context.Context, p tenancy.Principal, orgID int64, file string, d *identity.Directory) (ImportResult, error) {
	res := ImportResult{File: file, Source: d.Source, Directory: d.Name, Nodes: len(d.Nodes), Edges: len(d.Edges)}
	if err := require(p, tenancy.ManagePosture, orgID); err != nil {
		return res, err
	}
	if d.Name == "" {
		return res, invalid("file", "%s: the export does not name its domain or tenant", file)
	}
	snap := &store.IdentitySnapshot{OrgID: orgID, Source: string(d.Source), Directory: d.Name, File: file,
		ImportedAt: s.Store.Now(), ImportedBy: p.Actor, Nodes: len(d.Nodes), Edges: len(d.Edges), Graph: identity.Encode(d)}
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		if err := s.Store.SaveIdentitySnapshot(ctx, p.Scope, snap); err != nil {
			return err
		}
		run, err := s.analyse(ctx, p, orgID, map[int64]*identity.Directory{snap.ID: d})
		if err != nil {
			return err
		}
		res.Analysis = run
		_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: audit.IdentityImport,
			Target: string(d.Source) + " " + d.Name, IP: p.IP, Detail: map[string]string{
				"file": file, "nodes": strconv.Itoa(res.Nodes), "edges": strconv.Itoa(res.Edges),
				"reaching": strconv.Itoa(run.Reaching), "score": strconv.Itoa(run.Score.Score),
				"opened": strconv.Itoa(run.Findings.Opened), "resolved": strconv.Itoa(run.Findings.Resolved)}})
		return err
	})
	return res, err
}

// Reanalyse runs the analysis again without an import: after the org's
// settings, its leavers or its Tier Zero have changed.
func (s *Service) Reanalyse(ctx context.Context, p tenancy.Principal, orgID int64) (Run, error) {
	if err := require(p, tenancy.ManagePosture, orgID); err != nil {
		return Run{}, err
	}
	var run Run
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		var err error
		run, err = s.analyse(ctx, p, orgID, nil)
		return err
	})
	return run, err
}
