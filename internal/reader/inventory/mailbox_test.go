package inventory

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/posture"
)

func readSet(t *testing.T, files ...string) []posture.Mailbox {
	t.Helper()
	s := NewMailboxSet()
	for _, f := range files {
		if err := s.Read("", f, bytes.NewReader(fixture(t, f))); err != nil {
			t.Fatal(err)
		}
	}
	boxes, err := s.Mailboxes()
	if err != nil {
		t.Fatal(err)
	}
	return boxes
}

func mailbox(t *testing.T, boxes []posture.Mailbox, addr string) posture.Mailbox {
	t.Helper()
	for _, m := range boxes {
		if m.Address == addr {
			return m
		}
	}
	t.Fatalf("no mailbox %s", addr)
	return posture.Mailbox{}
}

func TestGetMailbox(t *testing.T) {
	boxes, err := ReadMailboxes(GetMailbox, "get-mailbox.csv", bytes.NewReader(fixture(t, "get-mailbox.csv")))
	if err != nil {
		t.Fatal(err)
	}
	var addrs []string
	for _, m := range boxes {
		addrs = append(addrs, m.Address)
	}
	want := []string{"jo.lee@exampleborough.gov.uk", "planning@exampleborough.gov.uk", "priya.shah@exampleborough.gov.uk", "tom.reid@exampleborough.gov.uk"}
	if !slices.Equal(addrs, want) {
		t.Fatalf("mailboxes %v, want %v", addrs, want)
	}
	tom := mailbox(t, boxes, "tom.reid@exampleborough.gov.uk")
	if tom.ForwardingSMTPAddress != "tom.reid1975@gmail.com" || !tom.DeliverToMailboxAndForward || tom.DisplayName != "Tom Reid" {
		t.Errorf("Tom Reid %+v", tom)
	}
	planning := mailbox(t, boxes, "planning@exampleborough.gov.uk")
	if planning.ForwardingAddress != "Planning Team Archive" || planning.ForwardingSMTPAddress != "" || planning.DeliverToMailboxAndForward {
		t.Errorf("Planning %+v", planning)
	}
	if jo := mailbox(t, boxes, "jo.lee@exampleborough.gov.uk"); jo.DisplayName != "Lee, Jo" || jo.ForwardingSMTPAddress != "" {
		t.Errorf("Jo Lee %+v", jo)
	}
}

// Get-InboxRule names mailboxes by Exchange's name for them, so its rules
// join Get-Mailbox's mailboxes only when both are read together.
func TestGetInboxRule(t *testing.T) {
	_, err := ReadMailboxes(GetInboxRule, "get-inboxrule.csv", bytes.NewReader(fixture(t, "get-inboxrule.csv")))
	re := rowError(t, err)
	if re.Line != 3 || re.Column != "MailboxOwnerId" || !strings.Contains(err.Error(), `"jo.lee" is not a mailbox in the Get-Mailbox export`) {
		t.Errorf("rules alone: %v", err)
	}

	boxes := readSet(t, "get-inboxrule.csv", "get-mailbox.csv") // in either order
	jo := mailbox(t, boxes, "jo.lee@exampleborough.gov.uk")
	want := []posture.InboxRule{{Name: "Send to home", Identity: `jo.lee\10735376457413476353`, Enabled: true, ForwardTo: []string{"jolee.home@outlook.com"}}}
	if !rulesEqual(jo.Rules, want) {
		t.Errorf("Jo Lee's rules\n got %+v\nwant %+v", jo.Rules, want)
	}
	priya := mailbox(t, boxes, "priya.shah@exampleborough.gov.uk")
	want = []posture.InboxRule{
		// A directory recipient is kept by name: it has no domain.
		{Name: "Council tax queries", Identity: `priya.shah\10735376457413476354`, Enabled: true, RedirectTo: []string{"Revenues Team"}},
		{Name: "Old forward", Identity: `priya.shah\10735376457413476355`, Enabled: false,
			ForwardAsAttachmentTo: []string{"priya@example.net", "archive@exampleborough.gov.uk"}},
		// "Newsletters" only moves mail, so it is not kept.
	}
	if !rulesEqual(priya.Rules, want) {
		t.Errorf("Priya Shah's rules\n got %+v\nwant %+v", priya.Rules, want)
	}
	if tom := mailbox(t, boxes, "tom.reid@exampleborough.gov.uk"); len(tom.Rules) != 0 || tom.ForwardingSMTPAddress == "" {
		t.Errorf("Tom Reid %+v", tom)
	}
}

func rulesEqual(a, b []posture.InboxRule) bool {
	return slices.EqualFunc(a, b, func(x, y posture.InboxRule) bool {
		return x.Name == y.Name && x.Identity == y.Identity && x.Enabled == y.Enabled && slices.Equal(x.ForwardTo, y.ForwardTo) &&
			slices.Equal(x.ForwardAsAttachmentTo, y.ForwardAsAttachmentTo) && slices.Equal(x.RedirectTo, y.RedirectTo)
	})
}

func TestGraphRules(t *testing.T) {
	boxes, err := ReadMailboxes(GraphRules, "graph-rules.json", bytes.NewReader(fixture(t, "graph-rules.json")))
	if err != nil {
		t.Fatal(err)
	}
	if len(boxes) != 2 {
		t.Fatalf("%d mailboxes, want 2: %+v", len(boxes), boxes)
	}
	tom := mailbox(t, boxes, "tom.reid@exampleborough.gov.uk")
	want := []posture.InboxRule{{Name: "Forward everything", Identity: "AQAAAJ5dZqA=", Enabled: true, ForwardTo: []string{"tom.reid1975@gmail.com"}}}
	if !rulesEqual(tom.Rules, want) {
		t.Errorf("Tom Reid's rules\n got %+v\nwant %+v", tom.Rules, want)
	}
	// The mailbox comes from @odata.context; the rule that only files
	// receipts is not kept.
	planning := mailbox(t, boxes, "planning@exampleborough.gov.uk")
	want = []posture.InboxRule{{Name: "Objections to the case officer", Identity: "AQAAAJ5dZqB=", Enabled: true,
		RedirectTo: []string{"case.officer@exampleborough.gov.uk", "plans@agent-ltd.co.uk"}}}
	if !rulesEqual(planning.Rules, want) {
		t.Errorf("Planning's rules\n got %+v\nwant %+v", planning.Rules, want)
	}

	// With Get-Mailbox, Graph's rules join the mailboxes' own forwarding.
	all := readSet(t, "get-mailbox.csv", "graph-rules.json", "get-inboxrule.csv")
	tom = mailbox(t, all, "tom.reid@exampleborough.gov.uk")
	if len(all) != 4 || tom.ForwardingSMTPAddress != "tom.reid1975@gmail.com" || len(tom.Rules) != 1 {
		t.Errorf("%d mailboxes; Tom Reid %+v", len(all), tom)
	}
}

func TestExchangeRecipients(t *testing.T) {
	for in, want := range map[string][]string{
		`"Jo Lee" [SMTP:Jo.Lee@Outlook.com]`:                                                                         {"jo.lee@outlook.com"},
		`"Lee, Jo" [SMTP:jo@outlook.com];"Sam" [SMTP:sam@gmail.com]`:                                                 {"jo@outlook.com", "sam@gmail.com"},
		`"Revenues" [EX:/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=ab-rev]`: {"Revenues"},
		`smtp:jo@outlook.com`:                          {"jo@outlook.com"},
		"jo@outlook.com, sam@gmail.com":                {"jo@outlook.com", "sam@gmail.com"},
		"Jo Lee <JO@outlook.com>":                      {"jo@outlook.com"},
		"Planning Team Archive":                        {"Planning Team Archive"},
		"\"A\" [SMTP:a@x.com]\r\n\"B\" [SMTP:b@y.com]": {"a@x.com", "b@y.com"},
	} {
		got, reason := exchangeRecipients(in)
		if reason != "" || !slices.Equal(got, want) {
			t.Errorf("%s: got %q %s, want %q", in, got, reason, want)
		}
	}
	if _, reason := exchangeRecipients(`"Jo" [SMTP:]`); reason == "" {
		t.Error("an empty SMTP address was read")
	}
}

func TestMailboxErrors(t *testing.T) {
	ruleHead := "MailboxOwnerId,Name,Identity,Enabled,ForwardTo,RedirectTo\r\n"
	for _, c := range []struct{ name, format, data, want string }{
		{"placeholder", "get-inboxrule", ruleHead + `jo@x.gov.uk,Fwd,jo\1,True,System.Collections.ArrayList,` + "\r\n",
			`rules.csv:2: column "ForwardTo": "System.Collections.ArrayList" is the name of a PowerShell list, not the recipients in it`},
		{"enabled", "get-inboxrule", ruleHead + `jo@x.gov.uk,Fwd,jo\1,Perhaps,a@b.com,` + "\r\n", `rules.csv:2: column "Enabled": "Perhaps" is not yes, no or empty`},
		{"no targets", "get-inboxrule", "MailboxOwnerId,Name\r\njo,x\r\n", `rules.csv:1: column "ForwardTo": is missing from the header`},
		{"no owner", "get-inboxrule", "Name,ForwardTo\r\nx,a@b.com\r\n", `rules.csv:1: column "MailboxOwnerId": is missing from the header`},
		{"blank owner", "get-inboxrule", ruleHead + ",Fwd,,True,a@b.com,\r\n", `rules.csv:2: column "MailboxOwnerId": is empty`},
		{"same rules twice", "get-inboxrule", ruleHead + `jo@x.gov.uk,Fwd,jo\1,True,a@b.com,` + "\r\n" + `JO@x.gov.uk,Fwd,jo\1,True,a@b.com,` + "\r\n",
			`rules.csv:3: rule "jo\\1" of jo@x.gov.uk was already read from rules.csv line 2`},
		{"bad address", "get-mailbox", "#TYPE x\r\nPrimarySmtpAddress,ForwardingSmtpAddress\r\njo@x.gov.uk,smtp:nowhere\r\n",
			`rules.csv:3: column "ForwardingSmtpAddress": "smtp:nowhere" is not an email address`},
		{"mailbox twice", "get-mailbox", "PrimarySmtpAddress\r\njo@x.gov.uk\r\nJo@X.gov.uk\r\n", `rules.csv:3: column "PrimarySmtpAddress": "Jo@X.gov.uk" is already the mailbox on rules.csv line 2`},
		{"graph without mailbox", "graph-rules", `{"value":[{"id":"1","actions":{"forwardTo":[{"emailAddress":{"address":"a@b.com"}}]}}]}`,
			`rules.csv:1: .: names no mailbox`},
		{"graph bare rule", "graph-rules", "{\"value\":[]}\n{\"id\":\"1\",\"displayName\":\"x\",\"actions\":{}}\n", `rules.csv:2: .: is a rule on its own`},
		{"graph address", "graph-rules", "{\"mailbox\":\"jo@x.gov.uk\",\"value\":[\n{\"id\":\"1\",\"actions\":{\"redirectTo\":[\n{\"emailAddress\":{\"address\":\"Jo Lee\"}}]}}]}",
			`rules.csv:3: value[0].actions.redirectTo[0].emailAddress.address: "Jo Lee" is not an email address`},
		{"graph enabled", "graph-rules", `{"mailbox":"jo@x.gov.uk","value":[{"id":"1","isEnabled":"sometimes"}]}`, `rules.csv:1: value[0].isEnabled: "sometimes" is not true or false`},
		{"graph owner unknown", "graph-rules", "{\"mailbox\":\n\"Jo Lee\",\"value\":[{\"id\":\"1\",\"actions\":{\"forwardTo\":[{\"emailAddress\":{\"address\":\"a@b.com\"}}]}}]}",
			`rules.csv:2: mailbox: "Jo Lee" is not a mailbox in the Get-Mailbox export`},
		{"devices", "intune", "Device ID,Device name\r\n", "rules.csv: a intune export holds devices"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadMailboxes(Format(c.format), "rules.csv", strings.NewReader(c.data))
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("got  %v\nwant %s...", err, c.want)
			}
		})
	}
}
