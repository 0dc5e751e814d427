package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/cli"
	"github.com/ward-shared-service/ward/internal/store"
)

// wardEnv runs ward with the given environment.
func wardEnv(env map[string]string, db string, args ...string) result {
	var out, errb bytes.Buffer
	code := cli.Main(context.Background(), append([]string{"--database", db}, args...), strings.NewReader(""), &out, &errb,
		func(k string) string { return env[k] })
	return result{code, out.String(), errb.String()}
}

// WARD_IMPORT_MAX_RECORDS lowers (or raises) the record-count limit of
// every import; a value that is not a size is refused naming the variable.
func TestImportLimitsFromEnvironment(t *testing.T) {
	eachDB(t, func(t *testing.T, s *store.Store, db string) {
		if r := ward(db, "", "org", "add", "ashcombe", "--name", "Ashcombe", "--kind", "council"); r.code != 0 {
			t.Fatal(r.stderr)
		}
		file := filepath.Join(t.TempDir(), "devices.csv")
		os.WriteFile(file, []byte(twoLaptops()), 0o600)
		r := wardEnv(map[string]string{"WARD_IMPORT_MAX_RECORDS": "1"}, db, "import", "devices", "--org", "ashcombe", file)
		if r.code != 1 || !strings.Contains(r.stderr, "the record count limit is 1 rows") {
			t.Errorf("with a limit of one row: exit %d %s", r.code, r.stderr)
		}
		if r := ward(db, "", "import", "devices", "--org", "ashcombe", file); r.code != 0 {
			t.Errorf("without the variable the limit is the default again: exit %d %s", r.code, r.stderr)
		}
		for k, v := range map[string]string{"WARD_IMPORT_MAX_RECORDS": "lots", "WARD_IMPORT_MAX_BYTES": "2 parsecs"} {
			r := wardEnv(map[string]string{k: v}, db, "org", "list")
			if r.code != 2 || !strings.Contains(r.stderr, k+"=") {
				t.Errorf("%s=%s: exit %d %s", k, v, r.code, r.stderr)
			}
		}
		if r := wardEnv(map[string]string{"WARD_IMPORT_MAX_BYTES": "1KiB"}, db, "org", "list"); r.code != 2 || !strings.Contains(r.stderr, "too small") {
			t.Errorf("a size limit of 1 KiB: exit %d %s", r.code, r.stderr)
		}
		if r := wardEnv(map[string]string{"WARD_IMPORT_MAX_BYTES": "2GiB", "WARD_IMPORT_MAX_RECORDS": "20000000"}, db, "org", "list"); r.code != 0 {
			t.Errorf("raised limits: exit %d %s", r.code, r.stderr)
		}
	})
}
