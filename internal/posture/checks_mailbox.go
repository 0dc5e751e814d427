package posture

import "strings"

// checkForwarding fails a mailbox for every way it sends mail outside the
// official (and allowed) domains: one Evidence per rule and target, so the
// finding says which rule to delete.
func checkForwarding(e *Evaluator, m *Mailbox) (Outcome, []Evidence) {
	var ev []Evidence
	unreadable := false
	if a := strings.TrimSpace(m.ForwardingSMTPAddress); a != "" {
		// Any domain may be here, so an address without one is not assumed internal.
		switch dom := rawDomain(a); {
		case dom == "":
			unreadable = true
		case !domainIn(dom, e.forwardOK):
			ev = append(ev, Evidence{Item: mailboxForwardingItem(m), Field: "forwarding_smtp_address", Value: AddressOf(a), Want: e.ev.wantForward})
		}
	}
	// ForwardingAddress names a directory recipient, which is internal unless
	// it carries an smtp address on another domain (a mail contact).
	if a := m.ForwardingAddress; a != "" {
		if dom := rawDomain(a); dom != "" && !domainIn(dom, e.forwardOK) {
			ev = append(ev, Evidence{Item: mailboxForwardingItem(m), Field: "forwarding_address", Value: AddressOf(a), Want: e.ev.wantForward})
		}
	}
	for i := range m.Rules {
		r := &m.Rules[i]
		if !r.Enabled {
			continue // a disabled rule sends nothing; it fails once someone enables it
		}
		ev = e.ruleTargets(ev, r, "forward_to", r.ForwardTo)
		ev = e.ruleTargets(ev, r, "forward_as_attachment_to", r.ForwardAsAttachmentTo)
		ev = e.ruleTargets(ev, r, "redirect_to", r.RedirectTo)
	}
	switch {
	case len(ev) > 0:
		return Fail, ev
	case unreadable:
		return Undetermined, []Evidence{{Item: mailboxForwardingItem(m), Field: "forwarding_smtp_address", Value: m.ForwardingSMTPAddress, Want: e.ev.wantForward}}
	}
	return Pass, nil
}

func (e *Evaluator) ruleTargets(ev []Evidence, r *InboxRule, field string, targets []string) []Evidence {
	for _, t := range targets {
		if dom := rawDomain(t); dom != "" && !domainIn(dom, e.forwardOK) {
			ev = append(ev, Evidence{Item: ruleItem(r), Field: field, Value: AddressOf(t), Want: e.ev.wantForward})
		}
	}
	return ev
}

func ruleItem(r *InboxRule) string {
	s := "inbox rule " + quote(r.Name)
	if r.Identity != "" && r.Identity != r.Name {
		s += " (" + r.Identity + ")"
	}
	return s
}

func mailboxForwardingItem(m *Mailbox) string {
	if m.DeliverToMailboxAndForward {
		return "mailbox forwarding (a copy is kept in the mailbox)"
	}
	return "mailbox forwarding (no copy is kept in the mailbox)"
}

func quote(s string) string {
	if s == "" {
		return "(no name)"
	}
	return `"` + s + `"`
}

func checkMailboxDomain(e *Evaluator, m *Mailbox) (Outcome, []Evidence) {
	if m.Address == "" {
		return Undetermined, e.ev.addressUnknown
	}
	dom := rawDomain(m.Address)
	if dom == "" {
		return Undetermined, []Evidence{{Field: "address", Value: m.Address, Want: e.ev.wantOfficial}}
	}
	// Only the official domains: a partner domain allowed as a forwarding
	// target is not one council mailboxes may live on.
	if !domainIn(dom, e.official) {
		return Fail, []Evidence{{Field: "address", Value: m.Address, Want: e.ev.wantOfficial}}
	}
	return Pass, nil
}
