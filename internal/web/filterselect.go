package web

import (
	"fmt"
	"reflect"

	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
)

// newFilterSelect is the template function `filter NAME LABEL ANY SELECTED
// OPTIONS`: one drop-down of a list page's filter form, drawn by the
// "select" partial, whose first option (ANY) filters nothing. OPTIONS is
// any list the lists show (see choicesOf).
func newFilterSelect(name, label, anyLabel, selected string, options any) (Field, error) {
	return newField(nil, name, label, "empty", anyLabel, "value", selected, "options", options)
}

// choicesOf turns a list into values and labels: orgs by slug and name,
// controls by id and title, anything with a Label method by its text and
// that label, and anything else by its text alone.
func choicesOf(list any) ([]choice, error) {
	if c, ok := list.([]choice); ok {
		return c, nil
	}
	v := reflect.ValueOf(list)
	if v.Kind() != reflect.Slice {
		return nil, fmt.Errorf("filter options: %T is not a list", list)
	}
	out := make([]choice, v.Len())
	for i := range out {
		switch e := v.Index(i).Interface().(type) {
		case accountsvc.Org:
			out[i] = choice{e.Slug, e.Name}
		case posture.Control:
			out[i] = choice{e.ID, e.Title}
		case interface{ Label() string }:
			out[i] = choice{fmt.Sprint(e), e.Label()}
		default:
			out[i] = choice{fmt.Sprint(e), fmt.Sprint(e)}
		}
	}
	return out, nil
}
