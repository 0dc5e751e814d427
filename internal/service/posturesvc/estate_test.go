package posturesvc_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/reader/inventory"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

var (
	ctx      = context.Background()
	analyst  = tenancy.Operator("cli:test")
	day1     = time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	day2     = day1.AddDate(0, 0, 3)
	csvHead  = "serial,name,device_id,type,ownership,os,os_version,model,primary_user,last_seen,managed,malware_protection,signatures_updated,firewall,encrypted,screen_lock,screen_lock_minutes,password_min_length,user_is_local_admin,remote_access,remote_access_mfa,missing_updates\n"
	good     = "yes,yes,%s,yes,yes,yes,5,14,no,no,,"
	seenDay1 = "2026-11-02 08:00"
)

// row writes one device of the test CSV: a Windows 11 24H2 laptop that
// passes every control unless the caller's tail says otherwise.
func row(serial, name, seen, tail string) string {
	return fmt.Sprintf("%s,%s,,laptop,council,windows,10.0.26100.2033,Latitude 7450,%s@ashcombe.gov.uk,%s,%s\n",
		serial, name, strings.ToLower(name), seen, tail)
}

func passing(sigs string) string { return fmt.Sprintf(good, sigs) }

func setup(t *testing.T, s *store.Store) (*posturesvc.Service, store.Org) {
	t.Helper()
	org, err := s.CreateOrg(ctx, store.NewOrg{Slug: "ashcombe", Name: "Ashcombe Council", Kind: tenancy.KindCouncil})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetOrgDomains(ctx, tenancy.ForSystem(tenancy.JobTest), org.ID, []string{"ashcombe.gov.uk"}); err != nil {
		t.Fatal(err)
	}
	return posturesvc.New(s, desksvc.New(s)), org
}

func importCSV(t *testing.T, svc *posturesvc.Service, org store.Org, name, body string) posturesvc.ImportResult {
	t.Helper()
	res, err := svc.ImportDevices(ctx, analyst, org.ID, inventory.WardCSV, name, strings.NewReader(body))
	if err != nil {
		t.Fatalf("import %s: %v", name, err)
	}
	return res
}

// findingsOf lists an org's findings as "device control state" lines.
func findingsOf(t *testing.T, s *store.Store, org store.Org) map[string]finding.Finding {
	t.Helper()
	list, _, err := s.Findings(ctx, tenancy.ScopeOf(org.ID), store.FindingFilter{OrgID: org.ID})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]finding.Finding{}
	for _, f := range list {
		out[f.Subject.Name+" "+f.Control] = f
	}
	return out
}

func keys(m map[string]finding.Finding) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// The test: import a device file, fix two devices in a second
// import, and see exactly those findings resolved and the rest kept with
// their first-seen dates.
func TestASecondImportResolvesExactlyWhatWasFixed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc, org := setup(t, s)
		s.SetClock(func() time.Time { return day1 })
		first := csvHead +
			row("SN-1", "ASH-LT-1", seenDay1, "yes,yes,2026-11-01,yes,no,yes,5,14,no,no,,") + // not encrypted
			row("SN-2", "ASH-LT-2", seenDay1, "yes,yes,2026-11-01,no,yes,yes,5,14,no,no,,") + // firewall off
			row("SN-3", "ASH-LT-3", seenDay1, "yes,yes,2026-11-01,no,yes,yes,5,14,no,no,,") + // firewall off
			row("SN-4", "ASH-LT-4", seenDay1, "yes,no,,yes,yes,yes,5,14,no,no,,") + // no antivirus
			row("SN-5", "ASH-LT-5", seenDay1, passing("2026-11-01"))
		res := importCSV(t, svc, org, "devices-day1.csv", first)
		if res.Read != 5 || res.Created != 5 || res.Evaluation.Findings.Opened != 4 {
			t.Fatalf("first import = %+v; want 5 devices read and created, 4 findings opened", res)
		}
		before := findingsOf(t, s, org)
		want := []string{"ASH-LT-1 disk-encryption", "ASH-LT-2 firewall", "ASH-LT-3 firewall", "ASH-LT-4 malware-protection"}
		if got := keys(before); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Fatalf("findings after the first import = %v, want %v", got, want)
		}
		if e := before["ASH-LT-1 disk-encryption"].Evidence; len(e) == 0 || e[0].Field != "encrypted" {
			t.Errorf("disk-encryption evidence = %+v; want the encrypted field named", e)
		}

		// Three days on: SN-1 is encrypted and SN-2's firewall is on.
		s.SetClock(func() time.Time { return day2 })
		second := csvHead +
			row("SN-1", "ASH-LT-1", "2026-11-05 08:00", passing("2026-11-04")) +
			row("SN-2", "ASH-LT-2", "2026-11-05 08:00", passing("2026-11-04")) +
			row("SN-3", "ASH-LT-3", "2026-11-05 08:00", "yes,yes,2026-11-04,no,yes,yes,5,14,no,no,,") +
			row("SN-4", "ASH-LT-4", "2026-11-05 08:00", "yes,no,,yes,yes,yes,5,14,no,no,,") +
			row("SN-5", "ASH-LT-5", "2026-11-05 08:00", passing("2026-11-04"))
		res = importCSV(t, svc, org, "devices-day2.csv", second)
		if res.Created != 0 || res.Merged != 5 {
			t.Errorf("second import created %d and merged %d; want every device matched by serial", res.Created, res.Merged)
		}
		if c := res.Evaluation.Findings; c.Resolved != 2 || c.Opened != 0 || c.Kept != 2 {
			t.Errorf("second import findings = %+v; want 2 resolved, 2 kept, none opened", c)
		}
		after := findingsOf(t, s, org)
		if len(after) != 4 {
			t.Errorf("after the second import there are %d findings, want the same 4 (no duplicates): %v", len(after), keys(after))
		}
		for key, f := range after {
			fixed := key == "ASH-LT-1 disk-encryption" || key == "ASH-LT-2 firewall"
			switch {
			case fixed && (f.State != finding.Resolved || !f.ResolvedAt.Equal(day2)):
				t.Errorf("%s = %s resolved %s; want resolved on day 2", key, f.State, f.ResolvedAt)
			case !fixed && f.State != finding.Open:
				t.Errorf("%s = %s; want still open", key, f.State)
			case !f.FirstSeen.Equal(day1):
				t.Errorf("%s first seen %s; want day 1 kept", key, f.FirstSeen)
			case !fixed && !f.LastSeen.Equal(day2):
				t.Errorf("%s last seen %s; want day 2", key, f.LastSeen)
			case f.ID != before[key].ID:
				t.Errorf("%s is a new finding (%d, was %d)", key, f.ID, before[key].ID)
			}
		}

		// A malformed third file is refused whole, naming file, line and
		// column, and leaves devices and findings as they were.
		bad := csvHead + row("SN-3", "ASH-LT-3", "2026-11-06 08:00", passing("2026-11-05")) +
			row("SN-6", "ASH-LT-6", "31/02/2026", passing("2026-11-05"))
		s.SetClock(func() time.Time { return day2.AddDate(0, 0, 1) })
		_, err := svc.ImportDevices(ctx, analyst, org.ID, inventory.WardCSV, "devices-bad.csv", strings.NewReader(bad))
		var rowErr *inventory.RowError
		if !errors.As(err, &rowErr) || rowErr.Line != 3 || !strings.Contains(err.Error(), "devices-bad.csv") || !strings.Contains(err.Error(), "last_seen") {
			t.Errorf("bad file error = %v; want devices-bad.csv line 3, column last_seen", err)
		}
		if devices, _ := s.OrgDevices(ctx, tenancy.ForSystem(tenancy.JobTest), org.ID); len(devices) != 5 {
			t.Errorf("after a refused import the org holds %d devices, want 5", len(devices))
		}
		if f := findingsOf(t, s, org)["ASH-LT-3 firewall"]; f.State != finding.Open || !f.LastSeen.Equal(day2) {
			t.Errorf("after a refused import ASH-LT-3's finding = %s last seen %s; want untouched", f.State, f.LastSeen)
		}
	})
}

func TestFindingsRaiseTicketsAndAcceptRisk(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc, org := setup(t, s)
		s.SetClock(func() time.Time { return day1 })
		importCSV(t, svc, org, "d.csv", csvHead+
			row("SN-1", "ASH-LT-1", seenDay1, "yes,yes,2026-11-01,yes,yes,yes,5,14,no,no,,KB5046617:critical:2026-10-08")+
			row("SN-2", "ASH-LT-2", seenDay1, "yes,yes,2026-11-01,no,yes,yes,5,14,no,no,,"))
		found := findingsOf(t, s, org)
		updates, ok := found["ASH-LT-1 security-updates"]
		if !ok {
			t.Fatalf("no security-updates finding for a critical update 25 days old: %v", keys(found))
		}
		f, ticket, err := svc.RaiseTicket(ctx, analyst, updates.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !f.DueAt.Equal(day1.AddDate(0, 0, 14)) || f.TicketRef != ticket.Ref || !strings.Contains(ticket.Description, "KB5046617") {
			t.Errorf("ticket %s for finding due %s; description %q", ticket.Ref, f.DueAt, ticket.Description)
		}
		if _, _, err := svc.RaiseTicket(ctx, analyst, updates.ID); err == nil {
			t.Error("a second ticket was raised for the same finding")
		}

		firewall := found["ASH-LT-2 firewall"]
		if _, err := svc.Accept(ctx, analyst, firewall.ID, finding.Acceptance{Reason: "lab machine", Owner: "Head of ICT"}); err == nil {
			t.Error("an acceptance without an expiry was taken")
		}
		acc, err := svc.Accept(ctx, analyst, firewall.ID, finding.Acceptance{Reason: "lab machine, isolated VLAN",
			Owner: "Head of ICT", Expires: day1.AddDate(0, 1, 0)})
		if err != nil || acc.State != finding.Accepted {
			t.Fatalf("accept = %+v %v", acc, err)
		}
		_, events, err := svc.Finding(ctx, analyst, firewall.ID)
		if err != nil || len(events) != 2 || events[1].Kind != finding.AcceptedRisk {
			t.Errorf("history = %+v %v", events, err)
		}
		officer := tenancy.Principal{Actor: "user:officer", Role: tenancy.RoleOfficer, Scope: tenancy.ScopeOf(org.ID)}
		if _, err := svc.Accept(ctx, officer, firewall.ID, finding.Acceptance{}); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("an officer accepted a risk: %v", err)
		}
		other := tenancy.Principal{Actor: "user:other", Role: tenancy.RoleAnalyst, Scope: tenancy.ScopeOf(org.ID + 1000)}
		if _, _, err := svc.Finding(ctx, other, firewall.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("an analyst of another org read the finding: %v", err)
		}
		o, err := svc.Overview(ctx, analyst, org, 30)
		if err != nil {
			t.Fatal(err)
		}
		if o.Open != 1 || o.Accepted != 1 || o.EvaluatedOn != "2026-11-02" {
			t.Errorf("overview open %d accepted %d evaluated %q", o.Open, o.Accepted, o.EvaluatedOn)
		}
		for _, c := range o.Controls {
			if c.Control == "firewall" && (c.Pass != 1 || c.Fail != 1 || c.Compliance != 50) {
				t.Errorf("firewall = %+v; want 1 pass, 1 fail, 50%%", c)
			}
		}
	})
}

// Mailbox exports given together are joined (rules name their mailbox by
// alias); forwarding outside the official domain is a finding naming the
// rule and the target; a later rules export without the rule resolves it.
func TestMailboxForwardingFindings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc, org := setup(t, s)
		if _, err := svc.SetDomains(ctx, analyst, org.ID, []string{"exampleborough.gov.uk"}); err != nil {
			t.Fatal(err)
		}
		s.SetClock(func() time.Time { return day1 })
		open := func(name string) posturesvc.Upload {
			f, err := os.Open(filepath.Join("..", "..", "reader", "inventory", "testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { f.Close() })
			return posturesvc.Upload{Name: name, Reader: f}
		}
		res, err := svc.ImportMailboxFiles(ctx, analyst, org.ID, open("get-mailbox.csv"), open("get-inboxrule.csv"))
		if err != nil {
			t.Fatal(err)
		}
		found := findingsOf(t, s, org)
		fwd, ok := found["tom.reid@exampleborough.gov.uk external-forwarding"]
		if !ok || !strings.Contains(fmt.Sprint(fwd.Evidence), "tom.reid1975@gmail.com") {
			t.Errorf("Tom Reid's forwarding to gmail: %+v (findings %v)", fwd, keys(found))
		}
		rule, ok := found["jo.lee@exampleborough.gov.uk external-forwarding"]
		if !ok || !strings.Contains(fmt.Sprint(rule.Evidence), "Send to home") || !strings.Contains(fmt.Sprint(rule.Evidence), "jolee.home@outlook.com") {
			t.Errorf("Jo Lee's rule: %+v (findings %v)", rule, keys(found))
		}
		if f, ok := found["priya.shah@exampleborough.gov.uk external-forwarding"]; ok {
			t.Errorf("a disabled rule and an internal redirect made a finding: %+v", f)
		}
		if res.Read == 0 || res.Evaluation.Mailboxes != res.Read {
			t.Errorf("import = %+v", res)
		}

		// Jo's rule is deleted in Exchange: the next rules export lacks it.
		s.SetClock(func() time.Time { return day2 })
		header := "#TYPE Deserialized.Microsoft.Exchange.Management.Infoworker.InboxRule\n\"Enabled\",\"Identity\",\"Name\",\"MailboxOwnerId\",\"ForwardAsAttachmentTo\",\"ForwardTo\",\"RedirectTo\"\n"
		if _, err := svc.ImportMailboxes(ctx, analyst, org.ID, inventory.GetInboxRule, "rules-day2.csv", strings.NewReader(header)); err != nil {
			t.Fatal(err)
		}
		found = findingsOf(t, s, org)
		if f := found["jo.lee@exampleborough.gov.uk external-forwarding"]; f.State != finding.Resolved {
			t.Errorf("Jo Lee's finding after the rule went = %s, want resolved", f.State)
		}
		if f := found["tom.reid@exampleborough.gov.uk external-forwarding"]; f.State != finding.Open {
			t.Errorf("Tom Reid's mailbox forwarding after a rules-only export = %s, want still open", f.State)
		}
	})
}
