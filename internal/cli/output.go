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

// answer is a command's answer to what it asked a service: the error when
// there is one, v as JSON when --format json was asked for, and otherwise
// what text writes.
func answer[T any](c *cmd, v T, err error, text func(T) error) error {
	if err != nil {
		return err
	}
	if c.format == "json" {
		return list(c.e.stdout, "json", v, nil, nil)
	}
	return text(v)
}
