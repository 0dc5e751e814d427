package posturegen

import (
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/posture"
)

// Mailboxes makes n mailboxes on the given official domains (the
// first is the main one; Domain when none are given), of which a few
// percent forward outside them by mailbox forwarding or an inbox rule, and
// about one percent live on a domain that is not official.
func Mailboxes(n int, seed int64, domains []string) []posture.Mailbox {
	if len(domains) == 0 {
		domains = []string{Domain}
	}
	g := newGen(seed)
	out := make([]posture.Mailbox, n)
	for i := range out {
		g.mailbox(&out[i], i, domains)
	}
	return out
}

func (g *gen) mailbox(m *posture.Mailbox, i int, domains []string) {
	domain := domains[0]
	if len(domains) > 1 && g.chance(0.2) {
		domain = domains[1+g.intn(len(domains)-1)]
	}
	if g.chance(0.01) {
		domain = strings.SplitN(domains[0], ".", 2)[0] + "-council.org.uk" // a domain from before a rebrand
	}
	m.Address = g.person(domain)
	at := strings.IndexByte(m.Address, '@')
	m.DisplayName = strings.ReplaceAll(m.Address[:at], ".", " ")
	colleague := func() string { return g.person(domains[g.intn(len(domains))]) }
	external := func() string { return g.person(personalDomains[g.intn(len(personalDomains))]) }

	if g.chance(0.15) {
		m.Rules = append(m.Rules, posture.InboxRule{Name: "Move newsletters", Identity: m.Address + `\` + strconv.Itoa(i) + "1", Enabled: true})
	}
	if g.chance(0.08) {
		m.Rules = append(m.Rules, posture.InboxRule{Name: "Copy to my manager", Identity: m.Address + `\` + strconv.Itoa(i) + "2", Enabled: true,
			ForwardTo: []string{colleague()}})
	}
	if g.chance(0.03) {
		m.Rules = append(m.Rules, posture.InboxRule{Name: "Old forward", Identity: m.Address + `\` + strconv.Itoa(i) + "3", Enabled: false,
			RedirectTo: []string{external()}})
	}
	if g.chance(0.02) {
		m.ForwardingAddress = "Team " + strconv.Itoa(i%50) // a directory recipient: internal
	}
	if g.chance(0.04) { // forwards outside, one way or another
		switch g.intn(4) {
		case 0:
			m.ForwardingSMTPAddress = "smtp:" + external()
			m.DeliverToMailboxAndForward = g.chance(0.5)
		case 1:
			m.ForwardingAddress = `"` + m.DisplayName + ` (home)" [SMTP:` + external() + "]"
		case 2:
			m.Rules = append(m.Rules, posture.InboxRule{Name: "Forward to home", Identity: m.Address + `\` + strconv.Itoa(i) + "4", Enabled: true,
				ForwardTo: []string{external()}})
		default:
			// Attackers' rules hide: odd names, redirect rather than forward.
			m.Rules = append(m.Rules, posture.InboxRule{Name: ".", Identity: m.Address + `\` + strconv.Itoa(i) + "5", Enabled: true,
				RedirectTo: []string{g.alnum(8) + "@" + []string{"proton.me", "mail.ru", "gmx.com"}[g.intn(3)]}})
		}
	}
}
