package inventory

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/ward-shared-service/ward/internal/posture"
)

// Mailbox exports come in pieces: Get-Mailbox lists the mailboxes and
// their own forwarding; Get-InboxRule (run per mailbox) or Graph lists the
// rules, naming the mailbox in whatever way the admin's script did (an
// address, or Exchange's name for it). A MailboxSet reads the pieces in any
// order and joins them at the end.

// MailboxSet gathers mailboxes and their inbox rules from several exports.
type MailboxSet struct {
	boxes map[string]*box // by lower-cased primary address
	// names are the other ways Get-Mailbox named each mailbox (alias,
	// name, display name, user principal name, ids), lower-cased, to the
	// address; "" when two mailboxes share a name.
	names map[string]string
	rules []pendingRule
}

type box struct {
	m    posture.Mailbox
	at   where // the Get-Mailbox row, if any
	seen bool  // read from Get-Mailbox
}

type where struct {
	file string
	line int
}

// pendingRule is a rule read but not yet joined to its mailbox.
type pendingRule struct {
	owner  string // how the export named the mailbox
	column string // where it did (a CSV column or JSON path), for errors
	json   bool
	at     where // the rule
	// ownerLine is the line that names the mailbox, when not the rule's.
	ownerLine int
	rule      posture.InboxRule
}

// NewMailboxSet makes an empty set.
func NewMailboxSet() *MailboxSet {
	return &MailboxSet{boxes: map[string]*box{}, names: map[string]string{}}
}

// ReadMailboxes reads one mailbox export. Inbox rules must name their
// mailbox by address; to join rules named otherwise to Get-Mailbox's
// mailboxes, read both into one MailboxSet.
func ReadMailboxes(format Format, name string, r io.Reader) ([]posture.Mailbox, error) {
	s := NewMailboxSet()
	if err := s.Read(format, name, r); err != nil {
		return nil, err
	}
	return s.Mailboxes()
}

// Read adds an export to the set; an empty format is detected. On error
// the set is left part-read and should be dropped.
func (s *MailboxSet) Read(format Format, name string, r io.Reader) error {
	br, err := text(r, name)
	if err != nil {
		return err
	}
	if format == "" {
		head, _ := br.Peek(32 << 10)
		if format, err = detect(name, head); err != nil {
			return err
		}
	}
	switch format {
	case GetMailbox:
		return s.readGetMailbox(br, name)
	case GetInboxRule:
		return s.readGetInboxRule(br, name)
	case GraphRules:
		return s.readGraph(br, name)
	case Intune, Osquery, Fleet, WardCSV:
		return fmt.Errorf("%s: a %s export holds devices, not mailboxes", display(name), format)
	}
	return fmt.Errorf("%s: %q is not an export format", display(name), format)
}

// Mailboxes joins the rules to their mailboxes and returns every mailbox,
// ordered by address. A rule whose mailbox cannot be found is an error.
func (s *MailboxSet) Mailboxes() ([]posture.Mailbox, error) {
	seen := map[string]where{} // address and rule identity → where the rule was read
	for _, p := range s.rules {
		addr, err := s.resolve(p)
		if err != nil {
			return nil, err
		}
		if id := p.rule.Identity; id != "" {
			k := addr + "\n" + strings.ToLower(id)
			if first, dup := seen[k]; dup {
				return nil, p.fail("", fmt.Sprintf("rule %s of %s was already read from %s line %d; is the same export given twice?",
					quote(id), addr, display(first.file), first.line))
			}
			seen[k] = p.at
		}
		b := s.boxes[addr]
		if b == nil {
			b = &box{m: posture.Mailbox{Address: addr}}
			s.boxes[addr] = b
		}
		b.m.Rules = append(b.m.Rules, p.rule)
	}
	s.rules = nil
	out := make([]posture.Mailbox, 0, len(s.boxes))
	for _, b := range s.boxes {
		out = append(out, b.m)
	}
	slices.SortFunc(out, func(a, b posture.Mailbox) int { return strings.Compare(a.Address, b.Address) })
	return out, nil
}

// resolve finds the address of a rule's mailbox.
func (s *MailboxSet) resolve(p pendingRule) (string, error) {
	if p.ownerLine > 0 {
		p.at.line = p.ownerLine
	}
	k := strings.ToLower(strings.TrimSpace(p.owner))
	if addr, ok := s.names[k]; ok {
		if addr == "" {
			return "", p.fail(p.column, quote(p.owner)+" names more than one mailbox in the Get-Mailbox export; name the mailbox by its address")
		}
		return addr, nil
	}
	if a := posture.AddressOf(p.owner); strings.Contains(a, "@") {
		return a, nil
	}
	return "", p.fail(p.column, quote(p.owner)+" is not a mailbox in the Get-Mailbox export read with it; "+
		"import Get-Mailbox's export alongside, or name each rule's mailbox by address (a Mailbox column)")
}

func (p pendingRule) fail(column, reason string) *RowError {
	e := &RowError{File: p.at.file, Line: p.at.line, Reason: reason}
	if p.json {
		e.Path = column
	} else {
		e.Column = column
	}
	return e
}

// name records another name for a mailbox.
func (s *MailboxSet) name(n, addr string) {
	k := strings.ToLower(strings.TrimSpace(n))
	if k == "" {
		return
	}
	if have, ok := s.names[k]; ok && have != addr {
		s.names[k] = "" // two mailboxes go by this name
		return
	}
	s.names[k] = addr
}

// readGetMailbox reads Get-Mailbox | Export-Csv.
func (s *MailboxSet) readGetMailbox(br *bufio.Reader, file string) error {
	c, err := openCSV(br, file)
	if err != nil {
		return err
	}
	if err := c.require("PrimarySmtpAddress"); err != nil {
		return err
	}
	addrCol := c.col("primarysmtpaddress")
	displayCol := c.col("displayname")
	fwdSMTP, fwdAddr, deliver := c.col("forwardingsmtpaddress"), c.col("forwardingaddress"), c.col("delivertomailboxandforward")
	emails := c.col("emailaddresses")
	var nameCols []int
	for _, k := range []string{"userprincipalname", "alias", "name", "displayname", "identity", "externaldirectoryobjectid",
		"guid", "exchangeguid", "distinguishedname", "windowsemailaddress", "legacyexchangedn"} {
		if i := c.col(k); i >= 0 {
			nameCols = append(nameCols, i)
		}
	}
	for {
		if _, err := c.next(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
		raw := c.get(addrCol)
		addr := posture.AddressOf(raw)
		if !strings.Contains(addr, "@") {
			if raw == "" {
				return c.fail(addrCol, "is empty: every mailbox has a primary address")
			}
			return c.fail(addrCol, quote(raw)+" is not an email address")
		}
		line := c.line(0)
		b := s.boxes[addr]
		if b != nil && b.seen {
			return c.fail(addrCol, fmt.Sprintf("%s is already the mailbox on %s line %d; a mailbox has one row", quote(raw), display(b.at.file), b.at.line))
		}
		if b == nil {
			b = &box{}
			s.boxes[addr] = b
		}
		b.seen, b.at = true, where{file, line}
		m := &b.m
		m.Address, m.DisplayName = addr, c.get(displayCol)
		if v := c.get(fwdSMTP); v != "" {
			if placeholder(v) {
				return c.fail(fwdSMTP, placeholderReason(v, "ForwardingSmtpAddress"))
			}
			a := posture.AddressOf(v)
			if !strings.Contains(a, "@") {
				return c.fail(fwdSMTP, quote(v)+" is not an email address")
			}
			m.ForwardingSMTPAddress = a
		}
		if v := c.get(fwdAddr); v != "" {
			if placeholder(v) {
				return c.fail(fwdAddr, placeholderReason(v, "ForwardingAddress"))
			}
			m.ForwardingAddress = v
		}
		if v := c.get(deliver); v != "" {
			f, err := posture.ParseFact(v)
			if err != nil {
				return c.fail(deliver, err.Error())
			}
			m.DeliverToMailboxAndForward = f == posture.Yes
		}
		s.name(addr, addr)
		for _, i := range nameCols {
			s.name(c.get(i), addr)
		}
		// EmailAddresses, when the export kept it (joined by the admin's
		// script; Export-Csv alone writes the list's type name).
		if v := c.get(emails); v != "" && !placeholder(v) {
			for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == ';' || r == ',' }) {
				if a := posture.AddressOf(f); strings.HasPrefix(strings.ToLower(f), "smtp:") && strings.Contains(a, "@") {
					s.name(a, addr)
				}
			}
		}
	}
}

// placeholder recognises what Export-Csv writes for a list it cannot
// flatten: the list's type name, such as System.Collections.ArrayList or
// Deserialized.Microsoft.Exchange.Data.Directory.ADMultiValuedProperty`1[...].
func placeholder(v string) bool {
	if strings.ContainsAny(v, "@\" ") {
		return false
	}
	for _, p := range []string{"System.", "Deserialized.", "Microsoft.Exchange."} {
		if strings.HasPrefix(v, p) {
			return true
		}
	}
	return false
}

func placeholderReason(v, column string) string {
	return fmt.Sprintf("%s is the name of a PowerShell list, not the recipients in it: Export-Csv cannot write lists. "+
		"Export with the list joined, such as Select-Object *,@{n='%s';e={$_.%s -join ';'}} -ExcludeProperty %s before Export-Csv",
		quote(v), column, column, column)
}
