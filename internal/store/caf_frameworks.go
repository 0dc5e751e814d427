package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/ward-shared-service/ward/internal/caf"
)

// CAFFramework is an imported version of the CAF and where it came from.
type CAFFramework struct {
	Version      string        `json:"version"`
	Name         string        `json:"name"`
	SourceFile   string        `json:"source_file"`
	SourceSHA256 string        `json:"source_sha256"`
	Outcomes     int           `json:"outcome_count"`
	Statements   int           `json:"statement_count"`
	ImportedAt   time.Time     `json:"imported_at"`
	ImportedBy   string        `json:"imported_by"`
	Framework    caf.Framework `json:"framework"`
}

// ErrCAFVersionHeld refuses a second import of a version.
var ErrCAFVersionHeld = errors.New("this CAF version is already imported")

// AddCAFFramework stores a framework version. Frameworks are shared
// reference data, not an org's, so no scope is taken: the service allows
// only admins to import. A version already held is refused with
// ErrCAFVersionHeld (wrapping ErrConflict).
func (s *Store) AddCAFFramework(ctx context.Context, f CAFFramework) (CAFFramework, error) {
	body, err := json.Marshal(f.Framework)
	if err != nil {
		return f, err
	}
	f.Version = f.Framework.Version
	f.Outcomes, f.Statements = f.Framework.Counts()
	f.ImportedAt = s.Now()
	_, err = s.exec(ctx, `INSERT INTO caf_frameworks (version, name, source_file, source_sha256, outcomes, statements,
		imported_at, imported_by, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		f.Version, f.Name, f.SourceFile, f.SourceSHA256, f.Outcomes, f.Statements, f.ImportedAt, f.ImportedBy, string(body))
	if err = classify(err); errors.Is(err, ErrConflict) {
		return f, fmt.Errorf("%w: %w", ErrCAFVersionHeld, err)
	}
	return f, err
}

const cafColumns = `version, name, source_file, source_sha256, outcomes, statements, imported_at, imported_by, body`

func scanCAF(sc interface{ Scan(...any) error }) (CAFFramework, error) {
	var f CAFFramework
	var body string
	if err := sc.Scan(&f.Version, &f.Name, &f.SourceFile, &f.SourceSHA256, &f.Outcomes, &f.Statements,
		&f.ImportedAt, &f.ImportedBy, &body); err != nil {
		return f, classify(err)
	}
	f.ImportedAt = f.ImportedAt.UTC()
	if err := json.Unmarshal([]byte(body), &f.Framework); err != nil {
		return f, fmt.Errorf("CAF framework %s: stored body: %w", f.Version, err)
	}
	return f, nil
}

// CAFFrameworks lists every imported framework by version.
func (s *Store) CAFFrameworks(ctx context.Context) ([]CAFFramework, error) {
	rows, err := s.query(ctx, `SELECT `+cafColumns+` FROM caf_frameworks ORDER BY version`)
	if err != nil {
		return nil, classify(err)
	}
	defer rows.Close()
	var out []CAFFramework
	for rows.Next() {
		f, err := scanCAF(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, classify(rows.Err())
}

// CAFFramework is one framework by its version, or ErrNotFound.
func (s *Store) CAFFramework(ctx context.Context, version string) (CAFFramework, error) {
	return scanCAF(s.queryRow(ctx, `SELECT `+cafColumns+` FROM caf_frameworks WHERE version = ?`, version))
}
