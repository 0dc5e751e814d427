// Package httpin reads what the web pages and the JSON API both take from a
// request: uploaded files and their names and formats, list filters, dates,
// and the phone system's webhook. Reading it in one place means a filter or
// a file is understood the same way whichever door it comes through. It
// calls services only, never the store.
package httpin

// FieldError names a field of the request that was wrong and why, in words
// safe to show the sender.
type FieldError struct {
	Field  string
	Detail string
}

func (e FieldError) Error() string { return e.Field + ": " + e.Detail }

// MaxImport is the largest export file ward takes in one request: an Intune
// export of tens of thousands of devices, with room to spare.
const MaxImport = 64 << 20

// MaxPathsListed is the most principals one list of attack paths shows.
const MaxPathsListed = 10000
