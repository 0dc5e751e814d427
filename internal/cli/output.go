package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
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

// listing is a command's listing of what a service returned: the error when
// there is one, and otherwise the items as --format asks, each a row under
// head in a table, and an empty list rather than null in JSON.
func listing[T any](c *cmd, items []T, err error, head []string, row func(T) []string) error {
	if err != nil {
		return err
	}
	if items == nil {
		items = []T{}
	}
	rows := make([][]string, len(items))
	for i, x := range items {
		rows[i] = row(x)
	}
	return list(c.e.stdout, c.format, items, head, rows)
}

// yesNo writes a flag in a table cell.
func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// pct writes a percentage to one decimal place in a table cell.
func pct(p float64) string { return strconv.FormatFloat(p, 'f', 1, 64) + "%" }
