package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
)

// list prints rows as an aligned table for people, or v as JSON for scripts.
func list(w io.Writer, format string, v any, head []string, rows [][]string) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	case "table", "":
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		printRow(tw, head)
		for _, r := range rows {
			printRow(tw, r)
		}
		return tw.Flush()
	}
	return usagef("--format must be table or json, not %q", format)
}

func printRow(w io.Writer, cells []string) {
	for i, c := range cells {
		if i > 0 {
			fmt.Fprint(w, "\t")
		}
		fmt.Fprint(w, c)
	}
	fmt.Fprintln(w)
}
