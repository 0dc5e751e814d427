package web

import "fmt"

// The template functions that build a Field: field, group and choices.

// fieldOptions names the options the field function takes after the id and
// label. Each is set from the value after it.
var fieldOptions = map[string]func(f *Field, v any) error{
	"name":         func(f *Field, v any) error { return str(&f.Name, v) },
	"hint":         func(f *Field, v any) error { return str(&f.Hint, v) },
	"value":        func(f *Field, v any) error { return str(&f.Value, v) },
	"type":         func(f *Field, v any) error { return str(&f.Type, v) },
	"width":        func(f *Field, v any) error { return str(&f.Width, v) },
	"class":        func(f *Field, v any) error { return str(&f.Class, v) },
	"autocomplete": func(f *Field, v any) error { return str(&f.Autocomplete, v) },
	"inputmode":    func(f *Field, v any) error { return str(&f.InputMode, v) },
	"spellcheck":   func(f *Field, v any) error { return str(&f.Spellcheck, v) },
	"list":         func(f *Field, v any) error { return str(&f.List, v) },
	"accept":       func(f *Field, v any) error { return str(&f.Accept, v) },
	"suffix":       func(f *Field, v any) error { return str(&f.Suffix, v) },
	"group-id":     func(f *Field, v any) error { return str(&f.GroupID, v) },
	"group-class":  func(f *Field, v any) error { return str(&f.GroupClass, v) },
	"error":        func(f *Field, v any) error { return str(&f.Error, v) },
	"maxlength":    func(f *Field, v any) error { return num(&f.MaxLength, v) },
	"rows":         func(f *Field, v any) error { return num(&f.Rows, v) },
	"multiple":     func(f *Field, v any) error { return flag(&f.Multiple, v) },
	"checked":      func(f *Field, v any) error { return flag(&f.Checked, v) },
	"heading":      func(f *Field, v any) error { return flag(&f.Heading, v) },
	// empty may be false (from and/or in a template): no such option.
	"empty": func(f *Field, v any) error {
		if b, ok := v.(bool); ok && !b {
			return nil
		}
		return str(&f.Empty, v)
	},
	// size is the label's: s (the default), m, l, xl, or regular for none.
	"size": func(f *Field, v any) error {
		var s string
		if err := str(&s, v); err != nil {
			return err
		}
		f.LabelClass = ""
		if s != "regular" {
			f.LabelClass = "govuk-label--" + s
		}
		return nil
	},
	// options may come more than once: a list (see itemsOf) or a group.
	"options": func(f *Field, v any) error {
		items, err := itemsOf(v)
		f.Items = append(f.Items, items...)
		return err
	},
}

// newField is the template function `field ERRORS ID LABEL [OPTION VALUE]...`.
// ERRORS is the page (or its Errors); the field shows the error whose Field
// is its id or its group's id.
func newField(errs any, id, label string, opts ...any) (Field, error) {
	f := Field{ID: id, Name: id, Label: label, LabelClass: "govuk-label--s"}
	if len(opts)%2 != 0 {
		return f, fmt.Errorf("field %s: options come in pairs, got %d values", id, len(opts))
	}
	for i := 0; i < len(opts); i += 2 {
		key, _ := opts[i].(string)
		set, ok := fieldOptions[key]
		if !ok {
			return f, fmt.Errorf("field %s: no option %v", id, opts[i])
		}
		if err := set(&f, opts[i+1]); err != nil {
			return f, fmt.Errorf("field %s: option %s: %w", id, key, err)
		}
	}
	if f.Error == "" {
		f.Error = errorFor(errs, f.ID, f.GroupID)
	}
	for i := range f.Items {
		it := &f.Items[i]
		if it.ID == "" {
			// GOV.UK's numbering: the first takes the field's id, so the
			// error summary's link lands on it; then id-2, id-3...
			it.ID = f.ID
			if i > 0 {
				it.ID = fmt.Sprintf("%s-%d", f.ID, i+1)
			}
		}
		if f.Value != "" && it.Value == f.Value {
			it.Checked = true
		}
	}
	return f, nil
}

// errorFor finds the message for any of ids among a page's errors.
func errorFor(errs any, ids ...string) string {
	var list []fieldError
	switch e := errs.(type) {
	case page:
		list = e.Errors
	case *page:
		list = e.Errors
	case []fieldError:
		list = e
	}
	for _, e := range list {
		for _, id := range ids {
			if id != "" && e.Field == id {
				return e.Message
			}
		}
	}
	return ""
}

// newGroup is the template function `group LABEL OPTIONS`: options shown
// under an optgroup in a select.
func newGroup(label string, options any) ([]Item, error) {
	items, err := itemsOf(options)
	for i := range items {
		items[i].Group = label
	}
	return items, err
}

// newChoices is the template function `choices VALUE LABEL [VALUE LABEL]...`:
// options written out in the template, such as a question's radios.
func newChoices(pairs ...string) ([]Item, error) {
	if len(pairs)%2 != 0 {
		return nil, fmt.Errorf("choices: values and labels come in pairs, got %d", len(pairs))
	}
	out := make([]Item, 0, len(pairs)/2)
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, Item{Value: pairs[i], Label: pairs[i+1]})
	}
	return out, nil
}

// itemsOf turns a list into items: the choices choicesOf knows, items
// themselves, and the WARP's named recipients with their ticks.
func itemsOf(list any) ([]Item, error) {
	switch l := list.(type) {
	case []Item:
		return l, nil
	case []orgChoice:
		out := make([]Item, len(l))
		for i, c := range l {
			out[i] = Item{ID: c.ID, Value: c.Value, Label: c.Label, Checked: c.Checked}
		}
		return out, nil
	}
	cs, err := choicesOf(list)
	out := make([]Item, len(cs))
	for i, c := range cs {
		out[i] = Item{Value: c.Value, Label: c.Label}
	}
	return out, err
}

func str(dst *string, v any) error {
	switch s := v.(type) {
	case nil:
	case string:
		*dst = s
	case fmt.Stringer:
		*dst = s.String()
	default:
		*dst = fmt.Sprint(v)
	}
	return nil
}

func num(dst *int, v any) error {
	n, ok := v.(int)
	if !ok {
		return fmt.Errorf("%v is not a whole number", v)
	}
	*dst = n
	return nil
}

func flag(dst *bool, v any) error {
	switch b := v.(type) {
	case bool:
		*dst = b
	case string:
		// A form value: ticked when the box was sent.
		*dst = b != ""
	default:
		return fmt.Errorf("%v is not true or false", v)
	}
	return nil
}
