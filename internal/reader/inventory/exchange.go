package inventory

import (
	"bufio"
	"io"
	"strings"

	"github.com/ward-shared-service/ward/internal/posture"
)

// readGetInboxRule reads Get-InboxRule | Export-Csv. Only rules that send
// mail somewhere (ForwardTo, ForwardAsAttachmentTo or RedirectTo) are
// kept: they are what the forwarding control is about.
func (s *MailboxSet) readGetInboxRule(br *bufio.Reader, file string) error {
	c, err := openCSV(br, file)
	if err != nil {
		return err
	}
	targets := [3]int{c.col("forwardto"), c.col("forwardasattachmentto"), c.col("redirectto")}
	if targets[0] < 0 && targets[1] < 0 && targets[2] < 0 {
		return &RowError{File: file, Line: 1 + c.skip, Column: "ForwardTo",
			Reason: "is missing from the header, as are ForwardAsAttachmentTo and RedirectTo: without them ward cannot tell where rules send mail"}
	}
	// The mailbox: an address column the admin's script added, else
	// Exchange's MailboxOwnerId, else the part of Identity before its "\".
	owners := []int{}
	for _, k := range []string{"mailbox", "mailboxaddress", "primarysmtpaddress", "userprincipalname", "mailboxownerid"} {
		if i := c.col(k); i >= 0 {
			owners = append(owners, i)
		}
	}
	identity, name, enabled := c.first("identity", "ruleidentity"), c.col("name"), c.col("enabled")
	if len(owners) == 0 && c.col("identity") < 0 {
		return &RowError{File: file, Line: 1 + c.skip, Column: "MailboxOwnerId",
			Reason: "is missing from the header, as are Mailbox and Identity: ward cannot tell whose rules these are"}
	}
	if name < 0 && identity < 0 {
		return &RowError{File: file, Line: 1 + c.skip, Column: "Name", Reason: "is missing from the header, as is Identity"}
	}
	for {
		if _, err := c.next(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
		r := posture.InboxRule{Name: c.get(name), Identity: c.get(identity), Enabled: true}
		if v := c.get(enabled); v != "" {
			f, err := posture.ParseFact(v)
			if err != nil {
				return c.fail(enabled, err.Error())
			}
			r.Enabled = f != posture.No
		}
		lists := [3]*[]string{&r.ForwardTo, &r.ForwardAsAttachmentTo, &r.RedirectTo}
		for k, i := range targets {
			v := c.get(i)
			if v == "" {
				continue
			}
			if placeholder(v) {
				return c.fail(i, placeholderReason(v, c.header[i]))
			}
			list, reason := exchangeRecipients(v)
			if reason != "" {
				return c.fail(i, reason)
			}
			*lists[k] = list
		}
		if len(r.ForwardTo)+len(r.ForwardAsAttachmentTo)+len(r.RedirectTo) == 0 {
			continue
		}
		p := pendingRule{at: where{file, c.line(0)}, rule: r}
		for _, i := range owners {
			if v := c.get(i); v != "" {
				p.owner, p.column = v, c.header[i]
				break
			}
		}
		if p.owner == "" && c.col("identity") >= 0 {
			id := c.get(c.col("identity"))
			if i := strings.LastIndexByte(id, '\\'); i > 0 {
				p.owner, p.column = id[:i], c.header[c.col("identity")]
			}
		}
		if p.owner == "" {
			col := identity
			if len(owners) > 0 {
				col = owners[0]
			}
			return c.fail(col, "is empty: the row does not say whose rule it is")
		}
		s.rules = append(s.rules, p)
	}
}

// exchangeRecipients reads a cell of recipients as Exchange writes them
// once joined into text: `"Jo Lee" [SMTP:jo@example.com]` for an address,
// `"Revenues" [EX:/o=ExchangeLabs/...]` for someone in the directory, or a
// bare address or name, separated by semicolons (or commas, or line
// breaks). An address comes out bare and lower-cased; a directory
// recipient as its name, which has no domain and so counts as internal.
func exchangeRecipients(cell string) ([]string, string) {
	var out []string
	for _, item := range splitRecipients(cell) {
		r, ok := exchangeRecipient(item)
		if !ok {
			return nil, quote(item) + ` is not a recipient ward can read (such as "Name" [SMTP:name@example.com] or name@example.com)`
		}
		out = append(out, r)
	}
	return out, ""
}

// splitRecipients splits at separators outside quotes and brackets.
func splitRecipients(cell string) []string {
	var items []string
	quoted, bracket, start := false, 0, 0
	flush := func(end int) {
		if item := strings.TrimSpace(cell[start:end]); item != "" {
			items = append(items, item)
		}
		start = end + 1
	}
	for i := 0; i < len(cell); i++ {
		switch c := cell[i]; {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '[' || c == '<':
			bracket++
		case (c == ']' || c == '>') && bracket > 0:
			bracket--
		case bracket == 0 && (c == ';' || c == ',' || c == '\n' || c == '\r'):
			flush(i)
		}
	}
	flush(len(cell))
	return items
}

func exchangeRecipient(item string) (string, bool) {
	l := strings.ToLower(item)
	switch {
	case strings.Contains(l, "smtp:"):
		a := posture.AddressOf(item)
		return a, strings.Contains(a, "@")
	case strings.Contains(l, "[ex:"):
		// A directory recipient: its display name, or its legacy DN.
		i := strings.Index(l, "[ex:")
		if n := strings.Trim(strings.TrimSpace(item[:i]), `"'`); n != "" {
			return n, true
		}
		return strings.Trim(item[i+1:], "[] "), true
	case strings.Contains(item, "<") && strings.HasSuffix(item, ">"):
		a := strings.ToLower(strings.TrimSpace(item[strings.LastIndexByte(item, '<')+1 : len(item)-1]))
		return a, strings.Contains(a, "@")
	case strings.Contains(item, "@"):
		return strings.ToLower(strings.Trim(item, `"' `)), true
	}
	n := strings.Trim(item, `"' `)
	return n, n != ""
}
