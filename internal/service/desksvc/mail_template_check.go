package desksvc

import (
	"fmt"
	"reflect"
	"text/template"
	"text/template/parse"
)

// mailFieldNames are the fields a template may name.
var mailFieldNames = func() map[string]bool {
	out := map[string]bool{}
	for _, f := range reflect.VisibleFields(reflect.TypeOf(MailFields{})) {
		out[f.Name] = true
	}
	return out
}()

// plainTemplate refuses anything in a template beyond text, fields such as
// {{.Ref}} and {{if .Note}}…{{else}}…{{end}}: no functions, loops, nested
// templates or variables. Wording needs no more, and a template that could
// loop or call things could stall or break every mail an org sends.
func plainTemplate(t *template.Template) error {
	if len(t.Templates()) > 1 {
		return fmt.Errorf("define and block are not allowed; use text, fields such as {{.Ref}} and {{if .Note}}…{{end}}")
	}
	if t.Tree == nil {
		return nil
	}
	return plainNode(t.Tree.Root)
}

func plainNode(n parse.Node) error {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return nil
		}
		for _, c := range n.Nodes {
			if err := plainNode(c); err != nil {
				return err
			}
		}
		return nil
	case *parse.TextNode:
		return nil
	case *parse.ActionNode:
		return plainPipe(n.Pipe)
	case *parse.IfNode:
		if err := plainPipe(n.Pipe); err != nil {
			return err
		}
		if err := plainNode(n.List); err != nil {
			return err
		}
		if n.ElseList != nil {
			return plainNode(n.ElseList)
		}
		return nil
	}
	return fmt.Errorf("%q is not allowed; use text, fields such as {{.Ref}} and {{if .Note}}…{{end}}", n.String())
}

// plainPipe admits one field of MailFields and nothing else.
func plainPipe(p *parse.PipeNode) error {
	if p != nil && len(p.Decl) == 0 && len(p.Cmds) == 1 && len(p.Cmds[0].Args) == 1 {
		if f, ok := p.Cmds[0].Args[0].(*parse.FieldNode); ok && len(f.Ident) == 1 && mailFieldNames[f.Ident[0]] {
			return nil
		}
	}
	return fmt.Errorf("{{%s}} is not allowed; name one field: .Ref, .Title, .Org, .Caller, .State, .Note, .Link or .ReopenLink", p)
}
