package stix

import (
	"bytes"
	"errors"

	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

// The bounds every STIX document is read within, whichever door it came
// through (a feed upload, the command line, a TAXII post). A string (an
// indicator's pattern, a report's description, a name) is at most
// MaxStringBytes, and objects and lists nest at most MaxDepth deep. A
// document that breaks either is refused whole, naming where, so that no
// member can plant a value every other member's listings and exports must
// then carry.
const (
	MaxStringBytes = 256 << 10
	MaxDepth       = 32
)

// scanJSON reads the document once, token by token, without building it,
// through the bound every JSON door shares, with STIX's own limits.
func scanJSON(data []byte) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return errors.New("empty: want a STIX bundle")
	}
	return bounded.CheckJSON(data, MaxStringBytes, MaxDepth)
}
