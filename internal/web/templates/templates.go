// Package templates holds ward's html/template files. Pages are parsed as
// layout.html + partials.html + the page file, then executed as "layout".
package templates

import "embed"

//go:embed *.html
var FS embed.FS
