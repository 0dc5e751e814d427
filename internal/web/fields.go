package web

import (
	"html"
	"html/template"
	"strings"
)

// Field is one GOV.UK form control with its label, hint and error, drawn by
// the partials in templates/fields.html: "input", "textarea", "select",
// "radios", "checkboxes", "checkbox" and "file". Templates build one with
// the field function, so a form group reads as one line:
//
//	{{template "input" (field $ "email" "Email address" "type" "email" "value" .Data.Email)}}
//
// The partials keep the wiring a screen reader follows: the label's for is
// the control's id, aria-describedby names the hint and the error, and the
// error summary's link to #id lands on the control.
type Field struct {
	ID, Name, Label, Hint, Error, Value string

	LabelClass string // "govuk-label--s" unless "size" says otherwise
	Heading    bool   // the label is the page's h1

	Type, Width, Class                  string
	Autocomplete, InputMode, Spellcheck string
	List, Accept, Suffix                string
	MaxLength, Rows                     int
	Multiple, Checked                   bool
	GroupID, GroupClass                 string
	Empty                               string // a select's first option, standing for no choice
	Items                               []Item // a select's options, or the radios or boxes of a fieldset
}

// Item is one option of a select, or one radio or checkbox in a fieldset.
type Item struct {
	ID, Value, Label, Group string
	Checked                 bool
}

// optGroup is a labelled run of a select's options.
type optGroup struct {
	Label string
	Items []Item
}

// Options writes the group's options. A filter form holds dozens, and
// written by the template engine each cost more than the rest of its
// select; here each value and label is escaped for its place.
func (g optGroup) Options() template.HTML {
	var b strings.Builder
	for _, it := range g.Items {
		b.WriteString("\n    <option value=\"")
		b.WriteString(html.EscapeString(it.Value))
		b.WriteByte('"')
		if it.Checked {
			b.WriteString(" selected")
		}
		b.WriteByte('>')
		b.WriteString(html.EscapeString(it.Label))
		b.WriteString("</option>")
	}
	return template.HTML(b.String())
}

func (f Field) HintID() string  { return f.ID + "-hint" }
func (f Field) ErrorID() string { return f.ID + "-error" }

// DescribedBy is the control's aria-describedby: its hint, then its error.
func (f Field) DescribedBy() string {
	var ids []string
	if f.Hint != "" {
		ids = append(ids, f.HintID())
	}
	if f.Error != "" {
		ids = append(ids, f.ErrorID())
	}
	return strings.Join(ids, " ")
}

// ControlClass is the class list of a control whose GOV.UK class is base
// (govuk-input, govuk-select, ...): its width, any extra class, and the
// red border when it has an error.
func (f Field) ControlClass(base string) string {
	c := []string{base}
	switch w := f.Width; {
	case w == "":
	case w[0] >= '0' && w[0] <= '9':
		c = append(c, "govuk-input--width-"+w)
	default:
		c = append(c, "govuk-!-width-"+w)
	}
	if f.Class != "" {
		c = append(c, f.Class)
	}
	if f.Error != "" {
		c = append(c, base+"--error")
	}
	return strings.Join(c, " ")
}

// InputType is the input's type, text unless set.
func (f Field) InputType() string {
	if f.Type == "" {
		return "text"
	}
	return f.Type
}

// ShowValue says whether the input echoes its value: never a password.
func (f Field) ShowValue() bool { return f.Value != "" && f.Type != "password" }

// BoxValue is a single checkbox's value, "yes" unless set.
func (f Field) BoxValue() string {
	if f.Value == "" {
		return "yes"
	}
	return f.Value
}

// OptGroups splits a select's options into runs by group; options with no
// group form runs of their own, drawn without an optgroup.
func (f Field) OptGroups() []optGroup {
	var out []optGroup
	for _, it := range f.Items {
		if n := len(out); n > 0 && out[n-1].Label == it.Group {
			out[n-1].Items = append(out[n-1].Items, it)
			continue
		}
		out = append(out, optGroup{Label: it.Group, Items: []Item{it}})
	}
	return out
}

// WithType is the field as an input of another type; the date partial
// draws the browser's own date input through it.
func (f Field) WithType(t string) Field {
	f.Type = t
	return f
}
