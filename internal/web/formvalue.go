package web

// parseInto reads a form's value v into dst with parse when v was filled
// in, leaving dst as it is when it was left empty; a value parse refuses
// adds msg on field to errs, for the form to show again.
func parseInto[T any](errs *[]fieldError, dst *T, field, v string, parse func(string) (T, error), msg string) {
	if v == "" {
		return
	}
	x, err := parse(v)
	if err != nil {
		*errs = append(*errs, fieldError{field, msg})
	}
	*dst = x
}
