package inventory

import (
	"bufio"
	"net/url"
	"strings"

	"github.com/ward-shared-service/ward/internal/posture"
)

// Microsoft Graph's messageRules (GET /users/{id}/mailFolders/inbox/messageRules)
// answers {"value":[rules]} without naming the mailbox. ward reads each
// answer wrapped with the mailbox it is for,
//
//	{"mailbox":"jo.lee@exampleborough.gov.uk","value":[...]}
//
// or as Graph sent it when its @odata.context names the user by address
// (".../$metadata#users('jo.lee%40exampleborough.gov.uk')/mailFolders('inbox')/messageRules").
// A file holds any number of these, one per line or in a list.

func (s *MailboxSet) readGraph(br *bufio.Reader, file string) error {
	doc := newJSONDoc(br, file)
	return doc.each(br, func(e *elem) error { return s.graphAnswer(e.root()) })
}

func (s *MailboxSet) graphAnswer(j jv) error {
	if err := j.mustObject(); err != nil {
		return err
	}
	if !j.has("value") {
		if j.has("actions") || j.has("displayName") {
			return j.fail(`is a rule on its own; wrap each mailbox's rules as {"mailbox": "address", "value": [rules]}`)
		}
		return j.fail(`is not Graph's messageRules answer (no "value" list)`)
	}
	owner, err := j.get("mailbox").text()
	if err != nil {
		return err
	}
	ownerAt := j.get("mailbox")
	if owner == "" {
		ctx, err := j.get("@odata.context").text()
		if err != nil {
			return err
		}
		owner, ownerAt = userOfContext(ctx), j.get("@odata.context")
	}
	rules := j.get("value")
	n, err := rules.list()
	if err != nil {
		return err
	}
	if owner == "" && n > 0 {
		return j.fail(`names no mailbox: wrap Graph's answer as {"mailbox": "address", "value": [...]}`)
	}
	_, ownerLine := ownerAt.e.locate(ownerAt.path)
	for i := range n {
		rj := rules.at(i)
		if err := rj.mustObject(); err != nil {
			return err
		}
		r := posture.InboxRule{Enabled: true}
		if r.Name, err = rj.get("displayName").text(); err != nil {
			return err
		}
		if r.Identity, err = rj.get("id").text(); err != nil {
			return err
		}
		if en := rj.get("isEnabled"); !en.null() {
			f, err := en.fact()
			if err != nil {
				return err
			}
			r.Enabled = f != posture.No
		}
		actions := rj.get("actions")
		if !actions.null() {
			if err := actions.mustObject(); err != nil {
				return err
			}
		}
		for _, a := range []struct {
			key string
			to  *[]string
		}{{"forwardTo", &r.ForwardTo}, {"forwardAsAttachmentTo", &r.ForwardAsAttachmentTo}, {"redirectTo", &r.RedirectTo}} {
			list := actions.get(a.key)
			m, err := list.list()
			if err != nil {
				return err
			}
			for k := range m {
				addr := list.at(k).get("emailAddress").get("address")
				v, err := addr.text()
				if err != nil {
					return err
				}
				got := posture.AddressOf(v)
				if !strings.Contains(got, "@") {
					return addr.fail(quote(v) + " is not an email address")
				}
				*a.to = append(*a.to, got)
			}
		}
		if len(r.ForwardTo)+len(r.ForwardAsAttachmentTo)+len(r.RedirectTo) == 0 {
			continue
		}
		_, line := rj.e.locate(rj.path)
		s.rules = append(s.rules, pendingRule{owner: owner, column: ownerAt.pathString(), json: true,
			at: where{j.e.doc.file, line}, ownerLine: ownerLine, rule: r})
	}
	return nil
}

// userOfContext takes the user out of an @odata.context URL.
func userOfContext(ctx string) string {
	i := strings.Index(ctx, "users('")
	if i < 0 {
		return ""
	}
	rest := ctx[i+len("users('"):]
	j := strings.Index(rest, "')")
	if j < 0 {
		return ""
	}
	u, err := url.PathUnescape(rest[:j])
	if err != nil {
		return ""
	}
	return strings.ReplaceAll(u, "''", "'")
}
