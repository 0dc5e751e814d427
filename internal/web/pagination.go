package web

import "fmt"

// Pagination is the previous and next links of a paged list, drawn by the
// "pagination" partial. Label names the nav for screen readers.
type Pagination struct {
	Label, PrevURL, NextURL, PrevTitle, NextTitle string
}

// newPagination is the template function `pages LABEL PREV NEXT [PREV-TITLE
// NEXT-TITLE]`; without titles the links read "Previous page", "Next page".
func newPagination(label, prev, next string, titles ...string) (Pagination, error) {
	p := Pagination{Label: label, PrevURL: prev, NextURL: next}
	switch len(titles) {
	case 0:
	case 2:
		p.PrevTitle, p.NextTitle = titles[0], titles[1]
	default:
		return p, fmt.Errorf("pages %q: give both link titles or neither", label)
	}
	return p, nil
}
