package cli

import (
	"flag"
	"net/url"

	"github.com/ward-shared-service/ward/internal/httpin"
)

// flagValues is the flags given on the command line as a query, the form
// internal/httpin reads a list's filters from: a filter is then read, and
// refused, the same way from a flag, a page's query and the API's.
func flagValues(fs *flag.FlagSet) url.Values {
	q := url.Values{}
	fs.Visit(func(f *flag.Flag) { q.Set(f.Name, f.Value.String()) })
	return q
}

// filterUsage is the first wrong filter as a usage error (exit 2) naming
// its flag, or nil when every filter was understood.
func filterUsage(errs []httpin.FieldError) error {
	if len(errs) == 0 {
		return nil
	}
	return usagef("--%s: %s", errs[0].Field, errs[0].Detail)
}
