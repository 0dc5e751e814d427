package web

import (
	"encoding/xml"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/identity"
)

// svgShape is what the picture says when read as XML: the boxes in order
// with their kinds and the text in them, and the arrows with their labels.
type svgShape struct {
	nodes     []string // the name shown in each box
	kinds     []string
	tierZero  []bool
	edges     []string // the label of each arrow
	arrows    int      // arrow heads drawn
	viewBoxes []string
}

// readSVG parses the picture as XML (so it must be well formed: a name
// that broke out of its text would not be) and collects its shape.
func readSVG(t *testing.T, svg string) svgShape {
	t.Helper()
	var out svgShape
	dec := xml.NewDecoder(strings.NewReader(svg))
	var stack []string // class of each open <g>
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the picture is not well-formed XML: %v\n%s", err, svg)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			attr := map[string]string{}
			for _, a := range el.Attr {
				attr[a.Name.Local] = a.Value
			}
			switch el.Name.Local {
			case "svg":
				out.viewBoxes = append(out.viewBoxes, attr["viewBox"])
			case "g":
				stack = append(stack, attr["class"])
				if strings.Contains(attr["class"], "ward-path__node") {
					out.kinds = append(out.kinds, attr["data-kind"])
					out.tierZero = append(out.tierZero, strings.Contains(attr["class"], "--tier-zero"))
					out.nodes = append(out.nodes, "")
				}
			case "polygon":
				if len(stack) > 0 && stack[len(stack)-1] == "ward-path__edge" {
					out.arrows++
				}
			case "text":
				inText = true
			}
		case xml.EndElement:
			switch el.Name.Local {
			case "g":
				stack = stack[:len(stack)-1]
			case "text":
				inText = false
			}
		case xml.CharData:
			if !inText || len(stack) == 0 {
				continue
			}
			switch top := stack[len(stack)-1]; {
			case strings.Contains(top, "ward-path__node") && out.nodes[len(out.nodes)-1] == "":
				out.nodes[len(out.nodes)-1] = string(el) // the first text is the name; the second the kind
			case top == "ward-path__edge":
				out.edges = append(out.edges, string(el))
			}
		}
	}
	return out
}

func TestPathPictureHasABoxPerObjectAndALabelledArrowPerRight(t *testing.T) {
	steps := []identity.Step{
		{ID: "S-1-5-21-1-1105", Name: "DFM@TESTLAB.LOCAL", Kind: "user", Edge: "AdminTo"},
		{ID: "S-1-5-21-1-1104", Name: "WIN10.TESTLAB.LOCAL", Kind: "computer", Edge: "HasSession"},
		{ID: "S-1-5-21-1-500", Name: "ADMINISTRATOR@TESTLAB.LOCAL", Kind: "user"},
	}
	got := readSVG(t, string(pathPicture(steps)))
	if want := []string{"DFM@TESTLAB.LOCAL", "WIN10.TESTLAB.LOCAL", "ADMINISTRATOR@TESTLAB.LOCAL"}; !slices.Equal(got.nodes, want) {
		t.Errorf("boxes %q, want %q", got.nodes, want)
	}
	if want := []string{"user", "computer", "user"}; !slices.Equal(got.kinds, want) {
		t.Errorf("kinds %q, want %q", got.kinds, want)
	}
	if want := []bool{false, false, true}; !slices.Equal(got.tierZero, want) {
		t.Errorf("Tier Zero marks %v, want only the last box", got.tierZero)
	}
	if want := []string{"AdminTo", "HasSession"}; !slices.Equal(got.edges, want) || got.arrows != 2 {
		t.Errorf("arrows %d labelled %q, want 2 labelled %q", got.arrows, got.edges, want)
	}
}

// A long path grows down the page, never wider; a one-step path is drawn too.
func TestPathPictureGrowsDownwards(t *testing.T) {
	var steps []identity.Step
	kinds := []string{"user", "group", "gpo", "ou", "computer", "service-principal", "role", "tenant", "domain", "container", "unknown"}
	for i, k := range kinds {
		s := identity.Step{ID: k, Name: strings.ToUpper(k) + "@EXAMPLE", Kind: k, Edge: "GenericAll"}
		if i == len(kinds)-1 {
			s.Edge = ""
		}
		steps = append(steps, s)
	}
	long := readSVG(t, string(pathPicture(steps)))
	short := readSVG(t, string(pathPicture(steps[len(steps)-2:])))
	if len(long.nodes) != len(kinds) || len(long.edges) != len(kinds)-1 || len(short.nodes) != 2 || len(short.edges) != 1 {
		t.Fatalf("long path: %d boxes %d arrows; short: %d boxes %d arrows", len(long.nodes), len(long.edges), len(short.nodes), len(short.edges))
	}
	lw, lh := viewBox(t, long.viewBoxes[0])
	sw, sh := viewBox(t, short.viewBoxes[0])
	if lw != sw || lh <= sh {
		t.Errorf("a %d-step path is %dx%d, a 2-step one %dx%d: want the same width and more height", len(kinds), lw, lh, sw, sh)
	}
	if pathPicture(nil) != "" {
		t.Error("no path draws something")
	}
}

func viewBox(t *testing.T, vb string) (w, h int) {
	t.Helper()
	f := strings.Fields(vb)
	if len(f) != 4 {
		t.Fatalf("viewBox %q", vb)
	}
	w, err1 := strconv.Atoi(f[2])
	h, err2 := strconv.Atoi(f[3])
	if err1 != nil || err2 != nil {
		t.Fatalf("viewBox %q", vb)
	}
	return w, h
}

// Names come from the councils' directories: markup in one is shown as
// text, in the boxes, the tooltips and the label alike.
func TestPathPictureEscapesNames(t *testing.T) {
	evil := `<script>alert("x")</script>&'BOB'@EVIL`
	steps := []identity.Step{
		{ID: `"><img src=x>`, Name: evil, Kind: "user", Edge: `Owns<b>`},
		{ID: "S-1-5-21-1-512", Name: "DOMAIN ADMINS@EVIL", Kind: "group"},
	}
	svg := string(pathPicture(steps))
	for _, raw := range []string{"<script", "<img", "<b>", `("x")`, `'BOB`} {
		if strings.Contains(svg, raw) {
			t.Errorf("the picture carries %q unescaped", raw)
		}
	}
	got := readSVG(t, svg)
	if got.nodes[0] != shorten(evil, pathNameMax) || got.edges[0] != "Owns<b>" {
		t.Errorf("read back as %q and %q: the text should survive escaping whole", got.nodes[0], got.edges[0])
	}
}
