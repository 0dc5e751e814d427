package web

import "fmt"

// The template functions that hand small values to the shared partials in
// templates/partials.html: dict, cols, num, hidden
// and blank.

// Column is a table's column heading, drawn by the "thead" partial.
type Column struct {
	Label                  string
	Numeric, Hidden, Blank bool
	// Href makes the heading a link that sorts the table by the column;
	// Sorted ("ascending" or "descending") marks the column it is sorted by.
	Href, Sorted string
}

// newColumns is the template function `cols HEADING...`: each HEADING is a
// label or a num column; false or "" (from `and COND "Label"`) is a column
// the page does not show.
func newColumns(heads ...any) ([]Column, error) {
	cs := make([]Column, 0, len(heads))
	for _, h := range heads {
		switch v := h.(type) {
		case Column:
			cs = append(cs, v)
		case string:
			if v != "" {
				cs = append(cs, Column{Label: v})
			}
		case bool:
			if v {
				return nil, fmt.Errorf("cols: a column heading is true, not a label")
			}
		default:
			return nil, fmt.Errorf("cols: a column heading is %T, not a label", h)
		}
	}
	return cs, nil
}

// newDict is the template function `dict KEY VALUE...`: the values a partial
// takes, by name.
func newDict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: keys and values come in pairs, got %d", len(kv))
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

func init() {
	funcs["dict"] = newDict
	funcs["cols"] = newColumns
	funcs["num"] = func(label string) Column { return Column{Label: label, Numeric: true} }
	funcs["hidden"] = func(label string) Column { return Column{Label: label, Hidden: true} }
	funcs["blank"] = func() Column { return Column{Blank: true} }
}
