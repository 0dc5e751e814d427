package posture

import (
	"strings"
	"testing"
	"time"
)

var testNow = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

func ashcombe() Settings { return Settings{OfficialDomains: []string{"ashcombe.gov.uk"}} }

func withParam(s Settings, control, param, value string) Settings {
	if s.Params == nil {
		s.Params = map[string]map[string]string{}
	}
	if s.Params[control] == nil {
		s.Params[control] = map[string]string{}
	}
	s.Params[control][param] = value
	return s
}

// goodLaptop passes every device control at testNow.
func goodLaptop() Device {
	return Device{
		Serial: "5CG1234XYZ", Name: "ASH-LT-0001", Managed: true,
		SourceIDs: map[string]string{"intune": "abc"}, Sources: []string{"intune"},
		Type: Laptop, Ownership: Council, OS: Windows, OSVersion: "10.0.26100.2033",
		PrimaryUser: "j.smith@ashcombe.gov.uk", LastSeen: testNow.Add(-time.Hour),
		MalwareProtection: Yes, SignaturesUpdated: testNow.Add(-24 * time.Hour),
		Firewall: Yes, Encrypted: Yes, ScreenLock: Yes, ScreenLockMinutes: 10, PasswordMinLength: 14,
		UserIsLocalAdmin: No, RemoteAccess: Yes, RemoteAccessMFA: Yes, UpdatesChecked: testNow.Add(-24 * time.Hour),
	}
}

func evaluator(t *testing.T, s Settings, now time.Time) *Evaluator {
	t.Helper()
	e, err := NewEvaluator(s, now)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func resultOf(t *testing.T, rs []Result, control string) Result {
	t.Helper()
	for _, r := range rs {
		if r.Control == control {
			return r
		}
	}
	t.Fatalf("no result for %s in %v", control, rs)
	return Result{}
}

func evidenceText(ev []Evidence) string {
	parts := make([]string, len(ev))
	for i, e := range ev {
		parts[i] = e.String()
	}
	return strings.Join(parts, "; ")
}

func TestGoodLaptopPassesEverything(t *testing.T) {
	e := evaluator(t, ashcombe(), testNow)
	d := goodLaptop()
	rs := e.EvaluateDevice(&d, nil)
	if len(rs) != 12 {
		t.Errorf("%d results, want one per device control (12)", len(rs))
	}
	for _, r := range rs {
		if r.Outcome != Pass {
			t.Errorf("%s = %s %s", r.Control, r.Outcome, evidenceText(r.Evidence))
		}
	}
	// Results come in catalogue order, so pages list them the same way every time.
	if rs[0].Control != "malware-protection" || rs[len(rs)-1].Control != "unofficial-domain" {
		t.Errorf("order: first %s, last %s", rs[0].Control, rs[len(rs)-1].Control)
	}
}

func TestDeviceControls(t *testing.T) {
	day := 24 * time.Hour
	cases := []struct {
		name     string
		settings Settings
		now      time.Time
		change   func(d *Device)
		control  string
		want     Outcome
		evidence []string // each must appear in the evidence
	}{
		{name: "laptop with BitLocker off fails", control: "disk-encryption", want: Fail,
			change: func(d *Device) { d.Encrypted = No }, evidence: []string{"encrypted = no"}},
		{name: "desktop with BitLocker off passes by default", control: "disk-encryption", want: NotApplicable,
			change: func(d *Device) { d.Type, d.Encrypted = Desktop, No }},
		{name: "desktop with BitLocker off fails when the council requires it", control: "disk-encryption", want: Fail,
			settings: withParam(ashcombe(), "disk-encryption", "require_on_desktops", "true"),
			change:   func(d *Device) { d.Type, d.Encrypted = Desktop, No }},
		{name: "phone with unknown encryption is unknown", control: "disk-encryption", want: Undetermined,
			change: func(d *Device) { d.Type, d.OS, d.OSVersion, d.Encrypted = Smartphone, IOS, "26.1", Unknown }},

		{name: "signatures 8 days old fail naming the date", control: "malware-protection", want: Fail,
			change:   func(d *Device) { d.SignaturesUpdated = testNow.Add(-8 * day) },
			evidence: []string{"signatures_updated = 2026-11-14", "within 7 days"}},
		{name: "signatures 7 days old pass", control: "malware-protection", want: Pass,
			change: func(d *Device) { d.SignaturesUpdated = testNow.Add(-7 * day) }},
		{name: "signatures 8 days old pass when the council allows 10", control: "malware-protection", want: Pass,
			settings: withParam(ashcombe(), "malware-protection", "max_signature_age_days", "10"),
			change:   func(d *Device) { d.SignaturesUpdated = testNow.Add(-8 * day) }},
		{name: "malware protection off fails", control: "malware-protection", want: Fail,
			change: func(d *Device) { d.MalwareProtection = No }, evidence: []string{"malware_protection = off"}},
		{name: "unknown signature date is unknown", control: "malware-protection", want: Undetermined,
			change: func(d *Device) { d.SignaturesUpdated = time.Time{} }},
		{name: "iPhones rely on the app store", control: "malware-protection", want: NotApplicable,
			change: func(d *Device) { d.Type, d.OS, d.MalwareProtection = Smartphone, IOS, No }},

		{name: "firewall off fails", control: "firewall", want: Fail, change: func(d *Device) { d.Firewall = No }},
		{name: "firewall unreported is unknown", control: "firewall", want: Undetermined, change: func(d *Device) { d.Firewall = Unknown }},

		{name: "Windows 10 22H2 fails after 2025-10-14 naming the end", control: "supported-os", want: Fail,
			change:   func(d *Device) { d.OSVersion = "10.0.19045.4046" },
			evidence: []string{"Windows 10 22H2", "end_of_support = 2025-10-14"}},
		{name: "Windows 10 22H2 passed the day before its end", control: "supported-os", want: Pass,
			now: time.Date(2025, 10, 13, 12, 0, 0, 0, time.UTC),
			change: func(d *Device) {
				d.OSVersion = "10.0.19045.4046"
				d.LastSeen = time.Date(2025, 10, 13, 0, 0, 0, 0, time.UTC)
			}},
		{name: "Windows 10 22H2 with ESU bought to 2027 passes", control: "supported-os", want: Pass,
			settings: withParam(ashcombe(), "supported-os", "windows10_esu_until", "2027-10-12"),
			change:   func(d *Device) { d.OSVersion = "Windows 10 Pro 22H2" }},
		{name: "Windows 10 22H2 with ESU that ran out fails naming the ESU end", control: "supported-os", want: Fail,
			settings: withParam(ashcombe(), "supported-os", "windows10_esu_until", "2026-10-13"),
			change:   func(d *Device) { d.OSVersion = "10.0.19045" },
			evidence: []string{"2026-10-13 (Extended Security Updates)"}},
		{name: "Windows 11 23H2 Enterprise ended 2026-11-10", control: "supported-os", want: Fail,
			change: func(d *Device) { d.OSVersion = "10.0.22631.4460" }, evidence: []string{"2026-11-10"}},
		{name: "Windows 11 23H2 Enterprise was supported in June 2026", control: "supported-os", want: Pass,
			now: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC),
			change: func(d *Device) {
				d.OSVersion = "10.0.22631.4460"
				d.LastSeen = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
			}},
		{name: "Windows 11 23H2 Pro ended sooner", control: "supported-os", want: Fail,
			now: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC),
			change: func(d *Device) {
				d.OSVersion = "Microsoft Windows 11 Pro 10.0.22631"
				d.LastSeen = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
			},
			evidence: []string{"2025-11-11"}},
		{name: "Windows Vista is older than anything listed", control: "supported-os", want: Fail,
			change: func(d *Device) { d.OSVersion = "6.0.6002" }, evidence: []string{"older than Windows 7 SP1", "on or before 2020-01-14"}},
		{name: "an insider build is unknown, not failing", control: "supported-os", want: Undetermined,
			change: func(d *Device) { d.OSVersion = "10.0.25398" }, evidence: []string{"10.0.25398"}},
		{name: "a bare 22H2 is unknown", control: "supported-os", want: Undetermined,
			change: func(d *Device) { d.OSVersion = "22H2" }},
		{name: "Server 2019 on a server passes", control: "supported-os", want: Pass,
			change: func(d *Device) { d.Type, d.OSVersion = Server, "10.0.17763.5458" }},
		{name: "Server 2012 R2 fails", control: "supported-os", want: Fail,
			change: func(d *Device) { d.Type, d.OSVersion = Server, "Windows Server 2012 R2 Standard" }},
		{name: "LTSC 2021 passes where Windows 10 21H2 would not", control: "supported-os", want: Pass,
			change: func(d *Device) { d.Type, d.OSVersion = ThinClient, "Windows 10 IoT Enterprise LTSC 2021" }},
		{name: "macOS 12 Monterey fails", control: "supported-os", want: Fail,
			change: func(d *Device) { d.OS, d.OSVersion = MacOS, "12.7.6" }, evidence: []string{"macOS 12 Monterey", "2024-09-16"}},
		{name: "macOS 15 passes", control: "supported-os", want: Pass,
			change: func(d *Device) { d.OS, d.OSVersion = MacOS, "15.7.1" }},
		{name: "macOS 14 past its expected end is unknown until the table is updated", control: "supported-os", want: Undetermined,
			change: func(d *Device) { d.OS, d.OSVersion = MacOS, "14.8" }, evidence: []string{"expected around 2026-09"}},
		{name: "macOS 10.12 is older than anything listed", control: "supported-os", want: Fail,
			change: func(d *Device) { d.OS, d.OSVersion = MacOS, "10.12.6" }},
		{name: "iOS 16 fails", control: "supported-os", want: Fail,
			change: func(d *Device) { d.Type, d.OS, d.OSVersion = Smartphone, IOS, "16.7.10" }},
		{name: "Android 11 fails", control: "supported-os", want: Fail,
			change: func(d *Device) { d.Type, d.OS, d.OSVersion = Smartphone, Android, "11" }},
		{name: "Android 15 passes", control: "supported-os", want: Pass,
			change: func(d *Device) { d.Type, d.OS, d.OSVersion = Smartphone, Android, "15" }},
		{name: "Linux is unknown", control: "supported-os", want: Undetermined,
			change: func(d *Device) { d.OS, d.OSVersion = Linux, "Ubuntu 24.04" }, evidence: []string{"os = linux"}},

		{name: "critical update missing 20 days fails naming it", control: "security-updates", want: Fail,
			change: func(d *Device) {
				d.MissingUpdates = []Update{{ID: "KB5046617", Severity: Critical, Released: testNow.Add(-20 * day)}}
			},
			evidence: []string{"KB5046617 (critical, released 2026-11-02)", "within 14 days"}},
		{name: "critical update released 10 days ago is within the window", control: "security-updates", want: Pass,
			change: func(d *Device) {
				d.MissingUpdates = []Update{{ID: "KB1", Severity: Critical, Released: testNow.Add(-10 * day)}}
			}},
		{name: "medium update missing for months does not count", control: "security-updates", want: Pass,
			change: func(d *Device) {
				d.MissingUpdates = []Update{{ID: "KB2", Severity: Medium, Released: testNow.Add(-90 * day)}}
			}},
		{name: "medium counts when the council says so", control: "security-updates", want: Fail,
			settings: withParam(ashcombe(), "security-updates", "min_severity", "medium"),
			change: func(d *Device) {
				d.MissingUpdates = []Update{{ID: "KB2", Severity: Medium, Released: testNow.Add(-90 * day)}}
			}},
		{name: "no source reporting updates is unknown", control: "security-updates", want: Undetermined,
			change: func(d *Device) { d.UpdatesChecked = time.Time{} }},
		{name: "a high update of unknown date is unknown", control: "security-updates", want: Undetermined,
			change: func(d *Device) { d.MissingUpdates = []Update{{ID: "KB3", Severity: High}} }},

		{name: "screen locking after 30 minutes fails", control: "screen-lock", want: Fail,
			change: func(d *Device) { d.ScreenLockMinutes = 30 }, evidence: []string{"screen_lock_minutes = 30", "at most 15 minutes"}},
		{name: "screen lock off fails", control: "screen-lock", want: Fail, change: func(d *Device) { d.ScreenLock = No }},
		{name: "a reported timeout implies a lock", control: "screen-lock", want: Pass,
			change: func(d *Device) { d.ScreenLock = Unknown }},
		{name: "unknown timeout is unknown", control: "screen-lock", want: Undetermined,
			change: func(d *Device) { d.ScreenLockMinutes = 0 }},
		{name: "servers are not screen-lock checked", control: "screen-lock", want: NotApplicable,
			change: func(d *Device) { d.Type, d.ScreenLock = Server, No }},

		{name: "8-character passwords fail the default of 12", control: "password-policy", want: Fail,
			change: func(d *Device) { d.PasswordMinLength = 8 }, evidence: []string{"password_min_length = 8", "at least 12"}},
		{name: "8-character passwords pass where the council chose 8", control: "password-policy", want: Pass,
			settings: withParam(ashcombe(), "password-policy", "min_length", "8"),
			change:   func(d *Device) { d.PasswordMinLength = 8 }},
		{name: "a 6-digit phone PIN passes", control: "password-policy", want: Pass,
			change: func(d *Device) { d.Type, d.OS, d.OSVersion, d.PasswordMinLength = Smartphone, IOS, "26.1", 6 }},
		{name: "a 4-digit phone PIN fails", control: "password-policy", want: Fail,
			change: func(d *Device) { d.Type, d.OS, d.OSVersion, d.PasswordMinLength = Smartphone, IOS, "26.1", 4 }},
		{name: "unknown password length is unknown", control: "password-policy", want: Undetermined,
			change: func(d *Device) { d.PasswordMinLength = 0 }},

		{name: "local admin fails", control: "local-admin", want: Fail, change: func(d *Device) { d.UserIsLocalAdmin = Yes },
			evidence: []string{"user_is_local_admin = yes"}},
		{name: "local admin does not apply to iPads", control: "local-admin", want: NotApplicable,
			change: func(d *Device) { d.Type, d.OS, d.UserIsLocalAdmin = Tablet, IPadOS, Unknown }},

		{name: "device unseen for 31 days fails naming the date", control: "stale-device", want: Fail,
			change: func(d *Device) { d.LastSeen = testNow.Add(-31 * day) }, evidence: []string{"last_seen = 2026-10-22", "within 30 days"}},
		{name: "device never seen is unknown", control: "stale-device", want: Undetermined,
			change: func(d *Device) { d.LastSeen = time.Time{} }},

		{name: "device no management tool knows fails", control: "unmanaged-device", want: Fail,
			change:   func(d *Device) { d.Managed, d.Sources = false, []string{"entra", "network-scan"} },
			evidence: []string{"managed = no", "entra, network-scan"}},

		{name: "remote access without MFA fails", control: "remote-access-mfa", want: Fail,
			change: func(d *Device) { d.RemoteAccessMFA = No }, evidence: []string{"remote_access_mfa = no"}},
		{name: "no remote access is not applicable", control: "remote-access-mfa", want: NotApplicable,
			change: func(d *Device) { d.RemoteAccess, d.RemoteAccessMFA = No, No }},
		{name: "unknown remote access is unknown", control: "remote-access-mfa", want: Undetermined,
			change: func(d *Device) { d.RemoteAccess = Unknown }},
		{name: "unknown MFA is unknown", control: "remote-access-mfa", want: Undetermined,
			change: func(d *Device) { d.RemoteAccessMFA = Unknown }},

		{name: "primary user on gmail fails", control: "unofficial-domain", want: Fail,
			change: func(d *Device) { d.PrimaryUser = "jsmith1970@gmail.com" }, evidence: []string{"jsmith1970@gmail.com", "ashcombe.gov.uk"}},
		{name: "primary user on an official subdomain passes", control: "unofficial-domain", want: Pass,
			change: func(d *Device) { d.PrimaryUser = "J.Smith@Staff.Ashcombe.gov.uk" }},
		{name: "a down-level logon name is unknown", control: "unofficial-domain", want: Undetermined,
			change: func(d *Device) { d.PrimaryUser = `ASHCOMBE\jsmith` }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := c.settings
			if s.OfficialDomains == nil {
				s.OfficialDomains = ashcombe().OfficialDomains
			}
			now := c.now
			if now.IsZero() {
				now = testNow
			}
			e := evaluator(t, s, now)
			d := goodLaptop()
			c.change(&d)
			r := resultOf(t, e.EvaluateDevice(&d, nil), c.control)
			text := evidenceText(r.Evidence)
			if r.Outcome != c.want {
				t.Fatalf("%s = %s, want %s (%s)", c.control, r.Outcome, c.want, text)
			}
			for _, w := range c.evidence {
				if !strings.Contains(text, w) {
					t.Errorf("evidence %q does not mention %q", text, w)
				}
			}
			if r.Outcome == Fail && len(r.Evidence) == 0 {
				t.Error("a failure without evidence")
			}
			if r.Severity == "" {
				t.Error("no severity")
			}
		})
	}
}

// A device whose sources reported nothing fails only the controls whose
// facts are certain without reports; unknown facts never fail.
func TestUnknownFactsNeverFail(t *testing.T) {
	e := evaluator(t, ashcombe(), testNow)
	d := Device{Name: "bare", Managed: true}
	for _, r := range e.EvaluateDevice(&d, nil) {
		if r.Outcome == Fail {
			t.Errorf("%s failed on unknown facts: %s", r.Control, evidenceText(r.Evidence))
		}
	}
}

func TestDisabledControlsGiveNoResult(t *testing.T) {
	s := ashcombe()
	s.Disabled = map[string]bool{"stale-device": true, "unofficial-domain": true}
	e := evaluator(t, s, testNow)
	d := goodLaptop()
	for _, r := range e.EvaluateDevice(&d, nil) {
		if r.Control == "stale-device" || r.Control == "unofficial-domain" {
			t.Errorf("disabled %s evaluated", r.Control)
		}
	}
	m := Mailbox{Address: "a@gmail.com"}
	if rs := e.EvaluateMailbox(&m, nil); len(rs) != 1 || rs[0].Control != "external-forwarding" {
		t.Errorf("mailbox results %v", rs)
	}
}

func TestNewEvaluatorRefusesBadSettings(t *testing.T) {
	_, err := NewEvaluator(withParam(ashcombe(), "stale-device", "max_days_unseen", "-1"), testNow)
	if err == nil || !strings.Contains(err.Error(), "max_days_unseen") {
		t.Errorf("err = %v", err)
	}
}

func TestMailboxControls(t *testing.T) {
	rule := func(name string, enabled bool, fwd, attach, redirect []string) InboxRule {
		return InboxRule{Name: name, Identity: `ashcombe\jsmith\` + name + "-id", Enabled: enabled,
			ForwardTo: fwd, ForwardAsAttachmentTo: attach, RedirectTo: redirect}
	}
	cases := []struct {
		name     string
		settings Settings
		mailbox  Mailbox
		control  string
		want     Outcome
		evidence []string
		count    int // evidence items, when it matters
	}{
		{name: "rule forwarding to gmail fails naming the rule and target", control: "external-forwarding", want: Fail,
			mailbox: Mailbox{Address: "j.smith@ashcombe.gov.uk",
				Rules: []InboxRule{rule("Send to home", true, []string{"jsmith1970@gmail.com"}, nil, nil)}},
			evidence: []string{`inbox rule "Send to home"`, "Send to home-id", "forward_to = jsmith1970@gmail.com"}, count: 1},
		{name: "forwarding to a subdomain of an official domain passes", control: "external-forwarding", want: Pass,
			mailbox: Mailbox{Address: "j.smith@ashcombe.gov.uk",
				Rules: []InboxRule{rule("To team", true, nil, nil, []string{"team@schools.ashcombe.gov.uk"})}}},
		{name: "a disabled rule does not forward", control: "external-forwarding", want: Pass,
			mailbox: Mailbox{Address: "j.smith@ashcombe.gov.uk",
				Rules: []InboxRule{rule("Old", false, []string{"x@gmail.com"}, nil, nil)}}},
		{name: "Exchange's recipient format is read", control: "external-forwarding", want: Fail,
			mailbox: Mailbox{Address: "j.smith@ashcombe.gov.uk",
				Rules: []InboxRule{rule("Fwd", true, nil, nil, []string{`"Bob" [SMTP:Bob@Hotmail.com]`})}},
			evidence: []string{"redirect_to = bob@hotmail.com"}},
		{name: "one evidence per offending target", control: "external-forwarding", want: Fail,
			mailbox: Mailbox{Address: "j.smith@ashcombe.gov.uk", ForwardingSMTPAddress: "smtp:me@outlook.com",
				Rules: []InboxRule{
					rule("A", true, []string{"a@gmail.com", "colleague@ashcombe.gov.uk"}, []string{"b@yahoo.co.uk"}, nil),
					rule("B", true, nil, nil, []string{"c@proton.me"}),
				}},
			evidence: []string{"forwarding_smtp_address = me@outlook.com", "a@gmail.com", "b@yahoo.co.uk", `inbox rule "B"`, "c@proton.me"}, count: 4},
		{name: "mailbox forwarding says whether a copy is kept", control: "external-forwarding", want: Fail,
			mailbox:  Mailbox{Address: "j.smith@ashcombe.gov.uk", ForwardingSMTPAddress: "me@outlook.com", DeliverToMailboxAndForward: true},
			evidence: []string{"a copy is kept"}},
		{name: "forwarding to a directory recipient is internal", control: "external-forwarding", want: Pass,
			mailbox: Mailbox{Address: "j.smith@ashcombe.gov.uk", ForwardingAddress: "Jane Smith"}},
		{name: "a directory recipient with an outside smtp address is external", control: "external-forwarding", want: Fail,
			mailbox:  Mailbox{Address: "j.smith@ashcombe.gov.uk", ForwardingAddress: `"Jane (home)" [SMTP:jane@gmail.com]`},
			evidence: []string{"forwarding_address = jane@gmail.com"}},
		{name: "an allowed partner domain passes", control: "external-forwarding", want: Pass,
			settings: withParam(ashcombe(), "external-forwarding", "allowed_domains", "nhs.net"),
			mailbox: Mailbox{Address: "j.smith@ashcombe.gov.uk",
				Rules: []InboxRule{rule("To GP", true, []string{"practice@nhs.net"}, nil, nil)}}},
		{name: "an unreadable smtp forwarding address is unknown", control: "external-forwarding", want: Undetermined,
			mailbox: Mailbox{Address: "j.smith@ashcombe.gov.uk", ForwardingSMTPAddress: "smtp:"}},

		{name: "mailbox on an old domain fails", control: "unofficial-domain", want: Fail,
			mailbox: Mailbox{Address: "j.smith@ashcombe-council.org.uk"}, evidence: []string{"j.smith@ashcombe-council.org.uk"}},
		{name: "mailbox on an official subdomain passes", control: "unofficial-domain", want: Pass,
			mailbox: Mailbox{Address: "j.smith@mail.ashcombe.gov.uk"}},
		{name: "an allowed forwarding domain is not an official one", control: "unofficial-domain", want: Fail,
			settings: withParam(ashcombe(), "external-forwarding", "allowed_domains", "nhs.net"),
			mailbox:  Mailbox{Address: "someone@nhs.net"}},
		{name: "mailbox without an address is unknown", control: "unofficial-domain", want: Undetermined},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := c.settings
			if s.OfficialDomains == nil {
				s.OfficialDomains = ashcombe().OfficialDomains
			}
			e := evaluator(t, s, testNow)
			rs := e.EvaluateMailbox(&c.mailbox, nil)
			if len(rs) != 2 {
				t.Errorf("%d results, want 2", len(rs))
			}
			r := resultOf(t, rs, c.control)
			text := evidenceText(r.Evidence)
			if r.Outcome != c.want {
				t.Fatalf("%s = %s, want %s (%s)", c.control, r.Outcome, c.want, text)
			}
			for _, w := range c.evidence {
				if !strings.Contains(text, w) {
					t.Errorf("evidence %q does not mention %q", text, w)
				}
			}
			if c.count > 0 && len(r.Evidence) != c.count {
				t.Errorf("%d evidence items, want %d: %s", len(r.Evidence), c.count, text)
			}
		})
	}
}

func TestOfficial(t *testing.T) {
	e := evaluator(t, Settings{OfficialDomains: []string{"ashcombe.gov.uk", "brentmere.gov.uk"}}, testNow)
	for addr, want := range map[string]bool{
		"a@ashcombe.gov.uk": true, "A@Mail.Brentmere.GOV.UK": true, "ashcombe.gov.uk": true,
		"a@gmail.com": false, "gmail.com": false, "": false, "smtp:x@ashcombe.gov.uk": true,
	} {
		if got := e.Official(addr); got != want {
			t.Errorf("Official(%q) = %v, want %v", addr, got, want)
		}
	}
}

// Shared evidence must not be changed by a caller appending to it.
func TestSharedEvidenceIsSafeToAppendTo(t *testing.T) {
	e := evaluator(t, ashcombe(), testNow)
	d := goodLaptop()
	d.Firewall = No
	r := resultOf(t, e.EvaluateDevice(&d, nil), "firewall")
	_ = append(r.Evidence, Evidence{Field: "x"})
	r2 := resultOf(t, e.EvaluateDevice(&d, nil), "firewall")
	if len(r2.Evidence) != 1 || r2.Evidence[0].Field != "firewall" {
		t.Errorf("evidence changed: %v", r2.Evidence)
	}
}

func TestPassingDeviceAllocatesNothing(t *testing.T) {
	e := evaluator(t, ashcombe(), testNow)
	d := goodLaptop()
	d.PrimaryUser = "J.Smith@Ashcombe.gov.uk" // mixed case must not cost an allocation
	out := make([]Result, 0, 16)
	allocs := testing.AllocsPerRun(100, func() { out = e.EvaluateDevice(&d, out[:0]) })
	if allocs != 0 {
		t.Errorf("%v allocations per passing device", allocs)
	}
}

// Recipients arrive in many shapes (Exchange, Graph, hand-typed CSV); none
// may crash the evaluation, and a failure always says why.
func FuzzEvaluateMailbox(f *testing.F) {
	f.Add("smtp:me@outlook.com", `"Jane" [SMTP:jane@gmail.com]`, "a@ashcombe.gov.uk", "@", true)
	f.Add("", "Jane Smith", `"Bob" [EX:/o=ExchangeLabs/ou=x/cn=bob]`, "smtp:@.", false)
	f.Add("x@y@z", "]]@[[", "a@b.c.ashcombe.gov.uk.", "\xff@\xfe", true)
	e, err := NewEvaluator(ashcombe(), testNow)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, smtp, fwd, target, address string, enabled bool) {
		m := Mailbox{Address: address, ForwardingSMTPAddress: smtp, ForwardingAddress: fwd,
			Rules: []InboxRule{{Name: target, Enabled: enabled, ForwardTo: []string{target}, RedirectTo: []string{smtp, fwd}}}}
		for _, r := range e.EvaluateMailbox(&m, nil) {
			if r.Outcome == Fail && len(r.Evidence) == 0 {
				t.Fatalf("%s failed without evidence for %+v", r.Control, m)
			}
		}
	})
}
