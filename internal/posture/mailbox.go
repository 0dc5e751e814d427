package posture

import "strings"

// Mailbox is one mailbox with every way it forwards mail: the mailbox-level
// forwarding Exchange keeps on Get-Mailbox, and each inbox rule.
type Mailbox struct {
	Address     string // primary SMTP address, lower-cased
	DisplayName string
	// Mailbox-level forwarding (Get-Mailbox).
	ForwardingSMTPAddress      string // smtp address, any domain
	ForwardingAddress          string // a recipient in the directory, as Exchange names it
	DeliverToMailboxAndForward bool
	Rules                      []InboxRule
}

// InboxRule is one inbox rule that may send mail elsewhere (Get-InboxRule or
// Graph messageRules).
type InboxRule struct {
	Name                  string
	Identity              string // Exchange's rule identity or Graph's rule id
	Enabled               bool
	ForwardTo             []string // addresses
	ForwardAsAttachmentTo []string
	RedirectTo            []string
}

// Domain returns the lower-cased domain of an address, or "" when it has none.
// Exchange writes recipients as `"Name" [SMTP:a@b.c]` or `smtp:a@b.c`; both are understood.
func Domain(address string) string {
	a := AddressOf(address)
	at := strings.LastIndexByte(a, '@')
	if at < 0 {
		return ""
	}
	return a[at+1:]
}

// AddressOf extracts the bare, lower-cased address from an Exchange or Graph recipient.
func AddressOf(recipient string) string {
	r := strings.TrimSpace(recipient)
	// The prefix is found in r itself: lower-casing first can change the
	// length of text that is not valid UTF-8, and the index with it.
	for i := len(r) - len("smtp:"); i >= 0; i-- {
		if strings.EqualFold(r[i:i+len("smtp:")], "smtp:") {
			r = r[i+len("smtp:"):]
			break
		}
	}
	// "Jo Lee <jo@example.net>": the address is inside the angle brackets.
	if open := strings.LastIndexByte(r, '<'); open >= 0 {
		if end := strings.IndexByte(r[open:], '>'); end > 0 {
			r = r[open+1 : open+end]
		}
	}
	r = strings.Trim(r, " []<>\"'")
	return strings.ToLower(r)
}
