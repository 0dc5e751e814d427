// Package templates holds ward's html/template files. Pages are parsed as
// layout.html + partials.html + fields.html + the page file, then executed
// as "layout". fields.html draws the web package's Field and Pagination.
package templates

import "embed"

//go:embed *.html
var FS embed.FS
