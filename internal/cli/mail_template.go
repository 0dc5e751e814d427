package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

func runMailTemplate(e *env, args []string) error {
	return subcommand(e, "mail-template", args, []verb{
		{"show", "an org's caller e-mail wording, its own or the default", mailTemplateShow},
		{"set", "set an org's wording for one kind of caller e-mail", mailTemplateSet},
		{"reset", "go back to the default wording for one kind", mailTemplateReset},
	})
}

// mailTemplateShow prints the wording an org's callers get, its own or
// ward's default, kind by kind.
func mailTemplateShow(e *env, args []string) error {
	c := e.command("mail-template show --org SLUG [--format json]").withOrg("the org whose wording to show").withFormat("text", "json")
	return c.run(args, func() error {
		tpls, err := c.svc.Desk.MailTemplates(e.ctx, c.op, c.org.ID)
		return answer(c, tpls, err, func(tpls []desksvc.MailTemplate) error {
			for _, t := range tpls {
				whose := "ward's default"
				if t.Custom {
					whose = c.org.Name + "'s own"
				}
				fmt.Fprintf(e.stdout, "== %s (%s)\nSubject: %s\n\n%s\n", t.Kind, whose, t.Subject, t.Body)
			}
			return nil
		})
	})
}

// mailTemplateSet gives an org its own wording for one kind of e-mail.
func mailTemplateSet(e *env, args []string) error {
	c := e.command("mail-template set --org SLUG --kind logged|note|resolved --subject TEXT --body-file FILE|-").
		withOrg("the org whose wording to set").withRequired("kind", "subject", "body-file")
	kind := c.fs.String("kind", "", "which e-mail: logged, note or resolved")
	subject := c.fs.String("subject", "", "the subject, naming the ticket with {{.Ref}}")
	bodyFile := c.fs.String("body-file", "", "a text file with the body (- for standard input); fields: {{.Ref}} {{.Title}} {{.Org}} {{.Caller}} {{.State}} {{.Note}} {{.Link}} {{.ReopenLink}}")
	return c.run(args, func() error {
		var body []byte
		var err error
		if *bodyFile == "-" {
			body, err = io.ReadAll(io.LimitReader(e.stdin, 64<<10))
		} else {
			body, err = os.ReadFile(*bodyFile)
		}
		if err != nil {
			return fmt.Errorf("--body-file: %w", err)
		}
		if err := c.svc.Desk.SaveMailTemplate(e.ctx, c.op, c.org.ID, *kind, *subject, string(body)); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s's %s e-mail now uses its own wording\n", c.org.Name, *kind)
		return nil
	})
}

// mailTemplateReset puts an org back on ward's default wording.
func mailTemplateReset(e *env, args []string) error {
	c := e.command("mail-template reset --org SLUG --kind logged|note|resolved").withOrg("the org").withRequired("kind")
	kind := c.fs.String("kind", "", "which e-mail: logged, note or resolved")
	return c.run(args, func() error {
		if err := c.svc.Desk.ResetMailTemplate(e.ctx, c.op, c.org.ID, *kind); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s's %s e-mail uses ward's default wording again\n", c.org.Name, *kind)
		return nil
	})
}
