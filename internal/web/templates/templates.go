// Package templates holds ward's html/template files. Pages are parsed as
// layout.html + partials.html + tables.html + fields.html + the page file,
// then executed as "layout". fields.html draws the web package's Field and
// Pagination, tables.html the tables pages share; partials.html calls no
// template function, so the layout parses with it alone.
package templates

import "embed"

//go:embed *.html
var FS embed.FS
