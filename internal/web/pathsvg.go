package web

import (
	"fmt"
	"html"
	"html/template"
	"strings"
	"unicode/utf8"

	"github.com/ward-shared-service/ward/internal/identity"
)

// The path picture: a principal's shortest path into Tier Zero drawn as an
// inline SVG, one box per directory object from the top down, joined by
// arrows labelled with the right each step uses. It is drawn here rather
// than in the browser so the page needs no script, and with presentation
// attributes only, since the CSP allows no style attribute. A top-down
// column stays readable however long the path is: it grows taller, never
// wider, and scales down with the page on a phone.

const (
	pathBoxX    = 10
	pathBoxW    = 520
	pathWidth   = pathBoxW + 2*pathBoxX // of the picture, in its own units
	pathBoxH    = 52
	pathGap     = 46 // between boxes, where the arrow and its label go
	pathPad     = 10
	pathTextX   = 50                       // where a box's text starts, after the icon
	pathTextW   = pathBoxW - pathTextX - 8 // room for a name
	pathNameFit = 48                       // runes of a name that fit at full size; longer ones are squeezed
	pathNameMax = 64                       // runes shown at most; the tooltip holds the rest
)

// pathPicture draws steps, the first being the principal and the last the
// Tier Zero object it reaches. Every name is escaped: they come from the
// councils' directories, where anyone who can name an object can put
// markup in its name.
func pathPicture(steps []identity.Step) template.HTML {
	if len(steps) == 0 {
		return ""
	}
	height := 2*pathPad + len(steps)*pathBoxH + (len(steps)-1)*pathGap
	var b strings.Builder
	label := pathLabel(steps)
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="ward-path" width="100%%" viewBox="0 0 %d %d" role="img" aria-label="%s" focusable="false" font-family="arial, sans-serif">`,
		pathWidth, height, esc(label))
	fmt.Fprintf(&b, `<title>%s</title>`, esc(label))
	for i, s := range steps {
		y := pathPad + i*(pathBoxH+pathGap)
		last := i == len(steps)-1
		pathNode(&b, s, y, last)
		if !last {
			pathEdge(&b, s.Edge, y+pathBoxH)
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// pathLabel is the path in words, for screen readers and the tooltip.
func pathLabel(steps []identity.Step) string {
	parts := make([]string, 0, 2*len(steps))
	for _, s := range steps {
		parts = append(parts, s.Name)
		if s.Edge != "" {
			parts = append(parts, identity.EdgePhrase(s.Edge))
		}
	}
	return "Path to Tier Zero: " + strings.Join(parts, " ")
}

// pathNode draws one object's box: an icon for its kind, its name, and
// its kind; the Tier Zero end in red with a thicker border.
func pathNode(b *strings.Builder, s identity.Step, y int, tierZero bool) {
	class, stroke, fill, width, kind := "ward-path__node", "#0b0c0c", "#ffffff", 2, s.Kind
	if tierZero {
		class, stroke, fill, width, kind = class+" ward-path__node--tier-zero", "#d4351c", "#f6d7d2", 4, s.Kind+" · Tier Zero"
	}
	fmt.Fprintf(b, `<g class="%s" data-kind="%s" data-id="%s"><title>%s (%s)</title>`, class, esc(s.Kind), esc(s.ID), esc(s.Name), esc(kind))
	fmt.Fprintf(b, `<rect x="%d" y="%d" width="%d" height="%d" rx="4" fill="%s" stroke="%s" stroke-width="%d"/>`,
		pathBoxX, y, pathBoxW, pathBoxH, fill, stroke, width)
	b.WriteString(kindIcon(s.Kind, pathBoxX+10, y+12))
	// A long name is squeezed to the box rather than cut, up to a point.
	squeeze := ""
	if utf8.RuneCountInString(s.Name) > pathNameFit {
		squeeze = fmt.Sprintf(` textLength="%d" lengthAdjust="spacingAndGlyphs"`, pathTextW)
	}
	fmt.Fprintf(b, `<text x="%d" y="%d" font-size="14" font-weight="bold" fill="#0b0c0c"%s>%s</text>`, pathBoxX+pathTextX, y+23, squeeze, esc(shorten(s.Name, pathNameMax)))
	fmt.Fprintf(b, `<text x="%d" y="%d" font-size="12" fill="#505a5f">%s</text>`, pathBoxX+pathTextX, y+41, esc(kind))
	b.WriteString(`</g>`)
}

// pathEdge draws the arrow down from a box to the next, with the right
// it stands for beside it.
func pathEdge(b *strings.Builder, kind string, top int) {
	x := pathBoxX + pathBoxW/2
	tip := top + pathGap
	fmt.Fprintf(b, `<g class="ward-path__edge" data-edge="%s">`, esc(kind))
	fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#1d70b8" stroke-width="3"/>`, x, top, x, tip-9)
	fmt.Fprintf(b, `<polygon points="%d,%d %d,%d %d,%d" fill="#1d70b8"/>`, x-7, tip-10, x+7, tip-10, x, tip)
	fmt.Fprintf(b, `<text x="%d" y="%d" font-size="14" font-weight="bold" fill="#1d70b8">%s</text>`, x+14, top+pathGap/2+5, esc(kind))
	b.WriteString(`</g>`)
}

// kindIcon is a small line drawing of a kind of object in a 28-unit
// square at x, y, so the kinds tell apart at a glance (and without colour).
func kindIcon(kind string, x, y int) string {
	p := func(format string, args ...any) string {
		return `<g fill="none" stroke="#0b0c0c" stroke-width="2">` + fmt.Sprintf(format, args...) + `</g>`
	}
	switch kind {
	case "user":
		return p(`<circle cx="%d" cy="%d" r="6"/><path d="M%d %d a10 10 0 0 1 20 0"/>`, x+14, y+8, x+4, y+27)
	case "group":
		return p(`<circle cx="%d" cy="%d" r="5"/><circle cx="%d" cy="%d" r="5"/><path d="M%d %d a7 7 0 0 1 14 0 M%d %d a7 7 0 0 1 14 0"/>`,
			x+8, y+9, x+20, y+9, x+1, y+26, x+13, y+26)
	case "computer":
		return p(`<rect x="%d" y="%d" width="26" height="17" rx="2"/><path d="M%d %d v5 M%d %d h14"/>`, x+1, y+2, x+14, y+19, x+7, y+26)
	case "gpo":
		return p(`<path d="M%d %d h14 l6 6 v20 h-20 z M%d %d v6 h6 M%d %d h10 M%d %d h10"/>`, x+4, y+1, x+18, y+1, x+8, y+15, x+8, y+21)
	case "domain":
		return p(`<circle cx="%d" cy="%d" r="12"/><ellipse cx="%d" cy="%d" rx="5" ry="12"/><path d="M%d %d h24"/>`, x+14, y+14, x+14, y+14, x+2, y+14)
	case "ou", "container":
		return p(`<path d="M%d %d h9 l3 4 h14 v16 h-26 z"/>`, x+1, y+4)
	case "role":
		return p(`<path d="M%d %d l11 4 v8 c0 7 -5 11 -11 14 c-6 -3 -11 -7 -11 -14 v-8 z"/>`, x+14, y)
	case "service-principal":
		return p(`<rect x="%d" y="%d" width="20" height="20" rx="3" transform="rotate(45 %d %d)"/><circle cx="%d" cy="%d" r="4"/>`, x+4, y+4, x+14, y+14, x+14, y+14)
	case "tenant":
		return p(`<path d="M%d %d h18 a6 6 0 0 0 0 -12 a8 8 0 0 0 -15 -2 a6 6 0 0 0 -3 14 z"/>`, x+5, y+22)
	}
	return p(`<circle cx="%d" cy="%d" r="12"/><path d="M%d %d a4 4 0 1 1 4 4 v3 M%d %d v1"/>`, x+14, y+14, x+10, y+10, x+14, y+20)
}

// shorten cuts a name to n runes, marking the cut.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

func esc(s string) string { return html.EscapeString(s) }
