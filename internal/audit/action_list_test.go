package audit

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"testing"
)

// Every action constant of this package must be offered by the filters, or
// its entries could not be found by action.
func TestActionsListsEveryActionConstant(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				for i, id := range spec.(*ast.ValueSpec).Names {
					if id.Name == "Genesis" {
						continue
					}
					lit, ok := spec.(*ast.ValueSpec).Values[i].(*ast.BasicLit)
					if !ok {
						continue
					}
					code, _ := strconv.Unquote(lit.Value)
					checked++
					if !KnownAction(code) {
						t.Errorf("action %s (%q) is not in Actions", id.Name, code)
					}
				}
			}
		}
	}
	if checked < 40 || KnownAction("no.such") {
		t.Fatalf("checked %d constants; the test reads nothing", checked)
	}
}
