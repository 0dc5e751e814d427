package web

import (
	"bytes"
	"html/template"
	"net/url"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Advisories are written in Markdown by people in other organisations, so
// their bodies are untrusted: raw HTML is dropped (goldmark's default, never
// WithUnsafe), links go only to web and mail addresses, and images become
// links, so nothing loads from elsewhere when an advisory is opened (the CSP
// would block it anyway). Bare URLs are not made links: an advisory's URLs
// are usually the attacker's.
var markdown = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough),
	goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(safeMarkdown{}, 100))),
)

// renderMarkdown turns an advisory's Markdown into HTML safe to put in a page.
func renderMarkdown(src string) template.HTML {
	var b bytes.Buffer
	if err := markdown.Convert([]byte(src), &b); err != nil {
		// Convert fails only when the writer does; show the text as typed.
		return template.HTML(template.HTMLEscapeString(src))
	}
	return template.HTML(b.String()) // #nosec G203 -- goldmark escapes text and drops raw HTML; safeMarkdown vets every URL
}

// safeLink reports whether a link may point at dest: http, https and
// mailto, or a path on ward itself. Anything else (javascript:, data:,
// vbscript:, a protocol-relative //host, a backslash browsers read as a
// slash) is shown as text.
func safeLink(dest string) bool {
	if dest == "" || strings.ContainsAny(dest, "\\\x00\t\r\n ") {
		return false
	}
	u, err := url.Parse(dest)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return u.Host != ""
	case "mailto":
		return u.Opaque != ""
	case "":
		return !strings.HasPrefix(dest, "//") && u.Host == ""
	}
	return false
}

// safeMarkdown vets links and images and gives the elements GOV.UK's
// classes, with headings moved down two levels so an advisory's "# Title"
// sits under the page's own h1 and h2.
type safeMarkdown struct{}

func (safeMarkdown) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	source := reader.Source()
	var nodes []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			nodes = append(nodes, n)
		}
		return ast.WalkContinue, nil
	})
	for _, n := range nodes {
		switch n := n.(type) {
		case *ast.Heading:
			n.Level = min(n.Level+2, 6)
			class := "govuk-heading-s"
			if n.Level == 3 {
				class = "govuk-heading-m"
			}
			n.SetAttributeString("class", []byte(class))
		case *ast.Paragraph:
			n.SetAttributeString("class", []byte("govuk-body"))
		case *ast.List:
			class := "govuk-list govuk-list--bullet"
			if n.IsOrdered() {
				class = "govuk-list govuk-list--number"
			}
			n.SetAttributeString("class", []byte(class))
		case *ast.Blockquote:
			n.SetAttributeString("class", []byte("govuk-inset-text"))
		case *extast.Table:
			n.SetAttributeString("class", []byte("govuk-table"))
		case *ast.Link:
			if !safeDestination(n.Destination) {
				unwrap(n)
				continue
			}
			linkAttributes(n)
		case *ast.AutoLink:
			dest := string(n.URL(source))
			if n.AutoLinkType == ast.AutoLinkEmail {
				dest = "mailto:" + dest
			}
			if !safeLink(dest) {
				n.Parent().ReplaceChild(n.Parent(), n, ast.NewString(n.Label(source)))
				continue
			}
			linkAttributes(n)
		case *ast.Image:
			if !safeDestination(n.Destination) {
				unwrap(n)
				continue
			}
			// The picture's alt text becomes a link to it.
			link := ast.NewLink()
			link.Destination, link.Title = n.Destination, n.Title
			for c := n.FirstChild(); c != nil; {
				next := c.NextSibling()
				link.AppendChild(link, c)
				c = next
			}
			if !link.HasChildren() {
				link.AppendChild(link, ast.NewString([]byte("image")))
			}
			linkAttributes(link)
			n.Parent().ReplaceChild(n.Parent(), n, link)
		}
	}
}

// safeDestination judges a link's destination both as written and as the
// renderer will write it, character references resolved: "&#106;avascript:"
// is judged as "javascript:".
func safeDestination(dest []byte) bool {
	return safeLink(string(dest)) && safeLink(string(util.URLEscape(dest, true)))
}

// linkAttributes marks a link as leading out of ward: no referrer, so the
// site learns nothing of the advisory that pointed there.
func linkAttributes(n ast.Node) {
	n.SetAttributeString("class", []byte("govuk-link"))
	n.SetAttributeString("rel", []byte("noreferrer nofollow"))
}

// unwrap replaces a node with its children: a refused link keeps its words.
func unwrap(n ast.Node) {
	parent := n.Parent()
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}
