package desksvc

import (
	"strings"
	"testing"
)

// FuzzMailTemplate renders any subject and body an administrator might
// save: each is refused with a field error or rendered, never a panic.
func FuzzMailTemplate(f *testing.F) {
	for kind, t := range defaultTemplates {
		f.Add(string(kind), t.Subject, t.Body)
	}
	f.Add("note", "{{.Ref}}", "{{range $i := 1000000000}}x{{end}}")
	f.Add("note", "{{.Ref}} {{printf \"%s\" .Title}}", "{{template \"x\"}}{{define \"x\"}}y{{end}}")
	f.Add("resolved", "{{.Ref", "{{if .Note}}{{.Note}}{{else}}none{{end}}")
	f.Fuzz(func(t *testing.T, kind, subject, body string) {
		if len(subject)+len(body) > 4096 {
			return
		}
		s, b, err := MailTemplate{Kind: MailKind(kind), Subject: subject, Body: body}.render(sampleFields)
		if err == nil && strings.ContainsAny(s, "\r\n") {
			t.Errorf("rendered a subject with a line break: %q (body %q)", s, b)
		}
	})
}
