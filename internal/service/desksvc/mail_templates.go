package desksvc

import (
	"context"

	"slices"
	"strings"
	"text/template"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// MailKind is an occasion on which the caller is e-mailed.
type MailKind string

const (
	MailLogged   MailKind = "logged"   // the ticket was logged
	MailNote     MailKind = "note"     // the desk added a note the caller may read
	MailResolved MailKind = "resolved" // the ticket was resolved; the mail says how to reopen it
)

// MailKinds is every occasion, in the order a ticket meets them.
var MailKinds = []MailKind{MailLogged, MailNote, MailResolved}

// MailTemplate is the wording of one kind of caller e-mail. Subject and
// Body are Go text/template text over MailFields.
type MailTemplate struct {
	Kind    MailKind `json:"kind"`
	Subject string   `json:"subject"`
	Body    string   `json:"body"`
	// Custom is true when the org wrote it, false for ward's default.
	Custom bool `json:"custom"`
}

// MailFields is what a template may use: {{.Ref}}, {{.Title}} and so on.
type MailFields struct {
	Ref, Title, Org, Caller, State, Note, Link, ReopenLink string
}

// defaultTemplates are ward's own wording, used by any org that has not
// written its own.
var defaultTemplates = map[MailKind]MailTemplate{
	MailLogged: {Kind: MailLogged, Subject: "{{.Ref}} logged: {{.Title}}",
		Body: "Hello {{.Caller}},\n\nThe {{.Org}} service desk has logged your ticket {{.Ref}}: {{.Title}}.\n" +
			"Quote {{.Ref}} when you contact the desk about it.\n\nSee it at {{.Link}}\n"},
	MailNote: {Kind: MailNote, Subject: "{{.Ref}} updated: {{.Title}}",
		Body: "Hello {{.Caller}},\n\nThe service desk added a note to your ticket {{.Ref}}:\n\n{{.Note}}\n\nSee it at {{.Link}}\n"},
	MailResolved: {Kind: MailResolved, Subject: "{{.Ref}} resolved: {{.Title}}",
		Body: "Hello {{.Caller}},\n\nThe service desk has resolved your ticket {{.Ref}}: {{.Title}}.\n{{if .Note}}\n{{.Note}}\n{{end}}\n" +
			"If it is not fixed, reopen it at {{.ReopenLink}}\n"},
}

var sampleFields = MailFields{Ref: "ASH-INC-10001", Title: "Printer jammed", Org: "Ashcombe", Caller: "Ann",
	State: "resolved", Note: "Cleared the tray.", Link: "https://ward.example/tickets/1", ReopenLink: "https://ward.example/tickets/1#reopen"}

// parseMailKind refuses an occasion ward does not mail on.
func parseMailKind(s string) (MailKind, error) {
	k := MailKind(strings.TrimSpace(s))
	if !slices.Contains(MailKinds, k) {
		return "", invalid("kind", "%q is not a kind of caller e-mail; use logged, note or resolved", s)
	}
	return k, nil
}

// MailTemplates is the wording an org's callers get, its own where it has
// written one and ward's default otherwise.
func (s *Service) MailTemplates(ctx context.Context, p tenancy.Principal, orgID int64) ([]MailTemplate, error) {
	if err := require(p, tenancy.WorkTickets, orgID); err != nil {
		return nil, err
	}
	return s.templates(ctx, p.Scope, orgID)
}

func (s *Service) templates(ctx context.Context, scope tenancy.Scope, orgID int64) ([]MailTemplate, error) {
	own, err := s.Store.MailTemplates(ctx, scope, orgID)
	if err != nil {
		return nil, err
	}
	var out []MailTemplate
	for _, k := range MailKinds {
		t := defaultTemplates[k]
		if o, ok := own[string(k)]; ok {
			t = MailTemplate{Kind: k, Subject: o.Subject, Body: o.Body, Custom: true}
		}
		out = append(out, t)
	}
	return out, nil
}

// SaveMailTemplate sets an org's own wording for one kind of e-mail. The
// subject must name the ticket ({{.Ref}}), so callers can tell their mail
// apart; both parts are tried on a sample ticket before they are kept.
func (s *Service) SaveMailTemplate(ctx context.Context, p tenancy.Principal, orgID int64, kind, subject, body string) error {
	if err := require(p, tenancy.ManageDesk, orgID); err != nil {
		return err
	}
	k, err := parseMailKind(kind)
	if err != nil {
		return err
	}
	t := MailTemplate{Kind: k, Subject: strings.TrimSpace(subject), Body: body}
	if _, _, err := t.render(sampleFields); err != nil {
		return err
	}
	if !strings.Contains(t.Subject, "{{.Ref}}") {
		return invalid("subject", "the subject must name the ticket: put {{.Ref}} in it")
	}
	return s.Store.InTx(ctx, func(ctx context.Context) error {
		if err := s.Store.SaveMailTemplate(ctx, p.Scope, &store.MailTemplate{OrgID: orgID, Kind: string(k),
			Subject: t.Subject, Body: t.Body, UpdatedBy: p.Actor}); err != nil {
			return err
		}
		_, err := s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: audit.MailTemplateChange,
			Target: string(k) + " mail", IP: p.IP})
		return err
	})
}

// ResetMailTemplate puts an org back on ward's default wording for a kind.
func (s *Service) ResetMailTemplate(ctx context.Context, p tenancy.Principal, orgID int64, kind string) error {
	if err := require(p, tenancy.ManageDesk, orgID); err != nil {
		return err
	}
	k, err := parseMailKind(kind)
	if err != nil {
		return err
	}
	return s.Store.InTx(ctx, func(ctx context.Context) error {
		if err := s.Store.DeleteMailTemplate(ctx, p.Scope, orgID, string(k)); err != nil {
			return err
		}
		_, err := s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: audit.MailTemplateChange,
			Target: string(k) + " mail", Detail: map[string]string{"reset": "default"}, IP: p.IP})
		return err
	})
}

// render fills a template in; an error names the part at fault.
func (t MailTemplate) render(f MailFields) (subject, body string, err error) {
	fill := func(field, text string) (string, error) {
		tpl, err := template.New(field).Option("missingkey=error").Parse(text)
		if err != nil {
			return "", invalid(field, "%s", strings.TrimPrefix(err.Error(), "template: "))
		}
		if err := plainTemplate(tpl); err != nil {
			return "", invalid(field, "%s", err.Error())
		}
		var b strings.Builder
		if err := tpl.Execute(&b, f); err != nil {
			return "", invalid(field, "%s", strings.TrimPrefix(err.Error(), "template: "))
		}
		return b.String(), nil
	}
	if t.Subject == "" {
		return "", "", invalid("subject", "write a subject")
	}
	if subject, err = fill("subject", t.Subject); err != nil {
		return
	}
	if strings.TrimSpace(t.Body) == "" {
		return "", "", invalid("body", "write the body of the e-mail")
	}
	if body, err = fill("body", t.Body); err != nil {
		return
	}
	return strings.Join(strings.Fields(subject), " "), body, nil
}
