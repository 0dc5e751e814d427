package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

// configureImports sets the limits every import reads under from
// WARD_IMPORT_MAX_BYTES and WARD_IMPORT_MAX_RECORDS, for an estate whose
// exports pass the defaults. Every command sets them, unset meaning the
// default, so that `ward import` and `ward serve` refuse the same files.
func configureImports(getenv func(string) string) error {
	var l bounded.Limits
	var err error
	if v := getenv("WARD_IMPORT_MAX_BYTES"); v != "" {
		if l.Expanded, err = parseBytes(v); err != nil {
			return fmt.Errorf("WARD_IMPORT_MAX_BYTES=%q: %v", v, err)
		}
	}
	if v := getenv("WARD_IMPORT_MAX_RECORDS"); v != "" {
		if l.Records, err = strconv.ParseInt(strings.TrimSpace(v), 10, 64); err != nil || l.Records <= 0 {
			return fmt.Errorf("WARD_IMPORT_MAX_RECORDS=%q: want a whole number of rows or objects above zero, such as 20000000", v)
		}
	}
	if err := bounded.Configure(l); err != nil {
		return fmt.Errorf("WARD_IMPORT_MAX_BYTES: %v", err)
	}
	return nil
}

// parseBytes reads a size such as 2147483648, 2GiB or 512MiB.
func parseBytes(v string) (int64, error) {
	s := strings.TrimSpace(v)
	unit := int64(1)
	for _, u := range []struct {
		suffix string
		n      int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"B", 1}} {
		if rest, ok := strings.CutSuffix(s, u.suffix); ok {
			s, unit = strings.TrimSpace(rest), u.n
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/unit {
		return 0, fmt.Errorf("want a size above zero in bytes, KiB, MiB or GiB, such as 2GiB")
	}
	return n * unit, nil
}
